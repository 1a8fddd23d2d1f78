/**
 * The reader's setup in every framework, side by side: where they disagree (the last batch,
 * several devices, accumulation, the validation split) is what practitioners come to check.
 */
import { FRAMEWORK_INFO } from './inputs';
import { quantity, type QuantityId } from './quantities';
import { computeTraining } from './training';
import { FRAMEWORKS, type Framework, type TrainingInputs, type TrainingPlan } from './types';

/** Short words for a setting a framework cannot follow, by the id of the engine's note. */
const ADJUSTMENTS: Readonly<Record<string, string>> = {
  'drop-unavailable': 'keeps the last batch',
  'devices-unavailable': 'counted on 1 device',
  'accumulation-unavailable': 'one batch per optimizer step',
};

export interface FrameworkComparison {
  framework: Framework;
  label: string;
  /** The counts, or null where this framework refuses the setup (then `refused` says why). */
  plan: TrainingPlan | null;
  refused: string;
  /** Settings this framework cannot follow, and how it is counted instead. */
  adjustments: string[];
}

/** The same inputs in each framework, in the order of the framework menu. */
export function compareFrameworks(inputs: TrainingInputs): FrameworkComparison[] {
  return FRAMEWORKS.map((framework) => {
    const label = FRAMEWORK_INFO[framework].label;
    const computed = computeTraining({ ...inputs, framework });
    if (!computed.ok) {
      return { framework, label, plan: null, refused: computed.errors[0]?.message ?? '', adjustments: [] };
    }
    const adjustments = computed.value.notes.flatMap((note) => {
      const words = ADJUSTMENTS[note.id];
      return words ? [words] : [];
    });
    return { framework, label, plan: computed.value, refused: '', adjustments };
  });
}

/** The counts the comparison shows, one column each. */
export const COMPARISON_QUANTITIES = [
  'batches-per-epoch',
  'last-batch-size',
  'total-optimizer-steps',
] as const satisfies readonly QuantityId[];

/** A row as it reads: the counts grouped for reading, and what the framework counts differently. */
export function comparisonText(row: FrameworkComparison): { counts: string[]; notes: string } {
  const { plan } = row;
  if (!plan) return { counts: COMPARISON_QUANTITIES.map(() => 'not counted'), notes: row.refused };
  return {
    counts: COMPARISON_QUANTITIES.map((id) => quantity(plan, id).text),
    notes: row.adjustments.join('; ') || '—',
  };
}
