/**
 * Exercises with seeded variants: every kind picks plausible inputs from a seed, asks one
 * question, and takes its answer, its worked arithmetic and the wrong answers of the classic
 * mistakes from the engine (`computeTraining` and its helpers). Nothing here is typed by hand
 * but the inputs' ranges. Pure TypeScript: no DOM.
 */
import { derivationStep, stepFromTemplate, type DerivationTemplate } from './derivation';
import { DERIVATION_TEMPLATES } from './derivation-tex';
import { countWithNoun, formatCount } from './format';
import { DEFAULT_INPUTS, FRAMEWORK_INFO } from './inputs';
import { mixSeed, mulberry32, pick, randomInt, shuffled, type Rng } from './random';
import { trainingSeconds } from './throughput';
import { computeTraining, floorDiv } from './training';
import { FRAMEWORKS, type DerivationStep, type TrainingInputs, type TrainingPlan } from './types';

export const EXERCISE_KINDS = [
  'exact',
  'total',
  'remainder',
  'drop-last',
  'zero-batches',
  'devices',
  'accumulation',
  'effective-batch',
  'validation-split',
  'hours',
  'framework-drop',
  'double-batch',
] as const;
export type ExerciseKind = (typeof EXERCISE_KINDS)[number];

export function isExerciseKind(value: string): value is ExerciseKind {
  return (EXERCISE_KINDS as readonly string[]).includes(value);
}

/** The classic mistakes a wrong answer can be recognised as. */
export type MistakeId =
  | 'floor-for-ceil'
  | 'ceil-for-floor'
  | 'forgot-epochs'
  | 'counted-epochs'
  | 'per-device-batch'
  | 'forgot-devices'
  | 'forgot-accumulation'
  | 'forgot-validation'
  | 'validation-for-training'
  | 'forgot-padding'
  | 'one-device'
  | 'batches-for-steps'
  | 'across-epochs'
  | 'minutes-for-hours'
  | 'batches-for-images'
  | 'not-rounded';

/** A wrong answer the engine computes for one classic mistake, and what to say about it. */
export interface Mistake {
  id: MistakeId;
  value: number;
  /** One or two sentences naming the mistake, with the variant's numbers. */
  text: string;
}

export interface ExerciseChoice {
  value: string;
  label: string;
  /** Why this choice is right or wrong, with the variant's numbers. */
  why: string;
}

interface ExerciseBase {
  kind: ExerciseKind;
  /** The anchor, e.g. "exercise-remainder". */
  id: string;
  title: string;
  /** The question, plain text (never HTML). */
  question: string;
  /** The worked arithmetic, from the engine's derivation and the exercise templates. */
  work: DerivationStep[];
  /** The answer in words, e.g. "751 batches". */
  answerText: string;
  /** One or two sentences after the arithmetic. */
  explanation: string;
}

export interface NumberExercise extends ExerciseBase {
  format: 'number';
  answer: number;
  /** The accessible name of the answer field. */
  answerLabel: string;
  /** Decimal places the answer is given to (0: a whole number). */
  decimals: 0 | 1;
  mistakes: Mistake[];
}

export interface ChoiceExercise extends ExerciseBase {
  format: 'choice';
  /** The value of the right choice. */
  answer: string;
  choices: ExerciseChoice[];
}

export type Exercise = NumberExercise | ChoiceExercise;

/** Exercise lines the engine's derivation has no template for. */
export const EXERCISE_TEMPLATES = {
  'image-passes/product': {
    quantity: 'image-passes',
    label: 'Image passes (every training image, once per epoch)',
    tex: String.raw`N \times E = {{0}} \times {{1}} = {{2}}`,
    speech: '{{0}} images times {{1}} epochs is {{2}} image passes',
  },
  'hours/throughput': {
    quantity: 'hours',
    label: 'Hours at the given throughput (rounded to one decimal place)',
    tex: String.raw`t = \dfrac{\text{passes}}{r \times 3{,}600} = \dfrac{{{0}}}{{{1}} \times 3{,}600} \approx {{2}}\ \text{h}`,
    speech:
      '{{0}} image passes divided by {{1}} images per second, and by 3,600 seconds per hour, is about {{2}} hours',
  },
} as const satisfies Record<string, DerivationTemplate>;

export const WORK_TEMPLATES = { ...DERIVATION_TEMPLATES, ...EXERCISE_TEMPLATES };
export type WorkTemplateId = keyof typeof WORK_TEMPLATES;

/** One worked line from any work template (the engine's derivation lines keep their own). */
export function workStep(id: WorkTemplateId, values: readonly number[]): DerivationStep {
  if (id in DERIVATION_TEMPLATES) return derivationStep(id as keyof typeof DERIVATION_TEMPLATES, values);
  return stepFromTemplate(id, WORK_TEMPLATES[id], values);
}

