/**
 * The one training state of a page, shared by every widget on it (browser only).
 * It starts from the page's preset (the `data-training-preset` attribute of <html>, written
 * by the server) overridden by the URL's parameters, and keeps the URL in step.
 * All arithmetic is the engine's: this module only holds inputs and their plan.
 */
import {
  FIELD_SPECS,
  FRAMEWORK_PARAM,
  LAST_BATCH_PARAM,
  defaultInputs,
  inputsToParams,
  validateInputs,
} from '../lib/inputs';
import { computeTraining, planFromParams } from '../lib/training';
import { drawWhenNear } from './dom';
import type { InputError, Result, TrainingInputs, TrainingPlan } from '../lib/types';

export interface TrainingState {
  inputs: TrainingInputs;
  plan: TrainingPlan;
  /** Notices about URL parameters that were invalid when the page opened. */
  notices: InputError[];
}

type Listener = (state: TrainingState) => void;

const URL_DEBOUNCE_MS = 250;

let preset: TrainingInputs | undefined;

/** The page's starting inputs (read once). */
export function presetInputs(): TrainingInputs {
  preset ??= readPreset();
  return { ...preset };
}

function readPreset(): TrainingInputs {
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

/**
 * Inputs from the preset, with every valid URL parameter laid over it: the engine's one
 * reading of a link (`planFromParams`), the same on the server and in every test.
 */
function initialState(): TrainingState {
  return planFromParams(new URLSearchParams(window.location.search), presetInputs());
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

/**
 * `subscribe` for a widget that redraws only near the screen (every slider step runs every
 * listener): `draw` runs with each state while `element` is near it, and with the latest one
 * when it comes near or the page is printed. `flush` draws what waits; `stop` ends both.
 */
export function subscribeWhenNear(element: Element, draw: Listener): { flush(): void; stop(): void } {
  const drawing = drawWhenNear(element);
  const unsubscribe = subscribe((next) => drawing.request(() => draw(next)));
  return {
    flush: drawing.flush,
    stop: () => {
      unsubscribe();
      drawing.stop();
    },
  };
}

/** The URL parameters the training state owns; any other parameter of the page is left alone. */
const STATE_PARAMS = new Set([
  ...Object.values(FIELD_SPECS).map((spec) => spec.param),
  LAST_BATCH_PARAM,
  FRAMEWORK_PARAM,
]);

export function shareableUrl(inputs: TrainingInputs = currentState().inputs): string {
  const url = new URL(window.location.href);
  // Written over the page's preset, so that opening it here brings back exactly these inputs.
  const params = inputsToParams(inputs, presetInputs());
  // Parameters that are not the training state's (an exercise seed, an embed's theme) stay.
  for (const [name, value] of url.searchParams) if (!STATE_PARAMS.has(name)) params.append(name, value);
  url.search = params.toString();
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
