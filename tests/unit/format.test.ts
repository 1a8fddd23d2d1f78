// Number formatting, checked against numbers written out by hand, and the framework table's
// words for a row the engine refuses or counts like the reader's framework.
import { describe, expect, test } from 'vitest';
import {
  DEFAULT_INPUTS,
  compareFrameworks,
  comparisonText,
  countWithNoun,
  formatCount,
  texCount,
} from '../../src/lib';
import { isEmbedWidget, setupText } from '../../src/lib/embed';
import { isExerciseKind } from '../../src/lib/exercises';

describe('formatCount', () => {
  test.each([
    [0, '0'],
    [999, '999'],
    [1_000, '1,000'],
    [48_000, '48,000'],
    [5_760_000, '5,760,000'],
    [1_000_000_000, '1,000,000,000'],
    [12.5, '12.5'],
    [0.125, '0.125'],
    [1234.5, '1,234.5'],
    [-3, '−3'],
    [-48_000.25, '−48,000.25'],
    // Past 2^53 a whole number still prints in full, never with an exponent.
    [2 ** 60, '1,152,921,504,606,846,976'],
  ])('%d → %s', (value, text) => {
    expect(formatCount(value)).toBe(text);
  });
});

describe('texCount', () => {
  test.each([
    [90_000, '90{,}000'],
    [750, '750'],
    [12.5, '12.5'],
    [-48_000, '-48{,}000'],
    [1_234_567.5, '1{,}234{,}567.5'],
  ])('%d → %s', (value, tex) => {
    expect(texCount(value)).toBe(tex);
  });
});

test('countWithNoun: one and many, with a plural of its own', () => {
  expect(countWithNoun(1, 'image')).toBe('1 image');
  expect(countWithNoun(0, 'image')).toBe('0 images');
  expect(countWithNoun(48_000, 'image')).toBe('48,000 images');
  expect(countWithNoun(1, 'batch', 'batches')).toBe('1 batch');
  expect(countWithNoun(750, 'batch', 'batches')).toBe('750 batches');
});

describe('comparisonText', () => {
  test('the worked case: 750 batches, a last batch of 64, 90,000 steps, nothing counted differently', () => {
    const pytorch = compareFrameworks(DEFAULT_INPUTS)[0];
    if (!pytorch) throw new Error('no PyTorch row');
    expect(comparisonText(pytorch)).toEqual({ counts: ['750', '64', '90,000'], notes: '—' });
  });

  test('a refused setup reads "not counted" in every column, with the reason', () => {
    const rows = compareFrameworks({ ...DEFAULT_INPUTS, images: 0 });
    for (const row of rows) {
      expect(row.plan).toBeNull();
      const text = comparisonText(row);
      expect(text.counts).toEqual(['not counted', 'not counted', 'not counted']);
      expect(text.notes).toMatch(/^Images must be a whole number from 1 to 1,000,000,000/);
    }
  });
});

describe('edges of the embed and exercise helpers', () => {
  test('setupText spells out every input, the validation share and a dropped last batch', () => {
    expect(
      setupText({ ...DEFAULT_INPUTS, validationPercent: 12.5, lastBatch: 'drop', framework: 'fastai' }),
    ).toBe(
      'Setup: 48,000 images, 64 images per batch, 120 epochs, 1 device, 1 batch per optimizer step, 12.5 percent held out for validation, the last partial batch dropped, fastai.',
    );
    expect(setupText({ ...DEFAULT_INPUTS, images: 1, devices: 2 })).toBe(
      'Setup: 1 image, 64 images per batch, 120 epochs, 2 devices, 1 batch per optimizer step, 0 percent held out for validation, the last partial batch kept, PyTorch.',
    );
  });

  test('isEmbedWidget and isExerciseKind know their own names only', () => {
    expect(isEmbedWidget('calculator')).toBe(true);
    expect(isEmbedWidget('toString')).toBe(false);
    expect(isExerciseKind('toString')).toBe(false);
  });
});
