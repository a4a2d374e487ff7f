import { LightboxError } from '@lightbox/contracts';
import { drawText, GLYPH_ADVANCE, GLYPH_HEIGHT } from './bitmap-font';
import { colormapIndex, lookupTable, type TColormapName } from './colormaps';
import { formatTickLabel, MAX_TICK_LABEL_CHARS } from './format-tick-label';
import { fillRect, type RgbCanvas, type TRgb } from './rgb-canvas';

/** The shortest panel the bar and its three labels fit in at scale 1. */
export const MIN_COLOR_BAR_HEIGHT = 128;

const BACKGROUND: TRgb = [0, 0, 0];
const BORDER: TRgb = [200, 200, 200];
const INK: TRgb = [255, 255, 255];

/**
 * Where things go in a colour-bar panel of a given height, in pixels from the panel's top-left corner.
 * Everything is measured in units of `scale` = floor(height / 256) (at least 1), so the labels stay readable
 * on a 2048-pixel radiograph. Left to right: margin 4, border 1, strip 12, border 1, tick 2, gap 3 (so a tick does
 * not read as a minus sign), labels (7 characters of 6, less the last blank column), margin 4: 68 in all.
 */
export interface ColorBarLayout {
  readonly scale: number;
  /** Width of the whole panel. */
  readonly width: number;
  /** First column of the coloured strip (inside the border). */
  readonly stripX: number;
  readonly stripWidth: number;
  /** Row of the strip showing the top of the range (t = 1). */
  readonly top: number;
  /** Row of the strip showing the bottom of the range (t = 0); rows in between are linear in t. */
  readonly bottom: number;
  /** First column of the labels. */
  readonly labelX: number;
}

export function colorBarLayout(height: number): ColorBarLayout {
  if (!Number.isInteger(height) || height < MIN_COLOR_BAR_HEIGHT) {
    throw new LightboxError(
      'INVALID_ARGUMENT',
      `colorBarLayout: height is ${height}; expected an integer of at least ${MIN_COLOR_BAR_HEIGHT}.`,
    );
  }
  const s = Math.max(1, Math.floor(height / 256));
  const stripX = 5 * s;
  const stripWidth = 12 * s;
  const labelX = stripX + stripWidth + 6 * s;
  const labelWidth = (MAX_TICK_LABEL_CHARS * GLYPH_ADVANCE - 1) * s;
  // Half a label above the top row and below the bottom row, plus a margin.
  const top = 8 * s;
  return { scale: s, width: labelX + labelWidth + 4 * s, stripX, stripWidth, top, bottom: height - 1 - top, labelX };
}

export interface DrawColorBarOptions {
  readonly colormap: TColormapName;
  /** The value at the bottom of the bar. */
  readonly low: number;
  /** The value at the top of the bar. */
  readonly high: number;
}

/**
 * Draws a vertical colour bar filling columns [left, left + layout.width) of the canvas, all rows: a strip of the
 * colormap from `low` (bottom) to `high` (top) in a light border, ticks, and the values at top, middle and bottom
 * in the bitmap font, on black.
 */
export function drawColorBar(canvas: RgbCanvas, left: number, options: DrawColorBarOptions): ColorBarLayout {
  const layout = colorBarLayout(canvas.height);
  const { scale: s, stripX, stripWidth, top, bottom, labelX } = layout;
  const lut = lookupTable(options.colormap);
  fillRect(canvas, left, 0, layout.width, canvas.height, BACKGROUND);
  fillRect(canvas, left + stripX - s, top - s, stripWidth + 2 * s, bottom - top + 1 + 2 * s, BORDER);
  for (let y = top; y <= bottom; y++) {
    const i = colormapIndex((bottom - y) / (bottom - top)) * 3;
    fillRect(canvas, left + stripX, y, stripWidth, 1, [lut[i]!, lut[i + 1]!, lut[i + 2]!]);
  }
  const middle = Math.round((top + bottom) / 2);
  const ticks: [number, number][] = [
    [top, options.high],
    [middle, options.low / 2 + options.high / 2],
    [bottom, options.low],
  ];
  for (const [y, value] of ticks) {
    const rowTop = y - Math.floor(s / 2);
    fillRect(canvas, left + stripX + stripWidth + s, rowTop, 2 * s, s, INK);
    const textTop = y - Math.floor((GLYPH_HEIGHT * s) / 2);
    drawText(canvas, formatTickLabel(value), left + labelX, textTop, s, INK);
  }
  return layout;
}
