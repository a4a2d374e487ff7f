import { GradientSessions } from '../src/methods/gradient-sessions';
import { Classifier } from '../src/model/classifier';
import { makeTinyConvModel } from './make-tiny-conv-model';

export const TINY_CARD = {
  name: 'tiny',
  version: '0.1.0',
  task: 'multiclass',
  labels: ['a', 'b', 'c'],
  input: { name: 'input', channels: 1, height: 8, width: 8, mean: [0.5], std: [0.25] },
  output: { name: 'logits', activation: 'softmax' },
} as const;

/** The tiny test CNN with gradient sessions, for method tests. */
export async function tinySessions(): Promise<GradientSessions> {
  const classifier = await Classifier.load(makeTinyConvModel(), { card: TINY_CARD });
  return new GradientSessions(classifier);
}

export const tinyInput = (seed = 1): Float32Array =>
  Float32Array.from({ length: 64 }, (_, i) => Math.sin(i * 0.37 * seed) * 2);
