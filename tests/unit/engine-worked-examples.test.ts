/**
 * The engine against the worked cases of docs/worked-cases.md (cases A–F) and the rules of
 * docs/frameworks.md (sections named by their headings).
 * Every expected number below is quoted from those docs (case or section in each case's name), not
 * recomputed: that is the point of these tests. Where a number is derived from a formula of
 * the docs rather than quoted, the comment says so.
 *
 * Out of scope (the engine does not model them): tf.data repeat-then-batch (tf.data, case B 54,885),
 * Flax (JAX / Flax, case B), WeightedRandomSampler (WeightedRandomSampler), Keras steps_per_epoch and validation steps
 * (Keras steps per epoch, case A 150 val steps), Keras' default batch size 32 (Keras steps per epoch), DistributedSampler(drop_last=True)
 * (DistributedSampler 8,781 per rank), HF logging/eval/save steps and fractional epochs / max_steps (Trainer optimizer steps, Trainer logging intervals),
 * Lightning limit_train_batches / max_steps (Lightning), fastai GradientAccumulation (fastai), DeepSpeed config
 * resolution other than the product B·P·GA (DeepSpeed, case D).
 */
import { describe, expect, test } from 'vitest';
import {
  DEFAULT_INPUTS,
  FRAMEWORKS,
  countsAtEpoch,
  computeTraining,
  type Framework,
  type LastBatchPolicy,
  type TrainingInputs,
  type TrainingPlan,
} from '../../src/lib';
import {
  DISTRIBUTED_SAMPLER_FRAMEWORKS,
  PER_EPOCH_ACCUMULATION_FRAMEWORKS,
  inputsFor,
  planFor,
} from '../support/plans';

type PlanNumbers = Partial<
  Pick<TrainingPlan, Exclude<keyof TrainingPlan, 'inputs' | 'series' | 'derivation' | 'notes'>>
>;
/** The plan's numbers, plus what the sampler hands one device before batching (the derivation's n line). */
type Expected = PlanNumbers & { samplerPerDevice?: number };

interface WorkedCase {
  name: string;
  inputs: TrainingInputs;
  expected: Expected;
}

/** One worked example of the docs, for each framework it names. */
function cases(
  title: string,
  frameworks: readonly Framework[],
  overrides: Partial<TrainingInputs>,
  expected: Expected,
): WorkedCase[] {
  return frameworks.map((framework) => ({
    name: `${title} [${framework}]`,
    inputs: inputsFor(framework, overrides),
    expected,
  }));
}

const ALL = FRAMEWORKS;
/** Frameworks that let the reader drop the last batch (Keras cannot, docs/frameworks.md: Keras steps per epoch). */
const CAN_DROP: readonly Framework[] = FRAMEWORKS.filter((framework) => framework !== 'keras');
/** Frameworks with several devices modelled. */
const MULTI_DEVICE: readonly Framework[] = ['pytorch', 'hf-trainer', 'lightning', 'deepspeed'];
const PER_EPOCH = PER_EPOCH_ACCUMULATION_FRAMEWORKS;
const DDP = DISTRIBUTED_SAMPLER_FRAMEWORKS;
const KEEP: { lastBatch: LastBatchPolicy } = { lastBatch: 'keep' };
const DROP: { lastBatch: LastBatchPolicy } = { lastBatch: 'drop' };

const A = { images: 48_000, batchSize: 64, epochs: 120 };
const B = { images: 35_126, batchSize: 32, epochs: 50 };
const C = { images: 3_662, batchSize: 16, epochs: 20 };

