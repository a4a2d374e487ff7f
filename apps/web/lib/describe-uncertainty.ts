/** Below this top score, the model is called unsure. */
export const UNSURE_TOP_SCORE = 0.6;
/** When the top two scores are closer than this, the model is called torn between them. */
export const CLOSE_MARGIN = 0.1;

export type TUncertainty = { level: 'confident' | 'unsure'; sentence: string };

/** The prediction's uncertainty in plain words, for a radiologist. `scores` are calibrated, one per label. */
export function describeUncertainty(
  labels: readonly string[],
  scores: readonly number[],
  task: 'multiclass' | 'multilabel' = 'multiclass',
): TUncertainty {
  const ranked = scores
    .map((score, index) => ({ score, label: labels[index] ?? `#${index}` }))
    .sort((a, b) => b.score - a.score);
  const top = ranked[0];
  if (!top) return { level: 'unsure', sentence: 'The model gave no scores.' };
  const percent = (value: number) => `${Math.round(value * 100)}%`;
  const second = ranked[1];
  if (task === 'multilabel') {
    const present = ranked.filter((entry) => entry.score >= 0.5).map((entry) => entry.label);
    const borderline = ranked.filter((entry) => entry.score >= 0.35 && entry.score < 0.65).map((entry) => entry.label);
    if (borderline.length > 0) {
      return {
        level: 'unsure',
        sentence: `The model is unsure about ${borderline.join(', ')} (scores near 50%).`,
      };
    }
    return {
      level: 'confident',
      sentence: present.length ? `The model finds ${present.join(', ')}.` : 'The model finds none of its findings.',
    };
  }
  if (top.score < UNSURE_TOP_SCORE) {
    return {
      level: 'unsure',
      sentence: `The model is unsure: its best guess, ${top.label}, scores only ${percent(top.score)}.`,
    };
  }
  if (second && top.score - second.score < CLOSE_MARGIN) {
    return {
      level: 'unsure',
      sentence: `The model is unsure: ${top.label} (${percent(top.score)}) and ${second.label} (${percent(second.score)}) are close.`,
    };
  }
  return { level: 'confident', sentence: `The model favours ${top.label} (${percent(top.score)}).` };
}
