/**
 * A copy of packages/engine/src/render/colormaps.ts (the web app talks to the API only and does not bundle the
 * engine), so overlays coloured in the browser match the PNGs the engine renders.
 *
 * Colormaps for attribution heatmaps, each a 256-entry RGB lookup table.
 *
 * - `viridis` (the default) and `inferno` are matplotlib's perceptually uniform maps (van der Walt & Smith, 2015;
 *   CC0). Lightness rises monotonically, so a brighter colour always means a larger value, also in grayscale print
 *   and for most colour-blind readers.
 * - `jet` is kept because users ask for it. It is NOT perceptually uniform: its bright yellow and cyan bands read as
 *   edges that are not in the data, and its lightness is not monotonic. Prefer viridis or inferno for audits.
 *
 * viridis and inferno are stored as every 5th entry of matplotlib's 256-entry tables (`_cm_listed.py`, entries 0, 5,
 * …, 255; 52 control points) and rebuilt by linear interpolation. The tables bend too much for fewer points: 16 evenly
 * spaced ones miss by up to 7/255; every 5th entry stays within 0.75/255 before rounding, and the 8-bit table is
 * within 1.2/255 of matplotlib's float values (at most one step from matplotlib's own 8-bit rounding).
 * jet is matplotlib's piecewise-linear segment data, sampled at i/255 as matplotlib does.
 */
export const COLORMAPS = ['viridis', 'inferno', 'jet'] as const;

export type TColormapName = (typeof COLORMAPS)[number];

export const DEFAULT_COLORMAP: TColormapName = 'viridis';

/** Every 5th entry of matplotlib's `_viridis_data` (RGB in [0, 1]). */
const VIRIDIS_CONTROL_POINTS: readonly (readonly [number, number, number])[] = [
  [0.267004, 0.004874, 0.329415],
  [0.273809, 0.031497, 0.358853],
  [0.278791, 0.062145, 0.386592],
  [0.281924, 0.089666, 0.412415],
  [0.283197, 0.11568, 0.436115],
  [0.282623, 0.140926, 0.457517],
  [0.280255, 0.165693, 0.476498],
  [0.276194, 0.190074, 0.493001],
  [0.270595, 0.214069, 0.507052],
  [0.263663, 0.237631, 0.518762],
  [0.255645, 0.260703, 0.528312],
  [0.246811, 0.283237, 0.535941],
  [0.237441, 0.305202, 0.541921],
  [0.227802, 0.326594, 0.546532],
  [0.21813, 0.347432, 0.550038],
  [0.208623, 0.367752, 0.552675],
  [0.19943, 0.387607, 0.554642],
  [0.190631, 0.407061, 0.556089],
  [0.182256, 0.426184, 0.55712],
  [0.174274, 0.445044, 0.557792],
  [0.166617, 0.463708, 0.558119],
  [0.159194, 0.482237, 0.558073],
  [0.151918, 0.500685, 0.557587],
  [0.144759, 0.519093, 0.556572],
  [0.13777, 0.537492, 0.554906],
  [0.131172, 0.555899, 0.552459],
  [0.125394, 0.574318, 0.549086],
  [0.121148, 0.592739, 0.544641],
  [0.119423, 0.611141, 0.538982],
  [0.12138, 0.629492, 0.531973],
  [0.128087, 0.647749, 0.523491],
  [0.14021, 0.665859, 0.513427],
  [0.157851, 0.683765, 0.501686],
  [0.180653, 0.701402, 0.488189],
  [0.20803, 0.718701, 0.472873],
  [0.239374, 0.735588, 0.455688],
  [0.274149, 0.751988, 0.436601],
  [0.311925, 0.767822, 0.415586],
  [0.35236, 0.783011, 0.392636],
  [0.395174, 0.797475, 0.367757],
  [0.440137, 0.811138, 0.340967],
  [0.487026, 0.823929, 0.312321],
  [0.535621, 0.835785, 0.281908],
  [0.585678, 0.846661, 0.249897],
  [0.636902, 0.856542, 0.21662],
  [0.688944, 0.865448, 0.182725],
  [0.741388, 0.873449, 0.149561],
  [0.79376, 0.880678, 0.120005],
  [0.845561, 0.887322, 0.099702],
  [0.89632, 0.893616, 0.096335],
  [0.945636, 0.899815, 0.112838],
  [0.993248, 0.906157, 0.143936],
];