const WORKED: WorkedCase[] = [
  // The article's worked case (docs/worked-cases.md, case A: 5,760,000 image passes).
  {
    name: 'preamble: the default case, 48,000 images, B=64, E=120 [DEFAULT_INPUTS]',
    inputs: { ...DEFAULT_INPUTS },
    expected: {
      trainingImages: 48_000,
      batchesPerEpoch: 750,
      totalBatches: 90_000,
      totalOptimizerSteps: 90_000,
      imagePasses: 5_760_000,
      lastBatchSize: 64,
    },
  },

  // Case A. 48,000 images, B=64, E=120.
  ...cases(
    'case A: 1 GPU, keep: 750/epoch, 90,000 in all',
    ALL,
    { ...A, ...KEEP },
    {
      batchesPerEpoch: 750,
      totalBatches: 90_000,
      imagePasses: 5_760_000,
    },
  ),
  ...cases(
    'case A: 1 GPU, drop_last: 750/epoch, 90,000 in all',
    ALL,
    { ...A, ...DROP },
    {
      batchesPerEpoch: 750,
      totalBatches: 90_000,
      imagePasses: 5_760_000,
    },
  ),
  ...cases(
    'case A: Keras validation_split=0.2: 38,400 / 9,600, 600/epoch, 72,000',
    ['keras'],
    {
      ...A,
      validationPercent: 20,
    },
    { trainingImages: 38_400, validationImages: 9_600, batchesPerEpoch: 600, totalBatches: 72_000 },
  ),
  ...cases(
    'case A: fastai RandomSplitter(0.2): 600/epoch, 72,000',
    ['fastai'],
    { ...A, validationPercent: 20 },
    {
      batchesPerEpoch: 600,
      totalBatches: 72_000,
    },
  ),
  ...cases(
    'case A: 2 GPUs DDP, global batch 128: 375/epoch per GPU, 45,000 optimizer steps',
    MULTI_DEVICE,
    {
      ...A,
      devices: 2,
    },
    { batchesPerEpoch: 375, totalOptimizerSteps: 45_000, effectiveBatchSize: 128 },
  ),
  ...cases(
    'case A: GA=4, 1 GPU, effective 256: ⌈750/4⌉ = 188/epoch, 22,560',
    PER_EPOCH,
    {
      ...A,
      accumulationSteps: 4,
    },
    {
      batchesPerEpoch: 750,
      optimizerStepsPerEpoch: 188,
      totalOptimizerSteps: 22_560,
      effectiveBatchSize: 256,
    },
  ),
  ...cases(
    'case A: GA=4, 1 GPU, raw DeepSpeed: ⌊90,000/4⌋ = 22,500',
    ['deepspeed'],
    {
      ...A,
      accumulationSteps: 4,
    },
    { totalOptimizerSteps: 22_500, optimizerStepsPerEpoch: null, effectiveBatchSize: 256 },
  ),
  ...cases(
    'case A: GA=4, 2 GPUs, effective 512: 375 → 94/epoch, 11,280',
    PER_EPOCH,
    {
      ...A,
      devices: 2,
      accumulationSteps: 4,
    },
    {
      batchesPerEpoch: 375,
      optimizerStepsPerEpoch: 94,
      totalOptimizerSteps: 11_280,
      effectiveBatchSize: 512,
    },
  ),

  // Case B. EyePACS-like: 35,126 images, B=32, E=50.
  ...cases(
    'case B: 1 GPU, keep: 1,098/epoch (last batch 22), 54,900',
    ALL,
    { ...B, ...KEEP },
    {
      batchesPerEpoch: 1_098,
      lastBatchSize: 22,
      totalBatches: 54_900,
      imagesSkippedPerEpoch: 0,
    },
  ),
  ...cases(
    'case B: 1 GPU, drop_last: 1,097/epoch, 54,850, 22 skipped',
    CAN_DROP,
    { ...B, ...DROP },
    {
      batchesPerEpoch: 1_097,
      totalBatches: 54_850,
      imagesSkippedPerEpoch: 22,
    },
  ),
  ...cases(
    'case B: Keras validation_split=0.2: 28,100 / 7,026, 879/epoch, 43,950',
    ['keras'],
    {
      ...B,
      validationPercent: 20,
    },
    { trainingImages: 28_100, validationImages: 7_026, batchesPerEpoch: 879, totalBatches: 43_950 },
  ),
  ...cases(
    'case B: Keras validation_split=0.1: 31,613 / 3,513, 988/epoch',
    ['keras'],
    {
      ...B,
      validationPercent: 10,
    },
    { trainingImages: 31_613, validationImages: 3_513, batchesPerEpoch: 988 },
  ),
  ...cases(
    'case B: fastai default split and drop_last: train 28,101, 878/epoch, 43,900',
    ['fastai'],
    {
      ...B,
      validationPercent: 20,
    },
    { trainingImages: 28_101, batchesPerEpoch: 878, totalBatches: 43_900 },
  ),
  ...cases(
    'case B: 2 GPUs, keep: 549/epoch per GPU, 27,450',
    MULTI_DEVICE,
    { ...B, ...KEEP, devices: 2 },
    {
      batchesPerEpoch: 549,
      totalBatches: 27_450,
    },
  ),
  ...cases(
    'case B: 2 GPUs, drop_last: 548/epoch per GPU, 27,400',
    MULTI_DEVICE,
    { ...B, ...DROP, devices: 2 },
    {
      batchesPerEpoch: 548,
      totalBatches: 27_400,
    },
  ),
  ...cases(
    'case B: 2 GPUs DistributedSampler: no padding (35,126 is even)',
    DDP,
    { ...B, devices: 2 },
    {
      imagesPerDevice: 17_563,
      imagesRepeatedPerEpoch: 0,
    },
  ),
  // Not quoted in case B: HF's even_batches repeat count from the Trainer batches per process formula, 2·549·32 − 35,126.
  ...cases(
    'Trainer batches per process formula on case B: 2 GPUs HF even_batches repeats P·L·B − N = 10',
    ['hf-trainer'],
    {
      ...B,
      devices: 2,
    },
    { imagesPerDevice: 549 * 32, imagesRepeatedPerEpoch: 10, lastBatchSize: 32 },
  ),
  ...cases(
    'DistributedSampler / case B: 4 GPUs DistributedSampler: 8,782 per GPU, 2 duplicated, 275/epoch',
    DDP,
    {
      ...B,
      devices: 4,
    },
    { samplerPerDevice: 8_782, imagesPerDevice: 8_782, imagesRepeatedPerEpoch: 2, batchesPerEpoch: 275 },
  ),
  ...cases('case B: 4 GPUs: 275/epoch', ['hf-trainer'], { ...B, devices: 4 }, { batchesPerEpoch: 275 }),
  ...cases(
    'case B: GA=4, 1 GPU, effective 128: ⌈1,098/4⌉ = 275/epoch, 13,750',
    PER_EPOCH,
    {
      ...B,
      accumulationSteps: 4,
    },
    { optimizerStepsPerEpoch: 275, totalOptimizerSteps: 13_750, effectiveBatchSize: 128 },
  ),
  ...cases(
    'case B: GA=4, 1 GPU, raw DeepSpeed: ⌊54,900/4⌋ = 13,725',
    ['deepspeed'],
    {
      ...B,
      accumulationSteps: 4,
    },
    { totalOptimizerSteps: 13_725, optimizerStepsPerEpoch: null },
  ),
  ...cases(
    'case B: GA=4, 2 GPUs, effective 256: 549 → 138/epoch, 6,900',
    PER_EPOCH,
    {
      ...B,
      ...KEEP,
      devices: 2,
      accumulationSteps: 4,
    },
    {
      batchesPerEpoch: 549,
      optimizerStepsPerEpoch: 138,
      totalOptimizerSteps: 6_900,
      effectiveBatchSize: 256,
    },
  ),
  ...cases(
    'case B: GA=4, 2 GPUs, drop_last: 548 → 137/epoch, 6,850',
    PER_EPOCH,
    {
      ...B,
      ...DROP,
      devices: 2,
      accumulationSteps: 4,
    },
    { batchesPerEpoch: 548, optimizerStepsPerEpoch: 137, totalOptimizerSteps: 6_850 },
  ),

  // Case C. APTOS-like: 3,662 images, B=16, E=20.
  ...cases(
    'case C: 1 GPU, no GA, keep: 229/epoch (last batch 14), 4,580',
    ALL,
    { ...C, ...KEEP },
    {
      batchesPerEpoch: 229,
      lastBatchSize: 14,
      totalBatches: 4_580,
    },
  ),
  ...cases(
    'case C: 1 GPU, no GA, drop_last: 228/epoch, 4,560',
    CAN_DROP,
    { ...C, ...DROP },
    {
      batchesPerEpoch: 228,
      totalBatches: 4_560,
    },
  ),
  ...cases(
    'case C: 2 GPUs DistributedSampler: ⌈1,831/16⌉ = 115/epoch',
    DDP,
    { ...C, ...KEEP, devices: 2 },
    {
      samplerPerDevice: 1_831,
      imagesPerDevice: 1_831,
      batchesPerEpoch: 115,
    },
  ),
  ...cases(
    'case C: 2 GPUs, drop_last: 114/epoch',
    MULTI_DEVICE,
    { ...C, ...DROP, devices: 2 },
    {
      batchesPerEpoch: 114,
    },
  ),
  // DistributedSampler: the DataLoader's drop_last does not change len(sampler) = ⌈1,831⌉; 7 per device are skipped.
  ...cases(
    'DistributedSampler / case C: 2 GPUs DistributedSampler, drop_last: n = 1,831, 1,824 in batches',
    DDP,
    {
      ...C,
      ...DROP,
      devices: 2,
    },
    { samplerPerDevice: 1_831, imagesPerDevice: 1_824, imagesSkippedPerEpoch: 14 },
  ),
  ...cases(
    'case C / Trainer batches per process: 2 GPUs accelerate even_batches: 115/epoch, 1,840 per rank, 18 repeated',
    ['hf-trainer'],
    { ...C, ...KEEP, devices: 2 },
    {
      batchesPerEpoch: 115,
      imagesPerDevice: 1_840,
      imagesRepeatedPerEpoch: 18,
    },
  ),
  ...cases(
    'case C: GA=4 + 2 GPUs, effective 128: ⌈115/4⌉ = 29/epoch, 580',
    PER_EPOCH,
    {
      ...C,
      ...KEEP,
      devices: 2,
      accumulationSteps: 4,
    },
    {
      batchesPerEpoch: 115,
      optimizerStepsPerEpoch: 29,
      totalOptimizerSteps: 580,
      effectiveBatchSize: 128,
    },
  ),
  ...cases(
    'case C: GA=4 + 2 GPUs, drop_last: 114 → 29/epoch, 580',
    PER_EPOCH,
    {
      ...C,
      ...DROP,
      devices: 2,
      accumulationSteps: 4,
    },
    { batchesPerEpoch: 114, optimizerStepsPerEpoch: 29, totalOptimizerSteps: 580 },
  ),
  ...cases(
    'case C: GA=4 + 2 GPUs, raw DeepSpeed: ⌊2,300/4⌋ = 575, train_batch_size 128',
    ['deepspeed'],
    {
      ...C,
      devices: 2,
      accumulationSteps: 4,
    },
    { totalBatches: 2_300, totalOptimizerSteps: 575, effectiveBatchSize: 128 },
  ),
  ...cases(
    'case C: GA=4, 1 GPU: ⌈229/4⌉ = 58/epoch, 1,160',
    PER_EPOCH,
    { ...C, accumulationSteps: 4 },
    {
      optimizerStepsPerEpoch: 58,
      totalOptimizerSteps: 1_160,
    },
  ),
  ...cases(
    'case C: Keras validation_split=0.2: 2,929 / 733, 184/epoch',
    ['keras'],
    {
      ...C,
      validationPercent: 20,
    },
    { trainingImages: 2_929, validationImages: 733, batchesPerEpoch: 184 },
  ),
  ...cases(
    'case C: fastai default: train 2,930, 183/epoch',
    ['fastai'],
    { ...C, validationPercent: 20 },
    {
      trainingImages: 2_930,
      batchesPerEpoch: 183,
    },
  ),

  // case D / DeepSpeed. The engine models only the product train_batch = micro · GA · world.
  ...cases(
    'case D / DeepSpeed: {micro 16, GA 4, world 2} → train_batch_size 128',
    ['deepspeed'],
    {
      batchSize: 16,
      accumulationSteps: 4,
      devices: 2,
    },
    { effectiveBatchSize: 128 },
  ),

  // Validation splits worked split: N = 35,126, v = 20 %.
  ...cases(
    'Validation splits: Keras validation_split 0.2 of 35,126: 28,100 / 7,026',
    ['keras'],
    {
      images: 35_126,
      validationPercent: 20,
    },
    { trainingImages: 28_100, validationImages: 7_026 },
  ),
  ...cases(
    'Validation splits: fastai RandomSplitter 0.2 of 35,126: 28,101 / 7,025',
    ['fastai'],
    {
      images: 35_126,
      validationPercent: 20,
    },
    { trainingImages: 28_101, validationImages: 7_025 },
  ),
  ...cases(
    'Validation splits: random_split [0.8, 0.2] of 35,126: 28,101 / 7,025',
    DDP,
    {
      images: 35_126,
      validationPercent: 20,
    },
    { trainingImages: 28_101, validationImages: 7_025 },
  ),
  ...cases(
    'Validation splits: train_test_split 0.2 of 35,126: 28,100 / 7,026',
    ['hf-trainer'],
    {
      images: 35_126,
      validationPercent: 20,
    },
    { trainingImages: 28_100, validationImages: 7_026 },
  ),

  // Validation splits test vectors and Keras validation_split / fastai floating-point edges.
  ...cases(
    'Validation splits / Keras validation_split: Keras (1000, 7 %): 1000 × 0.93 = 929.999… → train 929, val 71',
    ['keras'],
    {
      images: 1_000,
      validationPercent: 7,
    },
    { trainingImages: 929, validationImages: 71 },
  ),
  ...cases(
    'Validation splits / Keras validation_split: Keras (100, 29 %): train 71, val 29',
    ['keras'],
    { images: 100, validationPercent: 29 },
    {
      trainingImages: 71,
      validationImages: 29,
    },
  ),
  ...cases(
    'Validation splits / fastai: fastai (100, 29 %): 0.29 × 100 = 28.999… → valid 28',
    ['fastai'],
    {
      images: 100,
      validationPercent: 29,
    },
    { validationImages: 28, trainingImages: 72 },
  ),
  ...cases(
    'Keras validation_split: Keras x = 0…9, validation_split 0.25: train [0..6], val [7, 8, 9]',
    ['keras'],
    {
      images: 10,
      batchSize: 1,
      validationPercent: 25,
    },
    { trainingImages: 7, validationImages: 3 },
  ),

  // Trainer optimizer steps (HF; the same ⌈L/GA⌉ rule holds for accelerate (accelerate in a custom loop) and Lightning (Lightning)).
  ...cases(
    'Trainer optimizer steps: N=3,662, B=16, GA=4, E=2: 229 batches, 58 updates/epoch, global_step 116',
    PER_EPOCH,
    {
      images: 3_662,
      batchSize: 16,
      accumulationSteps: 4,
      epochs: 2,
    },
    { batchesPerEpoch: 229, optimizerStepsPerEpoch: 58, totalOptimizerSteps: 116 },
  ),
  ...cases(
    'Trainer optimizer steps: N=150, B=16, GA=4: 10 batches, 3 updates/epoch',
    PER_EPOCH,
    {
      images: 150,
      batchSize: 16,
      accumulationSteps: 4,
    },
    { batchesPerEpoch: 10, optimizerStepsPerEpoch: 3 },
  ),
  ...cases(
    'Trainer optimizer steps: N=20, B=16, GA=4: 2 batches < GA → 1 update/epoch',
    PER_EPOCH,
    {
      images: 20,
      batchSize: 16,
      accumulationSteps: 4,
    },
    { batchesPerEpoch: 2, optimizerStepsPerEpoch: 1 },
  ),

  // Lightning Lightning 2-process DDP run (E is not stated; 6 steps = 2/epoch × 3 and 3 = 1 × 3 imply E = 3).
  ...cases(
    'Lightning: Lightning DDP N=150, B=16, GA=4, P=2: len(sampler) 75, 5 batches, 6 steps',
    ['lightning'],
    {
      images: 150,
      batchSize: 16,
      accumulationSteps: 4,
      devices: 2,
      epochs: 3,
      ...KEEP,
    },
    { samplerPerDevice: 75, imagesPerDevice: 75, batchesPerEpoch: 5, totalOptimizerSteps: 6 },
  ),
  ...cases(
    'Lightning: Lightning DDP N=150, B=16, GA=4, P=2, drop_last: 4 batches, 3 steps',
    ['lightning'],
    {
      images: 150,
      batchSize: 16,
      accumulationSteps: 4,
      devices: 2,
      epochs: 3,
      ...DROP,
    },
    { samplerPerDevice: 75, imagesPerDevice: 64, batchesPerEpoch: 4, totalOptimizerSteps: 3 },
  ),

  // Trainer batches per process accelerate vs DistributedSampler with drop_last: N=3, B=1, P=2 → accelerate 1, DDP 2.
  ...cases(
    'Trainer batches per process: N=3, B=1, P=2, drop_last: accelerate 1 batch',
    ['hf-trainer'],
    {
      images: 3,
      batchSize: 1,
      devices: 2,
      ...DROP,
    },
    { batchesPerEpoch: 1 },
  ),
  ...cases(
    'Trainer batches per process: N=3, B=1, P=2, drop_last: DistributedSampler + DataLoader 2 batches',
    DDP,
    {
      images: 3,
      batchSize: 1,
      devices: 2,
      ...DROP,
    },
    { batchesPerEpoch: 2, imagesRepeatedPerEpoch: 1 },
  ),
];

