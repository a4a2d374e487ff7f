'use client';

import { ZReviewDto } from '@lightbox/contracts';
import { type FormEvent, useState } from 'react';
import { apiJson, describeError } from '../../lib/api-client';
import type { TRegion } from './image-stage';

type TProps = {
  caseId: string;
  explanationId: string;
  attributionMapId: string | null;
  region: TRegion | null;
  onClearRegion: () => void;
  onRegion: (region: TRegion) => void;
  imageWidth: number;
  imageHeight: number;
  onSaved?: () => void;
};

/** Agree / disagree / unsure, a note, and the region drawn on the image → POST /api/cases/:id/reviews. */
export function ReviewForm(props: TProps) {
  const [verdict, setVerdict] = useState<'agree' | 'disagree' | 'unsure' | ''>('');
  const [note, setNote] = useState('');
  const [status, setStatus] = useState<{ kind: 'idle' | 'busy' | 'saved' | 'error'; message?: string }>({
    kind: 'idle',
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!verdict) {
      setStatus({ kind: 'error', message: 'Choose agree, disagree or unsure.' });
      return;
    }
    setStatus({ kind: 'busy' });
    try {
      const region =
        props.region?.type === 'rect'
          ? {
              ...props.region,
              x: Math.round(props.region.x),
              y: Math.round(props.region.y),
              width: Math.max(1, Math.round(props.region.width)),
              height: Math.max(1, Math.round(props.region.height)),
            }
          : props.region;
      await apiJson(ZReviewDto, `/api/cases/${props.caseId}/reviews`, {
        method: 'POST',
        body: JSON.stringify({
          explanationId: props.explanationId,
          verdict,
          ...(note.trim() ? { note: note.trim() } : {}),
          ...(props.attributionMapId ? { attributionMapId: props.attributionMapId } : {}),
          ...(region ? { region } : {}),
        }),
      });
      setStatus({ kind: 'saved', message: 'Review saved.' });
      props.onSaved?.();
      setNote('');
      props.onClearRegion();
    } catch (caught) {
      setStatus({ kind: 'error', message: describeError(caught) });
    }
  };

  return (
    <form onSubmit={submit} className="flex flex-col gap-2" aria-labelledby="review-title" data-testid="review-form">
      <h2 id="review-title" className="text-lg font-semibold">
        Your review
      </h2>
      <fieldset className="flex flex-wrap gap-3">
        <legend className="mb-1 text-sm font-medium">Do you agree with the model on this case?</legend>
        {(['agree', 'disagree', 'unsure'] as const).map((value) => (
          <label key={value} className="flex items-center gap-1 text-sm capitalize">
            <input
              type="radio"
              name="verdict"
              value={value}
              checked={verdict === value}
              onChange={() => setVerdict(value)}
            />
            {value}
          </label>
        ))}
      </fieldset>
      <label className="flex flex-col gap-1 text-sm font-medium">
        Note
        <textarea
          value={note}
          maxLength={5000}
          rows={3}
          onChange={(event) => setNote(event.target.value)}
          className="rounded border border-slate-500 p-2 font-normal"
        />
      </label>
      <p className="text-sm text-slate-700" data-testid="region-summary">
        {props.region
          ? props.region.type === 'rect'
            ? `Region: rectangle ${Math.round(props.region.width)}×${Math.round(props.region.height)} px at (${Math.round(props.region.x)}, ${Math.round(props.region.y)}).`
            : `Region: freehand outline with ${props.region.points.length} points.`
          : 'No region drawn (choose “Draw rectangle” or “Draw freehand” above the image).'}
        {props.region && (
          <button type="button" onClick={props.onClearRegion} className="ml-2 text-blue-800 underline">
            Clear region
          </button>
        )}
      </p>
      <RectangleByNumbers width={props.imageWidth} height={props.imageHeight} onRegion={props.onRegion} />
      <button
        type="submit"
        disabled={status.kind === 'busy'}
        className="self-start rounded bg-blue-800 px-4 py-2 font-medium text-white disabled:opacity-60"
      >
        {status.kind === 'busy' ? 'Saving…' : 'Save review'}
      </button>
      <div aria-live="polite">
        {status.kind === 'saved' && (
          <p className="text-sm text-green-800" data-testid="review-saved">
            {status.message}
          </p>
        )}
        {status.kind === 'error' && (
          <p role="alert" className="rounded border border-red-300 bg-red-50 p-2 text-sm text-red-800">
            {status.message}
          </p>
        )}
      </div>
    </form>
  );
}

/** The keyboard way to mark a region: a rectangle by its coordinates in image pixels. */
function RectangleByNumbers(props: { width: number; height: number; onRegion: (region: TRegion) => void }) {
  const [values, setValues] = useState({ x: '0', y: '0', width: String(props.width), height: String(props.height) });
  const [problem, setProblem] = useState<string | null>(null);
  const set = () => {
    const [x, y, width, height] = [values.x, values.y, values.width, values.height].map(Number) as [
      number,
      number,
      number,
      number,
    ];
    if (![x, y, width, height].every(Number.isFinite) || width <= 0 || height <= 0) {
      setProblem('Enter numbers; width and height above 0.');
      return;
    }
    if (x < 0 || y < 0 || x + width > props.width || y + height > props.height) {
      setProblem(`The rectangle must lie inside the ${props.width}×${props.height} image.`);
      return;
    }
    setProblem(null);
    props.onRegion({ type: 'rect', x, y, width, height });
  };
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-blue-800 underline">Enter a rectangle by coordinates</summary>
      <div className="mt-2 flex flex-wrap items-end gap-2">
        {(['x', 'y', 'width', 'height'] as const).map((key) => (
          <label key={key} className="flex flex-col">
            {key} (px)
            <input
              inputMode="numeric"
              className="w-20 rounded border border-slate-500 px-1 py-1"
              value={values[key]}
              onChange={(event) => setValues({ ...values, [key]: event.target.value })}
            />
          </label>
        ))}
        <button type="button" onClick={set} className="rounded border border-slate-500 px-2 py-1">
          Set region
        </button>
      </div>
      {problem && (
        <p role="alert" className="mt-1 text-red-800">
          {problem}
        </p>
      )}
    </details>
  );
}