/** The worked lines an exercise of each kind can show, in order: pages render each once. */
export const KIND_TEMPLATES: Readonly<Record<ExerciseKind, readonly WorkTemplateId[]>> = {
  exact: ['batches-per-epoch/ceil'],
  total: ['batches-per-epoch/ceil', 'total-batches/product'],
  remainder: ['batches-per-epoch/ceil'],
  'drop-last': ['batches-per-epoch/floor'],
  'zero-batches': ['batches-per-epoch/floor'],
  devices: ['images-per-device/padded', 'batches-per-epoch/per-device-ceil'],
  accumulation: ['batches-per-epoch/ceil', 'optimizer-steps-per-epoch/ceil', 'total-optimizer-steps/product'],
  'effective-batch': ['effective-batch-size/product'],
  'validation-split': ['training-images/keras', 'training-images/random-split', 'batches-per-epoch/ceil'],
  hours: ['image-passes/product', 'hours/throughput'],
  'framework-drop': ['batches-per-epoch/ceil', 'batches-per-epoch/floor'],
  'double-batch': ['batches-per-epoch/ceil', 'batches-per-epoch/ceil'],
};

// ---------------------------------------------------------------------------------------------
// Seeds

export const SEED_PARAM = 'seed';
/** Seed 0: the article's own numbers wherever they fit the exercise. */
export const DEFAULT_SEED = 0;
export const MAX_SEED_DIGITS = 9;
export const MAX_SEED = 999_999_999;

/** A seed from a URL parameter: digits only, at most 9 of them; anything else gives 0 and a notice. */
export function parseSeed(text: string | null | undefined): { seed: number; notice: string } {
  if (text === null || text === undefined || text.trim() === '') return { seed: DEFAULT_SEED, notice: '' };
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed) && trimmed.length <= MAX_SEED_DIGITS) {
    return { seed: Number(trimmed), notice: '' };
  }
  const shown = trimmed.length > 12 ? `${trimmed.slice(0, 12)}…` : trimmed;
  return {
    seed: DEFAULT_SEED,
    notice: `The seed in the address must be a whole number of at most ${MAX_SEED_DIGITS} digits; “${shown}” is not one, so these are the article’s own numbers (seed 0).`,
  };
}

/** A fresh seed, 1 … 999,999,999, from a number in [0, 1) (the browser supplies the randomness). */
export function seedFromFraction(fraction: number): number {
  const clamped = Number.isFinite(fraction) ? Math.min(Math.max(fraction, 0), 1 - Number.EPSILON) : 0;
  return 1 + Math.floor(clamped * MAX_SEED);
}

// ---------------------------------------------------------------------------------------------
// Helpers

const BATCH_SIZES = [16, 32, 64, 128] as const;
const EPOCH_COUNTS = [5, 10, 20, 25, 30, 40, 50, 60, 80, 100, 120] as const;
/** Training throughputs of the kind published for image models on one GPU, in images per second. */
const THROUGHPUTS = [142, 204, 218, 331, 367, 938, 1_200, 2_470] as const;

function plan(inputs: Partial<TrainingInputs>): TrainingPlan {
  const computed = computeTraining({ ...DEFAULT_INPUTS, ...inputs });
  if (!computed.ok) throw new Error(computed.errors.map((error) => error.message).join(' '));
  return computed.value;
}

/** The plan's lines for some quantities, in the plan's order. */
function linesFor(result: TrainingPlan, ...quantities: string[]): DerivationStep[] {
  return result.derivation.filter((step) => quantities.includes(step.quantity));
}

const batches = (value: number) => countWithNoun(value, 'batch', 'batches');
const images = (value: number) => countWithNoun(value, 'image');

/** Images that do not fill a last batch: N − B·⌊N/B⌋, from the engine's own division. */
function leftover(count: number, size: number): number {
  return count - size * floorDiv(count, size);
}

/** Whole batches in a data set the size of a retinal-image collection, 2,000 to 60,000 images. */
function fullBatches(rng: Rng, batchSize: number): number {
  return randomInt(rng, Math.ceil(2_000 / batchSize), Math.floor(59_000 / batchSize));
}

/** N = B·k + r with r from 1 to B − 1: a data set that leaves a partial last batch. */
function withRemainder(rng: Rng, batchSize: number): number {
  return batchSize * fullBatches(rng, batchSize) + randomInt(rng, 1, batchSize - 1);
}

interface Draft {
  question: string;
  work: DerivationStep[];
  explanation: string;
}

interface NumberDraft extends Draft {
  answer: number;
  unit: (value: number) => string;
  answerLabel: string;
  decimals?: 0 | 1;
  mistakes: Mistake[];
}

interface ChoiceDraft extends Draft {
  answer: string;
  choices: ExerciseChoice[];
}

