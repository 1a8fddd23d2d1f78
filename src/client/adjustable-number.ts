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

/** A key that types a character (and no shortcut): it opens the field with that character. */
function typesCharacter(event: KeyboardEvent): boolean {
  return event.key.length === 1 && event.key !== ' ' && !event.ctrlKey && !event.metaKey && !event.altKey;
}

export function enhanceAdjustableNumber(root: HTMLElement): void {
  const value = root.querySelector<HTMLElement>('[data-num-static]');
  const message = root.querySelector<HTMLElement>('[data-num-error]');
  if (!value || !message) return;
  const field = root.dataset['numFor'] as NumericField;
  const spec = FIELD_SPECS[field];
  const name = root.dataset['numLabel'] ?? spec.label;
  // Steps retrace themselves: the way back from a step is the value it started from.
  let lastStep: { from: number; to: number; direction: 1 | -1 } | undefined;
  // The field for typing, made the first time the reader types.
  let editor: HTMLInputElement | undefined;

  value.setAttribute('role', 'spinbutton');
  value.tabIndex = 0;
  value.setAttribute('aria-label', `${name} (adjustable: arrow keys, type, or drag sideways)`);
  value.setAttribute('aria-valuemin', String(spec.min));
  value.setAttribute('aria-valuemax', String(spec.max));
  if (message.id) value.setAttribute('aria-describedby', message.id);

  const editing = () => editor !== undefined && !editor.hidden;
  const fitWidth = (input: HTMLInputElement) => {
    input.style.setProperty('--chars', String(Math.max(2, input.value.length)));
  };
  const showError = (text: string) => {
    setText(message, text);
    message.hidden = text === '';
    if (editor) setAttribute(editor, 'aria-invalid', text === '' ? null : 'true');
  };
  const apply = (next: number): boolean => {
    const result = updateInputs({ [field]: next });
    if (!result.ok) {
      showError(result.errors.map((error) => error.message).join(' '));
      return false;
    }
    showError('');
    return true;
  };
  const stepBy = (direction: 1 | -1, kind: StepKind) => {
    const current = currentState().inputs[field];
    let next: number;
    if (kind === 'end') next = direction === 1 ? spec.max : spec.min;
    else if (kind === 'page') next = pageStep(field, current, direction);
    else if (lastStep && lastStep.to === current && lastStep.direction === -direction) next = lastStep.from;
    else next = stepValue(field, current, direction);
    if (next === current) return;
    if (apply(next)) lastStep = kind === 'step' ? { from: current, to: next, direction } : undefined;
  };

  /** Closes the field and shows the spin button again (focused, if the reader is still here). */
  const closeEditor = (refocus: boolean) => {
    if (!editor || editor.hidden) return;
    editor.hidden = true;
    value.hidden = false;
    showError('');
    if (refocus) value.focus();
  };
  /** Reads the field: a readable value is applied and the field closes; anything else is flagged. */
  const commit = (refocus: boolean) => {
    if (!editor) return;
    const parsed = parseField(field, editor.value);
    if (!parsed.ok) {
      showError(parsed.errors.map((error) => error.message).join(' '));
      return;
    }
    if (apply(parsed.value)) closeEditor(refocus);
  };
  const createEditor = (): HTMLInputElement => {
    const input = document.createElement('input');
    input.type = 'text';
    input.className = 'num-input';
    input.inputMode = 'numeric';
    input.autocomplete = 'off';
    input.spellcheck = false;
    input.hidden = true;
    input.setAttribute('aria-label', `${name}: type a number, Enter to apply, Escape to cancel`);
    if (message.id) input.setAttribute('aria-describedby', message.id);
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        commit(true);
      } else if (event.key === 'Escape') {
        event.preventDefault();
        closeEditor(true);
      } else if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
        event.preventDefault();
        stepBy(event.key === 'ArrowUp' ? 1 : -1, 'step');
        input.value = formatCount(currentState().inputs[field]);
        fitWidth(input);
      }
    });
    // Typing: a readable value applies at once; anything else waits for Enter or leaving the field.
    // Read as a link is read (parseField): "48,000" is grouped, "1,00" is refused, not taken for 100.
    input.addEventListener('input', () => {
      fitWidth(input);
      const parsed = parseField(field, input.value);
      if (parsed.ok) {
        lastStep = undefined;
        apply(parsed.value);
      }
    });
    // Leaving the field applies what it reads; text that is no number stays, flagged, until fixed.
    // (A field closed by Enter or Escape is hidden before it loses focus, and is not read again.)
    input.addEventListener('blur', () => {
      if (!input.hidden) commit(false);
    });
    value.after(input);
    return input;
  };
  /** Opens the field for typing, with `typed` in it or the current value selected. */
  const openEditor = (typed?: string) => {
    editor ??= createEditor();
    editor.value = typed ?? formatCount(currentState().inputs[field]);
    fitWidth(editor);
    value.hidden = true;
    editor.hidden = false;
    editor.focus();
    if (typed === undefined) editor.select();
  };

  value.addEventListener('keydown', (event) => {
    const action = STEP_KEYS[event.key];
    if (action) {
      event.preventDefault();
      stepBy(...action);
    } else if (event.key === 'Enter' || event.key === 'F2') {
      event.preventDefault();
      openEditor();
    } else if (typesCharacter(event)) {
      event.preventDefault();
      openEditor(event.key);
    }
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
    setText(value, formatCount(now));
    setAttribute(value, 'aria-valuenow', String(now));
    setAttribute(value, 'aria-valuetext', fieldValueText(field, now));
    if (!editor || !editing()) return;
    // While the reader types, their text stays as typed (an unfinished number, or the same value
    // unformatted); a change made elsewhere while the field is left flagged closes it.
    if (document.activeElement !== editor) {
      closeEditor(false);
      return;
    }
    const typed = parseField(field, editor.value);
    if (typed.ok && typed.value !== now) {
      editor.value = formatCount(now);
      fitWidth(editor);
    }
  });
}
