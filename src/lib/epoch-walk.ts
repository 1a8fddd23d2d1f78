/**
 * One epoch walked batch by batch: for the k-th batch of an epoch on one device, which images
 * of that device's share it holds and how many images the epoch has covered so far. Every
 * device runs its k-th batch at the same time (the counts are per device, as the plan's are).
 * Pure arithmetic on the plan's counts: (b − 1) full batches of B, then the last batch.
 */
import { countWithNoun, formatCount } from './format';
import type { TrainingPlan } from './types';

export interface EpochWalkStep {
  /** The batch, 1 … b; 0 before the first batch. */
  batch: number;
  /** b: batches per epoch on one device. */
  batches: number;
  /** Images in this batch: B, or the last batch's size; 0 before the first batch. */
  batchImages: number;
  /** Positions of the batch's first and last image in one device's share, 1-based (0 and 0 before the first batch). */
  firstImage: number;
  lastImage: number;
  /** Images one device has been given so far this epoch, this batch included. */
  imagesSoFar: number;
  /** The same over all devices (padding copies counted, as the plan's image passes are). */
  imagesSoFarAllDevices: number;
  /** Images in one device's batches per epoch (the plan's `imagesPerDevice`). */
  imagesPerDevice: number;
  devices: number;
  /** Whether this is the epoch's last batch (never true for an epoch with no batch). */
  last: boolean;
}

/** The k-th batch of an epoch (k is clamped to 0 … b and rounded down). */
export function epochWalkStep(plan: TrainingPlan, batch: number): EpochWalkStep {
  const batches = plan.batchesPerEpoch;
  const { batchSize, devices } = plan.inputs;
  const k = Number.isFinite(batch) ? Math.min(batches, Math.max(0, Math.floor(batch))) : 0;
  const last = batches > 0 && k === batches;
  const batchImages = k === 0 ? 0 : last ? plan.lastBatchSize : batchSize;
  const imagesSoFar = k === 0 ? 0 : (k - 1) * batchSize + batchImages;
  return {
    batch: k,
    batches,
    batchImages,
    firstImage: k === 0 ? 0 : (k - 1) * batchSize + 1,
    lastImage: imagesSoFar,
    imagesSoFar,
    imagesSoFarAllDevices: imagesSoFar * devices,
    imagesPerDevice: plan.imagesPerDevice,
    devices,
    last,
  };
}

/** "Batch 312 of 750" (or "Batch 0 of 750" before the first). */
export function epochWalkCounter(step: Pick<EpochWalkStep, 'batch' | 'batches'>): string {
  return `Batch ${formatCount(step.batch)} of ${formatCount(step.batches)}`;
}

/**
 * The step in words: "Batch 312 of 750, images 19,905–19,968 of 48,000", with "on each of
 * the 4 devices" and "of each device's 12,000" when there are several.
 */
export function epochWalkWords(step: EpochWalkStep): string {
  if (step.batches === 0) return 'No batch at all: this epoch trains on nothing.';
  if (step.batch === 0) return `${epochWalkCounter(step)}: the epoch has not started.`;
  const many = step.devices > 1;
  const where = many ? ` on each of the ${formatCount(step.devices)} devices` : '';
  const range =
    step.firstImage === step.lastImage
      ? `image ${formatCount(step.firstImage)}`
      : `images ${formatCount(step.firstImage)}–${formatCount(step.lastImage)}`;
  const of = many
    ? `of each device’s ${formatCount(step.imagesPerDevice)}`
    : `of ${formatCount(step.imagesPerDevice)}`;
  const end = step.last
    ? `. The epoch is done: ${countWithNoun(step.imagesSoFarAllDevices, 'image')} in ${countWithNoun(step.batches * step.devices, 'batch', 'batches')}${many ? ' over all devices' : ''}.`
    : '';
  return `${epochWalkCounter(step)}${where}, ${range} ${of}${end}`;
}
