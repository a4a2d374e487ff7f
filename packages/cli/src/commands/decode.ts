import { writeFile } from 'node:fs/promises';
import { LightboxError } from '@lightbox/contracts';
import { decodeImage, encodeFloatPng, encodeNpy } from '@lightbox/engine';
import type { CliConfig } from '../cli-env';
import { parseCommandArgs, requireOption } from '../parse-command-args';
import { readInputFile } from '../read-input-file';

export const DECODE_USAGE = 'lightbox decode <image> --out <file.npy|file.png> [--window C,W] [--json]';

function parseWindow(text: string | undefined): { center: number; width: number } | undefined {
  if (text === undefined) return undefined;
  const parts = text.split(',').map((s) => Number(s.trim()));
  const [center, width] = parts;
  if (parts.length !== 2 || !Number.isFinite(center) || !Number.isFinite(width) || width! < 1) {
    throw new LightboxError(
      'INVALID_ARGUMENT',
      `--window takes "center,width" with width >= 1, e.g. --window 40,400; got "${text}"`,
    );
  }
  return { center: center!, width: width! };
}

/**
 * Writes the decoded intensities (after DICOM LUTs, window and inversion; before resizing and normalisation):
 * float32 NPY [H, W] or [H, W, 3] in [0, 1], or an 8-bit PNG.
 */
export async function decodeCommand(argv: string[], config: CliConfig): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    { out: { type: 'string' }, window: { type: 'string' }, json: { type: 'boolean' } },
    DECODE_USAGE,
  );
  const out = requireOption(values.out, '--out', DECODE_USAGE);
  if (positionals.length !== 1)
    throw new LightboxError('INVALID_ARGUMENT', `give exactly one image\nusage: ${DECODE_USAGE}`);
  const kind = /\.npy$/i.test(out) ? 'npy' : /\.png$/i.test(out) ? 'png' : undefined;
  if (!kind) throw new LightboxError('INVALID_ARGUMENT', `--out must end in .npy or .png; got "${out}"`);
  const window = parseWindow(values.window);
  const image = await decodeImage(await readInputFile(positionals[0]!, 'image'), {
    maxPixels: config.maxPixels,
    ...(window ? { window } : {}),
  });
  const bytes =
    kind === 'npy'
      ? encodeNpy(image.data, image.channels === 1 ? [image.height, image.width] : [image.height, image.width, 3])
      : encodeFloatPng(image.data, image.width, image.height, image.channels);
  await writeFile(out, bytes);
  const summary = {
    image: positionals[0],
    out,
    width: image.width,
    height: image.height,
    channels: image.channels,
    info: image.info,
  };
  if (values.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  else process.stderr.write(`wrote ${out} (${image.width}×${image.height}${image.channels === 3 ? ' RGB' : ''})\n`);
  return 0;
}
