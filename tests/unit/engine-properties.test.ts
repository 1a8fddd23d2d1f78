/**
 * Properties of the engine for all frameworks, checked on random inputs with fast-check,
 * partly against a small oracle written from the formulas of docs/frameworks.md (DistributedSampler, Trainer batches per process, Trainer optimizer steps, Lightning, DeepSpeed, Summary, Validation splits)
 * in a different form from the engine's (e.g. ⌈N/(B·P)⌉ rather than ⌈⌈N/B⌉/P⌉).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  derivationTex,
  FIELD_SPECS,
  FRAMEWORKS,
  FRAMEWORK_INFO,
  NUMERIC_FIELDS,
  batchSizeSweep,
  computeTraining,
  countsAtEpoch,
  formatCount,
  parseField,
  type TrainingInputs,
  type TrainingPlan,
} from '../../src/lib';
import { NUMERIC_PLAN_FIELDS } from '../support/plans';

const RUNS = { numRuns: Number(process.env['FC_RUNS'] ?? 100) };

/** Small values often (where the rounding happens), the whole range sometimes. */
const inputsArb: fc.Arbitrary<TrainingInputs> = fc.record({
  images: fc.oneof(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 1_000_000_000 })),
  batchSize: fc.oneof(fc.integer({ min: 1, max: 70 }), fc.integer({ min: 1, max: 1_000_000 })),
  epochs: fc.oneof(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 100_000 })),
  devices: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 4_096 })),
  accumulationSteps: fc.oneof(
    fc.constant(1),
    fc.integer({ min: 1, max: 9 }),
    fc.integer({ min: 1, max: 1_024 }),
  ),
  validationPercent: fc.oneof(
    fc.constant(0),
    fc.integer({ min: 0, max: 90 }),
    fc.integer({ min: 0, max: 900 }).map((tenths) => tenths / 10),
  ),
  lastBatch: fc.constantFrom('keep' as const, 'drop' as const),
  framework: fc.constantFrom(...FRAMEWORKS),
});

const floorDiv = (a: number, b: number) => Math.floor(a / b);
const ceilDiv = (a: number, b: number) => Math.floor((a + b - 1) / b);

/**
 * fastai's GradientAccumulation(n_acc = GA·B) on one device, batch by batch (docs/frameworks.md:
 * fastai gradient accumulation): add each batch's images, step at n_acc, reset to 0. Walked only
 * for runs of at most 200,000 batches; longer runs use the closed forms the docs give.
 */
function fastaiSteps(E: number, b: number, B: number, last: number, GA: number): number | undefined {
  if (b === 0) return 0;
  if (E * b <= 200_000) {
    let count = 0;
    let steps = 0;
    for (let batch = 0; batch < E * b; batch += 1) {
      count += batch % b === b - 1 ? last : B;
      if (count >= GA * B) {
        steps += 1;
        count = 0;
      }
    }
    return steps;
  }
  if (last === B) return floorDiv(E * b, GA);
  if (b - 1 >= GA) return floorDiv(E * (b - 1), GA);
  return undefined;
}

