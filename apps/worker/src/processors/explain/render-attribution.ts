import { gzipSync } from 'node:zlib';
import type { DecodedImage, Explanation } from '@lightbox/engine';
import { attributionToHeatmap, renderOverlay } from '@lightbox/engine/render/index';

/** Methods whose values are signed contributions that add up to the change in score. */
const SIGNED = new Set(['integrated-gradients', 'input-x-gradient']);

export type TRenderedAttribution = { rawGzip: Buffer; shape: number[]; png: Buffer };

/**
 * What is stored per method: the raw map as gzip-compressed little-endian float32 with its shape, and the overlay
 * PNG (map over the image, with a colour bar). Signed methods sum channels and use a symmetric colour scale.
 */
export function renderAttribution(image: DecodedImage, result: Explanation): TRenderedAttribution {
  const signed = SIGNED.has(result.method);
  const heatmap = attributionToHeatmap(
    { data: result.map, shape: result.shape },
    { reduction: signed ? 'sum' : 'abs-max' },
  );
  const png = renderOverlay(image, heatmap, { normalization: { mode: signed ? 'symmetric' : 'minmax' } });
  const raw = Buffer.alloc(result.map.length * 4);
  for (let i = 0; i < result.map.length; i++) raw.writeFloatLE(result.map[i]!, i * 4);
  return { rawGzip: gzipSync(raw), shape: [...result.shape], png: Buffer.from(png) };
}
