/**
 * From image passes to GPU time: published training throughputs, the seconds a plan's image
 * passes take at one of them, and durations in words for readers. Pure TypeScript: no DOM.
 *
 * Every figure here is an estimate of pure GPU time with an ideal input pipeline; the caveats
 * (CAVEATS below) say what that leaves out.
 */
import { formatCount } from './format';
import type { TrainingPlan } from './types';

/** One published single-GPU training throughput. */
export interface PublishedThroughput {
  /** Stable id, e.g. "resnet50-a100-amp" (the select's value and the tests' key). */
  id: string;
  /** The network, e.g. "ResNet-50 v1.5". */
  model: string;
  /** Input side in pixels (224 means 224 × 224). */
  inputSize: number;
  /** The GPU, e.g. "A100 80GB" (always one GPU). */
  gpu: string;
  /** Arithmetic precision, e.g. "mixed (AMP)". */
  precision: string;
  /** Training images per second on that one GPU, as published. */
  imagesPerSecond: number;
  /** Framework and version the figure was measured with. */
  software: string;
  /** Id of its source in the article's reference registry (src/article/references). */
  reference: string;
}

const NVIDIA_RESNET50 = {
  software: 'PyTorch, NVIDIA NGC container 21.03',
  reference: 'nvidia-resnet50-v1-5',
} as const;

const NVIDIA_EFFICIENTNET = {
  software: 'PyTorch, NVIDIA NGC container',
  reference: 'nvidia-efficientnet',
} as const;

const TENSORFLOW_2017 = {
  software: 'TensorFlow, May 2017, real ImageNet data, batch 64 per GPU',
  reference: 'tensorflow-benchmarks-2017',
} as const;

/** Published training throughputs on one GPU (docs/datasets.md, “Published training throughputs”), fastest first. */
export const PUBLISHED_THROUGHPUTS: readonly PublishedThroughput[] = Object.freeze([
  {
    id: 'efficientnet-b0-a100-amp',
    model: 'EfficientNet-B0',
    inputSize: 224,
    gpu: 'A100 80GB',
    precision: 'mixed (AMP)',
    imagesPerSecond: 2489,
    ...NVIDIA_EFFICIENTNET,
  },
  {
    id: 'resnet50-a100-amp',
    model: 'ResNet-50 v1.5',
    inputSize: 224,
    gpu: 'A100 80GB',
    precision: 'mixed (AMP)',
    imagesPerSecond: 2470,
    ...NVIDIA_RESNET50,
  },
  {
    id: 'resnet50-v100-amp',
    model: 'ResNet-50 v1.5',
    inputSize: 224,
    gpu: 'V100 16GB',
    precision: 'mixed (AMP)',
    imagesPerSecond: 1200,
    ...NVIDIA_RESNET50,
  },
  {
    id: 'efficientnet-b0-a100-tf32',
    model: 'EfficientNet-B0',
    inputSize: 224,
    gpu: 'A100 80GB',
    precision: 'TF32',
    imagesPerSecond: 1078,
    ...NVIDIA_EFFICIENTNET,
  },
  {
    id: 'resnet50-a100-tf32',
    model: 'ResNet-50 v1.5',
    inputSize: 224,
    gpu: 'A100 80GB',
    precision: 'TF32',
    imagesPerSecond: 938,
    ...NVIDIA_RESNET50,
  },
  {
    id: 'resnet50-v100-fp32',
    model: 'ResNet-50 v1.5',
    inputSize: 224,
    gpu: 'V100 16GB',
    precision: 'FP32',
    imagesPerSecond: 367,
    ...NVIDIA_RESNET50,
  },
  {
    id: 'efficientnet-b4-a100-amp',
    model: 'EfficientNet-B4',
    inputSize: 380,
    gpu: 'A100 80GB',
    precision: 'mixed (AMP)',
    imagesPerSecond: 331,
    ...NVIDIA_EFFICIENTNET,
  },
  {
    id: 'resnet50-p100-fp32',
    model: 'ResNet-50',
    inputSize: 224,
    gpu: 'P100 (in a DGX-1)',
    precision: 'FP32',
    imagesPerSecond: 218,
    ...TENSORFLOW_2017,
  },
  {
    id: 'efficientnet-b4-v100-amp',
    model: 'EfficientNet-B4',
    inputSize: 380,
    gpu: 'V100 16GB',
    precision: 'mixed (AMP)',
    imagesPerSecond: 204,
    ...NVIDIA_EFFICIENTNET,
  },
  {
    id: 'efficientnet-b4-a100-tf32',
    model: 'EfficientNet-B4',
    inputSize: 380,
    gpu: 'A100 80GB',
    precision: 'TF32',
    imagesPerSecond: 157,
    ...NVIDIA_EFFICIENTNET,
  },
  {
    id: 'inception-v3-p100-fp32',
    model: 'Inception-v3',
    inputSize: 299,
    gpu: 'P100 (in a DGX-1)',
    precision: 'FP32',
    imagesPerSecond: 142,
    ...TENSORFLOW_2017,
  },
  {
    id: 'efficientnet-b4-v100-fp32',
    model: 'EfficientNet-B4',
    inputSize: 380,
    gpu: 'V100 16GB',
    precision: 'FP32',
    imagesPerSecond: 83,
    ...NVIDIA_EFFICIENTNET,
  },
  {
    id: 'resnet50-k80-fp32',
    model: 'ResNet-50',
    inputSize: 224,
    gpu: 'K80 (Google Compute Engine)',
    precision: 'FP32',
    imagesPerSecond: 51.2,
    ...TENSORFLOW_2017,
  },
  {
    id: 'inception-v3-k80-fp32',
    model: 'Inception-v3',
    inputSize: 299,
    gpu: 'K80 (Google Compute Engine)',
    precision: 'FP32',
    imagesPerSecond: 30.6,
    ...TENSORFLOW_2017,
  },
]);

