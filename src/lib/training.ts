/**
 * The training arithmetic: from validated inputs to every count the site shows.
 * Formulas and their sources: docs/frameworks.md (sections named in comments below); worked cases: docs/worked-cases.md.
 * All arithmetic is on integers; quotients are rounded with integer division, never a float ceil.
 */
import { derivationStep } from './derivation';
import { countWithNoun, formatCount } from './format';
import {
  DEFAULT_INPUTS,
  FIELD_SPECS,
  FRAMEWORK_INFO,
  inputsFromParams,
  validateInputs,
  type FrameworkInfo,
  type ParamSource,
} from './inputs';
import type {
  DerivationStep,
  EpochPoint,
  FrameworkNote,
  InputError,
  LastBatchPolicy,
  Result,
  TrainingInputs,
  TrainingPlan,
} from './types';

/** ⌊a / b⌋ for non-negative safe integers a and positive integers b. */
export function floorDiv(a: number, b: number): number {
  const quotient = Math.floor(a / b);
  // The float quotient can round up to the next integer; the remainder check is exact.
  return a - quotient * b < 0 ? quotient - 1 : quotient;
}

/** ⌈a / b⌉ for non-negative safe integers a and positive integers b. */
export function ceilDiv(a: number, b: number): number {
  const quotient = floorDiv(a, b);
  return a - quotient * b > 0 ? quotient + 1 : quotient;
}

/** The image counts after a validation split, the way each framework's users split. */
export function splitImages(
  images: number,
  validationPercent: number,
  rule: FrameworkInfo['split'],
): { training: number; validation: number; remainder: number } {
  if (validationPercent === 0) return { training: images, validation: 0, remainder: 0 };
  // The fraction a user would type (0.2 for 20 %), as the nearest double, as the frameworks see it.
  const share = Number((validationPercent / 100).toPrecision(12));
  switch (rule) {
    case 'keras': {
      // keras array_slicing.py: split_at = floor(N * (1.0 - v)); validation is the rest.
      const training = Math.floor(images * (1.0 - share));
      return { training, validation: images - training, remainder: 0 };
    }
    case 'fastai': {
      // fastai RandomSplitter: cut = int(valid_pct * len(o)).
      const validation = Math.trunc(share * images);
      return { training: images - validation, validation, remainder: 0 };
    }
    case 'random-split': {
      // torch random_split: floor of each fraction, then the remainder round-robin, training first.
      const training = Math.floor(images * (1 - share));
      const validation = Math.floor(images * share);
      const remainder = images - training - validation;
      return {
        training: training + (remainder >= 1 ? 1 : 0),
        validation: validation + (remainder >= 2 ? 1 : 0),
        remainder: remainder >= 1 ? 1 : 0,
      };
    }
    case 'train-test-split': {
      // datasets train_test_split: n_test = ceil(test_size * n).
      const validation = Math.ceil(share * images);
      return { training: images - validation, validation, remainder: 0 };
    }
  }
}

/** The counts of one epoch on one device, before epochs and optimizer steps. */
interface EpochShape {
  /** Images one device draws per epoch before batching (n in the derivation). */
  samplesPerDevice: number;
  batchesPerEpoch: number;
  lastBatchSize: number;
  imagesSkippedPerEpoch: number;
  imagesRepeatedPerEpoch: number;
  /** Images in the batches of one epoch over all devices, repeats counted. */
  imagesPerEpoch: number;
}

/** Images one device draws per epoch: DistributedSampler pads to ⌈N/P⌉ (docs/frameworks.md: DistributedSampler). */
function sampledPerDevice(trainingImages: number, devices: number): number {
  return devices > 1 ? ceilDiv(trainingImages, devices) : trainingImages;
}

/** Batches per epoch on one device, by who shards the data (docs/frameworks.md: DistributedSampler, Trainer batches per process). */
export function batchesPerEpochFor(
  trainingImages: number,
  batchSize: number,
  devices: number,
  lastBatch: LastBatchPolicy,
  sharding: FrameworkInfo['sharding'],
): number {
  const divide = lastBatch === 'keep' ? ceilDiv : floorDiv;
  // accelerate deals whole batches round-robin: ⌈⌈N/B⌉/P⌉ (keep) or ⌊⌊N/B⌋/P⌋ (drop).
  if (sharding === 'accelerate' && devices > 1) return divide(divide(trainingImages, batchSize), devices);
  // Keras batches the arrays by the global batch B × P, then cuts each into per-device pieces.
  if (sharding === 'global-batch') return divide(trainingImages, batchSize * devices);
  // DistributedSampler and fastai's DistributedDL both pad to ⌈N/P⌉ images per device.
  return divide(sampledPerDevice(trainingImages, devices), batchSize);
}

