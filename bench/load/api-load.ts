/**
 * Load test of the service: the real API over HTTP (own Postgres schema and queue prefix) with an in-process worker.
 * Measures latency percentiles and throughput of authenticated reads (each one audited, so this is also the audit
 * chain's append rate), of case uploads, and the end-to-end rate of explanation jobs.
 * Usage: npx tsx bench/load/api-load.ts [--concurrency 20] [--requests 400] [--jobs 10]
 */

import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import {
  GRAY_PNG,
  multipart,
  registerTinyModel,
  signIn,
  startService,
  uploadCase,
  waitForJob,
} from '../../tests/service/harness';
import { percentile } from '../demo-models';

const { values } = parseArgs({
  options: {
    concurrency: { type: 'string', default: '20' },
    requests: { type: 'string', default: '400' },
    jobs: { type: 'string', default: '10' },
  },
});
const concurrency = Number(values.concurrency);
const requests = Number(values.requests);
const jobs = Number(values.jobs);

async function load(name: string, total: number, run: (i: number) => Promise<number>): Promise<string> {
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const t0 = performance.now();
        const status = await run(i);
        latencies.push(performance.now() - t0);
        if (status >= 400) failures += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const f = (v: number) => v.toFixed(1).padStart(7);
  return `| ${name.padEnd(28)} | ${String(total).padStart(5)} | ${(total / seconds).toFixed(1).padStart(7)} | ${f(percentile(latencies, 50))} | ${f(percentile(latencies, 95))} | ${f(percentile(latencies, 99))} | ${String(failures).padStart(4)} |`;
}

const service = await startService();
await service.startWorker();
const app = service.test.app;
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
try {
  const radiologist = await signIn(app, 'radiologist');
  const ml = await signIn(app, 'ml_engineer');
  const model = await registerTinyModel(service, ml);
  const caseId = (await uploadCase(service, radiologist)).json().id as string;
  const rows: string[] = [];
  rows.push(
    await load('GET /api/cases/:id (audited)', requests, async () => {
      const r = await fetch(`${base}/api/cases/${caseId}`, { headers: radiologist.read });
      await r.arrayBuffer();
      return r.status;
    }),
  );
  rows.push(
    await load('GET /api/models', requests, async () => {
      const r = await fetch(`${base}/api/models`, { headers: radiologist.read });
      await r.arrayBuffer();
      return r.status;
    }),
  );
  rows.push(
    await load('POST /api/cases (PNG)', Math.min(requests, 100), async () => {
      const body = multipart([{ name: 'file', value: GRAY_PNG }]);
      const r = await fetch(`${base}/api/cases`, {
        method: 'POST',
        headers: { ...body.headers, ...radiologist.write },
        body: body.payload,
      });
      await r.arrayBuffer();
      return r.status;
    }),
  );
  const caseIds: string[] = [];
  for (let i = 0; i < jobs; i++) caseIds.push((await uploadCase(service, radiologist)).json().id);
  const t0 = performance.now();
  const jobIds = await Promise.all(
    caseIds.map(async (id) => {
      const r = await fetch(`${base}/api/cases/${id}/explanations`, {
        method: 'POST',
        headers: { ...radiologist.write, 'content-type': 'application/json' },
        body: JSON.stringify({ modelId: model.id, methods: ['gradcam', 'saliency'] }),
      });
      return ((await r.json()) as { jobId: string }).jobId;
    }),
  );
  for (const jobId of jobIds) await waitForJob(service, radiologist, jobId, 300_000);
  const jobSeconds = (performance.now() - t0) / 1000;

  console.log(`## API under load (concurrency ${concurrency}, tiny model, one in-process worker)\n`);
  console.log('| request                      | count |   req/s |  p50 ms |  p95 ms |  p99 ms | fail |');
  console.log('|---|---|---|---|---|---|---|');
  for (const row of rows) console.log(row);
  console.log(
    `\nexplanations: ${jobs} jobs (gradcam + saliency) end to end in ${jobSeconds.toFixed(1)} s = ${(jobs / jobSeconds).toFixed(2)} jobs/s`,
  );
  const verify = await fetch(`${base}/api/audit/verify`, { headers: (await signIn(app, 'compliance')).read });
  console.log(`audit chain after the run: ${JSON.stringify(await verify.json())}`);
} finally {
  await service.close();
}