/** The throughput the estimator starts from: ResNet-50 on an A100 in mixed precision. */
export const DEFAULT_THROUGHPUT_ID = 'resnet50-a100-amp';

export function publishedThroughput(id: string): PublishedThroughput | undefined {
  return PUBLISHED_THROUGHPUTS.find((entry) => entry.id === id);
}

/** "ResNet-50 v1.5 at 224 px, one A100 80GB, mixed (AMP): 2,470 images per second". */
export function throughputLabel(entry: PublishedThroughput): string {
  return `${entry.model} at ${entry.inputSize} px, one ${entry.gpu}, ${entry.precision}: ${formatCount(entry.imagesPerSecond)} images per second`;
}

/** Bounds of a throughput the reader types, in images per second. */
export const THROUGHPUT_MIN = 0.1;
export const THROUGHPUT_MAX = 1_000_000;

export type ThroughputResult = { ok: true; value: number } | { ok: false; message: string };

const THROUGHPUT_RANGE = `from ${formatCount(THROUGHPUT_MIN)} to ${formatCount(THROUGHPUT_MAX)}`;

/** Reads a throughput typed by the reader ("2470", "2,470", "0.5"); refuses anything else with a sentence. */
export function parseThroughput(text: string): ThroughputResult {
  const trimmed = text.trim().replace(/,/g, '');
  if (trimmed === '')
    return { ok: false, message: `Type a throughput in images per second, ${THROUGHPUT_RANGE}.` };
  if (!/^\d+(\.\d+)?$|^\.\d+$/.test(trimmed)) {
    return { ok: false, message: `Throughput must be a number of images per second, ${THROUGHPUT_RANGE}.` };
  }
  return checkThroughput(Number(trimmed));
}

/** Checks a throughput given as a number. */
export function checkThroughput(value: number): ThroughputResult {
  if (!Number.isFinite(value) || value < THROUGHPUT_MIN || value > THROUGHPUT_MAX) {
    return { ok: false, message: `Throughput must be ${THROUGHPUT_RANGE} images per second.` };
  }
  return { ok: true, value };
}

