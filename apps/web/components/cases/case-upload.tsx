'use client';

import { ZCaseDto } from '@lightbox/contracts';
import { useRouter } from 'next/navigation';
import { type DragEvent, useRef, useState } from 'react';
import { apiJson, describeError } from '../../lib/api-client';

const ACCEPT = '.png,.jpg,.jpeg,.dcm,.dicom,image/png,image/jpeg,application/dicom';
const MAX_BYTES = 200 * 1024 * 1024;

/** Checks what the browser can check before uploading; the API sniffs the content and has the last word. */
function precheck(file: File): string | null {
  if (file.size === 0) return `${file.name} is empty.`;
  if (file.size > MAX_BYTES) return `${file.name} is larger than 200 MB.`;
  const name = file.name.toLowerCase();
  const known = /\.(png|jpe?g|dcm|dicom)$/.test(name) || !name.includes('.');
  if (!known && !['image/png', 'image/jpeg', 'application/dicom'].includes(file.type)) {
    return `${file.name} does not look like a PNG, JPEG or DICOM file.`;
  }
  return null;
}

/** Upload by drag and drop or file picker; opens the new case. */
export function CaseUpload({ onUploaded }: { onUploaded: () => void }) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [status, setStatus] = useState<{ kind: 'idle' | 'busy' | 'error'; message?: string }>({ kind: 'idle' });
  const [note, setNote] = useState('');

  const upload = async (file: File) => {
    const problem = precheck(file);
    if (problem) {
      setStatus({ kind: 'error', message: problem });
      return;
    }
    setStatus({ kind: 'busy', message: `Uploading ${file.name}…` });
    const form = new FormData();
    if (note.trim()) form.append('note', note.trim());
    form.append('file', file, file.name);
    try {
      const created = await apiJson(ZCaseDto, '/api/cases', { method: 'POST', body: form });
      setStatus({ kind: 'idle' });
      onUploaded();
      router.push(`/cases/${created.id}`);
    } catch (caught) {
      setStatus({ kind: 'error', message: `${file.name} was not accepted: ${describeError(caught)}` });
    }
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) void upload(file);
  };

  return (
    <section aria-labelledby="upload-title" className="rounded-lg border border-slate-300 bg-white p-4">
      <h2 id="upload-title" className="mb-2 text-lg font-semibold">
        Upload a case
      </h2>
      <label className="mb-3 flex flex-col gap-1 text-sm font-medium">
        Note for the next upload (optional)
        <input
          type="text"
          value={note}
          maxLength={2000}
          onChange={(event) => setNote(event.target.value)}
          className="rounded border border-slate-500 px-2 py-1 font-normal"
        />
      </label>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: dropping is the mouse shortcut; the file picker inside is the keyboard way */}
      <div
        data-testid="drop-zone"
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        className={`flex flex-col items-center gap-2 rounded border-2 border-dashed p-6 text-center ${
          dragging ? 'border-blue-700 bg-blue-50' : 'border-slate-400'
        }`}
      >
        <p className="text-slate-800">Drop a PNG, JPEG or DICOM file here, or</p>
        <label className="cursor-pointer rounded bg-blue-800 px-4 py-2 font-medium text-white outline-offset-2 has-[:focus-visible]:outline-4 has-[:focus-visible]:outline-blue-600">
          Choose a file
          <input
            ref={input}
            type="file"
            accept={ACCEPT}
            className="sr-only"
            data-testid="case-file-input"
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file) void upload(file);
              event.target.value = '';
            }}
          />
        </label>
        <p className="text-xs text-slate-600">DICOM files are de-identified on upload.</p>
      </div>
      <div aria-live="polite" className="mt-2 min-h-6">
        {status.kind === 'busy' && <p className="text-slate-700">{status.message}</p>}
        {status.kind === 'error' && (
          <p
            role="alert"
            className="rounded border border-red-300 bg-red-50 p-2 text-red-800"
            data-testid="upload-error"
          >
            {status.message}
          </p>
        )}
      </div>
    </section>
  );
}
