/**
 * The results a page shows, in reading order: one id per quantity (the `data-quantity` of
 * its <output>), a label, and the value from the plan, or a reason where there is none.
 */
import { formatCount } from './format';
import type { TrainingPlan } from './types';

export const QUANTITY_IDS = [
  'batches-per-epoch',
  'total-batches',
  'total-batches-all-devices',
  'last-batch-size',
  'image-passes',
  'training-images',
  'validation-images',
  'effective-batch-size',
  'optimizer-steps-per-epoch',
  'total-optimizer-steps',
  'images-skipped-per-epoch',
  'images-repeated-per-epoch',
] as const;
export type QuantityId = (typeof QUANTITY_IDS)[number];

export interface Quantity {
  id: QuantityId;
  label: string;
  /** The plain integer, or null where the quantity has no single value. */
  value: number | null;
  /** What the reader sees: the number grouped for reading, or why there is none. */
  text: string;
  /** Whether it says something for this plan (the count over all devices does only with several). */
  applies: boolean;
}

export const QUANTITY_LABELS: Readonly<Record<QuantityId, string>> = {
  'batches-per-epoch': 'Batches per epoch',
  'total-batches': 'Batches in all',
  'total-batches-all-devices': 'Batches in all, over all devices',
  'last-batch-size': 'Images in the last batch',
  'image-passes': 'Image passes (images processed, repeats counted)',
  'training-images': 'Training images',
  'validation-images': 'Validation images',
  'effective-batch-size': 'Effective batch size (images per optimizer step)',
  'optimizer-steps-per-epoch': 'Optimizer steps per epoch',
  'total-optimizer-steps': 'Optimizer steps in all',
  'images-skipped-per-epoch': 'Images skipped per epoch',
  'images-repeated-per-epoch': 'Images repeated per epoch',
};

/** The plain value of one quantity (null where it has none), without formatting it. */
export function quantityValue(plan: TrainingPlan, id: QuantityId): number | null {
  switch (id) {
    case 'batches-per-epoch':
      return plan.batchesPerEpoch;
    case 'total-batches':
      return plan.totalBatches;
    case 'total-batches-all-devices':
      return plan.totalBatches * plan.inputs.devices;
    case 'last-batch-size':
      return plan.lastBatchSize;
    case 'image-passes':
      return plan.imagePasses;
    case 'training-images':
      return plan.trainingImages;
    case 'validation-images':
      return plan.validationImages;
    case 'effective-batch-size':
      return plan.effectiveBatchSize;
    case 'optimizer-steps-per-epoch':
      return plan.optimizerStepsPerEpoch;
    case 'total-optimizer-steps':
      return plan.totalOptimizerSteps;
    case 'images-skipped-per-epoch':
      return plan.imagesSkippedPerEpoch;
    case 'images-repeated-per-epoch':
      return plan.imagesRepeatedPerEpoch;
  }
}

/** Counts that are per device when there are several: their labels say so. */
const PER_DEVICE: ReadonlySet<QuantityId> = new Set([
  'batches-per-epoch',
  'total-batches',
  'last-batch-size',
]);

/** The label as it reads for this plan: with several devices, which counts are per device and which over all. */
export function quantityLabel(plan: TrainingPlan, id: QuantityId): string {
  const devices = plan.inputs.devices;
  if (devices === 1) return QUANTITY_LABELS[id];
  if (PER_DEVICE.has(id)) return `${QUANTITY_LABELS[id]}, on each device`;
  if (id === 'total-batches-all-devices') return `Batches in all, over the ${formatCount(devices)} devices`;
  return QUANTITY_LABELS[id];
}

export function quantity(plan: TrainingPlan, id: QuantityId): Quantity {
  const value = quantityValue(plan, id);
  const text =
    value === null
      ? id === 'optimizer-steps-per-epoch'
        ? plan.optimizerStepsPerEpochReason
        : '—'
      : formatCount(value);
  return {
    id,
    label: quantityLabel(plan, id),
    value,
    text,
    applies: id !== 'total-batches-all-devices' || plan.inputs.devices > 1,
  };
}

export function quantities(plan: TrainingPlan): Quantity[] {
  return QUANTITY_IDS.map((id) => quantity(plan, id));
}
