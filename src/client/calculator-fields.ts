/**
 * The calculator's controls: number fields, sliders, the last-batch choice and the framework.
 * Reading: what the reader types, drags or picks becomes a change of the shared state, or a
 * message that names the field and its range. Writing: each control shows the state (or a
 * refused value still waiting, which its message explains), and what a framework cannot do
 * is disabled with the engine's reason.
 *
 * A refused change stays what the reader asked for: the next change is tried together with it,
 * so choosing Drop and then a smaller batch size gives Drop with that batch size. While a change
 * waits, its field and slider show it, marked invalid with the reason, and other changes still
 * apply on their own: field, message, pending change and sliders agree.
 */
import { setAttribute, setText } from './dom';
import { SLIDER_SCALES, pageStep, sliderValue, type SliderAnchor } from './slider-scales';
import { currentState, resetInputs, updateInputs } from './training-state';
import { FRAMEWORK_INFO, fieldValueText, frameworkLimit, isFramework, parseField } from '../lib/inputs';
import type { Field, InputError, NumericField, TrainingInputs, TrainingPlan } from '../lib/types';

export interface CalculatorFields {
  /** Writes `plan` into every control (never into the one the reader is typing in). */
  render(plan: TrainingPlan): void;
  /** Back to the starting values: every field rewritten, whatever it holds, every message gone. */
  reset(): void;
}

