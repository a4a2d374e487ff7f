import { describe, expect, it } from 'vitest';
import { drawText, FONT_CHARACTERS, GLYPH_HEIGHT, GLYPH_WIDTH, glyphRows, textWidth } from './bitmap-font';
import { createRgbCanvas, type RgbCanvas } from './rgb-canvas';

/** '#' where the canvas pixel is white, '.' elsewhere, one string per row. */
function inkRows(canvas: RgbCanvas): string[] {
  const rows: string[] = [];
  for (let y = 0; y < canvas.height; y++) {
    let row = '';
    for (let x = 0; x < canvas.width; x++) row += canvas.data[(y * canvas.width + x) * 3] === 255 ? '#' : '.';
    rows.push(row);
  }
  return rows;
}

describe('bitmap font', () => {
  it('has 5×7 glyphs for digits, ".", "-" and "e", all different', () => {
    expect([...FONT_CHARACTERS].sort()).toEqual([...'-.0123456789e'].sort());
    const seen = new Set<string>();
    for (const char of FONT_CHARACTERS) {
      const rows = glyphRows(char)!;
      expect(rows).toHaveLength(GLYPH_HEIGHT);
      for (const row of rows) expect(row).toMatch(new RegExp(`^[.#]{${GLYPH_WIDTH}}$`));
      expect(rows.join('')).toContain('#');
      seen.add(rows.join('/'));
    }
    expect(seen.size).toBe(FONT_CHARACTERS.length);
    expect(glyphRows('x')).toBeUndefined();
  });

  it('draws glyphs side by side with a blank column, at the given position', () => {
    const canvas = createRgbCanvas(13, 9);
    drawText(canvas, '1-', 1, 1, 1, [255, 255, 255]);
    expect(inkRows(canvas)).toEqual([
      '.............',
      '...#.........',
      '..##.........',
      '...#.........',
      '...#...#####.',
      '...#.........',
      '...#.........',
      '..###........',
      '.............',
    ]);
  });

  it('scales each font pixel to a square and clips at the canvas edge', () => {
    const canvas = createRgbCanvas(8, 14);
    drawText(canvas, '7', -2, 0, 2, [255, 255, 255]);
    const rows = inkRows(canvas);
    // Row 0 of '7' is '#####': at scale 2 from x = -2, columns 0..7 are ink.
    expect(rows[0]).toBe('########');
    expect(rows[1]).toBe('########');
    // Row 1 is '....#': its ink starts at -2 + 8 = 6.
    expect(rows[2]).toBe('......##');
  });

  it('measures text without the trailing blank column', () => {
    expect(textWidth('', 3)).toBe(0);
    expect(textWidth('0', 1)).toBe(5);
    expect(textWidth('-1.5e3', 2)).toBe((6 * 6 - 1) * 2);
  });
});