/** The counts of one epoch on one device (docs/frameworks.md: DistributedSampler, Trainer batches per process). */
export function epochShape(
  trainingImages: number,
  batchSize: number,
  devices: number,
  lastBatch: LastBatchPolicy,
  sharding: FrameworkInfo['sharding'],
): EpochShape {
  const keep = lastBatch === 'keep';
  const batchesPerEpoch = batchesPerEpochFor(trainingImages, batchSize, devices, lastBatch, sharding);
  if (sharding === 'accelerate' && devices > 1) {
    // accelerate's BatchSamplerShard deals whole batches round-robin; with even_batches it
    // completes the last batch and loops back so every process gets ⌈batches / P⌉ full batches.
    const slots = devices * batchesPerEpoch * batchSize;
    return {
      samplesPerDevice: batchesPerEpoch * batchSize,
      batchesPerEpoch,
      lastBatchSize: batchesPerEpoch === 0 ? 0 : batchSize,
      imagesSkippedPerEpoch: keep ? 0 : trainingImages - slots,
      imagesRepeatedPerEpoch: keep ? slots - trainingImages : 0,
      imagesPerEpoch: slots,
    };
  }
  if (sharding === 'global-batch' && devices > 1) {
    // Keras (docs/frameworks.md: Keras on several devices): ⌈N/(B·P)⌉ global batches, never
    // dropped, nothing repeated. The last global batch holds r images; tf.data cuts it into
    // pieces of up to B in device order, so the first device's last batch is min(B, r).
    const global = batchSize * devices;
    const rest = trainingImages - (batchesPerEpoch - 1) * global;
    const lastBatchSize = Math.min(batchSize, rest);
    return {
      samplesPerDevice: (batchesPerEpoch - 1) * batchSize + lastBatchSize,
      batchesPerEpoch,
      lastBatchSize,
      imagesSkippedPerEpoch: 0,
      imagesRepeatedPerEpoch: 0,
      imagesPerEpoch: trainingImages,
    };
  }
  // DistributedSampler (drop_last=False, its default) pads to P·⌈N/P⌉ by repeating images;
  // on one device it is the plain sampler.
  // fastai's DistributedDL pads and batches the same counts (docs/frameworks.md: fastai on several devices).
  const samplesPerDevice = sampledPerDevice(trainingImages, devices);
  const partial = samplesPerDevice % batchSize;
  const lastBatchSize = batchesPerEpoch === 0 ? 0 : keep && partial > 0 ? partial : batchSize;
  return {
    samplesPerDevice,
    batchesPerEpoch,
    lastBatchSize,
    imagesSkippedPerEpoch: keep ? 0 : devices * partial,
    imagesRepeatedPerEpoch: devices * samplesPerDevice - trainingImages,
    imagesPerEpoch: batchesPerEpoch === 0 ? 0 : devices * ((batchesPerEpoch - 1) * batchSize + lastBatchSize),
  };
}

/** What the optimizer-step count needs to know of one device's epoch. */
interface StepShape {
  batchesPerEpoch: number;
  /** Images in the last batch of the epoch on one device (B when every batch is full). */
  lastBatchSize: number;
  batchSize: number;
  accumulationSteps: number;
  rule: FrameworkInfo['accumulation'];
}

/** Whether fastai's image-counting windows need the epoch-by-epoch walk (see `imageWindowSteps`). */
function needsImageWalk(shape: StepShape): boolean {
  const { batchesPerEpoch: b, lastBatchSize, batchSize, accumulationSteps: steps, rule } = shape;
  return rule === 'images-across-epochs' && steps > 1 && b > 0 && lastBatchSize < batchSize && b - 1 < steps;
}

/**
 * fastai's GradientAccumulation(n_acc = G × B), counting images on one device: it adds each
 * batch's size to a counter, steps once the counter reaches n_acc and then sets it to 0 (the
 * overflow is lost), and resets it only when fit starts (docs/frameworks.md: fastai gradient
 * accumulation). Returns the cumulative optimizer steps after each epoch 0 … E, walking one
 * epoch at a time: b − 1 full batches of B, then the partial one.
 */
function imageWindowSteps(shape: StepShape, epochs: number): number[] {
  const { batchesPerEpoch: b, lastBatchSize: partial, batchSize, accumulationSteps: steps } = shape;
  const window = steps * batchSize;
  const full = b - 1;
  const cumulative = [0];
  let count = 0;
  let total = 0;
  for (let epoch = 1; epoch <= epochs; epoch += 1) {
    let left = full;
    if (count + left * batchSize >= window) {
      const closing = ceilDiv(window - count, batchSize);
      total += 1;
      left -= closing;
      total += floorDiv(left, steps);
      count = (left % steps) * batchSize;
    } else {
      count += left * batchSize;
    }
    count += partial;
    if (count >= window) {
      total += 1;
      count = 0;
    }
    cumulative.push(total);
  }
  return cumulative;
}

/** The epoch-by-epoch walk, once per shape: the epochs chart asks for many epochs of one plan. */
const walkCache = new Map<string, number[]>();

function walkedSteps(shape: StepShape, epochs: number, totalEpochs: number): number {
  const key = [
    shape.batchesPerEpoch,
    shape.lastBatchSize,
    shape.batchSize,
    shape.accumulationSteps,
    totalEpochs,
  ].join(',');
  let cumulative = walkCache.get(key);
  if (!cumulative) {
    cumulative = imageWindowSteps(shape, totalEpochs);
    if (walkCache.size >= 8) walkCache.clear();
    walkCache.set(key, cumulative);
  }
  return cumulative[epochs] ?? imageWindowSteps(shape, epochs)[epochs] ?? 0;
}

/** The step-count view of a run's inputs and epoch shape. */
function stepShape(
  inputs: TrainingInputs,
  shape: Pick<EpochShape, 'batchesPerEpoch' | 'lastBatchSize'>,
): StepShape {
  return {
    batchesPerEpoch: shape.batchesPerEpoch,
    lastBatchSize: shape.lastBatchSize,
    batchSize: inputs.batchSize,
    accumulationSteps: inputs.accumulationSteps,
    rule: FRAMEWORK_INFO[inputs.framework].accumulation,
  };
}

