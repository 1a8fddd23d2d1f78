/**
 * The engine's vocabulary. Every number shown anywhere on the site is a field of a
 * `TrainingPlan` computed from `TrainingInputs` by `computeTraining` (src/lib/training.ts).
 */

export const FRAMEWORKS = ['pytorch', 'keras', 'hf-trainer', 'lightning', 'fastai', 'deepspeed'] as const;
export type Framework = (typeof FRAMEWORKS)[number];

export const LAST_BATCH_POLICIES = ['keep', 'drop'] as const;
export type LastBatchPolicy = (typeof LAST_BATCH_POLICIES)[number];

/** The numeric inputs, by the names the engine, the widgets and the URL share. */
export type NumericField =
  'images' | 'batchSize' | 'epochs' | 'devices' | 'accumulationSteps' | 'validationPercent';
export type Field = NumericField | 'lastBatch' | 'framework';

export interface TrainingInputs {
  /** N: images in the data set, before any validation split. */
  images: number;
  /** B: images per batch on one device. */
  batchSize: number;
  /** E: passes over the training images. */
  epochs: number;
  /** What the data loader does with a last batch smaller than B. */
  lastBatch: LastBatchPolicy;
  /** P: data-parallel processes (GPUs). */
  devices: number;
  /** GA: micro-batches per optimizer step. */
  accumulationSteps: number;
  /** Share of the images held out for validation, in percent (0 … 90). */
  validationPercent: number;
  framework: Framework;
}

/** Why an input was refused: which field, what was given, and what is allowed. */
export interface InputError {
  field: Field;
  /** The value as given (text or number), for the message only; never rendered as HTML. */
  given: string;
  /** A sentence for the reader, e.g. "Batch size must be a whole number from 1 to 1,000,000." */
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; errors: InputError[] };

/** A note the reader should see about how the chosen framework counts. */
export interface FrameworkNote {
  /** Stable id, for tests and for the widget to key on. */
  id: string;
  /** Plain text, one or two sentences. */
  text: string;
}

/**
 * One line of the derivation, from which the KaTeX arithmetic is rendered: the template's TeX
 * (derivation-tex.ts, server only) with every `{{i}}` filled from `values[i]`, so a page renders
 * its lines at build time and the browser later changes only the numbers.
 */
export interface DerivationStep {
  /** Which quantity this line derives, e.g. "batches-per-epoch". */
  quantity: string;
  /** Which form of the formula (a key of DERIVATION_TEXTS), e.g. "batches-per-epoch/ceil". */
  template: string;
  /** Short label for the reader, e.g. "Batches per epoch". */
  label: string;
  /** The numbers that fill the template's slots, in slot order (the last one is the result). */
  values: number[];
  /** The result of this line. */
  value: number;
  /** The same line in words for screen readers, e.g. "48,000 divided by 64, rounded up, is 750" (computed when read). */
  readonly speech: string;
}

export interface EpochPoint {
  /** 0 … E. */
  epoch: number;
  /** Cumulative batches on one device after this many epochs. */
  batches: number;
  /** Cumulative optimizer steps after this many epochs. */
  optimizerSteps: number;
}

export interface TrainingPlan {
  /** The inputs as the framework really uses them (e.g. Keras forces keep). */
  inputs: TrainingInputs;
  trainingImages: number;
  validationImages: number;
  /**
   * Images in one device's batches per epoch, (b − 1)·B + last batch: after padding or dropping
   * across devices and after the last partial batch is dropped. (What the sampler hands one device
   * before batching, n = ⌈N/P⌉ under DistributedSampler, is the derivation's "images-per-device"
   * line; the two differ only when dropping.)
   */
  imagesPerDevice: number;
  batchesPerEpoch: number;
  /** Images in the last batch of an epoch on one device (B when every batch is full). */
  lastBatchSize: number;
  /** Image slots left out of batches per epoch, over all devices. */
  imagesSkippedPerEpoch: number;
  /** Images repeated per epoch so that every device gets the same count. */
  imagesRepeatedPerEpoch: number;
  /** Batches per epoch × E, on one device. */
  totalBatches: number;
  /** Optimizer steps per epoch, or null where it is not the same every epoch. */
  optimizerStepsPerEpoch: number | null;
  /** Why `optimizerStepsPerEpoch` is null, in plain words; empty otherwise. */
  optimizerStepsPerEpochReason: string;
  totalOptimizerSteps: number;
  /** B · P · GA. */
  effectiveBatchSize: number;
  /** Images processed in all, duplicates counted, over all devices and epochs. */
  imagePasses: number;
  derivation: DerivationStep[];
  notes: FrameworkNote[];
}