function pick(plan: TrainingPlan, expected: Expected): Expected {
  return Object.fromEntries(
    Object.keys(expected).map((key) => [
      key,
      key === 'samplerPerDevice'
        ? plan.derivation.find((step) => step.quantity === 'images-per-device')?.value
        : plan[key as keyof PlanNumbers],
    ]),
  );
}

describe('worked examples of the docs', () => {
  test.each(WORKED)('$name', ({ inputs, expected }) => {
    expect(pick(planFor(inputs), expected)).toEqual(expected);
  });
});

describe('old HF floor (Trainer floor to ceiling, worked cases): reported only as a note', () => {
  test.each([
    {
      name: 'case A: GA=4, 1 GPU: 187/epoch → 22,440',
      overrides: { ...A, accumulationSteps: 4 },
      per: '187',
      all: '22,440',
      current: 22_560,
    },
    {
      name: 'case A: GA=4, 2 GPUs: 93/epoch → 11,160',
      overrides: { ...A, accumulationSteps: 4, devices: 2 },
      per: '93',
      all: '11,160',
      current: 11_280,
    },
    {
      name: 'case B: GA=4, 1 GPU: 274/epoch → 13,700',
      overrides: { ...B, accumulationSteps: 4 },
      per: '274',
      all: '13,700',
      current: 13_750,
    },
    {
      name: 'case C: GA=4, 2 GPUs: 28/epoch → 560',
      overrides: { ...C, accumulationSteps: 4, devices: 2 },
      per: '28',
      all: '560',
      current: 580,
    },
    {
      name: 'case C: GA=4, 1 GPU: 57/epoch → 1,140',
      overrides: { ...C, accumulationSteps: 4 },
      per: '57',
      all: '1,140',
      current: 1_160,
    },
  ])('$name', ({ overrides, per, all, current }) => {
    const plan = planFor(inputsFor('hf-trainer', overrides));
    expect(plan.totalOptimizerSteps).toBe(current);
    const note = plan.notes.find((n) => n.id === 'hf-legacy-floor');
    expect(note?.text).toContain(`${per} per epoch, ${all} in all`);
  });

  test('Trainer floor to ceiling: no legacy note when L mod GA = 0 (the rules agree)', () => {
    const plan = planFor(inputsFor('hf-trainer', { images: 64 * 8, batchSize: 64, accumulationSteps: 4 }));
    expect(plan.notes.map((n) => n.id)).not.toContain('hf-legacy-floor');
  });
});