/** Optimizer steps per epoch when every epoch has the same number, else null. */
function constantStepsPerEpoch(shape: StepShape, epochs: number): number | null {
  const { batchesPerEpoch: b, accumulationSteps: steps, rule } = shape;
  if (steps === 1 || rule === 'per-epoch') return optimizerStepsAfter(shape, 1, epochs);
  if (needsImageWalk(shape)) {
    const first = optimizerStepsAfter(shape, 1, epochs);
    for (let epoch = 2; epoch <= epochs; epoch += 1) {
      if (optimizerStepsAfter(shape, epoch, epochs) !== epoch * first) return null;
    }
    return first;
  }
  const counted = rule === 'images-across-epochs' && shape.lastBatchSize < shape.batchSize ? b - 1 : b;
  return counted % steps === 0 ? counted / steps : null;
}

/** Why the steps per epoch vary, naming who carries the leftover batches. */
function variableStepsReason(inputs: TrainingInputs, shape: EpochShape): string {
  const { accumulationSteps: steps, batchSize } = inputs;
  const b = shape.batchesPerEpoch;
  switch (inputs.framework) {
    case 'keras':
      return `It changes from epoch to epoch: ${formatCount(b)} batches per epoch do not divide evenly into windows of ${formatCount(steps)}, and Keras's optimizer counts batches over the whole run.`;
    case 'fastai':
      return `It changes from epoch to epoch: fastai counts ${formatCount(steps * batchSize)} images per window over the whole run, and an epoch's ${countWithNoun(b, 'batch', 'batches')} do not fill a whole number of windows.`;
    default:
      return `It changes from epoch to epoch: ${formatCount(b)} batches per epoch do not divide evenly into windows of ${formatCount(steps)}, and DeepSpeed carries the leftover batches into the next epoch.`;
  }
}

/** Optimizer steps after `epochs` epochs (of a run of `totalEpochs`). */
function optimizerStepsAfter(shape: StepShape, epochs: number, totalEpochs = epochs): number {
  const { batchesPerEpoch: b, accumulationSteps: steps, rule } = shape;
  if (steps === 1) return epochs * b;
  // HF Trainer, Lightning and accelerate step on the short window at each epoch's end.
  if (rule === 'per-epoch') return epochs * ceilDiv(b, steps);
  // DeepSpeed's engine and Keras's optimizer count batches over the whole run; no end-of-epoch
  // flush. fastai counts images, which is the same while every batch is full.
  if (rule === 'across-epochs' || shape.lastBatchSize === shape.batchSize || b === 0) {
    return floorDiv(epochs * b, steps);
  }
  // fastai with a short last batch: when an epoch has at least G full batches, every window
  // closes on its G-th full batch and the short batch only tops one up: ⌊E·(b − 1)/G⌋.
  if (!needsImageWalk(shape)) return floorDiv(epochs * (b - 1), steps);
  return walkedSteps(shape, epochs, totalEpochs);
}

function unsafeError(quantity: string, value: number): InputError {
  return {
    field: 'epochs',
    given: String(value),
    message: `These inputs make ${quantity} larger than ${formatCount(Number.MAX_SAFE_INTEGER)}, too large to count exactly; choose fewer epochs or images.`,
  };
}

/** The framework's view of the inputs: what it cannot do is set back, with a note why. */
function resolveInputs(inputs: TrainingInputs): { resolved: TrainingInputs; notes: FrameworkNote[] } {
  const info = FRAMEWORK_INFO[inputs.framework];
  const resolved = { ...inputs };
  const notes: FrameworkNote[] = [];
  if (info.dropUnavailable && inputs.lastBatch === 'drop') {
    resolved.lastBatch = 'keep';
    notes.push({ id: 'drop-unavailable', text: `${info.dropUnavailable} Counted with the last batch kept.` });
  }
  if (info.devicesUnavailable && inputs.devices !== 1) {
    resolved.devices = 1;
    notes.push({ id: 'devices-unavailable', text: `${info.devicesUnavailable} Counted on 1 device.` });
  }
  if (info.accumulationUnavailable && inputs.accumulationSteps !== 1) {
    resolved.accumulationSteps = 1;
    notes.push({
      id: 'accumulation-unavailable',
      text: `${info.accumulationUnavailable} Counted with one batch per optimizer step.`,
    });
  }
  return { resolved, notes };
}

/**
 * Padding copies that land in dropped batches. DistributedSampler appends its copies at the end
 * of the list, so each is the last image of its device, inside the partial batch that drop_last
 * removes (docs/frameworks.md: DistributedSampler); accelerate repeats only when it keeps. So whenever images are skipped,
 * every repeat is among them, and none is seen twice. fastai's DistributedDL gives each device a
 * contiguous slice, so all its copies end the last device's list: only as many as that device's
 * dropped partial batch holds are dropped (docs/frameworks.md: fastai on several devices).
 * A plan carries its framework and device count; a bare shape counts as DistributedSampler.
 */
export function repeatsInDroppedBatches(
  shape: Pick<EpochShape, 'imagesSkippedPerEpoch' | 'imagesRepeatedPerEpoch'> & {
    inputs?: Pick<TrainingInputs, 'framework' | 'devices'>;
  },
): number {
  if (shape.imagesSkippedPerEpoch === 0) return 0;
  const inputs = shape.inputs;
  if (inputs && FRAMEWORK_INFO[inputs.framework].sharding === 'fastai') {
    return Math.min(shape.imagesRepeatedPerEpoch, shape.imagesSkippedPerEpoch / inputs.devices);
  }
  return shape.imagesRepeatedPerEpoch;
}

/** ", 2 of them padding copies: 136 different images go unseen", where copies are dropped. */
function unseenNote(shape: EpochShape, inputs: TrainingInputs): string {
  const copies = repeatsInDroppedBatches({ ...shape, inputs });
  if (copies === 0) return '';
  const unseen = shape.imagesSkippedPerEpoch - copies;
  return `, ${formatCount(copies)} of them padding copies: ${countWithNoun(unseen, 'different image goes', 'different images go')} unseen`;
}

