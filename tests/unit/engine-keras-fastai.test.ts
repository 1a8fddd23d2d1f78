/**
 * Keras 3 and fastai on several devices and with gradient accumulation, against the worked cases
 * of docs/worked-cases.md (case G) and the rules of docs/frameworks.md ("Keras on several
 * devices", "Keras gradient accumulation", "fastai on several devices", "fastai gradient
 * accumulation"). Every expected number is written out as computed by hand from the framework's
 * own rule, not by the engine's formula.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { countsAtEpoch, deviceEpoch, FRAMEWORK_INFO, repeatsInDroppedBatches } from '../../src/lib';
import { inputsFor, planFor } from '../support/plans';

const RUNS = { numRuns: Number(process.env['FC_RUNS'] ?? 100) };

describe('every framework row names the release it follows, and none disables devices or accumulation', () => {
  test.each(Object.values(FRAMEWORK_INFO))('$label', (info) => {
    expect(info.follows).toMatch(/\d/);
    expect(info.devicesUnavailable).toBe('');
    expect(info.accumulationUnavailable).toBe('');
  });
});

describe('case G1: 48,000 images, B = 64, 120 epochs, 2 devices, G = 4', () => {
  const G1 = { images: 48_000, batchSize: 64, epochs: 120, devices: 2, accumulationSteps: 4 };

  test('Keras: fit(batch_size=128): 375 global batches per epoch, ⌊45,000 / 4⌋ = 11,250 steps', () => {
    const plan = planFor(inputsFor('keras', G1));
    // 48,000 / 128 = 375 exactly.
    expect(plan.batchesPerEpoch).toBe(375);
    expect(plan.lastBatchSize).toBe(64);
    expect(plan.totalBatches).toBe(45_000);
    expect(plan.totalOptimizerSteps).toBe(11_250);
    // 375 = 4 × 93 + 3: the windows straddle epochs, so the steps per epoch vary.
    expect(plan.optimizerStepsPerEpoch).toBeNull();
    expect(plan.optimizerStepsPerEpochReason).toMatch(/Keras/);
    expect([1, 2, 3, 4].map((epoch) => countsAtEpoch(plan, epoch).optimizerSteps)).toEqual([
      93, 187, 281, 375,
    ]);
    expect(plan.effectiveBatchSize).toBe(512);
    expect(plan.imagePasses).toBe(5_760_000);
    expect([plan.imagesRepeatedPerEpoch, plan.imagesSkippedPerEpoch]).toEqual([0, 0]);
    const ids = plan.notes.map((note) => note.id);
    expect(ids).toEqual(expect.arrayContaining(['keras-global-batch', 'keras-accumulation']));
    expect(plan.notes.find((note) => note.id === 'keras-global-batch')?.text).toContain(
      'fit(batch_size=128)',
    );
    expect(plan.derivation.map((step) => step.template)).toEqual([
      'batches-per-epoch/global-batch',
      'total-batches/product',
      'total-optimizer-steps/across-epochs',
      'effective-batch-size/product',
    ]);
  });

  test('fastai (drops by default): 24,000 per device, 375 batches, n_acc = 256, 11,250 steps', () => {
    const plan = planFor(inputsFor('fastai', G1));
    expect(plan.inputs.lastBatch).toBe('drop');
    expect(plan.derivation[0]?.value).toBe(24_000);
    expect(plan.batchesPerEpoch).toBe(375);
    expect(plan.totalOptimizerSteps).toBe(11_250);
    expect(plan.optimizerStepsPerEpoch).toBeNull();
    expect(plan.effectiveBatchSize).toBe(512);
    expect(plan.notes.find((note) => note.id === 'fastai-accumulation')?.text).toContain('n_acc=256');
  });

  test('one device, G = 4: Keras and fastai 750 batches, ⌊90,000 / 4⌋ = 22,500 (the Trainer: 22,560)', () => {
    const one = { ...G1, devices: 1 };
    expect(planFor(inputsFor('keras', one)).totalOptimizerSteps).toBe(22_500);
    expect(planFor(inputsFor('fastai', one)).totalOptimizerSteps).toBe(22_500);
    expect(planFor(inputsFor('hf-trainer', one)).totalOptimizerSteps).toBe(22_560);
  });
});

describe('case G2, uneven: 35,126 images, B = 32, 50 epochs, 2 devices, G = 4', () => {
  const G2 = { images: 35_126, batchSize: 32, epochs: 50, devices: 2, accumulationSteps: 4 };

  test('Keras: ⌈35,126 / 64⌉ = 549 steps per epoch; the last global batch of 54 is cut 32 + 22', () => {
    const plan = planFor(inputsFor('keras', G2));
    expect(plan.batchesPerEpoch).toBe(549);
    expect(plan.totalBatches).toBe(27_450);
    // 27,450 = 4 × 6,862 + 2.
    expect(plan.totalOptimizerSteps).toBe(6_862);
    expect(plan.optimizerStepsPerEpoch).toBeNull();
    expect(plan.lastBatchSize).toBe(32);
    expect(deviceEpoch(plan, 1)).toEqual({
      device: 1,
      imagesInFullBatches: 17_568,
      partialBatchImages: 0,
      skipped: 0,
      repeated: 0,
    });
    expect(deviceEpoch(plan, 2)).toEqual({
      device: 2,
      imagesInFullBatches: 17_536,
      partialBatchImages: 22,
      skipped: 0,
      repeated: 0,
    });
    expect(plan.imagePasses).toBe(1_756_300);
  });

  test('fastai, drop: 17,563 per device, 548 batches (27 dropped on each), 137 steps per epoch, 6,850', () => {
    const plan = planFor(inputsFor('fastai', G2));
    expect(plan.batchesPerEpoch).toBe(548);
    expect(plan.imagesSkippedPerEpoch).toBe(54);
    expect(plan.optimizerStepsPerEpoch).toBe(137);
    expect(plan.totalOptimizerSteps).toBe(6_850);
  });

  test('fastai, keep: 549 batches, the last of 27 only tops a window up: still 137 per epoch, 6,850', () => {
    const plan = planFor(inputsFor('fastai', { ...G2, lastBatch: 'keep' }));
    expect(plan.batchesPerEpoch).toBe(549);
    expect(plan.lastBatchSize).toBe(27);
    expect(plan.optimizerStepsPerEpoch).toBe(137);
    expect(plan.totalOptimizerSteps).toBe(6_850);
    expect(plan.derivation.map((step) => step.template)).toContain(
      'total-optimizer-steps/full-batches-across-epochs',
    );
  });

  test('fastai, 35,127 images, drop: 1 padding copy, at the end of device 2, dropped with its last 28', () => {
    const plan = planFor(inputsFor('fastai', { ...G2, images: 35_127 }));
    // ⌈35,127 / 2⌉ = 17,564 = 548 × 32 + 28.
    expect(plan.imagesRepeatedPerEpoch).toBe(1);
    expect(plan.imagesSkippedPerEpoch).toBe(56);
    expect(repeatsInDroppedBatches(plan)).toBe(1);
    expect(deviceEpoch(plan, 1).repeated).toBe(0);
    expect(deviceEpoch(plan, 2).repeated).toBe(1);
  });

  test('fastai, 4 devices and batches of 1,000: 3 copies end device 4, but its dropped batch holds only 2', () => {
    // ⌈1,001 / 4⌉ = 251 per device, 3 copies; batches of 125: 2 per device, 1 image dropped each.
    const plan = planFor(
      inputsFor('fastai', { images: 1_001, batchSize: 125, epochs: 1, devices: 4, accumulationSteps: 1 }),
    );
    expect([plan.batchesPerEpoch, plan.imagesRepeatedPerEpoch, plan.imagesSkippedPerEpoch]).toEqual([
      2, 3, 4,
    ]);
    expect(repeatsInDroppedBatches(plan)).toBe(1);
    expect(plan.notes.find((note) => note.id === 'images-repeated')?.text).toContain(
      'the other 2 are trained on',
    );
  });
});

describe('case G3: fastai counts images, not batches, when an epoch is shorter than a window', () => {
  test('100 images, batches of 64 kept (64 + 36), G = 3 (n_acc = 192), 7 epochs: a step every 2 epochs', () => {
    const plan = planFor(
      inputsFor('fastai', { images: 100, batchSize: 64, epochs: 7, accumulationSteps: 3, lastBatch: 'keep' }),
    );
    // Counts 64, 100 | 164, 200 → step | 64, 100 | 164, 200 → step | …: steps after epochs 2, 4, 6.
    expect(plan.batchesPerEpoch).toBe(2);
    expect(plan.totalOptimizerSteps).toBe(3);
    expect(plan.optimizerStepsPerEpoch).toBeNull();
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((epoch) => countsAtEpoch(plan, epoch).optimizerSteps)).toEqual([
      0, 0, 1, 1, 2, 2, 3, 3,
    ]);
    // Counting batches instead (Keras, DeepSpeed) would give ⌊14 / 3⌋ = 4.
    expect(planFor(inputsFor('keras', plan.inputs)).totalOptimizerSteps).toBe(4);
  });

  test('a run that never fills one window never steps, and says so', () => {
    const plan = planFor(
      inputsFor('fastai', { images: 100, batchSize: 64, epochs: 1, accumulationSteps: 4, lastBatch: 'keep' }),
    );
    expect(plan.totalOptimizerSteps).toBe(0);
    expect(plan.notes.map((note) => note.id)).toContain('no-optimizer-step');
    const keras = planFor(
      inputsFor('keras', { images: 100, batchSize: 64, epochs: 1, accumulationSteps: 4 }),
    );
    expect(keras.totalOptimizerSteps).toBe(0);
    expect(keras.notes.map((note) => note.id)).toContain('no-optimizer-step');
  });
});

describe('properties', () => {
  /** fastai's GradientAccumulation on one device, batch by batch, written from its source. */
  function walk(batches: number[], epochs: number, nAcc: number): number {
    let count = 0;
    let steps = 0;
    for (let epoch = 0; epoch < epochs; epoch += 1) {
      for (const size of batches) {
        count += size;
        if (count >= nAcc) {
          steps += 1;
          count = 0;
        }
      }
    }
    return steps;
  }

  test('fastai: the engine agrees with a batch-by-batch walk of GradientAccumulation', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2_000 }),
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom('keep' as const, 'drop' as const),
        (images, batchSize, epochs, devices, accumulationSteps, lastBatch) => {
          const plan = planFor(
            inputsFor('fastai', { images, batchSize, epochs, devices, accumulationSteps, lastBatch }),
          );
          const perDevice = Math.ceil(images / devices);
          const sizes = Array<number>(Math.floor(perDevice / batchSize)).fill(batchSize);
          if (lastBatch === 'keep' && perDevice % batchSize > 0) sizes.push(perDevice % batchSize);
          expect(plan.batchesPerEpoch).toBe(sizes.length);
          const expected =
            accumulationSteps === 1
              ? sizes.length * epochs
              : walk(sizes, epochs, accumulationSteps * batchSize);
          expect(plan.totalOptimizerSteps).toBe(expected);
          for (let epoch = 0; epoch <= epochs; epoch += 1) {
            const at =
              accumulationSteps === 1
                ? sizes.length * epoch
                : walk(sizes, epoch, accumulationSteps * batchSize);
            expect(countsAtEpoch(plan, epoch).optimizerSteps).toBe(at);
          }
        },
      ),
      RUNS,
    );
  });

  test('Keras: ⌈N/(B·P)⌉ global batches, every image once per epoch, a step on every G-th batch of the run', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5_000 }),
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 9 }),
        (images, batchSize, epochs, devices, accumulationSteps) => {
          const plan = planFor(inputsFor('keras', { images, batchSize, epochs, devices, accumulationSteps }));
          // Batch the rows by the global batch, one by one.
          let batches = 0;
          for (let start = 0; start < images; start += batchSize * devices) batches += 1;
          expect(plan.batchesPerEpoch).toBe(batches);
          // The optimizer's counter: batch k (1, 2, …, E·b over the run) steps when k is a multiple of G.
          let steps = 0;
          for (let k = 1; k <= epochs * batches; k += 1) if (k % accumulationSteps === 0) steps += 1;
          expect(plan.totalOptimizerSteps).toBe(steps);
          let seen = 0;
          for (let device = 1; device <= devices; device += 1) {
            const share = deviceEpoch(plan, device);
            seen += share.imagesInFullBatches + share.partialBatchImages;
          }
          expect(seen).toBe(images);
          expect(plan.imagePasses).toBe(epochs * images);
        },
      ),
      RUNS,
    );
  });
});
