// The reader's setup in every framework: each row is exactly the engine's plan for that framework.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  DEFAULT_INPUTS,
  FRAMEWORKS,
  FRAMEWORK_INFO,
  compareFrameworks,
  computeTraining,
  type TrainingInputs,
} from '../../src/lib';

describe('compareFrameworks', () => {
  test('one row per framework, in menu order, each the plan computeTraining gives it', () => {
    fc.assert(
      fc.property(
        fc.record({
          images: fc.integer({ min: 1, max: 200_000 }),
          batchSize: fc.integer({ min: 1, max: 1024 }),
          epochs: fc.integer({ min: 1, max: 500 }),
          devices: fc.integer({ min: 1, max: 8 }),
          accumulationSteps: fc.integer({ min: 1, max: 8 }),
          validationPercent: fc.constantFrom(0, 10, 20, 33.3),
          lastBatch: fc.constantFrom('keep' as const, 'drop' as const),
        }),
        (change) => {
          const inputs: TrainingInputs = { ...DEFAULT_INPUTS, ...change };
          const rows = compareFrameworks(inputs);
          expect(rows.map((row) => row.framework)).toEqual([...FRAMEWORKS]);
          for (const row of rows) {
            expect(row.label).toBe(FRAMEWORK_INFO[row.framework].label);
            const computed = computeTraining({ ...inputs, framework: row.framework });
            if (computed.ok) {
              expect(row.plan).toEqual(computed.value);
              expect(row.refused).toBe('');
            } else {
              expect(row.plan).toBeNull();
              expect(row.refused).toBe(computed.errors[0]?.message);
            }
          }
        },
      ),
    );
  });

  test('the worked case agrees everywhere; at the edges the frameworks part ways', () => {
    const same = compareFrameworks(DEFAULT_INPUTS);
    expect(new Set(same.map((row) => row.plan?.totalBatches))).toEqual(new Set([90_000]));

    // Accumulation over 4: accelerate and the Trainer step on each epoch's short window, while
    // DeepSpeed, Keras (batches) and fastai (images, n_acc = 256) carry it over: ⌊90,000 / 4⌋.
    const rows = compareFrameworks({ ...DEFAULT_INPUTS, accumulationSteps: 4 });
    const steps = Object.fromEntries(rows.map((row) => [row.framework, row.plan?.totalOptimizerSteps]));
    expect(steps['pytorch']).toBe(22_560);
    expect(steps['hf-trainer']).toBe(22_560);
    expect(steps['deepspeed']).toBe(22_500);
    expect(steps['keras']).toBe(22_500);
    expect(steps['fastai']).toBe(22_500);
    expect(rows.flatMap((row) => row.adjustments)).toEqual([]);
  });

  test('Keras keeps the last batch when the reader drops it, and says so', () => {
    const rows = compareFrameworks({ ...DEFAULT_INPUTS, images: 48_001, lastBatch: 'drop' });
    const keras = rows.find((row) => row.framework === 'keras');
    expect(keras?.plan?.batchesPerEpoch).toBe(751);
    expect(keras?.adjustments).toEqual(['keeps the last batch']);
    expect(rows.find((row) => row.framework === 'pytorch')?.plan?.batchesPerEpoch).toBe(750);
  });
});
