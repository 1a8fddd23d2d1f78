/**
 * Plans for tests, shared by the unit, component and browser tests (not a test file itself).
 */
import { expect } from 'vitest';
import {
  computeTraining,
  DEFAULT_INPUTS,
  defaultInputs,
  type Framework,
  type TrainingInputs,
  type TrainingPlan,
} from '../../src/lib';

/** The worked-case defaults for a framework, overridden by `overrides`. */
export function inputsFor(framework: Framework, overrides: Partial<TrainingInputs> = {}): TrainingInputs {
  return { ...defaultInputs(framework), ...overrides, framework };
}

/** Computes a plan and fails the test (with the engine's messages) if the inputs were refused. */
export function planFor(inputs: TrainingInputs): TrainingPlan {
  const result = computeTraining(inputs);
  if (!result.ok) {
    expect.fail(
      `computeTraining refused ${JSON.stringify(inputs)}: ${result.errors.map((e) => e.message).join(' ')}`,
    );
  }
  return result.value;
}

/** The plan of the worked case (48,000 / 64 / 120, PyTorch) with `change` laid over it. */
export function planWith(change: Partial<TrainingInputs> = {}): TrainingPlan {
  return planFor({ ...DEFAULT_INPUTS, ...change });
}

/** The plan's numeric outputs by name (the fields the properties check for finiteness). */
export const NUMERIC_PLAN_FIELDS = [
  'trainingImages',
  'validationImages',
  'imagesPerDevice',
  'batchesPerEpoch',
  'lastBatchSize',
  'imagesSkippedPerEpoch',
  'imagesRepeatedPerEpoch',
  'totalBatches',
  'totalOptimizerSteps',
  'effectiveBatchSize',
  'imagePasses',
] as const satisfies readonly (keyof TrainingPlan)[];

/** Frameworks whose several devices are sharded by DistributedSampler (docs/frameworks.md: DistributedSampler, Lightning, DeepSpeed). */
export const DISTRIBUTED_SAMPLER_FRAMEWORKS: readonly Framework[] = ['pytorch', 'lightning', 'deepspeed'];
/** Frameworks that step on the short accumulation window at each epoch's end (docs/frameworks.md: Trainer optimizer steps, accelerate in a custom loop, Lightning). */
export const PER_EPOCH_ACCUMULATION_FRAMEWORKS: readonly Framework[] = ['pytorch', 'hf-trainer', 'lightning'];
