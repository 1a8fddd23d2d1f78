// Who gets what on several devices (docs/frameworks.md: DistributedSampler; Trainer batches per process, for accelerate).
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  DEFAULT_INPUTS,
  FRAMEWORKS,
  computeTraining,
  deviceEpoch,
  fullBatchesPerEpoch,
  imagesLeftOutBeforeSharding,
  repeatsInDroppedBatches,
  type TrainingPlan,
} from '../../src/lib';
import { planWith } from '../support/plans';

/** Plans over every framework and policy, up to the given sizes (refused inputs are skipped). */
function plans(maxImages: number, maxBatchSize: number): fc.Arbitrary<TrainingPlan> {
  return fc
    .record({
      images: fc.integer({ min: 1, max: maxImages }),
      batchSize: fc.integer({ min: 1, max: maxBatchSize }),
      devices: fc.integer({ min: 1, max: 16 }),
      framework: fc.constantFrom(...FRAMEWORKS),
      lastBatch: fc.constantFrom('keep' as const, 'drop' as const),
    })
    .map((inputs) => computeTraining({ ...DEFAULT_INPUTS, ...inputs }))
    .filter((computed): computed is { ok: true; value: TrainingPlan } => computed.ok)
    .map((computed) => computed.value);
}

describe('deviceEpoch', () => {
  test('DistributedSampler: N = 35,126 on 4 devices pads 2 images, one each on the last two ranks', () => {
    const plan = planWith({ images: 35_126, batchSize: 32, devices: 4 });
    expect([1, 2, 3, 4].map((device) => deviceEpoch(plan, device).repeated)).toEqual([0, 0, 1, 1]);
  });

  test('Trainer batches per process: HF Trainer, N = 3,662, B = 16, 2 processes: 2 repeats complete the last batch, 16 loop back', () => {
    const plan = planWith({ images: 3_662, batchSize: 16, devices: 2, framework: 'hf-trainer' });
    expect([1, 2].map((device) => deviceEpoch(plan, device).repeated)).toEqual([2, 16]);
    expect(imagesLeftOutBeforeSharding(plan)).toBe(0);
  });

  test('accelerate drops whole batches before dealing them: left out, not skipped by a device', () => {
    const plan = planWith({
      images: 3_662,
      batchSize: 16,
      devices: 2,
      framework: 'hf-trainer',
      lastBatch: 'drop',
    });
    expect(imagesLeftOutBeforeSharding(plan)).toBe(plan.imagesSkippedPerEpoch);
    expect(deviceEpoch(plan, 1).skipped).toBe(0);
  });

  test('DistributedSampler with drop_last: the padding copies are dropped with the last batches, none seen twice', () => {
    // 35,126 on 4 devices: 8,782 each, 2 padding copies at the ends of ranks 3 and 4; batches
    // of 32 leave 14 per device in a dropped last batch, the copies among them.
    const plan = planWith({ images: 35_126, batchSize: 32, devices: 4, lastBatch: 'drop' });
    expect(plan.imagesRepeatedPerEpoch).toBe(2);
    expect(plan.imagesSkippedPerEpoch).toBe(4 * (8_782 % 32));
    expect(repeatsInDroppedBatches(plan)).toBe(2);
    const images = 4 * fullBatchesPerEpoch(plan) * 32;
    // Distinct images seen: every processed slot holds a different image.
    expect(images).toBe(plan.trainingImages - (plan.imagesSkippedPerEpoch - repeatsInDroppedBatches(plan)));
    const notes = plan.notes.map((note) => note.text).join(' ');
    expect(notes).toContain('no image is seen twice');
    expect(notes).toContain(`${plan.imagesSkippedPerEpoch - 2} different images go unseen`);
  });

  test('repeats are dropped only where images are skipped', () => {
    fc.assert(
      fc.property(plans(5_000, 300), (plan) => {
        const { batchSize, devices } = plan.inputs;
        const dropped = repeatsInDroppedBatches(plan);
        if (plan.imagesSkippedPerEpoch === 0) expect(dropped).toBe(0);
        expect(dropped).toBeLessThanOrEqual(plan.imagesRepeatedPerEpoch);
        expect(dropped).toBeLessThanOrEqual(plan.imagesSkippedPerEpoch);
        // Processed slots hold N − (skipped − dropped copies) different images plus the copies kept.
        // (Keras cuts its last global batch into unequal pieces: add up the devices' shares.)
        const shares = Array.from({ length: devices }, (_, i) => deviceEpoch(plan, i + 1));
        const processed = shares.reduce((total, share) => total + share.imagesInFullBatches, 0);
        const kept = shares.reduce((total, share) => total + share.partialBatchImages, 0);
        if (plan.inputs.framework !== 'keras') {
          expect(processed).toBe(devices * (fullBatchesPerEpoch(plan) * batchSize));
          expect(kept).toBe(plan.lastBatchSize < batchSize ? devices * plan.lastBatchSize : 0);
        }
        expect(processed + kept).toBe(
          plan.trainingImages -
            (plan.imagesSkippedPerEpoch - dropped) +
            (plan.imagesRepeatedPerEpoch - dropped),
        );
      }),
    );
  });

  test('the shares add up to the plan’s totals, for every framework', () => {
    fc.assert(
      fc.property(plans(200_000, 512), (plan) => {
        const shares = Array.from({ length: plan.inputs.devices }, (_, i) => deviceEpoch(plan, i + 1));
        const sum = (pick: (share: (typeof shares)[number]) => number) =>
          shares.reduce((total, share) => total + pick(share), 0);
        expect(sum((share) => share.repeated)).toBe(plan.imagesRepeatedPerEpoch);
        expect(sum((share) => share.skipped) + imagesLeftOutBeforeSharding(plan)).toBe(
          plan.imagesSkippedPerEpoch,
        );
        for (const share of shares) {
          if (plan.inputs.framework === 'keras') {
            // Keras: the first device's share is the plan's; the last global batch runs out in device order.
            expect(share.imagesInFullBatches + share.partialBatchImages).toBeLessThanOrEqual(
              plan.imagesPerDevice,
            );
            expect(share.imagesInFullBatches).toBeGreaterThanOrEqual(
              (plan.batchesPerEpoch - 1) * plan.inputs.batchSize,
            );
          } else {
            expect(share.imagesInFullBatches + share.partialBatchImages).toBe(plan.imagesPerDevice);
            expect(share.imagesInFullBatches).toBe(fullBatchesPerEpoch(plan) * plan.inputs.batchSize);
          }
        }
        const first = deviceEpoch(plan, 1);
        expect(first.imagesInFullBatches + first.partialBatchImages).toBe(plan.imagesPerDevice);
        // Every image is seen once, plus the repeats, minus what is left out.
        expect(sum((share) => share.imagesInFullBatches + share.partialBatchImages)).toBe(
          plan.trainingImages + plan.imagesRepeatedPerEpoch - plan.imagesSkippedPerEpoch,
        );
      }),
    );
  });
});
