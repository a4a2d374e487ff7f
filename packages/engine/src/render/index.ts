export * from './attribution-to-heatmap';
export {
  applyColormap,
  COLORMAPS,
  colormapIndex,
  colormapLut,
  DEFAULT_COLORMAP,
  isColormapName,
  type TColormapName,
} from './colormaps';
export { type ColorBarLayout, colorBarLayout, MIN_COLOR_BAR_HEIGHT } from './draw-color-bar';
export * from './encode-png';
export { formatTickLabel, MAX_TICK_LABEL_CHARS } from './format-tick-label';
export * from './normalize-map';
export * from './render-attribution-overlay';
export * from './render-overlay';
