import { describe, expect, it } from 'vitest';
import { describeUncertainty } from './describe-uncertainty';

describe('describeUncertainty', () => {
  it('is confident when the top class is clear', () => {
    expect(describeUncertainty(['a', 'b', 'c'], [0.8, 0.15, 0.05])).toEqual({
      level: 'confident',
      sentence: 'The model favours a (80%).',
    });
  });

  it('is unsure when the top score is low', () => {
    const result = describeUncertainty(['a', 'b', 'c'], [0.45, 0.3, 0.25]);
    expect(result.level).toBe('unsure');
    expect(result.sentence).toContain('The model is unsure');
  });

  it('is unsure when the top two are close', () => {
    const result = describeUncertainty(['nodule', 'normal'], [0.66, 0.34]);
    expect(result.level).toBe('confident');
    const close = describeUncertainty(['nodule', 'normal', 'other'], [0.62, 0.58, 0.01]);
    expect(close).toMatchObject({ level: 'unsure' });
    expect(close.sentence).toMatch(/nodule \(62%\) and normal \(58%\) are close/);
  });

  it('speaks of borderline findings for multi-label models', () => {
    expect(describeUncertainty(['a', 'b'], [0.9, 0.5], 'multilabel')).toMatchObject({ level: 'unsure' });
    expect(describeUncertainty(['a', 'b'], [0.9, 0.1], 'multilabel').sentence).toBe('The model finds a.');
  });
});
