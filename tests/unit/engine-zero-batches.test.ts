/**
 * A run that trains on nothing: the last partial batch dropped with a batch larger than the
 * images (or than one device's share). PyTorch's `DataLoader(…, drop_last=True)` then has
 * length 0 and the loop does nothing; the engine shows that run instead of refusing it.
 * The worked values are checked by hand from the formulas of docs/frameworks.md (len(DataLoader), DistributedSampler, Trainer batches per process, fastai, DeepSpeed).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  derivationTex,
  FRAMEWORKS,
  countsAtEpoch,
  computeTraining,
  largestBatchSizeWhenDropping,
  FRAMEWORK_INFO,
  type TrainingInputs,
} from '../../src/lib';
import { inputsFor, planFor } from '../support/plans';

const RUNS = { numRuns: Number(process.env['FC_RUNS'] ?? 100) };

function note(inputs: TrainingInputs, id: string): string | undefined {
  return planFor(inputs).notes.find((item) => item.id === id)?.text;
}

describe('worked cases', () => {
  test('PyTorch: 100 images, batches of 128, 10 epochs, drop → nothing at all', () => {
    const inputs = inputsFor('pytorch', { images: 100, batchSize: 128, epochs: 10, lastBatch: 'drop' });
    const plan = planFor(inputs);
    expect({
      batchesPerEpoch: plan.batchesPerEpoch,
      totalBatches: plan.totalBatches,
      lastBatchSize: plan.lastBatchSize,
      imagesPerDevice: plan.imagesPerDevice,
      imagePasses: plan.imagePasses,
      totalOptimizerSteps: plan.totalOptimizerSteps,
      optimizerStepsPerEpoch: plan.optimizerStepsPerEpoch,
      skipped: plan.imagesSkippedPerEpoch,
      repeated: plan.imagesRepeatedPerEpoch,
    }).toEqual({
      batchesPerEpoch: 0,
      totalBatches: 0,
      lastBatchSize: 0,
      imagesPerDevice: 0,
      imagePasses: 0,
      totalOptimizerSteps: 0,
      optimizerStepsPerEpoch: 0,
      skipped: 100,
      repeated: 0,
    });
    // ⌊100/128⌋ = 0, then 0 × 10 = 0, in the arithmetic and its words.
    expect(plan.derivation.map((step) => [step.template, step.values])).toEqual([
      ['batches-per-epoch/floor', [100, 128, 0]],
      ['total-batches/product', [0, 10, 0]],
    ]);
    expect(plan.derivation[0] ? derivationTex(plan.derivation[0]) : '').toContain('\\left\\lfloor');
    expect(plan.derivation[0]?.speech).toBe('100 divided by 128, rounded down, is 0 batches per epoch');
    for (let epoch = 0; epoch <= plan.inputs.epochs; epoch += 1) {
      expect(countsAtEpoch(plan, epoch)).toEqual({ epoch, batches: 0, optimizerSteps: 0 });
    }
    const warning = note(inputs, 'no-batches');
    expect(warning).toContain('len(DataLoader) is 0');
    expect(warning).toContain('Choose Keep, or a batch size of at most 100.');
    expect(plan.notes[0]?.id).toBe('no-batches');
    expect(note(inputs, 'batch-larger-than-data')).toBeUndefined();
  });

  test('PyTorch on 2 devices: 100 images give each 50, so a batch of 64 dropped leaves none', () => {
    const inputs = inputsFor('pytorch', { images: 100, batchSize: 64, devices: 2, lastBatch: 'drop' });
    const plan = planFor(inputs);
    expect([plan.batchesPerEpoch, plan.imagesSkippedPerEpoch, plan.imagesRepeatedPerEpoch]).toEqual([
      0, 100, 0,
    ]);
    expect(plan.derivation.map((step) => [step.template, step.values])).toEqual([
      ['images-per-device/padded', [100, 2, 50]],
      ['batches-per-epoch/per-device-floor', [50, 64, 0]],
      ['total-batches/product', [0, 120, 0]],
      ['effective-batch-size/product', [64, 2, 1, 128]],
    ]);
    expect(note(inputs, 'no-batches')).toContain('larger than the 50 images each device gets');
    expect(note(inputs, 'no-batches')).toContain('a batch size of at most 50.');
  });

  test('PyTorch on 2 devices with 101 images: the padding copy is skipped too, 101 images unseen', () => {
    const plan = planFor(inputsFor('pytorch', { images: 101, batchSize: 64, devices: 2, lastBatch: 'drop' }));
    // n = ⌈101/2⌉ = 51 per device; 2 × 51 − 101 = 1 copy; 2 × 51 = 102 slots dropped.
    expect([plan.batchesPerEpoch, plan.imagesSkippedPerEpoch, plan.imagesRepeatedPerEpoch]).toEqual([
      0, 102, 1,
    ]);
    expect(plan.notes.find((item) => item.id === 'images-skipped')?.text).toContain(
      '1 of them padding copies: 101 different images go unseen',
    );
  });

  test('Hugging Face Trainer on 2 devices: accelerate deals ⌊100/64⌋ = 1 batch to 2 devices, so none', () => {
    const inputs = inputsFor('hf-trainer', { images: 100, batchSize: 64, devices: 2, lastBatch: 'drop' });
    const plan = planFor(inputs);
    expect([plan.batchesPerEpoch, plan.imagesSkippedPerEpoch, plan.imagesRepeatedPerEpoch]).toEqual([
      0, 100, 0,
    ]);
    expect(plan.derivation[0]?.template).toBe('batches-per-epoch/sharded-floor');
    // B ≤ ⌊100/2⌋ = 50 gives ⌊⌊100/50⌋/2⌋ = 1 batch; 51 gives ⌊1/2⌋ = 0.
    expect(note(inputs, 'no-batches')).toContain('a batch size of at most 50.');
    expect(note(inputs, 'no-batches')).toContain('There seems not to be a single sample');
    expect(planFor({ ...inputs, batchSize: 50 }).batchesPerEpoch).toBe(1);
    expect(planFor({ ...inputs, batchSize: 51 }).batchesPerEpoch).toBe(0);
  });

  test('accelerate with fewer images than devices: no batch size helps, only Keep (or fewer devices)', () => {
    const inputs = inputsFor('hf-trainer', { images: 3, batchSize: 1, devices: 4, lastBatch: 'drop' });
    expect(planFor(inputs).batchesPerEpoch).toBe(0);
    expect(note(inputs, 'no-batches')).toContain('Choose Keep, or fewer devices.');
  });

  test('DeepSpeed with accumulation: 0 micro-batches, 0 optimizer steps, one warning', () => {
    const inputs = inputsFor('deepspeed', {
      images: 100,
      batchSize: 128,
      lastBatch: 'drop',
      accumulationSteps: 4,
    });
    const plan = planFor(inputs);
    expect([plan.totalBatches, plan.totalOptimizerSteps, plan.optimizerStepsPerEpoch]).toEqual([0, 0, 0]);
    expect(plan.notes.map((item) => item.id)).not.toContain('no-optimizer-step');
    expect(note(inputs, 'no-batches')).toContain('DeepSpeedDataLoader has length 0');
  });

  test('fastai drops by default: 100 images in batches of 128 train on nothing', () => {
    const plan = planFor(inputsFor('fastai', { images: 100, batchSize: 128 }));
    expect(plan.inputs.lastBatch).toBe('drop');
    expect(plan.batchesPerEpoch).toBe(0);
  });

  test('Keras never drops: the same run is one partial batch of 100', () => {
    const plan = planFor(inputsFor('keras', { images: 100, batchSize: 128, lastBatch: 'drop' }));
    expect([plan.batchesPerEpoch, plan.lastBatchSize, plan.imagePasses]).toEqual([1, 100, 12_000]);
  });

  test('keeping on 2 devices: a batch of 64 is larger than one device’s share of 50', () => {
    const inputs = inputsFor('pytorch', { images: 100, batchSize: 64, devices: 2 });
    expect([planFor(inputs).batchesPerEpoch, planFor(inputs).lastBatchSize]).toEqual([1, 50]);
    expect(note(inputs, 'batch-larger-than-data')).toBe(
      'The batch size is larger than one device’s share of the training images (50 of 100): every epoch is a single, partial batch on each device.',
    );
  });

  test('the effective batch size is said to be out of reach when no step can hold it', () => {
    // n = ⌈48,001/8⌉ = 6,001 per device, 94 batches < 1,024: one step holds 8 × 6,001 = 48,008 images.
    const inputs = inputsFor('pytorch', { images: 48_001, devices: 8, accumulationSteps: 1_024 });
    const plan = planFor(inputs);
    expect(plan.effectiveBatchSize).toBe(524_288);
    expect(note(inputs, 'effective-batch-unreachable')).toContain('the largest holds 48,008 images');
    expect(
      note(inputsFor('pytorch', { accumulationSteps: 4 }), 'effective-batch-unreachable'),
    ).toBeUndefined();
  });
});

describe('over every framework', () => {
  const arb = fc.record({
    framework: fc.constantFrom(...FRAMEWORKS),
    images: fc.integer({ min: 1, max: 2_000 }),
    batchSize: fc.integer({ min: 1, max: 4_000 }),
    devices: fc.integer({ min: 1, max: 9 }),
    accumulationSteps: fc.integer({ min: 1, max: 9 }),
    lastBatch: fc.constantFrom('keep' as const, 'drop' as const),
    epochs: fc.integer({ min: 1, max: 50 }),
  });

  test('a run is never refused for its batch size; no batch exactly when dropping a batch too large', () => {
    fc.assert(
      fc.property(arb, (overrides) => {
        const inputs = inputsFor(overrides.framework, overrides);
        const result = computeTraining(inputs);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        const plan = result.value;
        const info = FRAMEWORK_INFO[plan.inputs.framework];
        const { devices, batchSize, lastBatch } = plan.inputs;
        // Independent of the engine: what one device is dealt, per docs/frameworks.md (DistributedSampler, Trainer batches per process).
        const accelerate = info.sharding === 'accelerate' && devices > 1;
        const empty =
          lastBatch === 'drop' &&
          (accelerate
            ? Math.floor(plan.trainingImages / batchSize) < devices
            : batchSize > Math.ceil(plan.trainingImages / devices));
        expect(plan.batchesPerEpoch === 0).toBe(empty);
        expect(plan.notes.some((item) => item.id === 'no-batches')).toBe(empty);
        if (!empty) return;
        expect(plan.totalBatches + plan.totalOptimizerSteps + plan.imagePasses + plan.lastBatchSize).toBe(0);
        // Every image is skipped (padding copies included), none is processed.
        expect(plan.imagesSkippedPerEpoch).toBe(plan.trainingImages + plan.imagesRepeatedPerEpoch);
        const largest = largestBatchSizeWhenDropping(plan.trainingImages, devices, info.sharding);
        if (largest >= 1) {
          expect(planFor({ ...plan.inputs, batchSize: largest }).batchesPerEpoch).toBeGreaterThanOrEqual(1);
          expect(planFor({ ...plan.inputs, lastBatch: 'keep' }).batchesPerEpoch).toBeGreaterThanOrEqual(1);
        }
      }),
      RUNS,
    );
  });
});