/** What docs/frameworks.md says, computed independently of the engine. */
function oracle(inputs: TrainingInputs) {
  const info = FRAMEWORK_INFO[inputs.framework];
  // Every framework models several devices and accumulation; Keras never drops.
  const P = info.devicesUnavailable ? 1 : inputs.devices;
  const GA = info.accumulationUnavailable ? 1 : inputs.accumulationSteps;
  const keep = info.dropUnavailable ? true : inputs.lastBatch === 'keep';
  const { images: N, batchSize: B, epochs: E } = inputs;
  // Validation splits: the fraction as typed ("12.5" % → 0.125), as a double.
  const v = Number(`${inputs.validationPercent}e-2`);
  let training = N;
  if (inputs.validationPercent > 0) {
    if (info.split === 'keras') training = Math.floor(N * (1.0 - v));
    if (info.split === 'fastai') training = N - Math.trunc(v * N);
    // random_split: ⌊N(1−v)⌋ plus the round-robin remainder (training first) is N − ⌊N·v⌋.
    if (info.split === 'random-split') training = N - Math.floor(N * v);
    if (info.split === 'train-test-split') training = N - Math.ceil(v * N);
  }
  const accelerate = info.sharding === 'accelerate' && P > 1;
  // Keras: fit's batch_size is the global batch B·P, cut into per-device pieces.
  const globalBatch = info.sharding === 'global-batch' && P > 1;
  // n: what one device draws before batching.
  const n = accelerate || globalBatch ? undefined : ceilDiv(training, P);
  const b =
    accelerate || globalBatch
      ? keep
        ? ceilDiv(training, B * P)
        : floorDiv(training, B * P)
      : keep
        ? ceilDiv(n ?? 0, B)
        : floorDiv(n ?? 0, B);
  let totalSteps: number | undefined = E * b;
  if (GA > 1 && info.accumulation === 'per-epoch') totalSteps = E * ceilDiv(b, GA);
  if (GA > 1 && info.accumulation === 'across-epochs') totalSteps = floorDiv(E * b, GA);
  if (GA > 1 && info.accumulation === 'images-across-epochs') {
    const last = keep && (n ?? 0) % B > 0 ? (n ?? 0) % B : B;
    totalSteps = fastaiSteps(E, b, B, last, GA);
  }
  return {
    P,
    GA,
    keep,
    N: training,
    n,
    b,
    accelerate,
    globalBatch,
    totalSteps,
    /** Windows run on across epochs (DeepSpeed, Keras: batches; fastai: images). */
    acrossEpochs: info.accumulation !== 'per-epoch',
    countsBatches: info.accumulation === 'across-epochs',
  };
}

/** Plans for the inputs the engine accepts; for the others, checks the refusal is the right one. */
function planOrReason(inputs: TrainingInputs): TrainingPlan | undefined {
  const result = computeTraining(inputs);
  const o = oracle(inputs);
  if (result.ok) return result.value;
  expect(o.N).toBeLessThan(1);
  expect(result.errors.map((e) => e.field)).toEqual(['validationPercent']);
  return undefined;
}