const TITLES: Readonly<Record<ExerciseKind, string>> = {
  exact: 'The exact case',
  total: 'Batches in all',
  remainder: 'A remainder',
  'drop-last': 'Dropping the last batch',
  'zero-batches': 'A batch larger than the data',
  devices: 'Several GPUs',
  accumulation: 'Gradient accumulation',
  'effective-batch': 'The effective batch size',
  'validation-split': 'A validation split',
  hours: 'From batches to hours',
  'framework-drop': 'Which framework drops?',
  'double-batch': 'Doubling the batch size',
};

// ---------------------------------------------------------------------------------------------
// The kinds. Each takes a generator, or null for seed 0 (the article's numbers).

function exact(rng: Rng | null): NumberDraft {
  const batchSize = rng ? pick(rng, BATCH_SIZES) : DEFAULT_INPUTS.batchSize;
  const count = rng ? batchSize * fullBatches(rng, batchSize) : DEFAULT_INPUTS.images;
  const epochs = rng ? pick(rng, EPOCH_COUNTS) : DEFAULT_INPUTS.epochs;
  const result = plan({ images: count, batchSize, epochs });
  return {
    question: `A diabetic-retinopathy model trains on ${formatCount(count)} retinal images in batches of ${formatCount(batchSize)}, for ${formatCount(epochs)} epochs. How many batches make one epoch?`,
    answerLabel: 'Batches per epoch',
    answer: result.batchesPerEpoch,
    unit: batches,
    work: linesFor(result, 'batches-per-epoch'),
    explanation: `${formatCount(batchSize)} divides ${formatCount(count)} exactly, so every batch is full and no rounding is needed.`,
    mistakes: [
      {
        id: 'counted-epochs',
        value: result.totalBatches,
        text: `That is the number of batches in all ${formatCount(epochs)} epochs; one epoch is one pass over the images.`,
      },
    ],
  };
}

function total(rng: Rng | null): NumberDraft {
  const batchSize = rng ? pick(rng, BATCH_SIZES) : DEFAULT_INPUTS.batchSize;
  const count = rng ? withRemainder(rng, batchSize) : DEFAULT_INPUTS.images;
  const epochs = rng ? pick(rng, EPOCH_COUNTS) : DEFAULT_INPUTS.epochs;
  const result = plan({ images: count, batchSize, epochs });
  const dropped = plan({ images: count, batchSize, epochs, lastBatch: 'drop' });
  return {
    question: `${images(count)} in batches of ${formatCount(batchSize)}, the last partial batch kept (PyTorch’s default), for ${formatCount(epochs)} epochs. How many batches does the whole run take?`,
    answerLabel: 'Batches in all',
    answer: result.totalBatches,
    unit: batches,
    work: linesFor(result, 'batches-per-epoch', 'total-batches'),
    explanation: `Every epoch has the same ${batches(result.batchesPerEpoch)}, so the run has ${formatCount(epochs)} times as many.`,
    mistakes: [
      {
        id: 'forgot-epochs',
        value: result.batchesPerEpoch,
        text: `That is one epoch’s batches: it looks like the ${formatCount(epochs)} epochs were forgotten.`,
      },
      {
        id: 'floor-for-ceil',
        value: dropped.totalBatches,
        text: `That rounds ${formatCount(count)} ÷ ${formatCount(batchSize)} down, as if the last partial batch were dropped; it is kept, so round up.`,
      },
    ],
  };
}

function remainder(rng: Rng | null): NumberDraft {
  const batchSize = rng ? pick(rng, BATCH_SIZES) : DEFAULT_INPUTS.batchSize;
  const count = rng ? withRemainder(rng, batchSize) : DEFAULT_INPUTS.images + 1;
  const result = plan({ images: count, batchSize, epochs: 1 });
  const dropped = plan({ images: count, batchSize, epochs: 1, lastBatch: 'drop' });
  return {
    question: `${images(count)} in batches of ${formatCount(batchSize)}; the data loader keeps the last, partial batch (drop_last=False, PyTorch’s default). How many batches make one epoch?`,
    answerLabel: 'Batches per epoch',
    answer: result.batchesPerEpoch,
    unit: batches,
    work: linesFor(result, 'batches-per-epoch'),
    explanation: `The last batch holds only ${images(result.lastBatchSize)}, but it is still a batch.`,
    mistakes: [
      {
        id: 'floor-for-ceil',
        value: dropped.batchesPerEpoch,
        text: `That is ${formatCount(count)} ÷ ${formatCount(batchSize)} rounded down: it leaves out the last batch of ${images(leftover(count, batchSize))}. Kept, it counts, so round up.`,
      },
    ],
  };
}

