import { fillRect, type RgbCanvas, type TRgb } from './rgb-canvas';

/**
 * A 5×7 bitmap font with just what tick labels need: digits, '.', '-' and 'e' (as in 1.5e-3).
 * Glyphs are monospaced with one blank column between them, and drawn at an integer scale.
 */
export const GLYPH_WIDTH = 5;
export const GLYPH_HEIGHT = 7;
/** Horizontal distance from one glyph to the next, in font pixels. */
export const GLYPH_ADVANCE = GLYPH_WIDTH + 1;

const GLYPHS: Record<string, readonly string[]> = {
  '0': ['.###.', '#...#', '#..##', '#.#.#', '##..#', '#...#', '.###.'],
  '1': ['..#..', '.##..', '..#..', '..#..', '..#..', '..#..', '.###.'],
  '2': ['.###.', '#...#', '....#', '...#.', '..#..', '.#...', '#####'],
  '3': ['#####', '...#.', '..#..', '...#.', '....#', '#...#', '.###.'],
  '4': ['...#.', '..##.', '.#.#.', '#..#.', '#####', '...#.', '...#.'],
  '5': ['#####', '#....', '####.', '....#', '....#', '#...#', '.###.'],
  '6': ['..##.', '.#...', '#....', '####.', '#...#', '#...#', '.###.'],
  '7': ['#####', '....#', '...#.', '..#..', '.#...', '.#...', '.#...'],
  '8': ['.###.', '#...#', '#...#', '.###.', '#...#', '#...#', '.###.'],
  '9': ['.###.', '#...#', '#...#', '.####', '....#', '...#.', '.##..'],
  '.': ['.....', '.....', '.....', '.....', '.....', '.##..', '.##..'],
  '-': ['.....', '.....', '.....', '#####', '.....', '.....', '.....'],
  e: ['.....', '.....', '.###.', '#...#', '#####', '#....', '.###.'],
};

/** The characters the font can draw. */
export const FONT_CHARACTERS: readonly string[] = Object.keys(GLYPHS);

/** The 7 rows of 5 cells of a character ('#' = ink), or undefined when the font lacks it. */
export function glyphRows(char: string): readonly string[] | undefined {
  return GLYPHS[char];
}

/** Width in pixels of `text` drawn at `scale` (no trailing blank column). */
export function textWidth(text: string, scale: number): number {
  return text.length === 0 ? 0 : (text.length * GLYPH_ADVANCE - 1) * scale;
}

/**
 * Draws `text` with its top-left corner at (x, y), each font pixel a `scale`×`scale` square of `color`.
 * Characters the font lacks are left blank (they still take their width); drawing is clipped to the canvas.
 */
export function drawText(canvas: RgbCanvas, text: string, x: number, y: number, scale: number, color: TRgb): void {
  let cx = x;
  for (const char of text) {
    const rows = GLYPHS[char];
    if (rows !== undefined) {
      for (let gy = 0; gy < GLYPH_HEIGHT; gy++) {
        const row = rows[gy]!;
        for (let gx = 0; gx < GLYPH_WIDTH; gx++) {
          if (row[gx] === '#') fillRect(canvas, cx + gx * scale, y + gy * scale, scale, scale, color);
        }
      }
    }
    cx += GLYPH_ADVANCE * scale;
  }
}
