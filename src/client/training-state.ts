/**
 * The one training state of a page, shared by every widget on it (browser only).
 * It starts from the page's preset (the `data-training-preset` attribute of <html>, written
 * by the server) overridden by the URL's parameters, and keeps the URL in step.
 * All arithmetic is the engine's: this module only holds inputs and their plan.
 */
import {
  computeTraining,
  defaultInputs,
  inputsFromParams,
  inputsToParams,
  validateInputs,
  type InputError,
  type Result,
  type TrainingInputs,
  type TrainingPlan,
} from '../lib';

export interface TrainingState {
  inputs: TrainingInputs;
  plan: TrainingPlan;
  /** Notices about URL parameters that were invalid when the page opened. */
  notices: InputError[];
}

type Listener = (state: TrainingState) => void;

const URL_DEBOUNCE_MS = 250;

function presetInputs(): TrainingInputs {
  const text = document.documentElement.dataset['trainingPreset'];
  if (text) {
    try {
      const checked = validateInputs({
        ...defaultInputs(),
        ...(JSON.parse(text) as Partial<TrainingInputs>),
      });
      if (checked.ok) return checked.value;
    } catch {
      // A broken preset falls back to the defaults; the server wrote it, so this is a bug, not input.
    }
  }
  return defaultInputs();
}

/** Inputs from the preset, with every valid URL parameter laid over it. */
function initialState(): TrainingState {
  const preset = presetInputs();
  const search = new URLSearchParams(window.location.search);
  const { inputs: fromUrl, notices } = inputsFromParams(search);
  const inputs: TrainingInputs = { ...preset };
  const invalid = new Set(notices.map((notice) => notice.field));
  // Only parameters present (and valid) in the URL override the preset.
  const present = (name: string) => search.has(name);
  if (present('framework') && !invalid.has('framework')) {
    inputs.framework = fromUrl.framework;
    if (!present('last')) inputs.lastBatch = fromUrl.lastBatch;
  }
  const params: [keyof TrainingInputs, string][] = [
    ['images', 'images'],
    ['batchSize', 'batch'],
    ['epochs', 'epochs'],
    ['devices', 'devices'],
    ['accumulationSteps', 'accum'],
    ['validationPercent', 'val'],
    ['lastBatch', 'last'],
  ];
  for (const [field, param] of params) {
    if (present(param) && !invalid.has(field))
      (inputs as unknown as Record<string, unknown>)[field] = fromUrl[field];
  }
  const computed = computeTraining(inputs);
  if (computed.ok) return { inputs, plan: computed.value, notices };
  // A combination of valid parameters can still be refused (e.g. drop with too large a batch).
  const fallback = computeTraining(preset);
  if (!fallback.ok) throw new Error('The page preset is not a valid training run');
  return { inputs: preset, plan: fallback.value, notices: [...notices, ...computed.errors] };
}

let state: TrainingState | undefined;
const listeners = new Set<Listener>();
let urlTimer: ReturnType<typeof setTimeout> | undefined;

export function currentState(): TrainingState {
  state ??= initialState();
  return state;
}

/** Calls `listener` now and after every change; returns the unsubscribe function. */
export function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  listener(currentState());
  return () => listeners.delete(listener);
}

/** The link that opens this page in the current state. */
export function shareableUrl(inputs: TrainingInputs = currentState().inputs): string {
  const url = new URL(window.location.href);
  url.search = inputsToParams(inputs).toString();
  return url.toString();
}

let lastChange = 0;

/**
 * Writes the URL once the reader pauses. One timer per pause, re-armed if changes kept
 * coming, rather than a new timer on every slider step.
 */
function writeUrlSoon(): void {
  lastChange = performance.now();
  if (urlTimer !== undefined) return;
  const wait = (delay: number) => {
    urlTimer = setTimeout(() => {
      const quiet = performance.now() - lastChange;
      if (quiet < URL_DEBOUNCE_MS) {
        wait(URL_DEBOUNCE_MS - quiet);
        return;
      }
      urlTimer = undefined;
      try {
        window.history.replaceState(window.history.state, '', shareableUrl());
      } catch {
        // Some sandboxed frames refuse history changes; the state still works without the URL.
      }
    }, delay);
  };
  wait(URL_DEBOUNCE_MS);
}

function publish(next: TrainingState): void {
  state = next;
  writeUrlSoon();
  for (const listener of listeners) listener(next);
}

/**
 * Applies a change. A refused combination leaves the state as it was and returns the
 * reasons, so the widget that made the change can show them beside its field.
 */
export function updateInputs(change: Partial<TrainingInputs>): Result<TrainingPlan> {
  const current = currentState();
  const inputs = { ...current.inputs, ...change };
  const computed = computeTraining(inputs);
  if (computed.ok) publish({ inputs, plan: computed.value, notices: [] });
  return computed;
}

/** Back to the page's preset. */
export function resetInputs(): void {
  const inputs = presetInputs();
  const computed = computeTraining(inputs);
  if (computed.ok) publish({ inputs, plan: computed.value, notices: [] });
}