describe('counts per epoch', () => {
  test('the engine agrees with the oracle and refuses exactly the impossible inputs', () => {
    fc.assert(
      fc.property(inputsArb, (inputs) => {
        const o = oracle(inputs);
        const result = computeTraining(inputs);
        // A run with no batch (drop, and B larger than the data) is a result, not a refusal.
        expect(result.ok).toBe(o.N >= 1);
        const plan = planOrReason(inputs);
        if (!plan) return;
        expect(plan.trainingImages).toBe(o.N);
        expect(plan.trainingImages + plan.validationImages).toBe(inputs.images);
        expect(plan.batchesPerEpoch).toBe(o.b);
        if (o.totalSteps !== undefined) expect(plan.totalOptimizerSteps).toBe(o.totalSteps);
        expect(plan.inputs.devices).toBe(o.P);
        expect(plan.inputs.accumulationSteps).toBe(o.GA);
        expect(plan.inputs.lastBatch).toBe(o.keep ? 'keep' : 'drop');
      }),
      RUNS,
    );
  });

  test('keep: (b−1)·B < n ≤ b·B; drop: b·B ≤ n < (b+1)·B; last batch in 1…B; total = b·E', () => {
    fc.assert(
      fc.property(inputsArb, (inputs) => {
        const plan = planOrReason(inputs);
        if (!plan) return;
        const o = oracle(inputs);
        const { batchesPerEpoch: b, lastBatchSize: last } = plan;
        const B = inputs.batchSize;
        // n, in units where it is an integer: accelerate (Trainer batches per process) shares N over P devices by whole batches.
        // Elsewhere n is what the sampler hands one device: the derivation's n line, or N on one device.
        const drawn = plan.derivation.find((step) => step.quantity === 'images-per-device')?.value;
        if (o.accelerate || o.globalBatch || o.P === 1) expect(drawn).toBeUndefined();
        else expect(drawn).toBe(o.n);
        const [n, unit] =
          o.accelerate || o.globalBatch ? [plan.trainingImages, B * o.P] : [drawn ?? plan.trainingImages, B];
        if (b === 0) {
          // Only dropping can leave no batch: B is larger than what one device is dealt.
          expect(o.keep).toBe(false);
          expect(n).toBeLessThan(unit);
          expect([last, plan.imagesPerDevice, plan.totalBatches, plan.imagePasses]).toEqual([0, 0, 0, 0]);
          expect(plan.totalOptimizerSteps).toBe(0);
          return;
        }
        expect(plan.imagesPerDevice).toBe((b - 1) * B + last);
        if (o.keep) {
          expect((b - 1) * unit).toBeLessThan(n);
          expect(n).toBeLessThanOrEqual(b * unit);
        } else {
          expect(b * unit).toBeLessThanOrEqual(n);
          expect(n).toBeLessThan((b + 1) * unit);
        }
        expect(last).toBeGreaterThanOrEqual(1);
        expect(last).toBeLessThanOrEqual(B);
        if (!o.keep || o.accelerate) expect(last).toBe(B);
        // Keras: the first device's piece of the last global batch.
        else if (o.globalBatch) expect(last).toBe(Math.min(B, n - (b - 1) * unit));
        else expect(plan.imagesPerDevice).toBe(n);
        expect(plan.totalBatches).toBe(b * inputs.epochs);
      }),
      RUNS,
    );
  });

  test('repeated and skipped images (DistributedSampler, Trainer batches per process)', () => {
    fc.assert(
      fc.property(inputsArb, (inputs) => {
        const plan = planOrReason(inputs);
        if (!plan) return;
        const o = oracle(inputs);
        const { trainingImages: N, imagesRepeatedPerEpoch: repeated, imagesSkippedPerEpoch: skipped } = plan;
        const { P } = o;
        const B = inputs.batchSize;
        if (o.globalBatch) {
          // Keras cuts global batches: nothing padded, nothing dropped.
          expect([repeated, skipped]).toEqual([0, 0]);
        } else if (o.accelerate) {
          // even_batches: every device gets b full batches when keeping; whole batches are dropped otherwise.
          expect(repeated).toBe(o.keep ? P * plan.batchesPerEpoch * B - N : 0);
          expect(skipped).toBe(o.keep ? 0 : N - P * plan.batchesPerEpoch * B);
        } else {
          // DistributedSampler(drop_last=False) pads to P·⌈N/P⌉ (0 on one device).
          expect(repeated).toBe(P * ceilDiv(N, P) - N);
          expect(repeated).toBeGreaterThanOrEqual(0);
          expect(repeated).toBeLessThan(P);
          expect(skipped).toBe(o.keep ? 0 : P * ((o.n ?? 0) % B));
        }
        expect(skipped).toBeGreaterThanOrEqual(0);
        expect(skipped).toBeLessThan(P * B);
        if (o.keep) expect(skipped).toBe(0);
        else expect(plan.notes.some((note) => note.id === 'images-skipped')).toBe(skipped > 0);
        expect(plan.notes.some((note) => note.id === 'images-repeated')).toBe(repeated > 0);
      }),
      RUNS,
    );
  });

  test('optimizer steps, effective batch and image passes', () => {
    fc.assert(
      fc.property(inputsArb, (inputs) => {
        const plan = planOrReason(inputs);
        if (!plan) return;
        const o = oracle(inputs);
        const { batchesPerEpoch: b, totalBatches, totalOptimizerSteps: steps } = plan;
        const B = inputs.batchSize;
        const E = inputs.epochs;
        expect(steps).toBeLessThanOrEqual(totalBatches);
        // Every framework that flushes at the epoch's end steps at least once per epoch. Raw
        // DeepSpeed and Keras have no flush (docs/frameworks.md: DeepSpeed, Keras gradient accumulation):
        // ⌊E·b/GA⌋ is 0 while fewer than GA batches were run. fastai steps once a device has seen GA·B images.
        if (o.countsBatches) expect(steps >= 1).toBe(E * b >= o.GA);
        else if (o.acrossEpochs)
          expect(steps >= 1).toBe(o.GA === 1 ? b > 0 : E * plan.imagesPerDevice >= o.GA * B);
        else expect(steps).toBeGreaterThanOrEqual(b === 0 ? 0 : E);
        if (o.countsBatches || !o.acrossEpochs) {
          const uneven = o.countsBatches && o.GA > 1 && b % o.GA !== 0;
          expect(plan.optimizerStepsPerEpoch === null).toBe(uneven);
        }
        expect(plan.optimizerStepsPerEpochReason === '').toBe(plan.optimizerStepsPerEpoch !== null);
        if (plan.optimizerStepsPerEpoch !== null) {
          expect(plan.optimizerStepsPerEpoch * E).toBe(steps);
          if (!o.acrossEpochs) expect(plan.optimizerStepsPerEpoch).toBeGreaterThanOrEqual(b === 0 ? 0 : 1);
        }
        expect(plan.effectiveBatchSize).toBe(B * o.P * o.GA);
        // Keras cuts every global batch over the devices: the run passes each training image once per epoch.
        if (o.globalBatch) expect(plan.imagePasses).toBe(E * plan.trainingImages);
        else expect(plan.imagePasses).toBe(b === 0 ? 0 : E * o.P * ((b - 1) * B + plan.lastBatchSize));
      }),
      RUNS,
    );
  });

  test('every numeric output is a finite safe integer', () => {
    fc.assert(
      fc.property(inputsArb, (inputs) => {
        const plan = planOrReason(inputs);
        if (!plan) return;
        for (const key of NUMERIC_PLAN_FIELDS) {
          expect(Number.isSafeInteger(plan[key]), key).toBe(true);
          expect(plan[key]).toBeGreaterThanOrEqual(0);
        }
        if (plan.optimizerStepsPerEpoch !== null)
          expect(Number.isSafeInteger(plan.optimizerStepsPerEpoch)).toBe(true);
        for (const step of plan.derivation) {
          for (const value of step.values) expect(Number.isFinite(value)).toBe(true);
        }
      }),
      RUNS,
    );
  });
});

