/**
 * Explanation load test: N concurrent clients each upload a case and request Grad-CAM on a demo model through the
 * real API over HTTP (own Postgres schema and queue prefix), against 1 and then 2 workers, and wait for the result.
 * Reports requests/s, p50/p95 end-to-end latency, queue wait (job started − created) and the ratio of end-to-end
 * time to the bare engine time for the same work (decode, preprocess and Grad-CAM in-process, measured in the same
 * run). Workers are in-process BullMQ workers, each with its own onnxruntime sessions (a deployment runs them as
 * processes); onnxruntime computes off the event loop, so two of them do overlap on a 2-core machine.
 * Usage: npx tsx bench/load/explain-load.ts [--clients 8] [--requests 32] [--model demo-cxr-resnet18]
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Classifier, decodeImage, explainImage, GradientSessions } from '@lightbox/engine';
import { multipart, signIn, startService } from '../../tests/service/harness';
import { median, percentile, REPO_ROOT, timeOnce } from '../demo-models';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '8' },
    requests: { type: 'string', default: '32' },
    model: { type: 'string', default: 'demo-cxr-resnet18' },
    image: { type: 'string', default: 'samples/case-02-nodule.png' },
  },
});
const clients = Number(values.clients);
const requests = Number(values.requests);
const modelBytes = new Uint8Array(readFileSync(join(REPO_ROOT, 'models', values.model, 'model.onnx')));
const cardJson = readFileSync(join(REPO_ROOT, 'models', values.model, 'card.json'), 'utf8');
const image = new Uint8Array(readFileSync(join(REPO_ROOT, values.image)));

/** The same work without the service: decode, preprocess and Grad-CAM on a warm session, median of 15. */
async function bareEngineMs(): Promise<number> {
  const classifier = await Classifier.load(modelBytes, { card: JSON.parse(cardJson) });
  const sessions = new GradientSessions(classifier);
  const once = async () => {
    const input = classifier.preprocess(await decodeImage(image));
    await explainImage(sessions, input, { method: 'gradcam' });
  };
  for (let i = 0; i < 3; i++) await once();
  const times: number[] = [];
  for (let i = 0; i < 15; i++) times.push(await timeOnce(once));
  await sessions.dispose();
  await classifier.dispose();
  return median(times);
}

async function run(workers: number, bareMs: number): Promise<string> {
  const service = await startService();
  try {
    for (let w = 0; w < workers; w++) await service.startWorker();
    const app = service.test.app;
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const radiologist = await signIn(app, 'radiologist');
    const ml = await signIn(app, 'ml_engineer');
    const reg = multipart([
      { name: 'model', value: modelBytes, filename: 'model.onnx' },
      { name: 'card', value: cardJson },
    ]);
    const registered = await fetch(`${base}/api/models`, {
      method: 'POST',
      headers: { ...reg.headers, ...ml.write },
      body: reg.payload,
    });
    if (registered.status !== 201) throw new Error(`model registration: ${registered.status}`);
    const modelId = ((await registered.json()) as { id: string }).id;

    const latencies: number[] = [];
    const waits: number[] = [];
    let failures = 0;
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (next < requests) {
          next += 1;
          const t0 = performance.now();
          const body = multipart([{ name: 'file', value: image, filename: 'case.png' }]);
          const upload = await fetch(`${base}/api/cases`, {
            method: 'POST',
            headers: { ...body.headers, ...radiologist.write },
            body: body.payload,
          });
          const caseId = ((await upload.json()) as { id: string }).id;
          const requested = await fetch(`${base}/api/cases/${caseId}/explanations`, {
            method: 'POST',
            headers: { ...radiologist.write, 'content-type': 'application/json' },
            body: JSON.stringify({ modelId, methods: ['gradcam'] }),
          });
          const { jobId } = (await requested.json()) as { jobId: string };
          for (;;) {
            const job = (await (await fetch(`${base}/api/jobs/${jobId}`, { headers: radiologist.read })).json()) as {
              state: string;
              explanationId?: string;
              createdAt: string;
              startedAt?: string;
            };
            if (job.state === 'completed' && job.explanationId) {
              latencies.push(performance.now() - t0);
              if (job.startedAt) waits.push(Date.parse(job.startedAt) - Date.parse(job.createdAt));
              break;
            }
            if (job.state === 'failed' || job.state === 'cancelled') {
              failures += 1;
              break;
            }
            await new Promise((resolve) => setTimeout(resolve, 25));
          }
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    waits.sort((a, b) => a - b);
    const p50 = percentile(latencies, 50);
    const cells = [
      String(workers),
      String(clients),
      String(requests),
      (requests / seconds).toFixed(2),
      p50.toFixed(0),
      percentile(latencies, 95).toFixed(0),
      percentile(waits, 50).toFixed(0),
      percentile(waits, 95).toFixed(0),
      bareMs.toFixed(1),
      (p50 / bareMs).toFixed(1),
      ((seconds * 1000 * workers) / requests / bareMs).toFixed(1),
      String(failures),
    ];
    return `| ${cells.join(' | ')} |`;
  } finally {
    await service.close();
  }
}

const bare = await bareEngineMs();
const rows: string[] = [];
for (const workers of [1, 2]) rows.push(await run(workers, bare));
console.log(`## Grad-CAM under load (${values.model}, ${values.image})\n`);
console.log(
  '| workers | clients | requests | req/s | p50 ms | p95 ms | queue wait p50 ms | queue wait p95 ms | bare engine ms | p50 / bare | worker time per job / bare | failed |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const row of rows) console.log(row);
console.log(
  '\np50 / bare: a request end to end (upload, queue, worker, storage, polling) over the engine alone on the same image.',
);
console.log(
  'worker time per job / bare: wall time × workers ÷ requests over the engine alone (the service overhead per job).',
);
