import type { OnnxModel } from '../src/onnx/onnx-types';
import { makeFloatTensor } from '../src/onnx/tensor-data';
import type { Feeds } from './check-vjp';

/**
 * Turns the named float graph inputs into initializers holding their fed values (weights, scales: constants
 * in exported classifiers) and returns the remaining feeds. Mutates `model`.
 */
export function freezeFeeds(model: OnnxModel, feeds: Feeds, names: readonly string[]): Feeds {
  const rest: Feeds = { ...feeds };
  for (const name of names) {
    const f = feeds[name];
    if (!f) throw new Error(`freezeFeeds: no feed named ${name}`);
    model.graph.initializer.push(makeFloatTensor(name, f.dims, f.data));
    model.graph.input = model.graph.input.filter((i) => i.name !== name);
    delete rest[name];
  }
  return rest;
}