/** One device's share of the training images per epoch: ⌈N/P⌉, or N on one device. */
export function deviceShare(trainingImages: number, devices: number): number {
  return devices > 1 ? ceilDiv(trainingImages, devices) : trainingImages;
}

/**
 * The largest batch size that still leaves a batch when the last partial one is dropped:
 * DistributedSampler needs B ≤ ⌈N/P⌉; accelerate deals whole batches, so ⌊N/B⌋ ≥ P, B ≤ ⌊N/P⌋
 * (0 when there are fewer images than devices: then only Keep helps).
 */
export function largestBatchSizeWhenDropping(
  trainingImages: number,
  devices: number,
  sharding: FrameworkInfo['sharding'],
): number {
  if (devices > 1 && sharding === 'accelerate') return floorDiv(trainingImages, devices);
  return deviceShare(trainingImages, devices);
}

/** What each framework does with a training loader of length 0 (docs/frameworks.md: len(DataLoader), Trainer optimizer steps, Lightning, fastai, DeepSpeed). */
const EMPTY_LOADER: Readonly<Record<TrainingInputs['framework'], string>> = {
  pytorch: 'len(DataLoader) is 0, and the training loop silently does nothing',
  keras: 'Keras never drops, so this does not happen',
  'hf-trainer':
    'the Trainer logs “There seems not to be a single sample in your epoch_iterator” and stops at step 0',
  lightning: 'Lightning only warns that the total length of the DataLoader across ranks is zero',
  fastai: 'the training DataLoader has length 0, so no batch is trained',
  deepspeed: 'the DeepSpeedDataLoader has length 0, so the engine never steps',
};

/** The warning for a run with no batch at all, naming the fix. */
function noBatchesText(inputs: TrainingInputs, training: number): string {
  const { batchSize, devices } = inputs;
  const sharding = FRAMEWORK_INFO[inputs.framework].sharding;
  const accelerate = devices > 1 && sharding === 'accelerate';
  const largest = largestBatchSizeWhenDropping(training, devices, sharding);
  const what = accelerate
    ? `the ${countWithNoun(training, 'training image')} cannot fill one batch for each of the ${formatCount(devices)} devices`
    : devices > 1
      ? `it is larger than the ${countWithNoun(deviceShare(training, devices), 'image')} each device gets`
      : `it is larger than the ${countWithNoun(training, 'training image')}`;
  const fix =
    largest >= 1
      ? `Choose Keep, or a batch size of at most ${formatCount(largest)}.`
      : 'Choose Keep, or fewer devices.';
  return `No batch at all: with the last partial batch dropped and a batch size of ${formatCount(batchSize)}, ${what}, so every image is skipped, every epoch: 0 batches, 0 optimizer steps. This is a real bug, not an input error: ${EMPTY_LOADER[inputs.framework]}. ${fix}`;
}

/**
 * Images in the largest optimizer step, over all devices, where the accumulation window closes
 * at each epoch's end: the first min(G, b) batches of an epoch (only the last batch can be
 * partial). Where windows run on across epochs (DeepSpeed, Keras, fastai), the whole run's
 * images bound it.
 */
function largestStepImages(inputs: TrainingInputs, shape: EpochShape): { images: number; exact: boolean } {
  const { batchSize, devices, epochs } = inputs;
  const rule = FRAMEWORK_INFO[inputs.framework].accumulation;
  const steps = inputs.accumulationSteps;
  const b = shape.batchesPerEpoch;
  const perEpoch = b === 0 ? 0 : (b - 1) * batchSize + shape.lastBatchSize;
  if (rule !== 'per-epoch') return { images: epochs * shape.imagesPerEpoch, exact: false };
  return { images: devices * (b <= steps ? perEpoch : steps * batchSize), exact: true };
}

/** Keras on several devices and Keras and fastai accumulation, in plain words (docs/frameworks.md). */
function kerasFastaiNotes(inputs: TrainingInputs, shape: EpochShape, totalSteps: number): FrameworkNote[] {
  const notes: FrameworkNote[] = [];
  const { framework, devices, accumulationSteps: steps, batchSize, epochs } = inputs;
  const b = shape.batchesPerEpoch;
  if (framework === 'keras' && devices > 1) {
    const global = batchSize * devices;
    const rest = shape.imagesPerEpoch - (b - 1) * global;
    const last =
      rest < global
        ? ` The last global batch holds ${countWithNoun(rest, 'image')}: it is cut into pieces of up to ${formatCount(batchSize)} in device order, so ${rest <= batchSize * (devices - 1) ? 'some devices get a smaller piece or none' : 'the last device gets a smaller piece'}.`
        : '';
    notes.push({
      id: 'keras-global-batch',
      text: `Under a distribution strategy Keras's batch_size is the global batch: fit(batch_size=${global}) gives each of the ${formatCount(devices)} devices ${formatCount(batchSize)} images per step, and an epoch is ${countWithNoun(b, 'step')} of ${formatCount(global)}.${last}`,
    });
  }
  if (framework === 'fastai' && devices > 1 && shape.imagesRepeatedPerEpoch > 0) {
    notes.push({
      id: 'fastai-contiguous-slices',
      text: `fastai's DistributedDL gives each device a contiguous slice of the padded list, so all ${countWithNoun(shape.imagesRepeatedPerEpoch, 'padding copy', 'padding copies')} end the last device's slice.`,
    });
  }
  if (steps === 1 || b === 0) return notes;
  if (framework === 'keras') {
    notes.push({
      id: 'keras-accumulation',
      text: `Keras's optimizer (gradient_accumulation_steps=${steps}) steps on every ${ordinal(steps)} batch it has seen since it was created: its counter is never reset, so a window that is open at the end of an epoch closes in the next, and the run has ⌊E × b / G⌋ = ${formatCount(totalSteps)} optimizer steps. A learning-rate schedule still advances once per batch (${formatCount(epochs * b)} in all).`,
    });
  }
  if (framework === 'fastai') {
    const window = steps * batchSize;
    const partial = shape.lastBatchSize < batchSize;
    notes.push({
      id: 'fastai-accumulation',
      text: `fastai's GradientAccumulation counts images, not batches: ${steps} batches of ${formatCount(batchSize)} make n_acc=${window}. Its count is reset only when fit starts, so windows run across epochs${partial ? `; the short last batch of ${countWithNoun(shape.lastBatchSize, 'image')} adds to the count, and a window that reaches n_acc steps and starts again from 0` : ''}.`,
    });
  }
  if (totalSteps === 0) {
    const label = FRAMEWORK_INFO[framework].label;
    notes.push({
      id: 'no-optimizer-step',
      text: `The whole run never fills one accumulation window of ${formatCount(steps)} batches, so ${label} never steps the optimizer: the weights do not change.`,
    });
  }
  return notes;
}

