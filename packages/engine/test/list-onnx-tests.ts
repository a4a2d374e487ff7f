import { readdirSync } from 'node:fs';
import { ONNX_NODE_TESTS } from './onnx-test-case';

/**
 * The names of ONNX's operator test models matching a pattern, so a rule's test can assert that every model for
 * its op is either checked or excluded with a written reason (none dropped silently).
 */
export function listOnnxTests(pattern: RegExp): string[] {
  return readdirSync(ONNX_NODE_TESTS)
    .filter((name) => pattern.test(name))
    .sort();
}