describe('monotonicity', () => {
  const COUNTS = ['batchesPerEpoch', 'totalBatches', 'totalOptimizerSteps', 'trainingImages'] as const;

  test('non-decreasing in the images N', () => {
    fc.assert(
      fc.property(inputsArb, fc.integer({ min: 0, max: 1_000 }), (inputs, more) => {
        fc.pre(inputs.images + more <= FIELD_SPECS.images.max);
        const small = planOrReason(inputs);
        const large = planOrReason({ ...inputs, images: inputs.images + more });
        if (small) expect(large, 'more images cannot be refused').toBeDefined();
        if (!small || !large) return;
        for (const key of COUNTS) expect(large[key], key).toBeGreaterThanOrEqual(small[key]);
      }),
      RUNS,
    );
  });

  test('non-decreasing in the epochs E', () => {
    fc.assert(
      fc.property(inputsArb, fc.integer({ min: 0, max: 1_000 }), (inputs, more) => {
        fc.pre(inputs.epochs + more <= FIELD_SPECS.epochs.max);
        const short = planOrReason(inputs);
        const long = planOrReason({ ...inputs, epochs: inputs.epochs + more });
        if (!short || !long) return;
        expect(long.batchesPerEpoch).toBe(short.batchesPerEpoch);
        for (const key of COUNTS) expect(long[key], key).toBeGreaterThanOrEqual(short[key]);
      }),
      RUNS,
    );
  });

  test('non-increasing in the batch size B', () => {
    fc.assert(
      fc.property(inputsArb, fc.integer({ min: 0, max: 1_000 }), (inputs, more) => {
        fc.pre(inputs.batchSize + more <= FIELD_SPECS.batchSize.max);
        const small = planOrReason(inputs);
        const large = planOrReason({ ...inputs, batchSize: inputs.batchSize + more });
        if (!small || !large) return;
        for (const key of ['batchesPerEpoch', 'totalBatches', 'totalOptimizerSteps'] as const) {
          expect(large[key], key).toBeLessThanOrEqual(small[key]);
        }
      }),
      RUNS,
    );
  });
});

/** The plan field each derivation quantity derives ("images-per-device", n, is checked against the oracle). */
const PLAN_FIELD_OF_QUANTITY: Record<string, keyof TrainingPlan> = {
  'training-images': 'trainingImages',
  'batches-per-epoch': 'batchesPerEpoch',
  'total-batches': 'totalBatches',
  'optimizer-steps-per-epoch': 'optimizerStepsPerEpoch',
  'total-optimizer-steps': 'totalOptimizerSteps',
  'effective-batch-size': 'effectiveBatchSize',
};

