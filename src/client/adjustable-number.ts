/**
 * A number in a sentence that the reader can change (Tangle's idea, as a real control): an
 * <input role="spinbutton"> that arrows, Page Up/Down, Home/End, typing and a sideways drag all
 * move, with the calculator's bounds and messages. Values step along the same tracks as the
 * sliders; every count is still the engine's, through the shared state.
 */
import { setAttribute, setText } from './dom';
import { pageStep, SLIDER_SCALES } from './slider-scales';
import { currentState, subscribe, updateInputs } from './training-state';
import { formatCount } from '../lib/format';
import { FIELD_SPECS, fieldValueText, parseField } from '../lib/inputs';
import type { NumericField } from '../lib/types';

/** Pixels of sideways drag per step along the track. */
const DRAG_PIXELS_PER_STEP = 6;

/** The value one step up or down from `value`: the next stop of the field's track, or ±1. */
export function stepValue(field: NumericField, value: number, direction: 1 | -1, steps = 1): number {
  const spec = FIELD_SPECS[field];
  const scale = SLIDER_SCALES[field];
  if (!scale) return Math.min(spec.max, Math.max(spec.min, value + direction * steps));
  let position = scale.toPosition(value);
  // A value between two stops moves to the neighbouring stop, not past it.
  const onStop = scale.toValue(position) === value;
  if (!onStop && Math.sign(scale.toValue(position) - value) === direction) return scale.toValue(position);
  position += direction * steps;
  return scale.toValue(position);
}

export function enhanceAdjustableNumber(root: HTMLElement): void {
  const input = root.querySelector<HTMLInputElement>('input');
  const staticText = root.querySelector<HTMLElement>('[data-num-static]');
  const message = root.querySelector<HTMLElement>('[data-num-error]');
  if (!input || !message) return;
  const field = root.dataset['numFor'] as NumericField;
  const spec = FIELD_SPECS[field];
  // Steps retrace themselves: the way back from a step is the value it started from.
  let lastStep: { from: number; to: number; direction: 1 | -1 } | undefined;

  const fitWidth = () => {
    input.style.setProperty('--chars', String(Math.max(2, input.value.length)));
  };
  const showError = (text: string) => {
    setText(message, text);
    message.hidden = text === '';
    setAttribute(input, 'aria-invalid', text === '' ? null : 'true');
  };
  const apply = (value: number): boolean => {
    const result = updateInputs({ [field]: value });
    if (!result.ok) {
      showError(result.errors.map((error) => error.message).join(' '));
      return false;
    }
    showError('');
    return true;
  };
  const stepBy = (direction: 1 | -1, kind: 'step' | 'page' | 'end') => {
    const current = currentState().inputs[field];
    let next: number;
    if (kind === 'end') next = direction === 1 ? spec.max : spec.min;
    else if (kind === 'page') next = pageStep(field, current, direction);
    else if (lastStep && lastStep.to === current && lastStep.direction === -direction) next = lastStep.from;
    else next = stepValue(field, current, direction);
    if (next === current) return;
    // The focused field shows its new value before the change spreads through the page: setting
    // a focused input's value lays the page out at once (to place the caret), which is cheap
    // before the other widgets write and costs a whole layout after them.
    const shown = input.value;
    input.value = formatCount(next);
    if (apply(next)) {
      lastStep = kind === 'step' ? { from: current, to: next, direction } : undefined;
      fitWidth();
    } else {
      input.value = shown;
    }
  };

  input.addEventListener('keydown', (event) => {
    const keys: Record<string, [1 | -1, 'step' | 'page' | 'end']> = {
      ArrowUp: [1, 'step'],
      ArrowDown: [-1, 'step'],
      PageUp: [1, 'page'],
      PageDown: [-1, 'page'],
      Home: [-1, 'end'],
      End: [1, 'end'],
    };
    const action = keys[event.key];
    if (action) {
      event.preventDefault();
      stepBy(...action);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      commit();
    } else if (event.key === 'Escape') {
      input.value = formatCount(currentState().inputs[field]);
      showError('');
      fitWidth();
    }
  });

  // Typing: a readable value applies at once; anything else waits for Enter or leaving the field.
  // Read as a link is read (parseField): "48,000" is grouped, "1,00" is refused, not taken for 100.
  input.addEventListener('input', () => {
    fitWidth();
    const parsed = parseField(field, input.value);
    if (parsed.ok) {
      lastStep = undefined;
      apply(parsed.value);
    }
  });
  const commit = () => {
    const parsed = parseField(field, input.value);
    if (!parsed.ok) {
      showError(parsed.errors.map((error) => error.message).join(' '));
      return;
    }
    if (apply(parsed.value)) {
      input.value = formatCount(currentState().inputs[field]);
      fitWidth();
    }
  };
  input.addEventListener('change', commit);

  // A sideways drag moves along the track; a click without a drag puts the caret in the field.
  let drag: { pointerId: number; x: number; start: number; moved: boolean } | undefined;
  input.addEventListener('pointerdown', (event) => {
    if (event.button !== 0 || document.activeElement === input) return;
    drag = {
      pointerId: event.pointerId,
      x: event.clientX,
      start: currentState().inputs[field],
      moved: false,
    };
    input.setPointerCapture(event.pointerId);
    event.preventDefault();
  });
  input.addEventListener('pointermove', (event) => {
    if (!drag || event.pointerId !== drag.pointerId) return;
    const steps = Math.trunc((event.clientX - drag.x) / DRAG_PIXELS_PER_STEP);
    if (!drag.moved && steps === 0) return;
    drag.moved = true;
    root.classList.add('num-dragging');
    const next = steps === 0 ? drag.start : stepValue(field, drag.start, steps > 0 ? 1 : -1, Math.abs(steps));
    if (next !== currentState().inputs[field]) apply(next);
  });
  const endDrag = (event: PointerEvent) => {
    if (!drag || event.pointerId !== drag.pointerId) return;
    const clicked = !drag.moved;
    drag = undefined;
    root.classList.remove('num-dragging');
    if (clicked) {
      input.focus();
      input.select();
    }
  };
  input.addEventListener('pointerup', endDrag);
  input.addEventListener('pointercancel', endDrag);

  subscribe((state) => {
    const value = state.inputs[field];
    const text = formatCount(value);
    setAttribute(input, 'aria-valuenow', String(value));
    setAttribute(input, 'aria-valuetext', fieldValueText(field, value));
    if (staticText) setText(staticText, text);
    // While the reader types, their text stays as typed (an unfinished number, or the same value unformatted).
    if (document.activeElement === input) {
      const typed = parseField(field, input.value);
      if (!typed.ok || typed.value === value) return;
    }
    if (input.value !== text) {
      input.value = text;
      fitWidth();
    }
  });
}
