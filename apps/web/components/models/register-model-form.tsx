'use client';

import { ZModelVersionDto } from '@lightbox/contracts';
import { type FormEvent, useId, useState } from 'react';
import { ApiError, apiJson, describeError } from '../../lib/api-client';

type TFieldErrors = { model?: string; card?: string; form?: string };

/** Register a model version: the ONNX file and its card (a JSON file or pasted text). Errors sit by their field. */
export function RegisterModelForm({ onRegistered }: { onRegistered: () => void }) {
  const id = useId();
  const [onnx, setOnnx] = useState<File | null>(null);
  const [cardSource, setCardSource] = useState<'file' | 'paste'>('file');
  const [cardFile, setCardFile] = useState<File | null>(null);
  const [cardText, setCardText] = useState('');
  const [errors, setErrors] = useState<TFieldErrors>({});
  const [status, setStatus] = useState<'idle' | 'busy' | 'done'>('idle');
  const [registered, setRegistered] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: TFieldErrors = {};
    if (!onnx) found.model = 'Choose the ONNX file.';
    if (cardSource === 'file' && !cardFile) found.card = 'Choose the card file (JSON).';
    if (cardSource === 'paste') {
      if (!cardText.trim()) found.card = 'Paste the card (JSON).';
      else {
        try {
          JSON.parse(cardText);
        } catch (cause) {
          found.card = `Not valid JSON: ${(cause as Error).message}`;
        }
      }
    }
    setErrors(found);
    if (Object.keys(found).length) return;
    setStatus('busy');
    const form = new FormData();
    form.append('model', onnx!, onnx!.name);
    if (cardSource === 'file') form.append('card', cardFile!, cardFile!.name);
    else form.append('card', cardText);
    try {
      const model = await apiJson(ZModelVersionDto, '/api/models', { method: 'POST', body: form });
      setRegistered(`${model.name} ${model.version} registered (SHA-256 ${model.sha256.slice(0, 12)}…).`);
      setStatus('done');
      onRegistered();
    } catch (caught) {
      setStatus('idle');
      setRegistered(null);
      if (caught instanceof ApiError && caught.field) {
        setErrors(caught.field === 'model' ? { model: caught.message } : { card: caught.message });
      } else setErrors({ form: describeError(caught) });
    }
  };

  const errorId = (field: string) => `${id}-${field}-error`;
  return (
    <form
      onSubmit={submit}
      noValidate
      className="flex flex-col gap-3 rounded-lg border border-slate-300 bg-white p-4"
      aria-labelledby={`${id}-title`}
      data-testid="register-model-form"
    >
      <h2 id={`${id}-title`} className="text-lg font-semibold">
        Register a model version
      </h2>
      <label className="flex flex-col gap-1 text-sm font-medium">
        ONNX file
        <input
          type="file"
          name="model"
          accept=".onnx"
          aria-invalid={errors.model ? true : undefined}
          aria-describedby={errors.model ? errorId('model') : undefined}
          onChange={(event) => setOnnx(event.target.files?.[0] ?? null)}
          className="text-sm font-normal"
        />
      </label>
      {errors.model && (
        <p id={errorId('model')} className="text-sm text-red-800" data-testid="field-error-model">
          {errors.model}
        </p>
      )}
      <fieldset className="flex flex-col gap-2">
        <legend className="text-sm font-medium">Model card</legend>
        <div className="flex gap-4 text-sm">
          <label className="flex items-center gap-1">
            <input
              type="radio"
              name="card-source"
              checked={cardSource === 'file'}
              onChange={() => setCardSource('file')}
            />
            Upload a JSON file
          </label>
          <label className="flex items-center gap-1">
            <input
              type="radio"
              name="card-source"
              checked={cardSource === 'paste'}
              onChange={() => setCardSource('paste')}
            />
            Paste JSON
          </label>
        </div>
        {cardSource === 'file' ? (
          <label className="flex flex-col gap-1 text-sm">
            Card file
            <input
              type="file"
              name="card"
              accept=".json,application/json"
              aria-invalid={errors.card ? true : undefined}
              aria-describedby={errors.card ? errorId('card') : undefined}
              onChange={(event) => setCardFile(event.target.files?.[0] ?? null)}
            />
          </label>
        ) : (
          <label className="flex flex-col gap-1 text-sm">
            Card JSON
            <textarea
              name="card-json"
              rows={10}
              value={cardText}
              onChange={(event) => setCardText(event.target.value)}
              aria-invalid={errors.card ? true : undefined}
              aria-describedby={errors.card ? errorId('card') : undefined}
              className="rounded border border-slate-500 p-2 font-mono text-xs"
            />
          </label>
        )}
        {errors.card && (
          <p id={errorId('card')} role="alert" className="text-sm text-red-800" data-testid="field-error-card">
            {errors.card}
          </p>
        )}
      </fieldset>
      {errors.form && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-2 text-sm text-red-800">
          {errors.form}
        </p>
      )}
      <button
        type="submit"
        disabled={status === 'busy'}
        className="self-start rounded bg-blue-800 px-4 py-2 font-medium text-white disabled:opacity-60"
      >
        {status === 'busy' ? 'Validating the model…' : 'Register'}
      </button>
      {registered && (
        <p className="text-sm text-green-800" aria-live="polite" data-testid="model-registered">
          {registered}
        </p>
      )}
    </form>
  );
}
