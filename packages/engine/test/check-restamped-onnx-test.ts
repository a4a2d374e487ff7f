import { expect } from 'vitest';
import type { OnnxModel } from '../src/onnx/onnx-types';
import { type CheckVjpResult, checkVjp, type Feeds } from './check-vjp';
import { loadOnnxTestCaseAtOpset } from './load-onnx-test-case-at-opset';

export interface RestampedCheckOptions {
  /** checkVjp's step, or one chosen from the test's own feeds. */
  readonly eps?: number | ((feeds: Feeds) => number);
  /** Decimals to which the restamped model must reproduce the stored output (default 5). */
  readonly digits?: number;
  /** Changes the feeds before the check (e.g. freezeFeeds for weights the rule does not differentiate). */
  readonly feeds?: (model: OnnxModel, feeds: Feeds) => Feeds;
}

/**
 * checkVjp on one of ONNX's operator test models that declares an opset older than 13 but whose op is unchanged
 * since, restamped at 13 (loadOnnxTestCaseAtOpset): first asserts that the restamped model reproduces the stored
 * expected output, which is what makes the restamping sound, then returns the finite-difference result.
 */
export async function checkRestampedOnnxTest(test: string, o: RestampedCheckOptions = {}): Promise<CheckVjpResult> {
  const loaded = loadOnnxTestCaseAtOpset(test, 13);
  const feeds = o.feeds ? o.feeds(loaded.model, loaded.feeds) : loaded.feeds;
  const eps = typeof o.eps === 'function' ? o.eps(loaded.feeds) : o.eps;
  const r = await checkVjp({ model: loaded.model, feeds, ...(eps === undefined ? {} : { eps }) });
  expect(Array.from(r.output)).toEqual(Array.from(loaded.expected).map((v) => expect.closeTo(v, o.digits ?? 5)));
  return r;
}