export function calculatorFields(root: HTMLElement): CalculatorFields {
  const numbers = [...root.querySelectorAll<HTMLInputElement>('[data-number-for]')].map((input) => ({
    input,
    field: input.dataset['numberFor'] as NumericField,
  }));
  // Each slider with its scale, looked up once (every number field with a slider has one).
  const ranges = [...root.querySelectorAll<HTMLInputElement>('[data-range-for]')].flatMap((range) => {
    const field = range.dataset['rangeFor'] as NumericField;
    const scale = SLIDER_SCALES[field];
    return scale ? [{ range, field, scale }] : [];
  });
  const radios = [...root.querySelectorAll<HTMLInputElement>('[data-last-batch]')];
  const framework = root.querySelector<HTMLSelectElement>('[data-framework]');
  const errorElements = new Map(
    [...root.querySelectorAll<HTMLElement>('[data-error-for]')].map((element) => [
      element.dataset['errorFor'] as Field,
      element,
    ]),
  );
  const reasons = new Map(
    [...root.querySelectorAll<HTMLElement>('[data-reason-for]')].map((element) => [
      element.dataset['reasonFor'] as Field,
      element,
    ]),
  );
  const controlFor = (field: Field): HTMLInputElement | undefined =>
    field === 'lastBatch'
      ? radios.find((radio) => radio.checked)
      : numbers.find((entry) => entry.field === field)?.input;

  /** Fields showing a message now: clearing touches only these. */
  const erroneous = new Set<Field>();
  const showErrors = (errors: InputError[]) => {
    for (const error of errors) {
      const message = errorElements.get(error.field);
      if (message) {
        message.textContent = error.message;
        message.hidden = false;
      }
      controlFor(error.field)?.setAttribute('aria-invalid', 'true');
      erroneous.add(error.field);
    }
  };
  const clearError = (field: Field) => {
    if (!erroneous.delete(field)) return;
    const message = errorElements.get(field);
    if (message) {
      message.textContent = '';
      message.hidden = true;
    }
    for (const control of field === 'lastBatch' ? radios : [controlFor(field)]) {
      control?.removeAttribute('aria-invalid');
    }
  };

  // Fields whose text cannot be read keep their message until the reader mends them;
  // messages about a refused combination clear as soon as any change is accepted.
  const unreadable = new Set<Field>();
  const clearCombinationErrors = () => {
    for (const field of erroneous) if (!unreadable.has(field)) clearError(field);
  };

  // What was last written, so an update compares instead of reading the DOM.
  const shownTexts = new Map<HTMLInputElement, string>();
  const shownValueTexts = new Map<HTMLInputElement, string>();
  let shownFramework: string | undefined;
  // Where each slider's value came from: its arrows retrace their steps back to a value
  // typed or opened with (48,000 → right → left is 48,000 again, not the nearest grid value).
  const anchors = new Map<NumericField, SliderAnchor>();
  const fromSlider = new Map<NumericField, number>();

  let pending: Partial<TrainingInputs> = {};
  /** What a field shows: a refused value still waiting, or the state's. */
  const displayed = (field: NumericField): number => pending[field] ?? currentState().plan.inputs[field];

  const showValueText = (range: HTMLInputElement, field: NumericField, value: number) => {
    const valueText = fieldValueText(field, value);
    if (shownValueTexts.get(range) === valueText) return;
    shownValueTexts.set(range, valueText);
    setAttribute(range, 'aria-valuetext', valueText);
  };

  const refuse = (requested: Partial<TrainingInputs>, errors: InputError[]) => {
    pending = requested;
    const named = new Set(errors.map((error) => error.field));
    const reason = errors[0]?.message ?? '';
    const waiting = (Object.keys(requested) as Field[])
      .filter((field) => !named.has(field))
      .map((field) => ({ field, given: '', message: `Not applied: ${reason}` }));
    showErrors([...errors, ...waiting]);
    // The fields and sliders of the waiting values show them (a slider's refused value in its
    // field too), except where the reader is typing.
    for (const { input, field } of numbers) {
      const value = requested[field];
      if (value === undefined || document.activeElement === input || unreadable.has(field)) continue;
      input.value = String(value);
      shownTexts.set(input, String(value));
    }
    for (const { range, field, scale } of ranges) {
      const value = requested[field];
      if (value === undefined) continue;
      if (document.activeElement !== range) range.value = String(scale.toPosition(value));
      showValueText(range, field, value);
    }
  };

  const apply = (field: Field, change: Partial<TrainingInputs>) => {
    unreadable.delete(field);
    const requested = { ...pending, ...change };
    const result = updateInputs(requested);
    if (result.ok) {
      pending = {};
      clearCombinationErrors();
      return;
    }
    // A change to another field still applies alone; the refused one keeps waiting.
    const waiting = Object.keys(pending).length > 0 && !(field in pending);
    if (waiting && updateInputs(change).ok) return;
    refuse(requested, result.errors);
  };

  for (const { input, field } of numbers) {
    input.addEventListener('input', () => {
      // A number input reports text it cannot read ("1e400", "12-") as an empty value.
      const parsed = parseField(field, input.validity.badInput ? 'not a number' : input.value);
      if (!parsed.ok) {
        unreadable.add(field);
        showErrors(parsed.errors);
        return;
      }
      clearError(field);
      apply(field, { [field]: parsed.value });
    });
    // Page Up and Page Down move a number field as far as they move its slider.
    input.addEventListener('keydown', (event) => {
      if (event.key !== 'PageUp' && event.key !== 'PageDown') return;
      const current = parseField(field, input.value);
      const from = current.ok ? current.value : currentState().plan.inputs[field];
      const value = pageStep(field, from, event.key === 'PageUp' ? 1 : -1);
      event.preventDefault();
      input.value = String(value);
      unreadable.delete(field);
      clearError(field);
      apply(field, { [field]: value });
    });
    // On leaving a valid field, show the value as it stands ("6.4e1" becomes "64"): the state's,
    // or the refused one still waiting, which its message explains.
    input.addEventListener('change', () => {
      if (parseField(field, input.value).ok) input.value = String(displayed(field));
    });
  }

  for (const { range, field, scale } of ranges) {
    range.addEventListener('input', () => {
      const value = sliderValue(scale, Number(range.value), anchors.get(field));
      fromSlider.set(field, value);
      apply(field, { [field]: value });
    });
  }

  for (const radio of radios) {
    radio.addEventListener('change', () => {
      if (radio.checked) apply('lastBatch', { lastBatch: radio.value === 'drop' ? 'drop' : 'keep' });
    });
  }

  framework?.addEventListener('change', () => {
    const value = framework.value;
    if (!isFramework(value)) return;
    // A new framework starts from its own default for the last batch (fastai drops).
    apply('framework', { framework: value, lastBatch: FRAMEWORK_INFO[value].defaultLastBatch });
  });

  const render = (plan: TrainingPlan) => {
    const shown = plan.inputs;
    const focused = document.activeElement;
    // What a framework lacks changes only with the framework.
    if (shown.framework !== shownFramework) {
      shownFramework = shown.framework;
      for (const { input, field } of numbers) {
        const reason = frameworkLimit(shown.framework, field);
        if (input.disabled !== (reason !== '')) input.disabled = reason !== '';
        setText(reasons.get(field), reason);
      }
      const dropReason = frameworkLimit(shown.framework, 'lastBatch');
      for (const radio of radios) {
        const disabled = radio.value === 'drop' && dropReason !== '';
        if (radio.disabled !== disabled) radio.disabled = disabled;
      }
      setText(reasons.get('lastBatch'), dropReason);
      if (framework && framework.value !== shown.framework) framework.value = shown.framework;
    }
    for (const { input, field } of numbers) {
      // Never overwrite what the reader is typing, nor text that is waiting to be mended.
      if (focused !== input && !unreadable.has(field)) {
        const text = String(displayed(field));
        if (shownTexts.get(input) !== text && input.value !== text) input.value = text;
        shownTexts.set(input, text);
      } else {
        // The reader is typing here: what the field shows is no longer what was written.
        shownTexts.delete(input);
      }
    }
    for (const { range, field, scale } of ranges) {
      const value = displayed(field);
      // A value that did not come from this slider is where its arrows start and come back to.
      if (fromSlider.get(field) !== value) {
        fromSlider.delete(field);
        anchors.set(field, { position: scale.toPosition(value), value });
      }
      const position = String(scale.toPosition(value));
      if (focused !== range && range.value !== position) range.value = position;
      showValueText(range, field, value);
    }
    for (const radio of radios) {
      const checked = radio.value === (pending.lastBatch ?? shown.lastBatch);
      if (radio.checked !== checked) radio.checked = checked;
    }
  };

  const reset = () => {
    unreadable.clear();
    pending = {};
    for (const field of [...erroneous]) clearError(field);
    shownTexts.clear();
    resetInputs();
  };

  return { render, reset };
}
