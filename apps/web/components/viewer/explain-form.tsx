'use client';

import type { TModelVersionDto } from '@lightbox/contracts';
import { type FormEvent, useEffect, useId, useState } from 'react';

type TProps = {
  models: TModelVersionDto[];
  methods: ReadonlyArray<{ id: string; name: string; hint: string }>;
  busy: boolean;
  onSubmit: (modelId: string, methods: string[], target?: number) => Promise<void>;
};

/** Choose a model version and attribution methods, then ask for the explanation. */
export function ExplainForm({ models, methods, busy, onSubmit }: TProps) {
  const selectId = useId();
  const targetId = useId();
  const [target, setTarget] = useState('');
  const [modelId, setModelId] = useState('');
  const [chosen, setChosen] = useState<string[]>(['gradcam', 'saliency']);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    if (!modelId && models[0]) setModelId(models[0].id);
  }, [models, modelId]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!modelId) return setProblem('Choose a model.');
    if (chosen.length === 0) return setProblem('Choose at least one method.');
    setProblem(null);
    await onSubmit(modelId, chosen, target === '' ? undefined : Number(target));
  };

  return (
    <form onSubmit={submit} className="flex flex-col gap-2" aria-labelledby="explain-title" data-testid="explain-form">
      <h2 id="explain-title" className="text-lg font-semibold">
        Explain
      </h2>
      {models.length === 0 ? (
        <p className="text-sm text-slate-700">
          No model is registered yet: an ML engineer registers one on the Models page.
        </p>
      ) : (
        <div className="flex flex-col gap-1 text-sm font-medium">
          <label htmlFor={selectId}>Model</label>
          <select
            id={selectId}
            value={modelId}
            onChange={(event) => {
              setModelId(event.target.value);
              setTarget('');
            }}
            className="rounded border border-slate-500 px-2 py-1 font-normal"
          >
            {models.map((model) => (
              <option key={model.id} value={model.id}>
                {model.name} {model.version} ({model.labels.length} labels)
              </option>
            ))}
          </select>
          <label htmlFor={targetId}>Class to explain</label>
          <select
            id={targetId}
            value={target}
            onChange={(event) => setTarget(event.target.value)}
            className="rounded border border-slate-500 px-2 py-1 font-normal"
          >
            <option value="">The top-scoring class</option>
            {(models.find((model) => model.id === modelId)?.labels ?? []).map((label, index) => (
              <option key={label} value={index}>
                {label}
              </option>
            ))}
          </select>
        </div>
      )}
      <fieldset className="flex flex-col gap-0.5 text-sm">
        <legend className="mb-1 font-medium">Attribution methods</legend>
        {methods.map((method) => (
          <label key={method.id} className="flex items-baseline gap-2">
            <input
              type="checkbox"
              name="method"
              value={method.id}
              checked={chosen.includes(method.id)}
              onChange={(event) =>
                setChosen(event.target.checked ? [...chosen, method.id] : chosen.filter((id) => id !== method.id))
              }
            />
            <span>
              {method.name} <span className="text-xs text-slate-600">— {method.hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {problem && (
        <p role="alert" className="text-sm text-red-800">
          {problem}
        </p>
      )}
      <button
        type="submit"
        disabled={busy || models.length === 0}
        className="self-start rounded bg-blue-800 px-4 py-2 font-medium text-white disabled:opacity-60"
      >
        {busy ? 'Explaining…' : 'Explain this case'}
      </button>
    </form>
  );
}