function dropLast(rng: Rng | null): NumberDraft {
  const batchSize = rng ? pick(rng, BATCH_SIZES) : DEFAULT_INPUTS.batchSize;
  const count = rng ? withRemainder(rng, batchSize) : DEFAULT_INPUTS.images + 1;
  const result = plan({ images: count, batchSize, epochs: 1, lastBatch: 'drop' });
  const kept = plan({ images: count, batchSize, epochs: 1 });
  return {
    question: `${images(count)} in batches of ${formatCount(batchSize)}, with drop_last=True: the last, partial batch is dropped. How many batches make one epoch?`,
    answerLabel: 'Batches per epoch',
    answer: result.batchesPerEpoch,
    unit: batches,
    work: linesFor(result, 'batches-per-epoch'),
    explanation: `${images(result.imagesSkippedPerEpoch)} left over are skipped every epoch (different ones each epoch when the data are shuffled).`,
    mistakes: [
      {
        id: 'ceil-for-floor',
        value: kept.batchesPerEpoch,
        text: `That rounds ${formatCount(count)} ÷ ${formatCount(batchSize)} up, counting the partial batch; drop_last=True drops it, so round down.`,
      },
    ],
  };
}

function zeroBatches(rng: Rng | null): NumberDraft {
  const batchSize = rng ? pick(rng, [128, 256, 512] as const) : 128;
  const count = rng ? randomInt(rng, 20, batchSize - 1) : 100;
  const result = plan({ images: count, batchSize, epochs: 1, lastBatch: 'drop' });
  const kept = plan({ images: count, batchSize, epochs: 1 });
  return {
    question: `A quick pilot run uses only ${images(count)}, with a batch size of ${formatCount(batchSize)} and drop_last=True. How many batches does one epoch have?`,
    answerLabel: 'Batches per epoch',
    answer: result.batchesPerEpoch,
    unit: batches,
    work: linesFor(result, 'batches-per-epoch'),
    explanation: `The only batch is partial, and dropping it leaves nothing: the run trains on no image at all, without an error. Keep the last batch, or choose a batch size of at most ${formatCount(count)}.`,
    mistakes: [
      {
        id: 'ceil-for-floor',
        value: kept.batchesPerEpoch,
        text: `That counts the one partial batch of ${images(count)}; drop_last=True drops it, so round down.`,
      },
    ],
  };
}

function devices(rng: Rng | null): NumberDraft {
  const gpus = rng ? pick(rng, [2, 4, 8] as const) : 2;
  const batchSize = rng ? pick(rng, [16, 32, 64] as const) : DEFAULT_INPUTS.batchSize;
  // N = P·B·k + r with 0 < r < P: the padding makes one more batch on each device.
  const count = rng
    ? gpus * batchSize * randomInt(rng, 10, Math.floor(59_000 / (gpus * batchSize))) +
      randomInt(rng, 1, gpus - 1)
    : DEFAULT_INPUTS.images + 1;
  const result = plan({ images: count, batchSize, devices: gpus, epochs: 1 });
  const unpadded = plan({ images: gpus * floorDiv(count, gpus), batchSize, devices: gpus, epochs: 1 });
  const single = plan({ images: count, batchSize, epochs: 1 });
  const dropped = plan({ images: count, batchSize, devices: gpus, epochs: 1, lastBatch: 'drop' });
  return {
    question: `${images(count)} are spread over ${formatCount(gpus)} GPUs by PyTorch’s DistributedSampler (default settings); each GPU’s DataLoader takes batches of ${formatCount(batchSize)} and keeps the last partial batch. How many batches does each GPU run per epoch?`,
    answerLabel: 'Batches per epoch on each GPU',
    answer: result.batchesPerEpoch,
    unit: batches,
    work: linesFor(result, 'images-per-device', 'batches-per-epoch'),
    explanation: `DistributedSampler pads the list with ${images(result.imagesRepeatedPerEpoch)} repeated from its start, so every GPU gets the same ${formatCount(result.imagesPerDevice)}.`,
    mistakes: [
      {
        id: 'forgot-padding',
        value: unpadded.batchesPerEpoch,
        text: `That divides ${formatCount(count)} by ${formatCount(gpus)} rounding down, as if the images split evenly: DistributedSampler pads to ${formatCount(gpus)} × ${formatCount(result.imagesPerDevice)} by repeating ${images(result.imagesRepeatedPerEpoch)}, and the extra image makes one more batch.`,
      },
      {
        id: 'floor-for-ceil',
        value: dropped.batchesPerEpoch,
        text: 'That rounds the batches down, dropping each GPU’s last partial batch; it is kept, so round up.',
      },
      {
        id: 'one-device',
        value: single.batchesPerEpoch,
        text: `That is the count for one GPU holding every image; each of the ${formatCount(gpus)} GPUs gets only its share.`,
      },
    ],
  };
}