/**
 * Seconds of training for `imagePasses` images processed at `imagesPerSecond`.
 * Throws a RangeError if the throughput is not a positive finite number or the passes are
 * not a finite number ≥ 0 (callers validate reader input first; this is the last guard).
 */
export function trainingSeconds(imagePasses: number, imagesPerSecond: number): number {
  if (!Number.isFinite(imagesPerSecond) || imagesPerSecond <= 0) {
    throw new RangeError(
      `Throughput must be a positive number of images per second, not ${String(imagesPerSecond)}.`,
    );
  }
  if (!Number.isFinite(imagePasses) || imagePasses < 0) {
    throw new RangeError(`Image passes must be a finite number of at least 0, not ${String(imagePasses)}.`);
  }
  return imagePasses / imagesPerSecond;
}

/**
 * How much faster a validation pass is assumed to run than training, per image: evaluation runs
 * the forward pass only, roughly a third of a training step's work. A rule of thumb, not a
 * measurement (NVIDIA's own ResNet-50 inference tables are of the same order, but measured
 * differently).
 */
export const VALIDATION_SPEEDUP = 3;

export interface TimeEstimate {
  /** The throughput of one GPU, images per second. */
  imagesPerSecond: number;
  devices: number;
  /** The plan's image passes (over all devices and epochs). */
  imagePasses: number;
  /** imagePasses ÷ throughput: the GPU time the training passes take, summed over devices. */
  trainingGpuSeconds: number;
  /** GPU seconds ÷ devices: the wall-clock time if the devices scaled perfectly (they do not). */
  trainingWallSeconds: number;
  /** Validation images × epochs: one validation pass after every epoch. */
  validationImagePasses: number;
  /** Validation passes ÷ (VALIDATION_SPEEDUP × throughput) ÷ devices; a rule of thumb. */
  validationWallSeconds: number;
}

/** The time estimate for a plan at a throughput (images per second on one GPU), or why not. */
export function estimateTime(
  plan: TrainingPlan,
  imagesPerSecond: number,
): { ok: true; value: TimeEstimate } | { ok: false; message: string } {
  const checked = checkThroughput(imagesPerSecond);
  if (!checked.ok) return checked;
  const devices = plan.inputs.devices;
  const trainingGpuSeconds = trainingSeconds(plan.imagePasses, imagesPerSecond);
  const validationImagePasses = plan.validationImages * plan.inputs.epochs;
  return {
    ok: true,
    value: {
      imagesPerSecond,
      devices,
      imagePasses: plan.imagePasses,
      trainingGpuSeconds,
      trainingWallSeconds: trainingGpuSeconds / devices,
      validationImagePasses,
      validationWallSeconds:
        trainingSeconds(validationImagePasses, VALIDATION_SPEEDUP * imagesPerSecond) / devices,
    },
  };
}

/** How formatDuration rounds, for the page to state. */
export const DURATION_ROUNDING =
  'Seconds and minutes are rounded to the nearest whole one; hours, days and years to one decimal below 10 and to a whole number from 10 up.';

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const YEAR = 365.25 * DAY;

/** One decimal below 10 ("4.4", "3" rather than "3.0"), whole from 10 up, with digit groups. */
function roundForReading(value: number): string {
  if (value < 9.95) {
    const tenths = Math.round(value * 10);
    return tenths % 10 === 0 ? String(tenths / 10) : (tenths / 10).toFixed(1);
  }
  return formatCount(Math.round(value));
}

function unit(text: string, singular: string): string {
  return `${text} ${text === '1' ? singular : `${singular}s`}`;
}

