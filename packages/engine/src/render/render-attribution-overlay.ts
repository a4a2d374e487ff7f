import type { DecodedImage } from '../image/decoded-image';
import { attributionToHeatmap, type TChannelReduction } from './attribution-to-heatmap';
import type { TColormapName } from './colormaps';
import type { NormalizeMapOptions } from './normalize-map';
import { renderOverlay } from './render-overlay';

/** Methods whose maps are signed contributions (they sum to the change in the logit): shown symmetric around 0. */
const SIGNED_METHODS = new Set(['integrated-gradients', 'input-x-gradient']);

/** How a method's raw map is turned into a heatmap: channel reduction and normalisation, by method. */
export function heatmapStyle(
  method: string,
  kind: 'cam' | 'input',
): { reduction: TChannelReduction; normalization: NormalizeMapOptions } {
  if (kind === 'cam') return { reduction: 'sum', normalization: { mode: 'minmax' } };
  if (SIGNED_METHODS.has(method)) return { reduction: 'sum', normalization: { mode: 'symmetric', percentile: 99 } };
  return { reduction: 'abs-max', normalization: { mode: 'percentile', percentile: 99 } };
}

/**
 * The overlay PNG for one explanation: the method's raw map reduced to 2-D, upsampled to the original image,
 * normalised in the way that suits the method, coloured and blended, with a colour bar.
 */
export function renderAttributionOverlay(
  image: DecodedImage,
  explanation: { method: string; kind: 'cam' | 'input'; map: Float32Array; shape: readonly number[] },
  options: { colormap?: TColormapName; opacity?: number; threshold?: number; colorBar?: boolean } = {},
): Uint8Array {
  const style = heatmapStyle(explanation.method, explanation.kind);
  const heatmap = attributionToHeatmap(
    { data: explanation.map, shape: explanation.shape },
    { reduction: style.reduction },
  );
  return renderOverlay(image, heatmap, { ...options, normalization: style.normalization });
}
