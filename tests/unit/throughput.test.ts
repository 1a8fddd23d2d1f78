// Throughput data and the time estimate. Expected values are worked by hand:
// 5,760,000 image passes ÷ 2,470 images/s = 2,331.98… s ≈ 38.9 min; ÷ 367 = 15,694.8 s ≈ 4.36 h.
import { describe, expect, test } from 'vitest';
import {
  CAVEATS,
  DEFAULT_THROUGHPUT_ID,
  PUBLISHED_THROUGHPUTS,
  THROUGHPUT_MAX,
  checkThroughput,
  estimateText,
  estimateTime,
  formatDuration,
  formatSeconds,
  parseThroughput,
  publishedThroughput,
  throughputLabel,
  trainingSeconds,
} from '../../src/lib';
import { REFERENCES } from '../../src/article/references';
import { planWith } from '../support/plans';

describe('trainingSeconds', () => {
  test('the worked case at ResNet-50 on an A100 (AMP) is about 2,332 seconds', () => {
    const seconds = trainingSeconds(5_760_000, 2470);
    expect(seconds).toBeCloseTo(2331.98, 2);
    expect(formatDuration(seconds)).toBe('about 39 minutes');
  });

  test('refuses a throughput that is not a positive finite number', () => {
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => trainingSeconds(1000, bad)).toThrow(RangeError);
    }
  });

  test('refuses negative or non-finite passes; zero passes take no time', () => {
    expect(() => trainingSeconds(-1, 100)).toThrow(RangeError);
    expect(() => trainingSeconds(Number.NaN, 100)).toThrow(RangeError);
    expect(trainingSeconds(0, 100)).toBe(0);
  });
});

