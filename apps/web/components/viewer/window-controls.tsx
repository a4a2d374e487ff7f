'use client';

import { useEffect, useState } from 'react';

export type TWindow = { center: number; width: number };

type TProps = {
  fileWindow: TWindow | null;
  window: TWindow | null;
  onChange: (window: TWindow | null) => void;
};

/** DICOM window/level: presets and exact values (dragging on the image in "Window/level" mode does the same). */
export function WindowControls({ fileWindow, window, onChange }: TProps) {
  const shown = window ?? fileWindow;
  const [center, setCenter] = useState(shown ? String(shown.center) : '');
  const [width, setWidth] = useState(shown ? String(shown.width) : '');
  useEffect(() => {
    if (shown) {
      setCenter(String(Math.round(shown.center * 100) / 100));
      setWidth(String(Math.round(shown.width * 100) / 100));
    }
  }, [shown]);

  const presets: Array<{ name: string; value: TWindow | null }> = [{ name: 'File window', value: null }];
  if (fileWindow) {
    presets.push(
      { name: 'More contrast', value: { center: fileWindow.center, width: fileWindow.width / 2 } },
      { name: 'Less contrast', value: { center: fileWindow.center, width: fileWindow.width * 2 } },
    );
  }
  presets.push(
    { name: 'Lung (−600/1500)', value: { center: -600, width: 1500 } },
    { name: 'Bone (300/1500)', value: { center: 300, width: 1500 } },
    { name: 'Soft tissue (40/400)', value: { center: 40, width: 400 } },
  );

  const apply = () => {
    const c = Number(center);
    const w = Number(width);
    if (Number.isFinite(c) && Number.isFinite(w) && w > 0) onChange({ center: c, width: w });
  };

  return (
    <fieldset className="flex flex-wrap items-end gap-2 text-sm" data-testid="window-controls">
      <legend className="font-medium">Window / level</legend>
      <label className="flex flex-col">
        Preset
        <select
          className="rounded border border-slate-500 px-1 py-1"
          value=""
          onChange={(event) => {
            const preset = presets[Number(event.target.value)];
            if (preset) onChange(preset.value);
          }}
        >
          <option value="">Choose…</option>
          {presets.map((preset, index) => (
            <option key={preset.name} value={index}>
              {preset.name}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col">
        Level (centre)
        <input
          className="w-24 rounded border border-slate-500 px-1 py-1"
          inputMode="decimal"
          value={center}
          onChange={(e) => setCenter(e.target.value)}
        />
      </label>
      <label className="flex flex-col">
        Width
        <input
          className="w-24 rounded border border-slate-500 px-1 py-1"
          inputMode="decimal"
          value={width}
          onChange={(e) => setWidth(e.target.value)}
        />
      </label>
      <button type="button" onClick={apply} className="rounded border border-slate-500 px-2 py-1">
        Apply
      </button>
    </fieldset>
  );
}
