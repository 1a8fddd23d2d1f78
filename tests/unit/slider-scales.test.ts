import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { SLIDER_SCALES, pageStep, roundForReading, sliderValue } from '../../src/client/slider-scales';
import { FIELD_SPECS, fieldValueText, type NumericField } from '../../src/lib';

const fields = Object.keys(SLIDER_SCALES) as NumericField[];

describe('slider scales', () => {
  test.each(fields)('%s: the ends of the track are the ends of the range', (field) => {
    const scale = SLIDER_SCALES[field]!;
    const spec = FIELD_SPECS[field];
    expect(scale.toValue(0)).toBe(spec.min);
    expect(scale.toValue(scale.positions)).toBeLessThanOrEqual(spec.max);
    expect(scale.toPosition(spec.min)).toBe(0);
    expect(scale.toPosition(spec.max)).toBe(scale.positions);
  });

  test.each(fields)('%s: every position gives a valid value, and moving right never lowers it', (field) => {
    const scale = SLIDER_SCALES[field]!;
    const spec = FIELD_SPECS[field];
    let previous = 0;
    for (let position = 0; position <= scale.positions; position += 1) {
      const value = scale.toValue(position);
      expect(Number.isInteger(value)).toBe(true);
      expect(value).toBeGreaterThanOrEqual(Math.max(spec.min, previous));
      expect(value).toBeLessThanOrEqual(spec.max);
      previous = value;
    }
  });

  test.each(['images', 'epochs'] as const)('%s: every arrow press changes the value', (field) => {
    const scale = SLIDER_SCALES[field]!;
    for (let position = 1; position <= scale.positions; position += 1) {
      expect(scale.toValue(position)).toBeGreaterThan(scale.toValue(position - 1));
    }
  });

  test('batch size snaps to powers of two', () => {
    const scale = SLIDER_SCALES.batchSize!;
    for (let position = 0; position <= scale.positions; position += 1) {
      expect(Math.log2(scale.toValue(position)) % 1).toBe(0);
    }
    expect(scale.toValue(scale.toPosition(64))).toBe(64);
  });

  test.each(fields)('%s: a value’s position maps back near the value', (field) => {
    const scale = SLIDER_SCALES[field]!;
    const spec = FIELD_SPECS[field];
    fc.assert(
      fc.property(fc.integer({ min: spec.min, max: spec.max }), (value) => {
        const back = scale.toValue(scale.toPosition(value));
        // Within one slider step: a factor of two for batch size, a few percent elsewhere.
        const tolerance = field === 'batchSize' ? 2 : 1.05;
        return back <= value * tolerance + 1 && back >= value / tolerance - 1;
      }),
    );
  });

  test('values read as people write them', () => {
    expect(roundForReading(48_123)).toBe(48_100);
    expect(roundForReading(999)).toBe(999);
    expect(roundForReading(123_456_789)).toBe(123_000_000);
  });
});

describe('Page Up and Page Down in number fields', () => {
  test.each(Object.keys(FIELD_SPECS) as NumericField[])('%s: moves within range, up then down', (field) => {
    const spec = FIELD_SPECS[field];
    const up = pageStep(field, spec.default, 1);
    expect(up).toBeGreaterThan(spec.default);
    expect(up).toBeLessThanOrEqual(spec.max);
    expect(pageStep(field, spec.min, -1)).toBe(spec.min);
    expect(pageStep(field, spec.max, 1)).toBeLessThanOrEqual(spec.max);
    expect(pageStep(field, up, -1)).toBeLessThan(up);
  });
});

describe('sliderValue: arrow keys retrace their steps', () => {
  test.each([
    ['images', 48_000],
    ['images', 35_126],
    ['batchSize', 48],
    ['epochs', 777],
  ] as const)('%s: %d → right → left is %d again, and → moves the value', (field, start) => {
    const scale = SLIDER_SCALES[field];
    if (!scale) throw new Error(`no scale for ${field}`);
    const anchor = { position: scale.toPosition(start), value: start };
    const right = sliderValue(scale, anchor.position + 1, anchor);
    expect(right).toBeGreaterThan(start);
    expect(sliderValue(scale, anchor.position, anchor)).toBe(start);
    expect(sliderValue(scale, anchor.position - 1, anchor)).toBeLessThan(start);
  });
});

describe('fieldValueText: spoken values are grammatical', () => {
  test.each([
    ['images', 1, '1 image'],
    ['images', 48_000, '48,000 images'],
    ['batchSize', 1, '1 image per batch'],
    ['epochs', 1, '1 epoch'],
    ['devices', 1, '1 device'],
    ['accumulationSteps', 1, '1 batch per optimizer step'],
    ['accumulationSteps', 4, '4 batches per optimizer step'],
  ] as const)('%s %d → %s', (field, value, text) => {
    expect(fieldValueText(field, value)).toBe(text);
  });
});
