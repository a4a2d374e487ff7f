import { listLayers } from '@lightbox/engine';
import type { CliConfig } from '../cli-env';
import { loadModelFromFiles } from '../load-model-from-files';
import { parseCommandArgs, requireOption } from '../parse-command-args';

export const LAYERS_USAGE = 'lightbox layers --model <file.onnx> [--card <card.json>] [--json]';

/** Lists candidate target layers: tensor names and shapes, spatial ones first, the default CAM layer marked with *. */
export async function layersCommand(argv: string[], config: CliConfig): Promise<number> {
  const { values } = parseCommandArgs(
    argv,
    { model: { type: 'string' }, card: { type: 'string' }, json: { type: 'boolean' } },
    LAYERS_USAGE,
  );
  const model = await loadModelFromFiles(
    requireOption(values.model, '--model', LAYERS_USAGE),
    values.card,
    config.runtime,
  );
  try {
    const layers = await listLayers(model);
    if (values.json) {
      for (const l of layers) {
        process.stdout.write(
          `${JSON.stringify({ name: l.name, shape: l.dims, op: l.opType, spatial: l.spatial, default: l.isDefaultCamLayer })}\n`,
        );
      }
      return 0;
    }
    const width = Math.max(...layers.map((l) => l.name.length), 6);
    process.stdout.write(`  ${'tensor'.padEnd(width)}  ${'shape'.padEnd(20)}  op\n`);
    for (const l of layers) {
      const mark = l.isDefaultCamLayer ? '*' : ' ';
      process.stdout.write(
        `${mark} ${l.name.padEnd(width)}  ${`[${l.dims.join(', ')}]`.padEnd(20)}  ${l.opType}${l.spatial ? '' : '  (not spatial)'}\n`,
      );
    }
    process.stdout.write('\n* default CAM layer (last 4-D activation with spatial size above 1)\n');
    return 0;
  } finally {
    await model.dispose();
  }
}
