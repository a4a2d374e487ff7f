import { describeUncertainty } from '../../lib/describe-uncertainty';

type TProps = {
  modelName: string;
  modelVersion: string;
  sha256: string;
  labels: string[];
  scores: number[];
  task: 'multiclass' | 'multilabel';
  targetLabel: string;
};

/** Calibrated scores, one bar per label, and the uncertainty in plain words. */
export function PredictionPanel(props: TProps) {
  const uncertainty = describeUncertainty(props.labels, props.scores, props.task);
  const ranked = props.labels
    .map((label, index) => ({ label, score: props.scores[index] ?? 0 }))
    .sort((a, b) => b.score - a.score);
  return (
    <section aria-labelledby="prediction-title" className="flex flex-col gap-2" data-testid="prediction">
      <h2 id="prediction-title" className="text-lg font-semibold">
        Prediction
      </h2>
      <p className="text-xs text-slate-700">
        {props.modelName} {props.modelVersion} ·{' '}
        <span className="font-mono" title={props.sha256}>
          {props.sha256.slice(0, 12)}…
        </span>
      </p>
      <p
        className={`rounded p-2 text-sm font-medium ${
          uncertainty.level === 'unsure'
            ? 'border border-amber-400 bg-amber-50 text-amber-900'
            : 'border border-green-400 bg-green-50 text-green-900'
        }`}
        data-testid="uncertainty"
      >
        {uncertainty.sentence}
      </p>
      <ul className="flex flex-col gap-1">
        {ranked.map(({ label, score }) => (
          <li key={label} className="grid grid-cols-[8rem_1fr_3.5rem] items-center gap-2 text-sm">
            <span className="truncate" title={label}>
              {label}
              {label === props.targetLabel ? ' ◆' : ''}
            </span>
            <span className="h-3 rounded bg-slate-200" aria-hidden="true">
              <span className="block h-full rounded bg-blue-700" style={{ width: `${score * 100}%` }} />
            </span>
            <span className="text-right tabular-nums">{(score * 100).toFixed(1)}%</span>
          </li>
        ))}
      </ul>
      <p className="text-xs text-slate-600">◆ the class the maps explain. Scores are calibrated probabilities.</p>
    </section>
  );
}
