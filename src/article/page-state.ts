/**
 * The training state a page starts from, shared by every component the page renders on the
 * server. A chapter page sets it once (`setPageInputs(Astro.locals, …)`) before its MDX renders;
 * a component reads it with `pagePlan(Astro.locals)` unless it was given a `plan` of its own, so
 * MDX authors write `<Count of="total-batches" />` and get the chapter's numbers.
 */
import { DEFAULT_INPUTS, computeTraining, type TrainingInputs, type TrainingPlan } from '../lib';

const KEY = 'howManyBatchesPage';

interface PageState {
  inputs: TrainingInputs;
  plan: TrainingPlan;
}

type Locals = Record<string, unknown>;

function planFor(inputs: TrainingInputs): TrainingPlan {
  const computed = computeTraining(inputs);
  if (!computed.ok) {
    throw new Error(`A page preset is not a valid run: ${computed.errors.map((e) => e.message).join(' ')}`);
  }
  return computed.value;
}

/** Some inputs, as a chapter's frontmatter gives them (absent or undefined: the worked case's). */
export type InputChange = { [K in keyof TrainingInputs]?: TrainingInputs[K] | undefined };

/** The worked case with the inputs of `change` laid over it (undefined ones left out). */
export function withInputs(inputs: TrainingInputs, change: InputChange): TrainingInputs {
  const defined = Object.entries(change).filter(([, value]) => value !== undefined);
  return { ...inputs, ...(Object.fromEntries(defined) as Partial<TrainingInputs>) };
}

/** Sets the page's starting inputs (a chapter's preset); returns the plan the engine computes for them. */
export function setPageInputs(locals: object, change: InputChange = {}): TrainingPlan {
  const inputs = withInputs({ ...DEFAULT_INPUTS }, change);
  const plan = planFor(inputs);
  (locals as Locals)[KEY] = { inputs, plan } satisfies PageState;
  return plan;
}

/** The page's plan: the one its page set, or the worked case. */
export function pagePlan(locals: object): TrainingPlan {
  const state = (locals as Locals)[KEY] as PageState | undefined;
  return state?.plan ?? planFor({ ...DEFAULT_INPUTS });
}

/** The page's starting inputs. */
export function pageInputs(locals: object): TrainingInputs {
  return pagePlan(locals).inputs;
}

/** The plan for the page's inputs with some of them changed (a sentence about "one more image"). */
export function pagePlanWith(locals: object, change: InputChange): TrainingPlan {
  return planFor(withInputs(pageInputs(locals), change));
}
