/**
 * The words every chart uses for a run with no batch at all (the last partial batch dropped,
 * and a batch larger than what a device gets): why, and what to change. Counts from the engine.
 */
import { countWithNoun, formatCount } from '../lib/format';
import { FRAMEWORK_INFO } from '../lib/inputs';
import { deviceShare, largestBatchSizeWhenDropping } from '../lib/training';
import type { TrainingPlan } from '../lib/types';

/** Why a run has no batch, and the fix, in two sentences (the charts' empty state). */
export function emptyReason(plan: TrainingPlan): string {
  const { batchSize, devices, framework } = plan.inputs;
  const sharding = FRAMEWORK_INFO[framework].sharding;
  const training = countWithNoun(plan.trainingImages, 'training image');
  const accelerate = sharding === 'accelerate' && devices > 1;
  const why = accelerate
    ? `The ${training} make fewer full batches of ${formatCount(batchSize)} than there are devices (${formatCount(devices)})`
    : devices > 1
      ? `Each of the ${formatCount(devices)} devices gets ${countWithNoun(deviceShare(plan.trainingImages, devices), 'image')}, fewer than one batch of ${formatCount(batchSize)}`
      : `The ${training} are fewer than one batch of ${formatCount(batchSize)}`;
  const largest = largestBatchSizeWhenDropping(plan.trainingImages, devices, sharding);
  const fix =
    largest >= 1
      ? `keep the last batch, or use batches of at most ${formatCount(largest)}`
      : 'keep the last batch';
  return `${why}, and the last partial batch is dropped: every image is skipped, every epoch, and nothing is trained. To train, ${fix}.`;
}