/** Every 5th entry of matplotlib's `_inferno_data` (RGB in [0, 1]). */
const INFERNO_CONTROL_POINTS: readonly (readonly [number, number, number])[] = [
  [0.001462, 0.000466, 0.013866],
  [0.007676, 0.006136, 0.046836],
  [0.019373, 0.015133, 0.088767],
  [0.037668, 0.025921, 0.132232],
  [0.06134, 0.03659, 0.177642],
  [0.087411, 0.044556, 0.224813],
  [0.116656, 0.047574, 0.272321],
  [0.149073, 0.045468, 0.317085],
  [0.183429, 0.040329, 0.354971],
  [0.217949, 0.036615, 0.383522],
  [0.25162, 0.037705, 0.403378],
  [0.284321, 0.043933, 0.416608],
  [0.316282, 0.05349, 0.425116],
  [0.347771, 0.064616, 0.430217],
  [0.379001, 0.076253, 0.432719],
  [0.410113, 0.087896, 0.433098],
  [0.441207, 0.099338, 0.431594],
  [0.472328, 0.110547, 0.428334],
  [0.503493, 0.121575, 0.423356],
  [0.534683, 0.132534, 0.416667],
  [0.565854, 0.143567, 0.408258],
  [0.59694, 0.154848, 0.398125],
  [0.627847, 0.166575, 0.386276],
  [0.658463, 0.178962, 0.372748],
  [0.688653, 0.192239, 0.357603],
  [0.718264, 0.206636, 0.340931],
  [0.747127, 0.222378, 0.322856],
  [0.775059, 0.239667, 0.303526],
  [0.801871, 0.258674, 0.283099],
  [0.827372, 0.279517, 0.26175],
  [0.851384, 0.30226, 0.239636],
  [0.873741, 0.326906, 0.216886],
  [0.894305, 0.353399, 0.193584],
  [0.912966, 0.381636, 0.169755],
  [0.929644, 0.411479, 0.145367],
  [0.944285, 0.442772, 0.120354],
  [0.956852, 0.475356, 0.094695],
  [0.967322, 0.509078, 0.068659],
  [0.975677, 0.543798, 0.043618],
  [0.981895, 0.579392, 0.02625],
  [0.985952, 0.61575, 0.025592],
  [0.987819, 0.652773, 0.045581],
  [0.987464, 0.690366, 0.07999],
  [0.984865, 0.728427, 0.120785],
  [0.980032, 0.766837, 0.166353],
  [0.973088, 0.805409, 0.216877],
  [0.964394, 0.843848, 0.273391],
  [0.954997, 0.881569, 0.337475],
  [0.947594, 0.917399, 0.410665],
  [0.947937, 0.949318, 0.491426],
  [0.961812, 0.975924, 0.571925],
  [0.988362, 0.998364, 0.644924],
];

/** matplotlib's `_jet_data`: per channel, (x, value) breakpoints joined by straight lines. */
const JET_SEGMENTS: Record<'red' | 'green' | 'blue', readonly (readonly [number, number])[]> = {
  red: [
    [0, 0],
    [0.35, 0],
    [0.66, 1],
    [0.89, 1],
    [1, 0.5],
  ],
  green: [
    [0, 0],
    [0.125, 0],
    [0.375, 1],
    [0.64, 1],
    [0.91, 0],
    [1, 0],
  ],
  blue: [
    [0, 0.5],
    [0.11, 1],
    [0.34, 1],
    [0.65, 0],
    [1, 0],
  ],
};

const LUT_SIZE = 256;

function to8bit(v: number): number {
  return Math.round(Math.min(1, Math.max(0, v)) * 255);
}

/** Entry i of the table is the control points interpolated at i / 255, the points spread evenly from 0 to 1. */
function lutFromControlPoints(points: readonly (readonly [number, number, number])[]): Uint8Array {
  const lut = new Uint8Array(LUT_SIZE * 3);
  const last = points.length - 1;
  for (let i = 0; i < LUT_SIZE; i++) {
    const x = (i / (LUT_SIZE - 1)) * last;
    const k = Math.min(Math.floor(x), last - 1);
    const f = x - k;
    const a = points[k]!;
    const b = points[k + 1]!;
    for (let c = 0; c < 3; c++) lut[i * 3 + c] = to8bit(a[c]! + (b[c]! - a[c]!) * f);
  }
  return lut;
}

function interpolateSegments(segments: readonly (readonly [number, number])[], x: number): number {
  for (let k = 1; k < segments.length; k++) {
    const [x1, y1] = segments[k]!;
    if (x <= x1) {
      const [x0, y0] = segments[k - 1]!;
      return x1 === x0 ? y1 : y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
    }
  }
  return segments[segments.length - 1]![1];
}

function lutFromSegments(segments: typeof JET_SEGMENTS): Uint8Array {
  const lut = new Uint8Array(LUT_SIZE * 3);
  for (let i = 0; i < LUT_SIZE; i++) {
    const x = i / (LUT_SIZE - 1);
    lut[i * 3] = to8bit(interpolateSegments(segments.red, x));
    lut[i * 3 + 1] = to8bit(interpolateSegments(segments.green, x));
    lut[i * 3 + 2] = to8bit(interpolateSegments(segments.blue, x));
  }
  return lut;
}

const LUTS: Record<TColormapName, Uint8Array> = {
  viridis: lutFromControlPoints(VIRIDIS_CONTROL_POINTS),
  inferno: lutFromControlPoints(INFERNO_CONTROL_POINTS),
  jet: lutFromSegments(JET_SEGMENTS),
};

/** Whether a string names one of the colormaps. */
export function isColormapName(value: string): value is TColormapName {
  return (COLORMAPS as readonly string[]).includes(value);
}

/**
 * The 256-entry lookup table of a colormap: 768 bytes, RGB interleaved, entry 0 for the lowest value.
 * A copy: changing it does not change the colormap.
 */
export function colormapLut(name: TColormapName = DEFAULT_COLORMAP): Uint8Array {
  return lookupTable(name).slice();
}

/**
 * The table entry for t in [0, 1]: entry floor(t · 256), clamped to 0..255 (matplotlib's binning, so every entry
 * covers an equal share of [0, 1]). t outside [0, 1] is clamped; NaN gives entry 0.
 */
export function colormapIndex(t: number): number {
  if (!(t > 0)) return 0;
  return Math.min(LUT_SIZE - 1, Math.floor(t * LUT_SIZE));
}

/** The 8-bit [r, g, b] colour of t in [0, 1] (see `colormapIndex` for the binning). */
export function applyColormap(t: number, name: TColormapName = DEFAULT_COLORMAP): [number, number, number] {
  const lut = lookupTable(name);
  const i = colormapIndex(t) * 3;
  return [lut[i]!, lut[i + 1]!, lut[i + 2]!];
}

/** The shared table, for internal hot loops that only read it. */
export function lookupTable(name: TColormapName): Uint8Array {
  const lut = LUTS[name];
  if (lut === undefined) {
    throw new Error(`Unknown colormap "${String(name)}"; expected one of ${COLORMAPS.join(', ')}.`);
  }
  return lut;
}
