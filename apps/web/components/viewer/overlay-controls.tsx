'use client';

import type { TExplanationDto } from '@lightbox/contracts';
import { useId } from 'react';
import type { TNormalizedHeatmap, TOverlayStyle } from '../../lib/attribution-heatmap';
import { methodName } from '../../lib/attribution-methods';
import { COLORMAPS, type TColormapName } from '../../lib/colormaps';
import { ColorBar } from './color-bar';

type TProps = {
  maps: TExplanationDto['methods'];
  activeMapId: string | null;
  onActiveMap: (id: string) => void;
  style: TOverlayStyle;
  onStyle: (style: TOverlayStyle) => void;
  visible: boolean;
  onVisible: (visible: boolean) => void;
  heatmap: TNormalizedHeatmap | null;
  compare: boolean;
  onCompare: (compare: boolean) => void;
  compareIds: string[];
  onCompareIds: (ids: string[]) => void;
};

/** Method, opacity, colormap, threshold, show/hide, colour bar, and the side-by-side comparison choice. */
export function OverlayControls(props: TProps) {
  const id = useId();
  const { style, onStyle } = props;
  return (
    <section aria-labelledby={`${id}-title`} className="flex flex-col gap-2 text-sm" data-testid="overlay-controls">
      <h2 id={`${id}-title`} className="text-lg font-semibold">
        Attribution overlay
      </h2>
      <label className="flex items-center gap-2">
        <input type="checkbox" checked={props.visible} onChange={(event) => props.onVisible(event.target.checked)} />
        Show the overlay
      </label>
      {!props.compare && (
        <label className="flex flex-col gap-1 font-medium">
          Method
          <select
            value={props.activeMapId ?? ''}
            onChange={(event) => props.onActiveMap(event.target.value)}
            className="rounded border border-slate-500 px-2 py-1 font-normal"
            data-testid="method-select"
          >
            {props.maps.map((map) => (
              <option key={map.id} value={map.id}>
                {methodName(map.method)}
                {map.warnings.length ? ' ⚠' : ''}
              </option>
            ))}
          </select>
        </label>
      )}
      <div className="flex gap-4">
        <div className="flex flex-1 flex-col gap-2">
          <label className="flex flex-col gap-1 font-medium">
            Opacity: {Math.round(style.opacity * 100)}%
            <input
              type="range"
              min={0}
              max={1}
              step={0.05}
              value={style.opacity}
              onChange={(event) => onStyle({ ...style, opacity: Number(event.target.value) })}
              data-testid="opacity-slider"
            />
          </label>
          <label className="flex flex-col gap-1 font-medium">
            Threshold: hide below {Math.round(style.threshold * 100)}%
            <input
              type="range"
              min={0}
              max={0.95}
              step={0.05}
              value={style.threshold}
              onChange={(event) => onStyle({ ...style, threshold: Number(event.target.value) })}
              data-testid="threshold-slider"
            />
          </label>
          <label className="flex flex-col gap-1 font-medium">
            Colormap
            <select
              value={style.colormap}
              onChange={(event) => onStyle({ ...style, colormap: event.target.value as TColormapName })}
              className="rounded border border-slate-500 px-2 py-1 font-normal"
              data-testid="colormap-select"
            >
              {COLORMAPS.map((name) => (
                <option key={name} value={name}>
                  {name}
                  {name === 'jet' ? ' (not perceptually uniform)' : ''}
                </option>
              ))}
            </select>
          </label>
        </div>
        {props.heatmap && (
          <ColorBar
            colormap={style.colormap}
            low={props.heatmap.low}
            high={props.heatmap.high}
            signed={props.heatmap.signed}
          />
        )}
      </div>
      {props.maps.length >= 2 && (
        <fieldset className="flex flex-col gap-1 rounded border border-slate-300 p-2">
          <legend className="px-1 font-medium">Compare side by side (2–4)</legend>
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              checked={props.compare}
              onChange={(event) => props.onCompare(event.target.checked)}
              data-testid="compare-toggle"
            />
            Compare methods (zoom and pan stay in sync)
          </label>
          {props.maps.map((map) => {
            const checked = props.compareIds.includes(map.id);
            const disabled = !checked && props.compareIds.length >= 4;
            return (
              <label key={map.id} className={`flex items-center gap-2 ${disabled ? 'opacity-60' : ''}`}>
                <input
                  type="checkbox"
                  checked={checked}
                  disabled={disabled || (checked && props.compareIds.length <= 2)}
                  onChange={(event) =>
                    props.onCompareIds(
                      event.target.checked
                        ? [...props.compareIds, map.id]
                        : props.compareIds.filter((entry) => entry !== map.id),
                    )
                  }
                />
                {methodName(map.method)}
              </label>
            );
          })}
        </fieldset>
      )}
    </section>
  );
}