function accumulation(rng: Rng | null): NumberDraft {
  let inputs: Partial<TrainingInputs> = {
    images: DEFAULT_INPUTS.images,
    batchSize: DEFAULT_INPUTS.batchSize,
    epochs: DEFAULT_INPUTS.epochs,
    accumulationSteps: 4,
  };
  if (rng) {
    // Batches per epoch that do not divide into whole windows: the rounding matters.
    const steps = pick(rng, [2, 4, 8] as const);
    const batchSize = pick(rng, [8, 16, 32] as const);
    const perEpoch = steps * randomInt(rng, 20, 150) + randomInt(rng, 1, steps - 1);
    const count = batchSize * (perEpoch - 1) + randomInt(rng, 1, batchSize);
    inputs = { images: count, batchSize, epochs: pick(rng, EPOCH_COUNTS), accumulationSteps: steps };
  }
  const options = { ...inputs, framework: 'hf-trainer' as const };
  const result = plan(options);
  const steps = inputs.accumulationSteps ?? 1;
  const epochs = result.inputs.epochs;
  const perEpoch = result.optimizerStepsPerEpoch ?? 0;
  const legacy = epochs * Math.max(floorDiv(result.batchesPerEpoch, steps), 1);
  const deepspeed = plan({ ...options, framework: 'deepspeed' });
  return {
    question: `The Hugging Face Trainer (a current release) trains on ${images(result.inputs.images)} with per_device_train_batch_size=${formatCount(result.inputs.batchSize)} on one GPU, gradient_accumulation_steps=${formatCount(steps)}, for ${formatCount(epochs)} epochs. How many optimizer steps does the run take (max_steps)?`,
    answerLabel: 'Optimizer steps in all',
    answer: result.totalOptimizerSteps,
    unit: (value) => countWithNoun(value, 'optimizer step'),
    work: linesFor(result, 'batches-per-epoch', 'optimizer-steps-per-epoch', 'total-optimizer-steps'),
    explanation: `${batches(result.batchesPerEpoch)} per epoch make ${formatCount(perEpoch)} windows of up to ${formatCount(steps)}: the last, short window still ends in an optimizer step, and the count starts afresh each epoch.`,
    mistakes: [
      {
        id: 'floor-for-ceil',
        value: legacy,
        text: `That rounds ${formatCount(result.batchesPerEpoch)} ÷ ${formatCount(steps)} down, the rule of Transformers releases before about 4.52; the current Trainer steps on the short last window too, so round up.`,
      },
      {
        id: 'forgot-epochs',
        value: perEpoch,
        text: `That is one epoch’s optimizer steps: it looks like the ${formatCount(epochs)} epochs were forgotten.`,
      },
      {
        id: 'batches-for-steps',
        value: result.totalBatches,
        text: `That counts batches, not optimizer steps: with accumulation, ${formatCount(steps)} batches make one step.`,
      },
      {
        id: 'across-epochs',
        value: deepspeed.totalOptimizerSteps,
        text: 'That divides the whole run’s batches by the window, as DeepSpeed’s own engine does; the Trainer closes a window at the end of every epoch.',
      },
    ],
  };
}

function effectiveBatch(rng: Rng | null): NumberDraft {
  const batchSize = rng ? pick(rng, [8, 16, 32, 64] as const) : DEFAULT_INPUTS.batchSize;
  const gpus = rng ? pick(rng, [2, 4, 8] as const) : 2;
  // Never as many accumulation steps as GPUs, so forgetting either gives a different answer.
  const steps = rng
    ? pick(
        rng,
        ([2, 4, 8, 16] as const).filter((n) => n !== gpus),
      )
    : 4;
  const base = { batchSize, epochs: 1, framework: 'hf-trainer' as const };
  const result = plan({ ...base, devices: gpus, accumulationSteps: steps });
  return {
    question: `Each of ${formatCount(gpus)} GPUs takes batches of ${formatCount(batchSize)} images, and gradients are accumulated over ${formatCount(steps)} batches before each optimizer step. How many images go into one optimizer step (the effective batch size)?`,
    answerLabel: 'Images per optimizer step',
    answer: result.effectiveBatchSize,
    unit: images,
    work: linesFor(result, 'effective-batch-size'),
    explanation:
      'Learning rates and their schedules are usually tuned for the effective batch size, not the per-device one.',
    mistakes: [
      {
        id: 'per-device-batch',
        value: plan(base).effectiveBatchSize,
        text: `That is the per-device batch size; the effective batch counts every GPU and every accumulated batch.`,
      },
      {
        id: 'forgot-accumulation',
        value: plan({ ...base, devices: gpus }).effectiveBatchSize,
        text: `That counts the ${formatCount(gpus)} GPUs but not the ${formatCount(steps)} accumulated batches per step.`,
      },
      {
        id: 'forgot-devices',
        value: plan({ ...base, accumulationSteps: steps }).effectiveBatchSize,
        text: `That counts the accumulation but only one GPU; all ${formatCount(gpus)} add their batches to the same step.`,
      },
    ],
  };
}

