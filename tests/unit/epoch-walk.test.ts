/**
 * One epoch batch by batch: image ranges and counts so far, against values worked by hand
 * (48,000 = 750 × 64; 311 × 64 = 19,904; 187 × 64 = 11,968; 150 × 64 = 9,600).
 */
import { describe, expect, test } from 'vitest';
import { epochWalkCounter, epochWalkStep, epochWalkWords } from '../../src/lib';
import { inputsFor, planFor } from '../support/plans';

const worked = planFor(inputsFor('pytorch'));

describe('the worked case: 48,000 images in batches of 64', () => {
  test('batch 312 of 750 holds images 19,905–19,968', () => {
    expect(epochWalkStep(worked, 312)).toEqual({
      batch: 312,
      batches: 750,
      batchImages: 64,
      firstImage: 19_905,
      lastImage: 19_968,
      imagesSoFar: 19_968,
      imagesSoFarAllDevices: 19_968,
      imagesPerDevice: 48_000,
      devices: 1,
      last: false,
    });
    expect(epochWalkWords(epochWalkStep(worked, 312))).toBe(
      'Batch 312 of 750, images 19,905–19,968 of 48,000',
    );
  });

  test('the first batch, and before it', () => {
    expect(epochWalkStep(worked, 1)).toMatchObject({ firstImage: 1, lastImage: 64, imagesSoFar: 64 });
    expect(epochWalkStep(worked, 0)).toMatchObject({
      batch: 0,
      batchImages: 0,
      firstImage: 0,
      lastImage: 0,
      imagesSoFar: 0,
      last: false,
    });
    expect(epochWalkWords(epochWalkStep(worked, 0))).toBe('Batch 0 of 750: the epoch has not started.');
  });

  test('the last batch ends the epoch on the last image', () => {
    const step = epochWalkStep(worked, 750);
    expect(step).toMatchObject({ firstImage: 47_937, lastImage: 48_000, imagesSoFar: 48_000, last: true });
    expect(epochWalkWords(step)).toBe(
      'Batch 750 of 750, images 47,937–48,000 of 48,000. The epoch is done: 48,000 images in 750 batches.',
    );
    expect(epochWalkCounter(step)).toBe('Batch 750 of 750');
  });

  test('a batch out of range is clamped, a non-number is the start', () => {
    expect(epochWalkStep(worked, 1_000).batch).toBe(750);
    expect(epochWalkStep(worked, -3).batch).toBe(0);
    expect(epochWalkStep(worked, Number.NaN).batch).toBe(0);
    expect(epochWalkStep(worked, 2.9).batch).toBe(2);
  });
});

describe('the last partial batch', () => {
  test('48,001 images kept: batch 751 is image 48,001 alone', () => {
    const plan = planFor(inputsFor('pytorch', { images: 48_001 }));
    const step = epochWalkStep(plan, 751);
    expect(step).toMatchObject({
      batches: 751,
      batchImages: 1,
      firstImage: 48_001,
      lastImage: 48_001,
      last: true,
    });
    expect(epochWalkWords(step)).toBe(
      'Batch 751 of 751, image 48,001 of 48,001. The epoch is done: 48,001 images in 751 batches.',
    );
    expect(epochWalkStep(plan, 750)).toMatchObject({ batchImages: 64, lastImage: 48_000, last: false });
  });

  test('48,010 images kept: the last batch holds images 48,001–48,010', () => {
    const plan = planFor(inputsFor('pytorch', { images: 48_010 }));
    expect(epochWalkStep(plan, 751)).toMatchObject({
      batchImages: 10,
      firstImage: 48_001,
      lastImage: 48_010,
      imagesSoFar: 48_010,
    });
  });

  test('48,010 images dropped: 750 full batches end at image 48,000', () => {
    const plan = planFor(inputsFor('pytorch', { images: 48_010, lastBatch: 'drop' }));
    expect(epochWalkStep(plan, 750)).toMatchObject({
      batches: 750,
      batchImages: 64,
      firstImage: 47_937,
      lastImage: 48_000,
      imagesPerDevice: 48_000,
      last: true,
    });
  });
});

describe('several devices: counts per device, in step', () => {
  test('48,000 images on 4 devices: 12,000 each, 188 batches, the last of 32', () => {
    const plan = planFor(inputsFor('pytorch', { devices: 4 }));
    expect(epochWalkStep(plan, 1)).toMatchObject({ lastImage: 64, imagesSoFarAllDevices: 256 });
    const last = epochWalkStep(plan, 188);
    expect(last).toMatchObject({
      batches: 188,
      batchImages: 32,
      firstImage: 11_969,
      lastImage: 12_000,
      imagesSoFarAllDevices: 48_000,
      last: true,
    });
    expect(epochWalkWords(epochWalkStep(plan, 2))).toBe(
      'Batch 2 of 188 on each of the 4 devices, images 65–128 of each device’s 12,000',
    );
  });

  test('48,001 images on 4 devices: 12,001 each, 3 padding copies counted in the total', () => {
    const plan = planFor(inputsFor('pytorch', { images: 48_001, devices: 4 }));
    expect(epochWalkStep(plan, 188)).toMatchObject({
      batchImages: 33,
      firstImage: 11_969,
      lastImage: 12_001,
      imagesSoFarAllDevices: 48_004,
    });
  });

  test('accelerate, 48,010 images on 5 devices: 151 full batches each', () => {
    const plan = planFor(inputsFor('hf-trainer', { images: 48_010, devices: 5 }));
    expect(epochWalkStep(plan, 151)).toMatchObject({
      batches: 151,
      batchImages: 64,
      firstImage: 9_601,
      lastImage: 9_664,
      imagesSoFarAllDevices: 48_320,
      last: true,
    });
  });
});

describe('a run with no batch', () => {
  const plan = planFor(inputsFor('pytorch', { images: 10, lastBatch: 'drop' }));

  test('every step is the start, and there is no last batch', () => {
    for (const k of [0, 1, 5]) {
      expect(epochWalkStep(plan, k)).toMatchObject({
        batch: 0,
        batches: 0,
        batchImages: 0,
        imagesSoFar: 0,
        last: false,
      });
    }
    expect(epochWalkWords(epochWalkStep(plan, 1))).toBe('No batch at all: this epoch trains on nothing.');
    expect(epochWalkCounter(epochWalkStep(plan, 1))).toBe('Batch 0 of 0');
  });
});
