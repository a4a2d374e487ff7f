import { LightboxError } from '@lightbox/contracts';
import type { DecodedImage } from '../image/decoded-image';
import { resizeBilinear } from '../preprocess/resize-bilinear';
import type { Heatmap } from './attribution-to-heatmap';
import { colormapIndex, DEFAULT_COLORMAP, lookupTable, type TColormapName } from './colormaps';
import { colorBarLayout, drawColorBar, MIN_COLOR_BAR_HEIGHT } from './draw-color-bar';
import { encodeRgbPng } from './encode-png';
import { type NormalizeMapOptions, normalizeMap } from './normalize-map';
import { createRgbCanvas, type RgbCanvas } from './rgb-canvas';

export interface RenderOverlayOptions {
  /** Default viridis. */
  readonly colormap?: TColormapName;
  /** Weight of the map colour in the blend, 0 (image only) to 1 (map only). Default 0.5. */
  readonly opacity?: number;
  /** How the raw map is brought to [0, 1]. Default `{ mode: 'minmax' }`. */
  readonly normalization?: NormalizeMapOptions;
  /**
   * Hides the map (shows the bare image) where its normalised value is below this, in [0, 1]. In `symmetric` mode it
   * applies to the distance from zero attribution, |2v − 1|, so small values of either sign are hidden. Default 0.
   */
  readonly threshold?: number;
  /** Adds the colour bar on the right. Default true. */
  readonly colorBar?: boolean;
  /** The values written at the bottom and top of the colour bar. Default: the normalisation's low and high. */
  readonly range?: { readonly low: number; readonly high: number };
}

export const DEFAULT_OPACITY = 0.5;

/** Images shorter than this are scaled up by an integer factor (nearest neighbour) when a colour bar is drawn. */
export const MIN_OVERLAY_HEIGHT = MIN_COLOR_BAR_HEIGHT;

/**
 * Renders an attribution map over the image it explains, as PNG bytes (8-bit RGB).
 *
 * The map is normalised (`normalizeMap`), upsampled to the image size with `resizeBilinear` — stretched on each axis
 * independently, since a map in model-input space comes from the image resized to the model's input without keeping
 * its aspect ratio — coloured with the colormap, and alpha-blended over the image (grayscale shown as gray) with
 * `opacity`. Pixels under `threshold` show the bare image.
 *
 * With `colorBar` (the default) a panel with the colour bar and its labels is added on the right: the PNG is the
 * image width plus `colorBarLayout(height).width` wide. Images shorter than 128 pixels are first scaled up by the
 * smallest integer factor that reaches 128, with nearest neighbour so no pixel is invented. Without the colour bar
 * the PNG has exactly the image's size.
 */
export function renderOverlay(image: DecodedImage, map: Heatmap, options: RenderOverlayOptions = {}): Uint8Array {
  checkImage(image);
  checkMap(map);
  const colormap = options.colormap ?? DEFAULT_COLORMAP;
  const lut = lookupTable(colormap);
  const opacity = checkUnit('opacity', options.opacity ?? DEFAULT_OPACITY);
  const threshold = checkUnit('threshold', options.threshold ?? 0);
  const showColorBar = options.colorBar ?? true;

  const normalized = normalizeMap(map.data, options.normalization);
  const symmetric = options.normalization?.mode === 'symmetric';
  const range = options.range ?? { low: normalized.low, high: normalized.high };
  if (!Number.isFinite(range.low) || !Number.isFinite(range.high) || range.low > range.high) {
    throw new LightboxError(
      'INVALID_ARGUMENT',
      `renderOverlay: range is [${range.low}, ${range.high}]; expected finite numbers with low <= high.`,
    );
  }

  const { width, height, channels, data } = image;
  const values = resizeBilinear(normalized.values, 1, map.height, map.width, height, width);
  const overlay = createRgbCanvas(width, height);
  for (let p = 0; p < width * height; p++) {
    const t = values[p]!;
    const visible = (symmetric ? Math.abs(2 * t - 1) : t) >= threshold && opacity > 0;
    const ci = colormapIndex(t) * 3;
    for (let c = 0; c < 3; c++) {
      const sample = data[p * channels + (channels === 3 ? c : 0)]!;
      const base = Number.isFinite(sample) ? Math.min(1, Math.max(0, sample)) * 255 : 0;
      overlay.data[p * 3 + c] = Math.round(visible ? (1 - opacity) * base + opacity * lut[ci + c]! : base);
    }
  }

  if (!showColorBar) return encodeRgbPng(overlay.data, width, height, 3);

  const factor = Math.ceil(MIN_OVERLAY_HEIGHT / Math.min(height, MIN_OVERLAY_HEIGHT));
  const outHeight = height * factor;
  const layout = colorBarLayout(outHeight);
  const out = createRgbCanvas(width * factor + layout.width, outHeight);
  copyScaled(overlay, out, factor);
  drawColorBar(out, width * factor, { colormap, low: range.low, high: range.high });
  return encodeRgbPng(out.data, out.width, out.height, 3);
}

/** Copies `src` into the top-left of `dst`, each pixel as a `factor`×`factor` block. */
function copyScaled(src: RgbCanvas, dst: RgbCanvas, factor: number): void {
  for (let y = 0; y < src.height * factor; y++) {
    const sy = Math.floor(y / factor);
    for (let x = 0; x < src.width * factor; x++) {
      const si = (sy * src.width + Math.floor(x / factor)) * 3;
      const di = (y * dst.width + x) * 3;
      dst.data[di] = src.data[si]!;
      dst.data[di + 1] = src.data[si + 1]!;
      dst.data[di + 2] = src.data[si + 2]!;
    }
  }
}

function checkUnit(name: string, value: number): number {
  if (!(value >= 0 && value <= 1)) {
    throw new LightboxError('INVALID_ARGUMENT', `renderOverlay: ${name} is ${value}; expected a number in [0, 1].`, {
      details: { [name]: value },
    });
  }
  return value;
}

function checkImage(image: DecodedImage): void {
  const { width, height, channels, data } = image;
  const sizeOk = Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0;
  if (!sizeOk || (channels !== 1 && channels !== 3) || data.length !== width * height * channels) {
    throw new LightboxError(
      'INVALID_ARGUMENT',
      `renderOverlay: image is ${width}×${height}×${channels} with ${data.length} values; expected positive sizes, 1 or 3 channels and width × height × channels values.`,
    );
  }
}

function checkMap(map: Heatmap): void {
  const { width, height, data } = map;
  const sizeOk = Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0;
  if (!sizeOk || data.length !== width * height) {
    throw new LightboxError(
      'INVALID_ARGUMENT',
      `renderOverlay: map is ${width}×${height} with ${data.length} values; expected positive sizes and width × height values.`,
    );
  }
}
