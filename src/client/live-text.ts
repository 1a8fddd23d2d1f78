/**
 * Live numbers in prose (browser only). Every `[data-live-count]` and `[data-live-input]` the
 * server rendered is rewritten from the shared state on each change: a count is the engine's
 * `quantity` for the current inputs (with the element's own `data-set` laid over them), an input
 * is the current value, grammar included ("1 batch", "2 batches", "no batch at all").
 */
import { setAttribute, setText } from './dom';
import { subscribe, type TrainingState } from './training-state';
import { countPhrase, formatCount } from '../lib/format';
import { quantity, type QuantityId } from '../lib/quantities';
import { computeTraining } from '../lib/training';
import type { NumericField, TrainingInputs, TrainingPlan } from '../lib/types';

function planWith(state: TrainingState, setJson: string | undefined): TrainingPlan | null {
  if (!setJson) return state.plan;
  let change: Partial<TrainingInputs>;
  try {
    change = JSON.parse(setJson) as Partial<TrainingInputs>;
  } catch {
    return null;
  }
  const computed = computeTraining({ ...state.inputs, ...change });
  return computed.ok ? computed.value : null;
}

/** A changed number glows briefly, so the eye finds it; never under reduced motion. */
const FLASH_KEYFRAMES: Keyframe[] = [
  { backgroundColor: 'var(--accent-soft)' },
  { backgroundColor: 'transparent' },
];
const FLASH_MS = 700;
/** Changes closer together than this (a held key, a drag) are a stream: the numbers just change. */
const STREAM_MS = 200;
let reducedMotion: MediaQueryList | undefined;
let lastChange = -Infinity;
let streaming = false;

function flash(element: HTMLElement): void {
  reducedMotion ??= window.matchMedia('(prefers-reduced-motion: reduce)');
  if (streaming || reducedMotion.matches || typeof element.animate !== 'function') return;
  // The Web Animations API, not a class: no DOM change, no extra frame, nothing left behind.
  element.animate(FLASH_KEYFRAMES, { duration: FLASH_MS, easing: 'ease-out' });
}

function write(element: HTMLElement, text: string, value: number | null): void {
  const before = element.textContent;
  setText(element, text);
  setAttribute(element, 'data-value', value === null ? null : String(value));
  if (before !== text && before !== null && element.isConnected) flash(element);
}

let started = false;

/** Starts keeping every live number of the page current; safe to call from several widgets. */
export function startLiveText(): void {
  if (started) return;
  started = true;
  const counts = [...document.querySelectorAll<HTMLElement>('[data-live-count]')];
  const inputs = [...document.querySelectorAll<HTMLElement>('[data-live-input]')];
  // Counts with the same overrides share one plan per change.
  subscribe((state) => {
    const now = performance.now();
    streaming = now - lastChange < STREAM_MS;
    lastChange = now;
    const plans = new Map<string, TrainingPlan | null>();
    for (const element of counts) {
      const setJson = element.dataset['set'];
      const key = setJson ?? '';
      if (!plans.has(key)) plans.set(key, planWith(state, setJson));
      const plan = plans.get(key);
      if (!plan) continue; // A combination the engine refuses keeps the last good words.
      const result = quantity(plan, element.dataset['quantity'] as QuantityId);
      write(element, countPhrase(result.value, result.text, element.dataset), result.value);
    }
    for (const element of inputs) {
      const field = element.dataset['field'] as NumericField | 'lastBatch' | 'framework';
      const value = state.inputs[field];
      if (typeof value === 'number') {
        write(element, countPhrase(value, formatCount(value), element.dataset), value);
      } else {
        const labels = element.dataset['labels']
          ? (JSON.parse(element.dataset['labels']) as Record<string, string>)
          : {};
        write(element, labels[value] ?? value, null);
      }
    }
  });
}