/** "4th", "2nd", "11th", "21st". */
function ordinal(value: number): string {
  const tens = value % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][value % 10] ?? 'th');
  return `${formatCount(value)}${suffix}`;
}

function frameworkNotes(
  inputs: TrainingInputs,
  shape: EpochShape,
  training: number,
  totalSteps: number,
): FrameworkNote[] {
  const info = FRAMEWORK_INFO[inputs.framework];
  const notes: FrameworkNote[] = [];
  const { framework, devices, accumulationSteps: steps, batchSize } = inputs;
  if (framework === 'keras') {
    notes.push({ id: 'keras-never-drops', text: 'Keras never drops the last batch of an array.' });
    if (inputs.validationPercent > 0) {
      notes.push({
        id: 'keras-validation-last-rows',
        text: 'Keras takes the validation images from the last rows of the arrays, before shuffling: if the rows are sorted (by grade, say), the validation set is skewed. Shuffle first.',
      });
    }
  }
  if (framework === 'fastai') {
    notes.push({
      id: 'fastai-drops-by-default',
      text: 'fastai’s training loader drops the last partial batch by default (drop_last follows shuffle, which is on).',
    });
  }
  if (shape.imagesRepeatedPerEpoch > 0) {
    const how =
      info.sharding === 'accelerate'
        ? 'accelerate completes the last batch and deals every device the same number of batches by looping back to the first images'
        : info.sharding === 'fastai'
          ? 'fastai’s DistributedDL pads the shuffled list with images from its start'
          : 'DistributedSampler pads the shuffled list with images from its start';
    const dropped = repeatsInDroppedBatches({ ...shape, inputs });
    const fate =
      dropped === 0
        ? ''
        : dropped === shape.imagesRepeatedPerEpoch
          ? ' The copies fall in the last partial batches, which are dropped, so no image is seen twice.'
          : ` ${countWithNoun(dropped, 'copy falls', 'copies fall')} in the last device’s dropped partial batch; the other ${countWithNoun(shape.imagesRepeatedPerEpoch - dropped, 'is', 'are')} trained on.`;
    notes.push({
      id: 'images-repeated',
      text: `${countWithNoun(shape.imagesRepeatedPerEpoch, 'image is', 'images are')} repeated per epoch to give every device the same count: ${how}.${fate}`,
    });
  }
  if (shape.imagesSkippedPerEpoch > 0) {
    notes.push({
      id: 'images-skipped',
      text: `${countWithNoun(shape.imagesSkippedPerEpoch, 'image is', 'images are')} left out of every epoch by dropping the last partial batch${devices > 1 ? ' on each device' : ''}${unseenNote(shape, inputs)}; with shuffling, different ones each epoch.`,
    });
  }
  if (devices > 1) {
    notes.push({
      id: 'per-device-counts',
      text: `Batches are counted on one device: the ${formatCount(devices)} devices each run that many, in step, and one optimizer step updates all of them.`,
    });
  }
  if (steps > 1 && framework === 'pytorch') {
    notes.push({
      id: 'pytorch-accumulate',
      text: 'Plain PyTorch has no accumulation setting: these counts follow accelerate’s accumulate(), which also steps on the short window at the end of each epoch.',
    });
  }
  if (steps > 1 && framework === 'hf-trainer' && shape.batchesPerEpoch % steps !== 0) {
    const legacy = Math.max(floorDiv(shape.batchesPerEpoch, steps), 1);
    notes.push({
      id: 'hf-legacy-floor',
      text: `Transformers releases before about 4.52 rounded steps per epoch down: ${formatCount(legacy)} per epoch, ${formatCount(legacy * inputs.epochs)} in all, so max_steps stopped training short of the last epochs.`,
    });
  }
  if (
    steps > 1 &&
    framework === 'deepspeed' &&
    shape.batchesPerEpoch > 0 &&
    shape.batchesPerEpoch * inputs.epochs < steps
  ) {
    notes.push({
      id: 'no-optimizer-step',
      text: `The whole run has fewer micro-batches than one accumulation window of ${formatCount(steps)}, so DeepSpeed never steps the optimizer: the weights do not change.`,
    });
  }
  notes.push(...kerasFastaiNotes(inputs, shape, totalSteps));
  if (steps > 1 && framework === 'deepspeed') {
    notes.push({
      id: 'deepspeed-no-flush',
      text: 'DeepSpeed’s engine has no end-of-epoch flush: leftover micro-batches roll into the next epoch’s accumulation window.',
    });
  }
  const share = deviceShare(training, devices);
  if (shape.batchesPerEpoch === 0) {
    notes.unshift({ id: 'no-batches', text: noBatchesText(inputs, training) });
  } else if (
    info.sharding === 'global-batch' && devices > 1 ? batchSize * devices > training : batchSize > share
  ) {
    // Under accelerate's even_batches the one batch is completed with repeated images (docs/frameworks.md: Trainer batches per process).
    const batch =
      info.sharding === 'global-batch' && devices > 1
        ? 'a single global batch, cut into pieces of up to the batch size for the devices'
        : shape.lastBatchSize < batchSize
          ? `a single, partial batch${devices > 1 ? ' on each device' : ''}`
          : 'a single batch on each device, completed with repeated images';
    const data =
      info.sharding === 'global-batch' && devices > 1
        ? `the ${countWithNoun(training, 'training image')} (the global batch is ${formatCount(batchSize)} × ${formatCount(devices)} = ${formatCount(batchSize * devices)})`
        : devices > 1
          ? `one device’s share of the training images (${formatCount(share)} of ${formatCount(training)})`
          : `the ${countWithNoun(training, 'training image')}`;
    notes.push({
      id: 'batch-larger-than-data',
      text: `The batch size is larger than ${data}: every epoch is ${batch}.`,
    });
  }
  const largest = largestStepImages(inputs, shape);
  const effective = batchSize * devices * steps;
  const anyStep = totalSteps > 0;
  // Without accumulation the note on a batch larger than the data already says it.
  if (steps > 1 && shape.batchesPerEpoch > 0 && anyStep && largest.images < effective) {
    const why = largest.exact
      ? `the largest holds ${countWithNoun(largest.images, 'image')}: an epoch gives ${devices > 1 ? 'each device' : 'the model'} fewer images than one accumulation window, and the window closes at the epoch’s end`
      : `the whole run processes only ${countWithNoun(largest.images, 'image')}`;
    notes.push({
      id: 'effective-batch-unreachable',
      text: `The effective batch size is ${formatCount(effective)} images (B × P × G, as the frameworks report it), but no optimizer step here is that large: ${why}.`,
    });
  }
  return notes;
}

