import type { TExplanationDto } from '@lightbox/contracts';
import { methodName } from '../../lib/attribution-methods';

function show(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toPrecision(4);
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** One map's parameters, layer, timings and warnings. */
export function MapDetails({ map }: { map: TExplanationDto['methods'][number] }) {
  const parameters = Object.entries(map.parameters);
  const gap = map.extras.completenessGap ?? map.extras.completeness_gap;
  return (
    <section
      className="flex flex-col gap-1 text-sm"
      aria-label={`${methodName(map.method)} details`}
      data-testid="map-details"
    >
      <h3 className="font-semibold">{methodName(map.method)}: how it was computed</h3>
      {map.warnings.length > 0 && (
        <ul className="flex flex-col gap-1" data-testid="map-warnings">
          {map.warnings.map((warning) => (
            <li key={warning} role="note" className="rounded border border-amber-400 bg-amber-50 p-2 text-amber-900">
              ⚠ {warning}
            </li>
          ))}
        </ul>
      )}
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5">
        {map.layer && (
          <>
            <dt className="text-slate-700">layer</dt>
            <dd className="break-all font-mono text-xs">{map.layer}</dd>
          </>
        )}
        {parameters.map(([key, value]) => (
          <div key={key} className="contents">
            <dt className="text-slate-700">{key}</dt>
            <dd className="break-all font-mono text-xs">{show(value)}</dd>
          </div>
        ))}
        {gap !== undefined && (
          <>
            <dt className="text-slate-700">completeness gap</dt>
            <dd className="font-mono text-xs">{show(gap)}</dd>
          </>
        )}
        {map.timings.computeMs !== undefined && (
          <>
            <dt className="text-slate-700">compute time</dt>
            <dd className="font-mono text-xs">{Math.round(map.timings.computeMs)} ms</dd>
          </>
        )}
        <dt className="text-slate-700">map size</dt>
        <dd className="font-mono text-xs">{map.shape.join('×')}</dd>
      </dl>
    </section>
  );
}