function validationSplit(rng: Rng | null): NumberDraft {
  const framework = rng ? pick(rng, ['keras', 'pytorch'] as const) : 'keras';
  const percent = rng ? pick(rng, [10, 15, 20, 25, 30] as const) : 20;
  const batchSize = rng ? pick(rng, [16, 32, 64] as const) : DEFAULT_INPUTS.batchSize;
  const count = rng ? randomInt(rng, 3_000, 60_000) : DEFAULT_INPUTS.images;
  const inputs = { images: count, batchSize, epochs: 1, validationPercent: percent, framework };
  const result = plan(inputs);
  const keep = String((100 - percent) / 100);
  const hold = String(percent / 100);
  const setup =
    framework === 'keras'
      ? `Keras: model.fit(x, y, batch_size=${formatCount(batchSize)}, validation_split=${hold}) on ${images(count)}.`
      : `PyTorch: random_split(dataset, [${keep}, ${hold}]) on ${images(count)}, then a DataLoader over the training part with batch_size=${formatCount(batchSize)} (the last partial batch kept).`;
  return {
    question: `${setup} How many training batches (steps) make one epoch?`,
    answerLabel: 'Training batches per epoch',
    answer: result.batchesPerEpoch,
    unit: batches,
    work: linesFor(result, 'training-images', 'batches-per-epoch'),
    explanation: `${images(result.validationImages)} are held out for validation, so ${images(result.trainingImages)} are left to train on.`,
    mistakes: [
      {
        id: 'forgot-validation',
        value: plan({ ...inputs, validationPercent: 0 }).batchesPerEpoch,
        text: `That batches all ${images(count)}: it looks like the validation split was forgotten; the ${formatCount(percent)} % held out never reach the training batches.`,
      },
      {
        id: 'validation-for-training',
        value: plan({ ...inputs, images: result.validationImages, validationPercent: 0 }).batchesPerEpoch,
        text: `That batches the ${images(result.validationImages)} held out for validation; the question asks for the training part.`,
      },
      {
        id: 'floor-for-ceil',
        value: floorDiv(result.trainingImages, batchSize),
        text: `That rounds ${formatCount(result.trainingImages)} ÷ ${formatCount(batchSize)} down; the last partial batch is kept, so round up.`,
      },
    ],
  };
}

/** Hours at a throughput, to one decimal place, through the engine's `trainingSeconds`. */
function hoursAt(passes: number, imagesPerSecond: number): number {
  return Math.round(trainingSeconds(passes, imagesPerSecond) / 360) / 10;
}

function hours(rng: Rng | null): NumberDraft {
  let count: number = DEFAULT_INPUTS.images;
  let epochs: number = DEFAULT_INPUTS.epochs;
  let rate: number = 367;
  if (rng) {
    // At least one hour: fewer would round to a bare 0.something.
    do {
      count = randomInt(rng, 3_000, 60_000);
      epochs = pick(rng, EPOCH_COUNTS);
      rate = pick(rng, THROUGHPUTS);
    } while (trainingSeconds(count * epochs, rate) < 3_600);
  }
  const result = plan({ images: count, epochs });
  const answer = hoursAt(result.imagePasses, rate);
  return {
    question: `A GPU trains this model at ${formatCount(rate)} images per second. How many hours does it take to train on ${images(count)} for ${formatCount(epochs)} epochs, counting only the GPU’s work (no data loading or evaluation)? Round to one decimal place.`,
    answerLabel: 'Hours, to one decimal place',
    answer,
    decimals: 1,
    unit: (value) => countWithNoun(value, 'hour'),
    work: [
      workStep('image-passes/product', [count, epochs, result.imagePasses]),
      workStep('hours/throughput', [result.imagePasses, rate, answer]),
    ],
    explanation:
      'An estimate: a real run also waits for data loading, evaluation and checkpoints, so it takes longer.',
    mistakes: [
      {
        id: 'forgot-epochs',
        value: hoursAt(count, rate),
        text: `That is the time for one epoch: it looks like the ${formatCount(epochs)} epochs were forgotten.`,
      },
      {
        id: 'minutes-for-hours',
        value: Math.round(trainingSeconds(result.imagePasses, rate) / 6) / 10,
        text: 'That is the time in minutes; divide by 60 once more for hours.',
      },
      {
        id: 'batches-for-images',
        value: hoursAt(result.totalBatches, rate),
        text: 'That divides the batches by the throughput, but the throughput counts images, not batches.',
      },
    ],
  };
}