function keepOrDrop(perDevice: boolean, keep: boolean) {
  if (perDevice) return keep ? 'batches-per-epoch/per-device-ceil' : 'batches-per-epoch/per-device-floor';
  return keep ? 'batches-per-epoch/ceil' : 'batches-per-epoch/floor';
}

function derivationFor(
  inputs: TrainingInputs,
  split: ReturnType<typeof splitImages>,
  shape: EpochShape,
  stepsPerEpoch: number | null,
  totalSteps: number,
): DerivationStep[] {
  const info = FRAMEWORK_INFO[inputs.framework];
  const { images, validationPercent: pct, batchSize, devices, epochs, accumulationSteps: steps } = inputs;
  const keep = inputs.lastBatch === 'keep';
  const lines: DerivationStep[] = [];
  if (pct > 0) {
    const training = split.training;
    if (info.split === 'keras') lines.push(derivationStep('training-images/keras', [images, pct, training]));
    if (info.split === 'fastai')
      lines.push(derivationStep('training-images/fastai', [images, pct, images, training]));
    if (info.split === 'random-split') {
      lines.push(derivationStep('training-images/random-split', [images, pct, split.remainder, training]));
    }
    if (info.split === 'train-test-split') {
      lines.push(derivationStep('training-images/train-test-split', [images, pct, images, training]));
    }
  }
  if (info.sharding === 'accelerate' && devices > 1) {
    lines.push(
      derivationStep(keep ? 'batches-per-epoch/sharded-ceil' : 'batches-per-epoch/sharded-floor', [
        split.training,
        batchSize,
        devices,
        shape.batchesPerEpoch,
      ]),
    );
  } else if (info.sharding === 'global-batch' && devices > 1) {
    lines.push(
      derivationStep('batches-per-epoch/global-batch', [
        split.training,
        batchSize,
        devices,
        shape.batchesPerEpoch,
      ]),
    );
  } else {
    if (devices > 1) {
      lines.push(
        derivationStep(
          info.sharding === 'fastai' ? 'images-per-device/fastai-padded' : 'images-per-device/padded',
          [split.training, devices, shape.samplesPerDevice],
        ),
      );
    }
    lines.push(
      derivationStep(keepOrDrop(devices > 1, keep), [
        shape.samplesPerDevice,
        batchSize,
        shape.batchesPerEpoch,
      ]),
    );
  }
  lines.push(
    derivationStep('total-batches/product', [shape.batchesPerEpoch, epochs, shape.batchesPerEpoch * epochs]),
  );
  if (steps > 1) {
    if (stepsPerEpoch !== null && info.accumulation === 'per-epoch') {
      lines.push(
        derivationStep('optimizer-steps-per-epoch/ceil', [shape.batchesPerEpoch, steps, stepsPerEpoch]),
      );
      lines.push(derivationStep('total-optimizer-steps/product', [stepsPerEpoch, epochs, totalSteps]));
    } else if (
      info.accumulation === 'images-across-epochs' &&
      shape.batchesPerEpoch > 0 &&
      shape.lastBatchSize < batchSize
    ) {
      lines.push(
        needsImageWalk(stepShape(inputs, shape))
          ? derivationStep('total-optimizer-steps/image-windows', [
              steps,
              batchSize,
              shape.batchesPerEpoch - 1,
              shape.lastBatchSize,
              epochs,
              totalSteps,
            ])
          : derivationStep('total-optimizer-steps/full-batches-across-epochs', [
              shape.batchesPerEpoch,
              epochs,
              steps,
              totalSteps,
            ]),
      );
    } else {
      lines.push(
        derivationStep('total-optimizer-steps/across-epochs', [
          shape.batchesPerEpoch,
          epochs,
          steps,
          totalSteps,
        ]),
      );
    }
  }
  if (devices > 1 || steps > 1) {
    lines.push(
      derivationStep('effective-batch-size/product', [
        batchSize,
        devices,
        steps,
        batchSize * devices * steps,
      ]),
    );
  }
  return lines;
}