describe('derivation, counts by epoch, sweep', () => {
  test('every derivation line is filled and its result is the plan’s number', () => {
    fc.assert(
      fc.property(inputsArb, (inputs) => {
        const plan = planOrReason(inputs);
        if (!plan) return;
        const quantities = plan.derivation.map((step) => step.quantity);
        expect(quantities).toContain('batches-per-epoch');
        expect(quantities).toContain('total-batches');
        if (plan.inputs.accumulationSteps > 1) expect(quantities).toContain('total-optimizer-steps');
        expect(new Set(quantities).size).toBe(quantities.length);
        for (const step of plan.derivation) {
          for (const text of [derivationTex(step), step.speech]) {
            expect(text).not.toMatch(/undefined|NaN|Infinity|\{\{\d+\}\}/);
          }
          expect(step.value).toBe(step.values.at(-1));
          if (step.quantity === 'images-per-device') {
            expect(step.value).toBe(oracle(inputs).n);
            continue;
          }
          const field = PLAN_FIELD_OF_QUANTITY[step.quantity];
          expect(field, step.quantity).toBeDefined();
          if (field) expect(step.value, step.template).toBe(plan[field]);
        }
      }),
      RUNS,
    );
  });

  test('countsAtEpoch runs from (0, 0) to (E, totals), non-decreasing, steps differing from batches only if the totals do', () => {
    fc.assert(
      fc.property(inputsArb, fc.double({ min: -10, max: 1.1, noNaN: true }), (inputs, at) => {
        const plan = planOrReason(inputs);
        if (!plan) return;
        const E = plan.inputs.epochs;
        // Every epoch when there are few, else about 200 spread over the run (the ends included).
        const count = Math.min(E, 200);
        const series = Array.from({ length: count + 1 }, (_, i) =>
          countsAtEpoch(plan, Math.round((i * E) / count)),
        );
        expect(series[0]).toEqual({ epoch: 0, batches: 0, optimizerSteps: 0 });
        expect(series.at(-1)).toEqual({
          epoch: E,
          batches: plan.totalBatches,
          optimizerSteps: plan.totalOptimizerSteps,
        });
        const decreasing = series.filter((after, i) => {
          const before = series[i - 1];
          return (
            before !== undefined &&
            (after.epoch < before.epoch ||
              after.batches < before.batches ||
              after.optimizerSteps < before.optimizerSteps)
          );
        });
        expect(decreasing).toEqual([]);
        // The epochs chart draws a second line only when the totals differ: nothing is lost.
        if (plan.totalOptimizerSteps === plan.totalBatches) {
          expect(series.filter((point) => point.optimizerSteps !== point.batches)).toEqual([]);
        }
        // Between and beyond the sampled points: rounded to a whole epoch and clamped to 0 … E.
        const epoch = at * E;
        const expected = Math.min(Math.max(Math.round(epoch), 0), E);
        const counts = countsAtEpoch(plan, epoch);
        expect(counts.epoch).toBe(expected);
        expect(counts.batches).toBe(expected * plan.batchesPerEpoch);
        expect(counts.optimizerSteps).toBeLessThanOrEqual(counts.batches);
      }),
      RUNS,
    );
  });

  test('batchSizeSweep: keep ≥ drop, keep non-increasing, contains the current batch size', () => {
    fc.assert(
      fc.property(inputsArb, (inputs) => {
        const plan = planOrReason(inputs);
        if (!plan) return;
        const sweep = batchSizeSweep(plan);
        const sizes = sweep.map((point) => point.batchSize);
        expect(sizes).toEqual([...new Set(sizes)].sort((a, b) => a - b));
        expect(sizes[0]).toBe(1);
        expect(sizes.at(-1)).toBeLessThanOrEqual(FIELD_SPECS.batchSize.max);
        const wrong = sweep.filter((point, i) => {
          const next = sweep[i + 1];
          return (
            point.keep < point.drop || point.drop < 0 || point.keep < 1 || (next && next.keep > point.keep)
          );
        });
        expect(wrong).toEqual([]);
        const current = sweep.find((point) => point.batchSize === inputs.batchSize);
        expect(current).toBeDefined();
        expect(current?.[plan.inputs.lastBatch]).toBe(plan.batchesPerEpoch);
      }),
      RUNS,
    );
  });
});

describe('parsing round trip', () => {
  test.each(NUMERIC_FIELDS)('%s: String(x) and formatCount(x) parse back to x', (field) => {
    const spec = FIELD_SPECS[field];
    fc.assert(
      fc.property(fc.integer({ min: spec.min, max: spec.max }), (x) => {
        expect(parseField(field, String(x))).toEqual({ ok: true, value: x });
        expect(parseField(field, formatCount(x))).toEqual({ ok: true, value: x });
      }),
      RUNS,
    );
  });
});
