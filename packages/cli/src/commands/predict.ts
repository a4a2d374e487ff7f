import { LightboxError } from '@lightbox/contracts';
import { decodeImage } from '@lightbox/engine';
import type { CliConfig } from '../cli-env';
import { loadModelFromFiles } from '../load-model-from-files';
import { parseCommandArgs, requireOption } from '../parse-command-args';
import { readInputFile } from '../read-input-file';

export const PREDICT_USAGE = 'lightbox predict --model <file.onnx> [--card <card.json>] <image>...';
const BATCH = 16;

/**
 * Prints one JSON object per image: {image, model: {name, version, sha256}, labels, scores, activation, …}.
 * An image that cannot be read is reported on stderr and the others still run; the exit code is then 1.
 */
export async function predictCommand(argv: string[], config: CliConfig): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    { model: { type: 'string' }, card: { type: 'string' } },
    PREDICT_USAGE,
  );
  const modelPath = requireOption(values.model, '--model', PREDICT_USAGE);
  if (positionals.length === 0) throw new LightboxError('INVALID_ARGUMENT', `no image given\nusage: ${PREDICT_USAGE}`);
  const model = await loadModelFromFiles(modelPath, values.card, config.runtime);
  let failures = 0;
  try {
    for (let start = 0; start < positionals.length; start += BATCH) {
      const ready: { path: string; input: Float32Array }[] = [];
      for (const path of positionals.slice(start, start + BATCH)) {
        try {
          const image = await decodeImage(await readInputFile(path, 'image'), { maxPixels: config.maxPixels });
          ready.push({ path, input: model.preprocess(image) });
        } catch (e) {
          if (!LightboxError.is(e)) throw e;
          failures++;
          process.stderr.write(`error: ${path}: ${e.message}\n`);
        }
      }
      const predictions = await model.predict(ready.map((r) => r.input));
      ready.forEach((r, i) => {
        const p = predictions[i]!;
        const row = {
          image: r.path,
          model: { name: model.card.name, version: model.card.version, sha256: model.sha256 },
          labels: model.card.labels,
          scores: p.scores,
          activation: model.card.output.activation,
          temperature: model.card.calibration?.temperature ?? 1,
          logits: p.logits,
        };
        process.stdout.write(`${JSON.stringify(row)}\n`);
      });
    }
  } finally {
    await model.dispose();
  }
  return failures > 0 ? 1 : 0;
}
