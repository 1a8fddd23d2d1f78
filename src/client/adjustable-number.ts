/**
 * A number in a sentence that the reader can change (Tangle's idea, as a real control): the
 * number becomes a spin button that arrows, Page Up/Down, Home/End and a sideways drag move,
 * and typing opens a small field beside it, with the calculator's bounds and messages. Values
 * step along the same tracks as the sliders; every count is still the engine's, through the
 * shared state.
 *
 * Why a spin button of text and a separate field, not one text field: a step then writes a text
 * node, and the browser lays it out with the next frame. Writing the value of a focused text
 * field lays the page out inside the key event, which was most of a step's cost on a phone.
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

type StepKind = 'step' | 'page' | 'end';

/** The keys a spin button answers (WAI-ARIA Authoring Practices), as a direction and a size. */
const STEP_KEYS: Record<string, [1 | -1, StepKind]> = {
  ArrowUp: [1, 'step'],
  ArrowDown: [-1, 'step'],
  PageUp: [1, 'page'],
  PageDown: [-1, 'page'],
  Home: [-1, 'end'],
  End: [1, 'end'],
};

/**
 * A key that types a digit (and no shortcut): it opens the field with that digit. Letters are
 * left alone: a screen reader's single-key commands must not open a field by accident.
 */
function typesDigit(event: KeyboardEvent): boolean {
  return /^[0-9]$/.test(event.key) && !event.ctrlKey && !event.metaKey && !event.altKey;
}

export function enhanceAdjustableNumber(root: HTMLElement): void {
  const value = root.querySelector<HTMLElement>('[role="spinbutton"]');
  const editor = root.querySelector('input');
  const staticText = root.querySelector('[data-num-static]');
  const message = root.querySelector<HTMLElement>('[data-num-error]');
  if (!value || !editor || !message) return;
  const field = root.dataset['numFor'] as NumericField;
  const spec = FIELD_SPECS[field];
  // Steps retrace themselves: the way back from a step is the value it started from.
  let lastStep: { from: number; to: number; direction: 1 | -1 } | undefined;

  const fitWidth = () => editor.style.setProperty('--chars', String(Math.max(2, editor.value.length)));
  /** Shows what was refused beside the number (nothing, when `errors` is empty). */
  const showErrors = (errors: readonly { message: string }[]) => {
    const text = errors.map((error) => error.message).join(' ');
    setText(message, text);
    message.hidden = text === '';
    setAttribute(editor, 'aria-invalid', text === '' ? null : 'true');
    // The message hangs from the number's left edge: near the right of a phone's screen, it moves
    // left so that it ends 8 px inside the screen. (Not at the screen's foot, as a glossary
    // definition goes on a phone: there the keyboard the field opened would cover it.)
    if (!text) return;
    message.style.translate = '';
    const overflow = message.getBoundingClientRect().right + 8 - document.documentElement.clientWidth;
    if (overflow > 0) message.style.translate = `${-overflow}px`;
  };
  const apply = (next: number): boolean => {
    const result = updateInputs({ [field]: next });
    showErrors(result.ok ? [] : result.errors);
    return result.ok;
  };
  const stepBy = (direction: 1 | -1, kind: StepKind) => {
    const current = currentState().inputs[field];
    let next: number;
    if (kind === 'end') next = direction === 1 ? spec.max : spec.min;
    else if (kind === 'page') next = pageStep(field, current, direction);
    else if (lastStep && lastStep.to === current && lastStep.direction === -direction) next = lastStep.from;
    else next = stepValue(field, current, direction);
    if (next !== current && apply(next))
      lastStep = kind === 'step' ? { from: current, to: next, direction } : undefined;
  };

  /** Opens the field for typing, with `typed` in it or the current value selected. */
  const openEditor = (typed?: string) => {
    editor.value = typed ?? formatCount(currentState().inputs[field]);
    fitWidth();
    value.hidden = true;
    editor.hidden = false;
    editor.focus();
    if (typed === undefined) editor.select();
  };
  /** Closes the field and shows the spin button again (focused, if the reader is still here). */
  const closeEditor = (refocus: boolean) => {
    editor.hidden = true;
    value.hidden = false;
    showErrors([]);
    if (refocus) value.focus();
  };
  /** Reads the field: a readable value is applied and the field closes; anything else is flagged. */
  const commit = (refocus: boolean) => {
    const parsed = parseField(field, editor.value);
    if (!parsed.ok) showErrors(parsed.errors);
    else if (apply(parsed.value)) closeEditor(refocus);
  };

  value.addEventListener('keydown', (event) => {
    const action = STEP_KEYS[event.key];
    if (action) stepBy(...action);
    else if (event.key === 'Enter' || event.key === 'F2') openEditor();
    else if (typesDigit(event)) openEditor(event.key);
    else return;
    event.preventDefault();
  });
  editor.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') commit(true);
    else if (event.key === 'Escape') closeEditor(true);
    else return;
    event.preventDefault();
  });
  // Typing: a readable value applies at once; anything else waits for Enter or leaving the field.
  // Read as a link is read (parseField): "48,000" is grouped, "1,00" is refused, not taken for 100.
  editor.addEventListener('input', () => {
    fitWidth();
    const parsed = parseField(field, editor.value);
    if (parsed.ok) {
      lastStep = undefined;
      apply(parsed.value);
    }
  });
  // Leaving the field applies what it reads; text that is no number stays, flagged, until fixed.
  // (A field closed by Enter or Escape is hidden before it loses focus, and is not read again.)
  editor.addEventListener('blur', () => {
    if (!editor.hidden) commit(false);
  });

  // A sideways drag moves along the track; a click without a drag opens the field for typing.
  let drag: { pointerId: number; x: number; start: number; moved: boolean } | undefined;
  value.addEventListener('pointerdown', (event) => {
    if (event.button !== 0) return;
    drag = {
      pointerId: event.pointerId,
      x: event.clientX,
      start: currentState().inputs[field],
      moved: false,
    };
    value.setPointerCapture(event.pointerId);
    event.preventDefault();
  });
  value.addEventListener('pointermove', (event) => {
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
    if (clicked) openEditor();
  };
  value.addEventListener('pointerup', endDrag);
  value.addEventListener('pointercancel', endDrag);

  subscribe((state) => {
    const now = state.inputs[field];
    const text = formatCount(now);
    setText(value, text);
    setText(staticText, text);
    setAttribute(value, 'aria-valuenow', String(now));
    setAttribute(value, 'aria-valuetext', fieldValueText(field, now));
    if (editor.hidden) return;
    // While the reader types, their text stays as typed (an unfinished number, or the same value
    // unformatted); a change made elsewhere while the field is left flagged closes it.
    if (document.activeElement !== editor) return closeEditor(false);
    const typed = parseField(field, editor.value);
    if (typed.ok && typed.value !== now) {
      editor.value = text;
      fitWidth();
    }
  });
}
