import { colormapGradient, formatValue } from '../../lib/attribution-heatmap';
import type { TColormapName } from '../../lib/colormaps';

/** The colormap with the raw values at its ends (and 0 in the middle for signed maps). */
export function ColorBar({
  colormap,
  low,
  high,
  signed,
}: {
  colormap: TColormapName;
  low: number;
  high: number;
  signed: boolean;
}) {
  return (
    <figure
      className="flex items-stretch gap-2"
      aria-label={`Colour scale from ${formatValue(low)} to ${formatValue(high)}`}
    >
      <div className="h-32 w-4 rounded border border-slate-400" style={{ background: colormapGradient(colormap) }} />
      <figcaption className="flex flex-col justify-between text-xs text-slate-800" data-testid="color-bar-range">
        <span>{formatValue(high)}</span>
        {signed && <span>0</span>}
        <span>{formatValue(low)}</span>
      </figcaption>
    </figure>
  );
}

/** A horizontal colour bar for a comparison panel's caption. */
export function ColorBarInline({ colormap, low, high }: { colormap: TColormapName; low: number; high: number }) {
  return (
    <span className="flex items-center gap-1 text-xs font-normal text-slate-800">
      {formatValue(low)}
      <span
        aria-hidden="true"
        className="inline-block h-3 w-24 rounded border border-slate-400"
        style={{ background: colormapGradient(colormap, 'to right') }}
      />
      {formatValue(high)}
    </span>
  );
}