describe('published throughputs', () => {
  test('the figures of the sources, as published', () => {
    const byId = (id: string) => publishedThroughput(id)?.imagesPerSecond;
    expect(byId('resnet50-a100-amp')).toBe(2470);
    expect(byId('resnet50-a100-tf32')).toBe(938);
    expect(byId('resnet50-v100-amp')).toBe(1200);
    expect(byId('resnet50-v100-fp32')).toBe(367);
    expect(byId('efficientnet-b0-a100-amp')).toBe(2489);
    expect(byId('efficientnet-b4-a100-amp')).toBe(331);
    expect(byId('efficientnet-b4-v100-fp32')).toBe(83);
    expect(byId('inception-v3-p100-fp32')).toBe(142);
    expect(byId('resnet50-p100-fp32')).toBe(218);
    expect(byId('inception-v3-k80-fp32')).toBe(30.6);
    expect(byId('resnet50-k80-fp32')).toBe(51.2);
  });

  test('every entry is complete, unique, valid and cites an entry of the reference registry', () => {
    const ids = new Set(PUBLISHED_THROUGHPUTS.map((entry) => entry.id));
    expect(ids.size).toBe(PUBLISHED_THROUGHPUTS.length);
    expect(ids.has(DEFAULT_THROUGHPUT_ID)).toBe(true);
    for (const entry of PUBLISHED_THROUGHPUTS) {
      expect(checkThroughput(entry.imagesPerSecond).ok).toBe(true);
      expect(REFERENCES[entry.reference]?.url, entry.reference).toMatch(/^https:\/\//);
      expect([224, 299, 380]).toContain(entry.inputSize);
      for (const text of [entry.model, entry.gpu, entry.precision, entry.software]) {
        expect(text.trim()).not.toBe('');
      }
    }
  });

  test('listed fastest first', () => {
    const rates = PUBLISHED_THROUGHPUTS.map((entry) => entry.imagesPerSecond);
    expect(rates).toEqual([...rates].sort((a, b) => b - a));
  });

  test('a label names model, size, GPU, precision and rate', () => {
    const entry = publishedThroughput('resnet50-a100-amp');
    expect(entry && throughputLabel(entry)).toBe(
      'ResNet-50 v1.5 at 224 px, one A100 80GB, mixed (AMP): 2,470 images per second',
    );
  });
});

describe('formatDuration', () => {
  test.each([
    [0, 'no time at all'],
    [0.2, 'under a second'],
    [1, 'about 1 second'],
    [45.4, 'about 45 seconds'],
    [89.4, 'about 89 seconds'],
    [90, 'about 2 minutes'],
    [60 * 39, 'about 39 minutes'],
    [60 * 89, 'about 89 minutes'],
    [60 * 90, 'about 1.5 hours'],
    [15_694.8, 'about 4.4 hours'],
    [3600 * 3, 'about 3 hours'],
    [3600 * 11.27, 'about 11 hours'],
    [3600 * 47, 'about 47 hours'],
    [3600 * 72, 'about 3 days'],
    [86_400 * 2.18, 'about 2.2 days'],
    [86_400 * 400, 'about 400 days'],
    [86_400 * 365.25 * 3.25, 'about 3.3 years'],
    [86_400 * 365.25 * 12_345, 'about 12,345 years'],
  ])('%d seconds reads "%s"', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  test('one decimal never rounds up to "10.0"', () => {
    expect(formatDuration(3600 * 9.96)).toBe('about 10 hours');
  });

  test('refuses negative and non-finite durations', () => {
    expect(() => formatDuration(-1)).toThrow(RangeError);
    expect(() => formatDuration(Number.NaN)).toThrow(RangeError);
    expect(() => formatDuration(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  test('formatSeconds groups digits and rounds to the second', () => {
    expect(formatSeconds(2331.98)).toBe('2,332 seconds');
    expect(formatSeconds(1)).toBe('1 second');
  });
});

describe('parseThroughput', () => {
  test('reads plain and grouped numbers', () => {
    expect(parseThroughput('2470')).toEqual({ ok: true, value: 2470 });
    expect(parseThroughput(' 2,470 ')).toEqual({ ok: true, value: 2470 });
    expect(parseThroughput('0.5')).toEqual({ ok: true, value: 0.5 });
  });

  test.each(['', 'abc', '-5', '0', '1e3', 'Infinity', 'NaN', '12abc', String(THROUGHPUT_MAX * 10)])(
    'refuses %j with a sentence',
    (text) => {
      const result = parseThroughput(text);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/^(Type a throughput|Throughput must be)/);
    },
  );
});

describe('estimateTime and estimateText', () => {
  test('the worked case at 2,470 images per second', () => {
    const result = estimateTime(planWith(), 2470);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.imagePasses).toBe(5_760_000);
    expect(result.value.trainingGpuSeconds).toBeCloseTo(2331.98, 2);
    expect(result.value.trainingWallSeconds).toBeCloseTo(2331.98, 2);
    expect(result.value.validationImagePasses).toBe(0);
    const text = estimateText(result.value);
    expect(text.sentence).toBe(
      'Estimated GPU time: about 39 minutes (2,332 seconds) for 5,760,000 image passes at 2,470 images per second on each GPU, if the GPU is never kept waiting for data.',
    );
    expect(text.duration).toBe('about 39 minutes');
    expect(text.devices).toBe('');
    expect(text.validation).toBe('');
  });

  test('four GPUs: the same GPU time, a quarter of the wait at perfect scaling', () => {
    // DistributedSampler: 48,000 / 4 = 12,000 per device, 188 batches, the last of 32 → 12,000 images per device per epoch.
    const result = estimateTime(planWith({ devices: 4 }), 2470);
    if (!result.ok) throw new Error(result.message);
    expect(result.value.imagePasses).toBe(5_760_000);
    expect(result.value.trainingWallSeconds).toBeCloseTo(582.996, 2);
    expect(estimateText(result.value).devices).toBe(
      'Spread over 4 GPUs, that is about 10 minutes of waiting at best, if they scaled perfectly; they do not quite.',
    );
  });

  test('a validation share: validation passes at three times the throughput, every epoch', () => {
    // 20 % of 48,000 = 9,600 validation images (every split rule agrees here); × 120 epochs = 1,152,000
    // passes; ÷ (3 × 2,470) = 155.47 s ≈ 3 minutes.
    const result = estimateTime(planWith({ validationPercent: 20 }), 2470);
    if (!result.ok) throw new Error(result.message);
    expect(result.value.validationImagePasses).toBe(1_152_000);
    expect(result.value.validationWallSeconds).toBeCloseTo(155.47, 2);
    expect(estimateText(result.value).validation).toMatch(
      /^Validating after every epoch adds about 3 minutes more \(1,152,000 validation image passes/,
    );
  });

  test('a run with no batches says so instead of estimating', () => {
    const result = estimateTime(planWith({ images: 10, batchSize: 64, lastBatch: 'drop' }), 2470);
    if (!result.ok) throw new Error(result.message);
    expect(result.value.imagePasses).toBe(0);
    expect(estimateText(result.value).sentence).toMatch(/no image passes/);
  });

  test('refuses a bad throughput with a message, never NaN', () => {
    for (const bad of [0, -3, Number.NaN, Number.POSITIVE_INFINITY, THROUGHPUT_MAX + 1]) {
      const result = estimateTime(planWith(), bad);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/^Throughput must be/);
    }
  });

  test('every published throughput gives a finite, worded estimate for the case', () => {
    for (const entry of PUBLISHED_THROUGHPUTS) {
      const result = estimateTime(planWith(), entry.imagesPerSecond);
      if (!result.ok) throw new Error(result.message);
      expect(estimateText(result.value).duration).toMatch(/^about \d/);
    }
  });

  test('the caveats cover what the brief names', () => {
    const all = CAVEATS.join(' ');
    for (const word of ['224 px', 'decod', 'guess', 'scale', 'Validation']) expect(all).toContain(word);
  });
});
