'use client';

import { type TJobDto, ZJobDto } from '@lightbox/contracts';
import { useEffect, useState } from 'react';
import { apiFetch, describeError } from '../../lib/api-client';

export type TJobView = {
  state: TJobDto['state'] | 'connecting';
  progress: number;
  error?: string;
  explanationId?: string;
};

/** Follows a job's Server-Sent Events (GET /api/jobs/:id/events) until it ends. */
export function useJobEvents(jobId: string | null): TJobView | null {
  const [view, setView] = useState<TJobView | null>(null);
  useEffect(() => {
    if (!jobId) {
      setView(null);
      return;
    }
    setView({ state: 'connecting', progress: 0 });
    const source = new EventSource(`/api/jobs/${encodeURIComponent(jobId)}/events`);
    let finished = false;
    const take = (event: MessageEvent<string>) => {
      const parsed = ZJobDto.partial().safeParse(JSON.parse(event.data));
      if (!parsed.success) return;
      const job = parsed.data;
      setView({
        state: job.state ?? 'running',
        progress: job.progress ?? 0,
        ...(job.error ? { error: job.error } : {}),
        ...(job.explanationId ? { explanationId: job.explanationId } : {}),
      });
    };
    const end = (event: MessageEvent<string>) => {
      finished = true;
      take(event);
      source.close();
    };
    source.addEventListener('progress', take);
    source.addEventListener('completed', end);
    source.addEventListener('failed', end);
    source.addEventListener('cancelled', end);
    source.onerror = () => {
      if (finished) return;
      // The stream broke (or was refused): ask once for the job's state instead of retrying blindly.
      source.close();
      apiFetch(`/api/jobs/${encodeURIComponent(jobId)}`)
        .then(async (response) => {
          const job = ZJobDto.parse(await response.json());
          setView({
            state: job.state,
            progress: job.progress,
            ...(job.error ? { error: job.error } : {}),
            ...(job.explanationId ? { explanationId: job.explanationId } : {}),
          });
        })
        .catch((error) => setView({ state: 'failed', progress: 0, error: describeError(error) }));
    };
    return () => source.close();
  }, [jobId]);
  return view;
}

const LABELS: Record<TJobView['state'], string> = {
  connecting: 'Connecting…',
  queued: 'Queued: waiting for a worker',
  running: 'Running',
  completed: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/** The job's state in words and a progress bar. */
export function JobProgress({ job, onCancel }: { job: TJobView; onCancel?: () => void }) {
  const percent = Math.round(job.progress * 100);
  const tone =
    job.state === 'failed'
      ? 'bg-red-700'
      : job.state === 'completed'
        ? 'bg-green-700'
        : job.state === 'cancelled'
          ? 'bg-slate-500'
          : 'bg-blue-700';
  return (
    <div className="flex flex-col gap-1" data-testid="job-progress" data-state={job.state}>
      <div className="flex items-center justify-between text-sm">
        <span className="font-medium" aria-live="polite">
          {LABELS[job.state]}
          {job.state === 'running' ? ` — ${percent}%` : ''}
        </span>
        {onCancel && (job.state === 'queued' || job.state === 'running') && (
          <button type="button" onClick={onCancel} className="rounded border border-slate-400 px-2 py-0.5 text-xs">
            Cancel
          </button>
        )}
      </div>
      <div
        role="progressbar"
        aria-label="Explanation progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className="h-3 w-full overflow-hidden rounded bg-slate-200"
      >
        <div
          className={`h-full ${tone} transition-[width]`}
          style={{ width: `${job.state === 'completed' ? 100 : percent}%` }}
        />
      </div>
      {job.state === 'failed' && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-2 text-sm text-red-800">
          {job.error ?? 'The job failed without a reason.'}
        </p>
      )}
    </div>
  );
}
