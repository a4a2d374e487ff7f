import { describe, expect, it } from 'vitest';
import { DEFAULT_JOB_OPTIONS, EXPLAIN_JOB_OPTIONS, QUEUE_NAMES, ZExplainJobPayload } from './jobs';

const valid = {
  caseId: '6f1c1c2e-8d3c-4c5e-9a3b-2f4d8e9a1b2c',
  modelVersionId: '0b7e3d8a-1f2c-4a5b-8c9d-0e1f2a3b4c5d',
  methods: ['gradcam', 'integrated_gradients'],
  requestedBy: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
};

describe('ZExplainJobPayload', () => {
  it('accepts a payload with or without a target', () => {
    expect(ZExplainJobPayload.parse(valid)).toEqual(valid);
    expect(ZExplainJobPayload.parse({ ...valid, target: 3 }).target).toBe(3);
    expect(ZExplainJobPayload.parse({ ...valid, target: 'Pneumonia' }).target).toBe('Pneumonia');
  });

  it('rejects an empty method list with a message a person can act on', () => {
    const result = ZExplainJobPayload.safeParse({ ...valid, methods: [] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('ask for at least one attribution method');
  });

  it('rejects ids that are not UUIDs and negative or fractional targets', () => {
    expect(ZExplainJobPayload.safeParse({ ...valid, caseId: '42' }).success).toBe(false);
    expect(ZExplainJobPayload.safeParse({ ...valid, target: -1 }).success).toBe(false);
    expect(ZExplainJobPayload.safeParse({ ...valid, target: 1.5 }).success).toBe(false);
  });
});

describe('job options', () => {
  it('are frozen so no caller can change the defaults for everyone', () => {
    expect(Object.isFrozen(DEFAULT_JOB_OPTIONS)).toBe(true);
    expect(Object.isFrozen(DEFAULT_JOB_OPTIONS.backoff)).toBe(true);
    expect(Object.isFrozen(EXPLAIN_JOB_OPTIONS)).toBe(true);
    expect(QUEUE_NAMES.explain).not.toContain(':');
  });
});