function frameworkDrop(rng: Rng | null): ChoiceDraft {
  const batchSize = rng ? pick(rng, BATCH_SIZES) : DEFAULT_INPUTS.batchSize;
  const count = rng ? withRemainder(rng, batchSize) : DEFAULT_INPUTS.images + 1;
  const order = rng ? shuffled(rng, FRAMEWORKS) : [...FRAMEWORKS];
  const plans = new Map(
    order.map((framework) => [
      framework,
      plan({
        images: count,
        batchSize,
        epochs: 1,
        framework,
        lastBatch: FRAMEWORK_INFO[framework].defaultLastBatch,
      }),
    ]),
  );
  const droppers = order.filter((framework) => (plans.get(framework)?.imagesSkippedPerEpoch ?? 0) > 0);
  const answer = droppers[0];
  if (droppers.length !== 1 || answer === undefined) {
    throw new Error('Exactly one framework default should drop the last batch');
  }
  const choices = order.map((framework) => {
    const result = plans.get(framework) as TrainingPlan;
    const label = FRAMEWORK_INFO[framework].label;
    const why =
      result.imagesSkippedPerEpoch > 0
        ? `${label}’s training loader drops by default: ${batches(result.batchesPerEpoch)} per epoch, and ${images(result.imagesSkippedPerEpoch)} skipped.`
        : `${label} keeps the last batch by default: ${batches(result.batchesPerEpoch)} per epoch, the last one of ${images(result.lastBatchSize)}.`;
    return { value: framework, label, why };
  });
  const kept = plans.get('pytorch') as TrainingPlan;
  const dropped = plans.get(answer) as TrainingPlan;
  return {
    question: `${images(count)} in batches of ${formatCount(batchSize)}, every setting left at its default. Which framework’s training loader drops the last, partial batch?`,
    answer,
    choices,
    work: [...linesFor(kept, 'batches-per-epoch'), ...linesFor(dropped, 'batches-per-epoch')],
    explanation: `Only ${FRAMEWORK_INFO[answer].label} drops it by default (its training loader sets drop_last when it shuffles): ${batches(dropped.batchesPerEpoch)} instead of ${formatCount(kept.batchesPerEpoch)}.`,
  };
}

function doubleBatch(rng: Rng | null): ChoiceDraft {
  const batchSize = rng ? pick(rng, [16, 32, 64] as const) : DEFAULT_INPUTS.batchSize;
  const count = rng ? withRemainder(rng, batchSize) : DEFAULT_INPUTS.images;
  const before = plan({ images: count, batchSize, epochs: 1 });
  const after = plan({ images: count, batchSize: batchSize * 2, epochs: 1 });
  const ratio = after.imagePasses / before.imagePasses;
  const answer = ratio === 1 ? 'same' : ratio < 1 ? 'fewer' : 'more';
  const batchCounts = `${formatCount(before.batchesPerEpoch)} to ${batches(after.batchesPerEpoch)}`;
  const choices: ExerciseChoice[] = [
    {
      value: 'fewer',
      label: 'About half as many images',
      why: `The batches per epoch fall from ${batchCounts}, but each holds twice as many images.`,
    },
    {
      value: 'same',
      label: 'The same number of images',
      why: `Every image is still seen once per epoch: ${images(after.imagePasses)} either way, in ${batchCounts}.`,
    },
    {
      value: 'more',
      label: 'About twice as many images',
      why: `Bigger batches, but fewer of them (from ${batchCounts}): an epoch is still one pass over the data.`,
    },
  ];
  return {
    question: `A model trains on ${images(count)} in batches of ${formatCount(batchSize)}, keeping the last partial batch. You double the batch size to ${formatCount(batchSize * 2)}. How many images does one epoch process now?`,
    answer,
    choices,
    work: [...linesFor(before, 'batches-per-epoch'), ...linesFor(after, 'batches-per-epoch')],
    explanation:
      'A larger batch means fewer optimizer updates per epoch, not fewer images: an epoch is one pass over the training images.',
  };
}

const GENERATORS: Readonly<Record<ExerciseKind, (rng: Rng | null) => NumberDraft | ChoiceDraft>> = {
  exact,
  total,
  remainder,
  'drop-last': dropLast,
  'zero-batches': zeroBatches,
  devices,
  accumulation,
  'effective-batch': effectiveBatch,
  'validation-split': validationSplit,
  hours,
  'framework-drop': frameworkDrop,
  'double-batch': doubleBatch,
};

/** Keeps the mistakes whose wrong answer differs from the answer, one per value, in order. */
function distinctMistakes(answer: number, mistakes: Mistake[]): Mistake[] {
  const seen = new Map<number, Mistake>();
  for (const mistake of mistakes) {
    if (mistake.value === answer || !Number.isFinite(mistake.value)) continue;
    const earlier = seen.get(mistake.value);
    // Two mistakes with the same wrong answer: name both.
    if (earlier) seen.set(mistake.value, { ...earlier, text: `${earlier.text} Or: ${mistake.text}` });
    else seen.set(mistake.value, mistake);
  }
  return [...seen.values()];
}

