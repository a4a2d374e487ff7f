'use client';

import {
  type TCaseDto,
  type TExplanationDto,
  type TModelVersionDto,
  ZCaseDto,
  ZExplanationDto,
  ZExplanationSummaryList,
  ZJobAccepted,
  ZModelList,
} from '@lightbox/contracts';
import Link from 'next/link';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { z } from 'zod';
import { apiFetch, apiJson, describeError } from '../../lib/api-client';
import type { TNormalizedHeatmap, TOverlayStyle } from '../../lib/attribution-heatmap';
import { normalizeAttribution } from '../../lib/attribution-heatmap';
import { ATTRIBUTION_METHODS, methodName } from '../../lib/attribution-methods';
import { parseNpy } from '../../lib/parse-npy';
import { CAN } from '../../lib/role-access';
import { useSession } from '../session-provider';
import { CaseReviews } from './case-reviews';
import { ColorBarInline } from './color-bar';
import { ExplainForm } from './explain-form';
import { ImageStage, INITIAL_VIEW, type TDragMode, type TRegion, type TView } from './image-stage';
import { JobProgress, useJobEvents } from './job-progress';
import { MapDetails } from './map-details';
import { OverlayControls } from './overlay-controls';
import { PredictionPanel } from './prediction-panel';
import { ReviewForm } from './review-form';
import { type TWindow, WindowControls } from './window-controls';

type TSummary = z.infer<typeof ZExplanationSummaryList>['items'][number];
type TMapState =
  | { kind: 'loading' }
  | { kind: 'ready'; heatmap: TNormalizedHeatmap }
  | { kind: 'error'; message: string };

function fileWindowOf(item: TCaseDto): TWindow | null {
  const window = (item.dicomMetadata as { window?: { center?: unknown; width?: unknown } } | null)?.window;
  if (window && typeof window.center === 'number' && typeof window.width === 'number' && window.width > 0) {
    return { center: window.center, width: window.width };
  }
  return null;
}