/**
 * Every count for one training run. Never throws for bad input: it returns the reasons,
 * each naming the field, the value and the allowed range.
 */
export function computeTraining(inputs: TrainingInputs): Result<TrainingPlan> {
  const validated = validateInputs(inputs);
  if (!validated.ok) return validated;
  const { resolved, notes: resolutionNotes } = resolveInputs(validated.value);
  const info = FRAMEWORK_INFO[resolved.framework];
  const { batchSize, devices, epochs, accumulationSteps } = resolved;

  const split = splitImages(resolved.images, resolved.validationPercent, info.split);
  if (split.training < 1) {
    return {
      ok: false,
      errors: [
        {
          field: 'validationPercent',
          given: String(resolved.validationPercent),
          message: `A validation share of ${formatCount(resolved.validationPercent)} % leaves no training images out of ${countWithNoun(resolved.images, 'image')}; choose a smaller share or more images.`,
        },
      ],
    };
  }

  // Dropping with a batch larger than the images (or one device's share) is a real run that
  // trains on nothing: len(DataLoader) is 0 and the loop does nothing. It is shown, not refused.
  const shape = epochShape(split.training, batchSize, devices, resolved.lastBatch, info.sharding);

  const batchesPerEpoch = shape.batchesPerEpoch;
  const totalBatches = batchesPerEpoch * epochs;
  const steps = stepShape(resolved, shape);
  const totalOptimizerSteps = optimizerStepsAfter(steps, epochs);
  const optimizerStepsPerEpoch = constantStepsPerEpoch(steps, epochs);
  const imagesPerDevicePerEpoch =
    batchesPerEpoch === 0 ? 0 : (batchesPerEpoch - 1) * batchSize + shape.lastBatchSize;
  const imagePasses = epochs * shape.imagesPerEpoch;
  for (const [quantity, value] of [
    ['the image passes', imagePasses],
    ['the batches', totalBatches],
  ] as const) {
    if (!Number.isSafeInteger(value)) return { ok: false, errors: [unsafeError(quantity, value)] };
  }

  return {
    ok: true,
    value: {
      inputs: resolved,
      trainingImages: split.training,
      validationImages: split.validation,
      imagesPerDevice: imagesPerDevicePerEpoch,
      batchesPerEpoch,
      lastBatchSize: shape.lastBatchSize,
      imagesSkippedPerEpoch: shape.imagesSkippedPerEpoch,
      imagesRepeatedPerEpoch: shape.imagesRepeatedPerEpoch,
      totalBatches,
      optimizerStepsPerEpoch,
      optimizerStepsPerEpochReason:
        optimizerStepsPerEpoch !== null ? '' : variableStepsReason(resolved, shape),
      totalOptimizerSteps,
      effectiveBatchSize: batchSize * devices * accumulationSteps,
      imagePasses,
      derivation: derivationFor(resolved, split, shape, optimizerStepsPerEpoch, totalOptimizerSteps),
      notes: [...resolutionNotes, ...frameworkNotes(resolved, shape, split.training, totalOptimizerSteps)],
    },
  };
}

/**
 * The one reading of a link, for the server and the browser alike: the parameters over the
 * page's starting inputs (`base`), each invalid one falling back to its base value with a
 * notice. Valid parameters whose combination the engine still refuses (a validation share
 * that leaves no training image) fall back the same way, field by field, so every other
 * parameter of the link stays. Throws only if `base` itself is refused (a bug, not input).
 */
export function planFromParams(
  params: ParamSource,
  base: Readonly<TrainingInputs> = DEFAULT_INPUTS,
): { inputs: TrainingInputs; plan: TrainingPlan; notices: InputError[] } {
  const { inputs, notices } = inputsFromParams(params, base);
  for (let attempt = 0; attempt <= FIELD_COUNT; attempt += 1) {
    const computed = computeTraining(inputs);
    if (computed.ok) return { inputs, plan: computed.value, notices };
    notices.push(...computed.errors);
    let changed = false;
    for (const error of computed.errors) {
      const field = error.field;
      if (inputs[field] !== base[field]) {
        (inputs as unknown as Record<string, unknown>)[field] = base[field];
        changed = true;
      }
    }
    if (!changed) break;
  }
  const fallback = computeTraining({ ...base });
  if (!fallback.ok) throw new Error(`The page's starting inputs are refused: ${fallback.errors[0]?.message}`);
  return { inputs: { ...base }, plan: fallback.value, notices };
}

/** How many inputs there are: the most fields a link can need to fall back. */
const FIELD_COUNT = 8;

