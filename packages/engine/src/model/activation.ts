import type { TModelCard } from '@lightbox/contracts';

/**
 * Turns one image's logits into scores with the card's activation and temperature (logits / T before the activation).
 * With activation "none" the outputs are returned as they are: the temperature only calibrates softmax/sigmoid.
 */
export function applyActivation(logits: ArrayLike<number>, card: Pick<TModelCard, 'output' | 'calibration'>): number[] {
  const t = card.calibration?.temperature ?? 1;
  const z = Array.from(logits, (v) => v / t);
  switch (card.output.activation) {
    case 'softmax': {
      const max = Math.max(...z);
      const e = z.map((v) => Math.exp(v - max));
      const sum = e.reduce((a, v) => a + v, 0);
      return e.map((v) => v / sum);
    }
    case 'sigmoid':
      return z.map((v) => (v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v))));
    case 'none':
      return Array.from(logits);
  }
}
