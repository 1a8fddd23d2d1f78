/**
 * The one reading of a link (`inputsFromParams`, `planFromParams`) and its writing
 * (`inputsToParams`), over the page's starting inputs: only an invalid parameter falls back,
 * to the default for the chosen framework, and every link round-trips exactly.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  DEFAULT_INPUTS,
  FRAMEWORKS,
  inputsFromParams,
  inputsToParams,
  planFromParams,
  type TrainingInputs,
} from '../../src/lib';
import { inputsFor } from '../support/plans';

const RUNS = { numRuns: Number(process.env['FC_RUNS'] ?? 200) };
const read = (query: string, base?: TrainingInputs) => planFromParams(new URLSearchParams(query), base);

describe('planFromParams', () => {
  test('a run with no batch is read as it is: no notice, every field kept', () => {
    const { inputs, plan, notices } = read('images=100&batch=128&epochs=10&last=drop');
    expect(notices).toEqual([]);
    expect(inputs).toEqual({ ...DEFAULT_INPUTS, images: 100, batchSize: 128, epochs: 10, lastBatch: 'drop' });
    expect([plan.batchesPerEpoch, plan.totalBatches]).toEqual([0, 0]);
  });

  test('fastai with an invalid last batch falls back to fastai’s default, Drop, with a notice', () => {
    const { inputs, notices } = read('framework=fastai&last=sometimes');
    expect(inputs.lastBatch).toBe('drop');
    expect(notices.map((notice) => notice.field)).toEqual(['lastBatch']);
    expect(notices[0]?.message).toBe('The last parameter must be one of keep, drop; “sometimes” is not.');
  });

  test('only the invalid parameter falls back; the valid ones in the same link stay', () => {
    const { inputs, notices } = read('images=abc&batch=32&epochs=7&devices=0&framework=lightning');
    expect(inputs).toEqual({ ...inputsFor('lightning'), batchSize: 32, epochs: 7 });
    expect(notices.map((notice) => notice.field)).toEqual(['images', 'devices']);
  });

  test('a combination the engine refuses falls back field by field: the validation share, not the images', () => {
    // Keras: ⌊1 × (1 − 0.5)⌋ = 0 training images (docs/frameworks.md: Keras validation_split).
    const { inputs, notices } = read('framework=keras&images=1&val=50&batch=8');
    expect(inputs).toEqual({ ...inputsFor('keras'), images: 1, batchSize: 8 });
    expect(notices.map((notice) => notice.field)).toEqual(['validationPercent']);
  });

  test('over a page preset: missing parameters keep the preset, invalid ones fall back to it', () => {
    const preset = inputsFor('hf-trainer', {
      images: 3_662,
      batchSize: 16,
      devices: 2,
      accumulationSteps: 4,
    });
    expect(read('', preset).inputs).toEqual(preset);
    expect(read('batch=abc&epochs=20', preset).inputs).toEqual({ ...preset, epochs: 20 });
    // A link that picks another framework starts that framework from its own last-batch default.
    expect(read('framework=fastai', preset).inputs).toEqual({
      ...preset,
      framework: 'fastai',
      lastBatch: 'drop',
    });
  });
});

describe('inputsToParams', () => {
  test('a page preset that is not the worked case: a change back to a global default is written', () => {
    const preset = inputsFor('fastai', { devices: 4, validationPercent: 20 });
    const inputs = { ...preset, devices: 1, lastBatch: 'keep' as const };
    const params = inputsToParams(inputs, preset);
    expect(params.get('devices')).toBe('1');
    expect(params.get('last')).toBe('keep');
    expect(inputsFromParams(params, preset).inputs).toEqual(inputs);
  });

  const inputsArb: fc.Arbitrary<TrainingInputs> = fc.record({
    images: fc.integer({ min: 1, max: 1_000_000_000 }),
    batchSize: fc.integer({ min: 1, max: 1_000_000 }),
    epochs: fc.integer({ min: 1, max: 100_000 }),
    devices: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 4_096 })),
    accumulationSteps: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 1_024 })),
    validationPercent: fc.oneof(
      fc.constant(0),
      fc.integer({ min: 0, max: 900 }).map((t) => t / 10),
    ),
    lastBatch: fc.constantFrom('keep' as const, 'drop' as const),
    framework: fc.constantFrom(...FRAMEWORKS),
  });

  test('every link round-trips exactly, over any page preset', () => {
    fc.assert(
      fc.property(inputsArb, inputsArb, (inputs, preset) => {
        const text = inputsToParams(inputs, preset).toString();
        expect(inputsFromParams(new URLSearchParams(text), preset)).toEqual({ inputs, notices: [] });
      }),
      RUNS,
    );
  });
});