/** Cumulative counts after any epoch 0 … E of a plan (the epochs chart's lines, readouts and table). */
export function countsAtEpoch(plan: TrainingPlan, epoch: number): EpochPoint {
  const clamped = Math.min(Math.max(Math.round(epoch), 0), plan.inputs.epochs);
  return {
    epoch: clamped,
    batches: clamped * plan.batchesPerEpoch,
    optimizerSteps: optimizerStepsAfter(stepShape(plan.inputs, plan), clamped, plan.inputs.epochs),
  };
}

/** One device's share of an epoch. */
export interface DeviceEpoch {
  /** 1 … P. */
  device: number;
  /** Images in the device's full batches. */
  imagesInFullBatches: number;
  /** Images in its last, partial batch (0 when every batch is full). */
  partialBatchImages: number;
  /** Images it leaves out by dropping its last partial batch. */
  skipped: number;
  /** Padding copies in its list: processed, or dropped with its last partial batch. */
  repeated: number;
}

/**
 * Who gets what in an epoch. DistributedSampler pads its index list at the end and deals it
 * round-robin, so each of the last ranks gets one repeated image, and each device drops the
 * same tail (docs/frameworks.md: DistributedSampler). accelerate completes the last batch and deals loop-back batches to
 * the processes after it, so the repeats fill the last devices' final batches (docs/frameworks.md: Trainer batches per process).
 */
export function deviceEpoch(plan: TrainingPlan, device: number): DeviceEpoch {
  const { batchSize, devices, framework } = plan.inputs;
  const sharding = FRAMEWORK_INFO[framework].sharding;
  if (sharding === 'global-batch' && devices > 1 && plan.batchesPerEpoch > 0) {
    // Keras: the last global batch is cut into pieces of up to B in device order.
    const rest = plan.trainingImages - (plan.batchesPerEpoch - 1) * batchSize * devices;
    const piece = Math.min(batchSize, Math.max(0, rest - (device - 1) * batchSize));
    const full = (plan.batchesPerEpoch - 1) * batchSize;
    return {
      device,
      imagesInFullBatches: piece === batchSize ? full + piece : full,
      partialBatchImages: piece === batchSize ? 0 : piece,
      skipped: 0,
      repeated: 0,
    };
  }
  if (sharding === 'fastai' && devices > 1) {
    // fastai: contiguous slices, so every padding copy ends the last device's slice.
    const partialBatchImages = plan.lastBatchSize < batchSize ? plan.lastBatchSize : 0;
    return {
      device,
      imagesInFullBatches: plan.imagesPerDevice - partialBatchImages,
      partialBatchImages,
      skipped: plan.imagesSkippedPerEpoch / devices,
      repeated: device === devices ? plan.imagesRepeatedPerEpoch : 0,
    };
  }
  const accelerate = sharding === 'accelerate' && devices > 1;
  const partialBatchImages = plan.lastBatchSize < batchSize ? plan.lastBatchSize : 0;
  const fromEnd = devices - device;
  const repeatsPerDevice = accelerate ? batchSize : 1;
  const repeated = Math.min(
    repeatsPerDevice,
    Math.max(0, plan.imagesRepeatedPerEpoch - fromEnd * repeatsPerDevice),
  );
  return {
    device,
    imagesInFullBatches: plan.imagesPerDevice - partialBatchImages,
    partialBatchImages,
    skipped: accelerate ? 0 : plan.imagesSkippedPerEpoch / devices,
    repeated,
  };
}

/** Images no device sees: accelerate drops the batches that do not make a full round (docs/frameworks.md: Trainer batches per process). */
export function imagesLeftOutBeforeSharding(plan: TrainingPlan): number {
  const { devices, framework } = plan.inputs;
  return FRAMEWORK_INFO[framework].sharding === 'accelerate' && devices > 1 ? plan.imagesSkippedPerEpoch : 0;
}

/** Batches per epoch on one device that hold a full B images. */
export function fullBatchesPerEpoch(plan: TrainingPlan): number {
  if (plan.batchesPerEpoch === 0) return 0;
  return plan.lastBatchSize < plan.inputs.batchSize ? plan.batchesPerEpoch - 1 : plan.batchesPerEpoch;
}

export interface SweepPoint {
  batchSize: number;
  /** Batches per epoch on one device with the last partial batch kept. */
  keep: number;
  /** The same with it dropped (0 when the batch size exceeds the images). */
  drop: number;
}

/**
 * Batches per epoch against batch size, everything else as in `inputs`: every batch size up
 * to 32, then 4 per doubling up to the first power of two at or above the images per
 * device (and the current batch size), so the ceil and floor steps show on a log axis.
 */
export function batchSizeSweep(plan: TrainingPlan): SweepPoint[] {
  const { inputs, trainingImages } = plan;
  const info = FRAMEWORK_INFO[inputs.framework];
  const perDevice = ceilDiv(trainingImages, inputs.devices);
  let limit = 1;
  while (limit < Math.max(perDevice, inputs.batchSize) && limit < FIELD_SPECS.batchSize.max) limit *= 2;
  limit = Math.min(limit, FIELD_SPECS.batchSize.max);
  const sizes = new Set<number>();
  for (let size = 1; size <= Math.min(32, limit); size += 1) sizes.add(size);
  for (let i = 0; ; i += 1) {
    const size = Math.round(32 * 2 ** (i / 4));
    if (size > limit) break;
    sizes.add(size);
  }
  sizes.add(limit);
  sizes.add(inputs.batchSize);
  return [...sizes]
    .sort((a, b) => a - b)
    .map((batchSize) => ({
      batchSize,
      keep: batchesPerEpochFor(trainingImages, batchSize, inputs.devices, 'keep', info.sharding),
      drop: batchesPerEpochFor(trainingImages, batchSize, inputs.devices, 'drop', info.sharding),
    }));
}