/** The exercise of one kind for one seed: the same for everyone with that seed. */
export function makeExercise(kind: ExerciseKind, seed: number = DEFAULT_SEED): Exercise {
  const rng = seed === DEFAULT_SEED ? null : mulberry32(mixSeed(seed, kind));
  const draft = GENERATORS[kind](rng);
  const base = {
    kind,
    id: `exercise-${kind}`,
    title: TITLES[kind],
    question: draft.question,
    work: draft.work,
    explanation: draft.explanation,
  };
  if ('choices' in draft) {
    const right = draft.choices.find((choice) => choice.value === draft.answer);
    return {
      ...base,
      format: 'choice',
      answer: draft.answer,
      choices: draft.choices,
      answerText: right?.label ?? '',
    };
  }
  return {
    ...base,
    format: 'number',
    answer: draft.answer,
    answerLabel: draft.answerLabel,
    answerText: draft.unit(draft.answer),
    decimals: draft.decimals ?? 0,
    mistakes: distinctMistakes(draft.answer, draft.mistakes),
  };
}

/** The exercises of some kinds (all by default), in the order given. */
export function exerciseSet(
  seed: number = DEFAULT_SEED,
  kinds: readonly ExerciseKind[] = EXERCISE_KINDS,
): Exercise[] {
  return kinds.map((kind) => makeExercise(kind, seed));
}

// ---------------------------------------------------------------------------------------------
// Checking answers

export type Feedback =
  | { status: 'invalid'; message: string }
  | { status: 'right'; message: string }
  | { status: 'wrong'; message: string; mistake: Mistake | null };

const MAX_ANSWER_LENGTH = 40;
const SPACES = /[\s\u00a0\u2009\u202f]/g;
const PLAIN = /^\d+(\.\d+)?$/;
const GROUPED = /^\d{1,3}(,\d{3})+(\.\d+)?$/;

/**
 * A typed answer as a number: "48,000", "48000", "48 000" (spaces of any kind between digits)
 * and, where the exercise asks for decimals, "4.4". Anything else gets a sentence saying why.
 */
export function parseAnswer(
  text: string,
  decimals: 0 | 1 = 0,
): { ok: true; value: number } | { ok: false; message: string } {
  const example = decimals === 0 ? 'such as 750 or 48,000' : 'such as 4.4';
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: `Type a number first, ${example}.` };
  const shown = trimmed.length > 20 ? `${trimmed.slice(0, 20)}…` : trimmed;
  if (trimmed.length > MAX_ANSWER_LENGTH) {
    return { ok: false, message: `That answer is too long to be a count; type a number, ${example}.` };
  }
  const compact = trimmed.replace(SPACES, '');
  if (/^[-−]/.test(compact)) return { ok: false, message: `A count cannot be negative; “${shown}” is.` };
  let normalised: string | undefined;
  if (PLAIN.test(compact)) normalised = compact;
  else if (GROUPED.test(compact)) normalised = compact.replaceAll(',', '');
  if (normalised === undefined) {
    return { ok: false, message: `“${shown}” is not a number; type digits only, ${example}.` };
  }
  const value = Number(normalised);
  if (!Number.isFinite(value))
    return { ok: false, message: `“${shown}” is too large; type a count, ${example}.` };
  if (decimals === 0 && !Number.isInteger(value)) {
    return { ok: false, message: `Type a whole number: “${shown}” has a fractional part.` };
  }
  return { ok: true, value };
}

/** Feedback on a typed answer: right, wrong (with the mistake it looks like), or not a number. */
export function checkNumberAnswer(exercise: NumberExercise, text: string): Feedback {
  const parsed = parseAnswer(text, exercise.decimals);
  if (!parsed.ok) return { status: 'invalid', message: parsed.message };
  const given = parsed.value;
  if (Math.abs(given - exercise.answer) < 1e-9) {
    return { status: 'right', message: `Right: ${exercise.answerText}. ${exercise.explanation}` };
  }
  let mistake = exercise.mistakes.find((candidate) => Math.abs(candidate.value - given) < 1e-9) ?? null;
  if (!mistake && exercise.decimals > 0 && Math.abs(Math.round(given * 10) / 10 - exercise.answer) < 1e-9) {
    mistake = {
      id: 'not-rounded',
      value: given,
      text: `Nearly: round it to one decimal place, ${formatCount(exercise.answer)}.`,
    };
  }
  const lead = `Not quite: ${formatCount(given)} is not it; the answer is ${exercise.answerText}.`;
  return {
    status: 'wrong',
    message: mistake ? `${lead} ${mistake.text}` : lead,
    mistake,
  };
}

/** Feedback on a chosen option (null: none chosen). */
export function checkChoiceAnswer(exercise: ChoiceExercise, value: string | null): Feedback {
  const choice = exercise.choices.find((candidate) => candidate.value === value);
  if (!choice) return { status: 'invalid', message: 'Choose one of the answers first.' };
  if (choice.value === exercise.answer)
    return { status: 'right', message: `Right: ${choice.label}. ${choice.why}` };
  return {
    status: 'wrong',
    message: `Not quite: ${choice.why} The answer is ${exercise.answerText}.`,
    mistake: null,
  };
}