/** The radiologist's workspace for one case: image, prediction, explanations, overlays, comparison, review. */
export function CaseViewer({ caseId }: { caseId: string }) {
  const { user } = useSession();
  const [item, setItem] = useState<TCaseDto | null>(null);
  const [models, setModels] = useState<TModelVersionDto[]>([]);
  const [summaries, setSummaries] = useState<TSummary[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [requestError, setRequestError] = useState<string | null>(null);
  const [explanation, setExplanation] = useState<TExplanationDto | null>(null);
  const [maps, setMaps] = useState<Record<string, TMapState>>({});
  const [activeMapId, setActiveMapId] = useState<string | null>(null);
  const [compareIds, setCompareIds] = useState<string[]>([]);
  const [compare, setCompare] = useState(false);
  const [style, setStyle] = useState<TOverlayStyle>({ colormap: 'viridis', opacity: 0.5, threshold: 0 });
  const [overlayVisible, setOverlayVisible] = useState(true);
  const [view, setView] = useState<TView>(INITIAL_VIEW);
  const [mode, setMode] = useState<TDragMode>('pan');
  const [region, setRegion] = useState<TRegion | null>(null);
  const [window, setWindow] = useState<TWindow | null>(null);
  const [windowDrag, setWindowDrag] = useState<TWindow | null>(null);
  const [reviewsVersion, setReviewsVersion] = useState(0);

  const refreshSummaries = useCallback(async () => {
    const list = await apiJson(ZExplanationSummaryList, `/api/cases/${caseId}/explanations`);
    setSummaries(list.items);
  }, [caseId]);

  useEffect(() => {
    Promise.all([apiJson(ZCaseDto, `/api/cases/${caseId}`), apiJson(ZModelList, '/api/models'), refreshSummaries()])
      .then(([found, list]) => {
        setItem(found);
        setModels(list.items.filter((model) => !model.retiredAt));
      })
      .catch((error) => setLoadError(describeError(error)));
  }, [caseId, refreshSummaries]);

  const job = useJobEvents(jobId);

  const openExplanation = useCallback(async (id: string) => {
    try {
      const found = await apiJson(ZExplanationDto, `/api/explanations/${id}`);
      setExplanation(found);
      setMaps({});
      setActiveMapId(found.methods[0]?.id ?? null);
      setCompareIds(found.methods.slice(0, 2).map((map) => map.id));
      setCompare(false);
    } catch (error) {
      setRequestError(describeError(error));
    }
  }, []);

  useEffect(() => {
    if (job?.state === 'completed' && job.explanationId) {
      void openExplanation(job.explanationId);
      void refreshSummaries();
    }
  }, [job?.state, job?.explanationId, openExplanation, refreshSummaries]);

  // Fetch (once) the raw map of every map on screen.
  const wanted = useMemo(
    () => (compare ? compareIds : activeMapId ? [activeMapId] : []),
    [compare, compareIds, activeMapId],
  );
  useEffect(() => {
    if (!explanation) return;
    for (const id of wanted) {
      if (maps[id]) continue;
      const entry = explanation.methods.find((map) => map.id === id);
      if (!entry) continue;
      setMaps((current) => ({ ...current, [id]: { kind: 'loading' } }));
      apiFetch(entry.rawUrl)
        .then((response) => response.arrayBuffer())
        .then((buffer) => {
          const heatmap = normalizeAttribution(parseNpy(buffer), entry.method);
          setMaps((current) => ({ ...current, [id]: { kind: 'ready', heatmap } }));
        })
        .catch((error) =>
          setMaps((current) => ({ ...current, [id]: { kind: 'error', message: describeError(error) } })),
        );
    }
  }, [explanation, wanted, maps]);

  const requestExplanation = async (modelId: string, methods: string[], target?: number) => {
    setRequestError(null);
    try {
      const accepted = await apiJson(ZJobAccepted, `/api/cases/${caseId}/explanations`, {
        method: 'POST',
        body: JSON.stringify({ modelId, methods, ...(target === undefined ? {} : { target }) }),
      });
      setJobId(null);
      setTimeout(() => setJobId(accepted.jobId), 0);
    } catch (error) {
      setRequestError(describeError(error));
    }
  };

  const cancelJob = async () => {
    if (!jobId) return;
    try {
      await apiFetch(`/api/jobs/${encodeURIComponent(jobId)}`, { method: 'DELETE' });
    } catch (error) {
      setRequestError(describeError(error));
    }
  };

  if (loadError) {
    return (
      <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-800">
        {loadError}{' '}
        <Link href="/cases" className="underline">
          Back to cases
        </Link>
      </p>
    );
  }
  if (!item) return <p className="text-slate-600">Loading the case…</p>;

  const fileWindow = fileWindowOf(item);
  const effectiveWindow = windowDrag ?? window;
  const imageUrl = window ? `${item.imageUrl}?window=${window.center},${window.width}` : item.imageUrl;
  const onWindowDrag = (dx: number, dy: number, done: boolean) => {
    const base = window ?? fileWindow ?? { center: 128, width: 256 };
    const next = {
      center: Math.round((base.center - (dy * base.width) / 300) * 100) / 100,
      width: Math.max(1, Math.round(base.width * Math.exp(dx / 200) * 100) / 100),
    };
    if (done) {
      setWindowDrag(null);
      setWindow(next);
    } else setWindowDrag(next);
  };

  const activeMap = explanation?.methods.find((map) => map.id === activeMapId) ?? null;
  const activeState = activeMapId ? maps[activeMapId] : undefined;
  const activeHeatmap = activeState?.kind === 'ready' ? activeState.heatmap : null;
  const model = explanation ? models.find((entry) => entry.id === explanation.model.id) : undefined;
  const modes: Array<{ id: TDragMode; label: string }> = [
    { id: 'pan', label: 'Pan' },
    ...(item.format === 'dicom' ? [{ id: 'window' as const, label: 'Window/level' }] : []),
    ...(CAN.review(user.role) && explanation
      ? [
          { id: 'rect' as const, label: 'Draw rectangle' },
          { id: 'freehand' as const, label: 'Draw freehand' },
        ]
      : []),
  ];
  const stageProps = {
    imageUrl,
    imageWidth: item.width,
    imageHeight: item.height,
    view,
    onViewChange: setView,
    mode,
    overlayStyle: style,
    overlayVisible,
    region,
    onRegion: setRegion,
    onWindowDrag,
  };

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-2xl font-semibold">
          Case <span className="font-mono">{item.id.slice(0, 8)}</span>
        </h1>
        <span className="text-sm text-slate-700">
          {item.format.toUpperCase()} · {item.width}×{item.height}
          {item.patientPseudonym ? ` · ${item.patientPseudonym}` : ''}
          {item.labels.length ? ` · labels: ${item.labels.join(', ')}` : ''}
        </span>
        <Link href="/cases" className="text-sm text-blue-800 underline">
          All cases
        </Link>
      </div>
      <div className="grid gap-4 xl:grid-cols-[minmax(0,1fr)_400px]">
        <section aria-label="Image" className="flex flex-col gap-2 xl:sticky xl:top-2 xl:self-start">
          <div className="flex flex-wrap items-center gap-2 text-sm" role="toolbar" aria-label="Image tools">
            <fieldset className="flex gap-1">
              <legend className="sr-only">Drag mode</legend>
              {modes.map((entry) => (
                <label
                  key={entry.id}
                  className={`cursor-pointer rounded border px-2 py-1 has-[:focus-visible]:outline-2 ${
                    mode === entry.id ? 'border-slate-900 bg-slate-900 text-white' : 'border-slate-400 bg-white'
                  }`}
                >
                  <input
                    type="radio"
                    name="drag-mode"
                    value={entry.id}
                    checked={mode === entry.id}
                    onChange={() => setMode(entry.id)}
                    className="sr-only"
                  />
                  {entry.label}
                </label>
              ))}
            </fieldset>
            <button
              type="button"
              className="rounded border border-slate-400 bg-white px-2 py-1"
              onClick={() => setView({ ...view, zoom: Math.min(16, view.zoom * 1.25) })}
            >
              Zoom in
            </button>
            <button
              type="button"
              className="rounded border border-slate-400 bg-white px-2 py-1"
              onClick={() => setView({ ...view, zoom: Math.max(0.25, view.zoom / 1.25) })}
            >
              Zoom out
            </button>
            <button
              type="button"
              className="rounded border border-slate-400 bg-white px-2 py-1"
              onClick={() => setView(INITIAL_VIEW)}
            >
              Reset view
            </button>
            <span className="text-slate-700" aria-live="polite">
              {Math.round(view.zoom * 100)}%
              {effectiveWindow ? ` · window ${effectiveWindow.center}/${effectiveWindow.width}` : ''}
            </span>
          </div>
          {item.format === 'dicom' && <WindowControls fileWindow={fileWindow} window={window} onChange={setWindow} />}
          {compare && explanation ? (
            <div
              className={`grid h-[70vh] gap-2 ${compareIds.length > 2 ? 'grid-cols-2 grid-rows-2' : 'grid-cols-2'}`}
              data-testid="compare-grid"
            >
              {compareIds.map((id) => {
                const entry = explanation.methods.find((map) => map.id === id);
                const state = maps[id];
                return (
                  <figure key={id} className="flex min-h-0 flex-col">
                    <figcaption className="flex items-center gap-2 text-sm font-medium">
                      {methodName(entry?.method ?? id)}
                      {state?.kind === 'loading' && ' (loading…)'}
                      {state?.kind === 'error' && ` (could not load: ${state.message})`}
                      {state?.kind === 'ready' && (
                        <ColorBarInline colormap={style.colormap} low={state.heatmap.low} high={state.heatmap.high} />
                      )}
                      {entry && entry.warnings.length > 0 && <span className="text-amber-800">⚠ see warnings</span>}
                    </figcaption>
                    <div className="min-h-0 flex-1">
                      <ImageStage
                        {...stageProps}
                        label={`Case image with ${methodName(entry?.method ?? id)}`}
                        heatmap={state?.kind === 'ready' ? state.heatmap : null}
                        testId={`stage-${entry?.method ?? id}`}
                      />
                    </div>
                  </figure>
                );
              })}
            </div>
          ) : (
            <div className="h-[70vh]">
              <ImageStage {...stageProps} label="Case image" heatmap={activeHeatmap} testId="main-stage" />
            </div>
          )}
          <p
            className="rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900"
            data-testid="attribution-caveat"
          >
            An attribution map shows which pixels moved this model’s score. It is not a lesion outline and not a
            diagnosis.
          </p>
        </section>
        <aside className="flex flex-col gap-5" aria-label="Analysis">
          {CAN.explain(user.role) && (
            <ExplainForm
              models={models}
              methods={ATTRIBUTION_METHODS}
              busy={job?.state === 'queued' || job?.state === 'running' || job?.state === 'connecting'}
              onSubmit={requestExplanation}
            />
          )}
          {requestError && (
            <p role="alert" className="rounded border border-red-300 bg-red-50 p-2 text-sm text-red-800">
              {requestError}
            </p>
          )}
          {job && <JobProgress job={job} onCancel={() => void cancelJob()} />}
          {summaries.length > 0 && (
            <label className="flex flex-col gap-1 text-sm font-medium">
              Earlier explanations
              <select
                className="rounded border border-slate-500 px-2 py-1 font-normal"
                value={explanation?.id ?? ''}
                onChange={(event) => event.target.value && void openExplanation(event.target.value)}
              >
                <option value="">Choose…</option>
                {summaries.map((summary) => (
                  <option key={summary.id} value={summary.id}>
                    {new Date(summary.createdAt).toLocaleString()} · {summary.model.name} {summary.model.version} ·{' '}
                    {summary.methods.map(methodName).join(', ')}
                  </option>
                ))}
              </select>
            </label>
          )}
          {explanation && (
            <>
              <PredictionPanel
                modelName={explanation.model.name}
                modelVersion={explanation.model.version}
                sha256={explanation.model.sha256}
                labels={explanation.labels}
                scores={explanation.scores}
                task={model?.task ?? 'multiclass'}
                targetLabel={explanation.targetLabel}
              />
              <OverlayControls
                maps={explanation.methods}
                activeMapId={activeMapId}
                onActiveMap={setActiveMapId}
                style={style}
                onStyle={setStyle}
                visible={overlayVisible}
                onVisible={setOverlayVisible}
                heatmap={compare ? null : activeHeatmap}
                compare={compare}
                onCompare={setCompare}
                compareIds={compareIds}
                onCompareIds={setCompareIds}
              />
              {activeMap && !compare && <MapDetails map={activeMap} />}
              {compare &&
                compareIds.map((id) => {
                  const entry = explanation.methods.find((map) => map.id === id);
                  return entry ? <MapDetails key={id} map={entry} /> : null;
                })}
              {CAN.review(user.role) && (
                <ReviewForm
                  caseId={item.id}
                  explanationId={explanation.id}
                  attributionMapId={compare ? null : activeMapId}
                  region={region}
                  onClearRegion={() => setRegion(null)}
                  onRegion={setRegion}
                  imageWidth={item.width}
                  imageHeight={item.height}
                  onSaved={() => setReviewsVersion((version) => version + 1)}
                />
              )}
            </>
          )}
          <CaseReviews caseId={item.id} refreshKey={reviewsVersion} onShowRegion={setRegion} />
        </aside>
      </div>
    </div>
  );
}