describe('decided semantics: what each framework cannot do is coerced, with a note', () => {
  test.each([
    {
      name: 'Keras steps per epoch Keras cannot drop: drop → keep',
      framework: 'keras',
      overrides: DROP,
      field: 'lastBatch',
      value: 'keep',
      note: 'drop-unavailable',
    },
  ] as const)('$name', ({ framework, overrides, field, value, note }) => {
    const plan = planFor(inputsFor(framework, { ...B, ...overrides }));
    expect(plan.inputs[field]).toBe(value);
    expect(plan.notes.map((n) => n.id)).toContain(note);
    expect(plan.effectiveBatchSize).toBe(32);
  });

  test('Keras and fastai follow several devices and accumulation: nothing is coerced', () => {
    for (const framework of ['keras', 'fastai'] as const) {
      const plan = planFor(inputsFor(framework, { ...B, devices: 2, accumulationSteps: 4 }));
      expect([plan.inputs.devices, plan.inputs.accumulationSteps], framework).toEqual([2, 4]);
      const ids = plan.notes.map((n) => n.id);
      expect(ids).not.toContain('devices-unavailable');
      expect(ids).not.toContain('accumulation-unavailable');
      expect(plan.effectiveBatchSize).toBe(32 * 2 * 4);
    }
  });

  test('fastai: fastai drops the last batch by default; the others keep it', () => {
    for (const framework of FRAMEWORKS) {
      const plan = planFor(inputsFor(framework, B));
      expect(plan.inputs.lastBatch, framework).toBe(framework === 'fastai' ? 'drop' : 'keep');
    }
  });

  test('DeepSpeed: DeepSpeed steps per epoch is null with a reason unless L mod GA = 0', () => {
    const uneven = planFor(inputsFor('deepspeed', { ...A, accumulationSteps: 4 }));
    expect(uneven.optimizerStepsPerEpoch).toBeNull();
    expect(uneven.optimizerStepsPerEpochReason).toMatch(/DeepSpeed/);
    const even = planFor(inputsFor('deepspeed', { ...A, accumulationSteps: 5 }));
    expect(even.optimizerStepsPerEpoch).toBe(150);
    expect(even.optimizerStepsPerEpochReason).toBe('');
    expect(even.totalOptimizerSteps).toBe(18_000);
  });

  test('DeepSpeed: DeepSpeed carries leftover micro-batches across epochs (series ⌊e·L/GA⌋)', () => {
    const plan = planFor(
      inputsFor('deepspeed', { images: 3, batchSize: 1, accumulationSteps: 2, epochs: 3 }),
    );
    expect([0, 1, 2, 3].map((epoch) => countsAtEpoch(plan, epoch).optimizerSteps)).toEqual([0, 1, 3, 4]);
  });

  test('computeTraining never throws for any framework on the worked cases', () => {
    for (const framework of FRAMEWORKS) {
      for (const overrides of [A, B, C]) {
        expect(() => computeTraining(inputsFor(framework, overrides))).not.toThrow();
      }
    }
  });
});
