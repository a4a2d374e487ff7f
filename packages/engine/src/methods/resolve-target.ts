import { LightboxError, type TModelCard } from '@lightbox/contracts';

/**
 * A target given as a class index or a label name (exact, then case-insensitive); the top-scoring label when
 * omitted. Out-of-range indices and unknown names are INVALID_ARGUMENT errors listing the labels.
 */
export function resolveTarget(
  card: Pick<TModelCard, 'labels'>,
  target: number | string | undefined,
  scores: readonly number[],
): number {
  const labels = card.labels;
  const list = labels.map((l, i) => `${i}=${l}`).join(', ');
  if (target === undefined || target === '') {
    let best = 0;
    scores.forEach((s, i) => {
      if (s > scores[best]!) best = i;
    });
    return best;
  }
  if (typeof target === 'number' || /^-?\d+$/.test(target)) {
    const i = Number(target);
    if (!Number.isInteger(i) || i < 0 || i >= labels.length) {
      throw new LightboxError(
        'INVALID_ARGUMENT',
        `Target ${target} is out of range: the model has ${labels.length} labels (${list}).`,
      );
    }
    return i;
  }
  let i = labels.indexOf(target);
  if (i < 0) i = labels.findIndex((l) => l.toLowerCase() === target.toLowerCase());
  if (i < 0) throw new LightboxError('INVALID_ARGUMENT', `Unknown target "${target}": the labels are ${list}.`);
  return i;
}