/**
 * A duration for readers: "about 39 minutes", "about 4.4 hours", "about 3 days".
 * Under 90 seconds in seconds, under 90 minutes in minutes, under 48 hours in hours, under two
 * years in days, then in years; rounding as DURATION_ROUNDING says. 0 is "no time at all" and
 * anything under half a second "under a second". Throws a RangeError on a negative or
 * non-finite number (the estimate never gives one).
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new RangeError(
      `A duration must be a finite number of seconds of at least 0, not ${String(seconds)}.`,
    );
  }
  if (seconds === 0) return 'no time at all';
  if (seconds < 0.5) return 'under a second';
  if (seconds < 89.5) return `about ${unit(String(Math.round(seconds)), 'second')}`;
  if (seconds < 89.5 * MINUTE) return `about ${unit(String(Math.round(seconds / MINUTE)), 'minute')}`;
  if (seconds < 47.5 * HOUR) return `about ${unit(roundForReading(seconds / HOUR), 'hour')}`;
  if (seconds < 2 * YEAR) return `about ${unit(roundForReading(seconds / DAY), 'day')}`;
  return `about ${unit(roundForReading(seconds / YEAR), 'year')}`;
}

/** "2,332 seconds": the exact figure behind a rounded duration, to the whole second. */
export function formatSeconds(seconds: number): string {
  const whole = Math.round(seconds);
  return `${formatCount(whole)} ${whole === 1 ? 'second' : 'seconds'}`;
}

/** The estimator's sentences, the same on the server and in the browser. */
export interface EstimateText {
  /** The estimate itself, labelled as one. */
  sentence: string;
  /** With several devices: the wall-clock time at perfect scaling; empty with one. */
  devices: string;
  /** With a validation share: the rule-of-thumb validation time; empty without. */
  validation: string;
  /** The rounded duration alone ("about 39 minutes"), for a table cell. */
  duration: string;
}

export function estimateText(estimate: TimeEstimate): EstimateText {
  const rate = `${formatCount(estimate.imagesPerSecond)} ${estimate.imagesPerSecond === 1 ? 'image' : 'images'} per second`;
  if (estimate.imagePasses === 0) {
    return {
      sentence: 'This run has no image passes (no batch is left), so there is no GPU time to estimate.',
      devices: '',
      validation: '',
      duration: formatDuration(0),
    };
  }
  const duration = formatDuration(estimate.trainingGpuSeconds);
  const passes = `${formatCount(estimate.imagePasses)} image ${estimate.imagePasses === 1 ? 'pass' : 'passes'}`;
  const sentence = `Estimated GPU time: ${duration} (${formatSeconds(estimate.trainingGpuSeconds)}) for ${passes} at ${rate} on each GPU, if the GPU is never kept waiting for data.`;
  const devices =
    estimate.devices > 1
      ? `Spread over ${formatCount(estimate.devices)} GPUs, that is ${formatDuration(estimate.trainingWallSeconds)} of waiting at best, if they scaled perfectly; they do not quite.`
      : '';
  const validation =
    estimate.validationImagePasses > 0
      ? `Validating after every epoch adds ${formatDuration(estimate.validationWallSeconds)} more (${formatCount(estimate.validationImagePasses)} validation image passes, assumed to run ${VALIDATION_SPEEDUP} times as fast as training: a rule of thumb).`
      : '';
  return { sentence, devices, validation, duration };
}

/** The caveats the estimator states beside every estimate. */
export const CAVEATS: readonly string[] = Object.freeze([
  'The published figures are short benchmark runs on ImageNet at 224 px (EfficientNet-B4 at 380 px, Inception-v3 at 299 px) with an input pipeline tuned to keep the GPU busy.',
  'Full-size fundus photographs are multi-megapixel JPEGs: decoding and resizing them on the CPU is often slower than the GPU, unless the images are resized once beforehand.',
  'Larger inputs cost more: at 512 px a network does roughly (512 ÷ 224)² ≈ 5 times the work of 224 px. That scaling is a guess, not a measurement.',
  'Several GPUs do not scale perfectly: NVIDIA reports 8 A100s running ResNet-50 at 6.7 times the speed of one, not 8 times.',
  'Validation, checkpoints and logging add time that the training throughput does not count.',
]);
