/**
 * The calculator's results, written from a plan: each count with its `data-value`, the two
 * headline answers, the labels that say per device or across devices, and the notes on the
 * counting. Writes only what changed: every slider step must update the page within one frame.
 */
import { setText } from './dom';
import { quantity, quantityLabel, quantityValue, type QuantityId } from '../lib/quantities';
import type { TrainingPlan } from '../lib/types';

/** Returns the function that writes `plan` into the results inside `root`. */
export function resultsWriter(root: HTMLElement): (plan: TrainingPlan) => void {
  const outputs = [...root.querySelectorAll<HTMLOutputElement>('output[data-quantity]')].map((output) => ({
    output,
    id: output.dataset['quantity'] as QuantityId,
  }));
  const headlines = [...root.querySelectorAll<HTMLElement>('[data-headline-for]')].map((headline) => ({
    headline,
    id: headline.dataset['headlineFor'] as QuantityId,
  }));
  const labels = [...root.querySelectorAll<HTMLElement>('[data-label-for]')].map((label) => ({
    label,
    id: label.dataset['labelFor'] as QuantityId,
    item: label.closest<HTMLElement>('[data-result]'),
  }));
  const perDevice = root.querySelector<HTMLElement>('[data-per-device]');
  const notesList = root.querySelector<HTMLUListElement>('[data-notes]');

  // What was last written, so an update compares numbers instead of reading the DOM.
  const shownValues = new Map<Element, number | null>();
  let shownDevices: number | undefined;
  let shownNoteIds: string | undefined;

  return (plan) => {
    // With several devices the labels say which counts are per device and which over all.
    if (plan.inputs.devices !== shownDevices) {
      shownDevices = plan.inputs.devices;
      for (const { label, id, item } of labels) {
        setText(label, quantityLabel(plan, id));
        const applies = quantity(plan, id).applies;
        if (item && item.hidden === applies) item.hidden = !applies;
      }
      if (perDevice) perDevice.hidden = plan.inputs.devices === 1;
    }

    for (const { output, id } of outputs) {
      // Most steps change a few quantities: format and write only those (a new value is a new text).
      const value = quantityValue(plan, id);
      if (value !== null && shownValues.get(output) === value) continue;
      const classKnown = shownValues.has(output);
      const wasNull = shownValues.get(output) === null;
      shownValues.set(output, value);
      const result = quantity(plan, id);
      setText(output, result.text);
      if (result.value === null) output.removeAttribute('data-value');
      else output.setAttribute('data-value', String(result.value));
      if (!classKnown || wasNull !== (result.value === null)) {
        output.classList.toggle('no-value', result.value === null);
      }
    }

    for (const { headline, id } of headlines) {
      const value = quantityValue(plan, id);
      if (value !== null && shownValues.get(headline) === value) continue;
      shownValues.set(headline, value);
      setText(headline, quantity(plan, id).text);
    }

    const ids = plan.notes.map((note) => note.id).join('\n');
    if (notesList && ids !== shownNoteIds) {
      shownNoteIds = ids;
      notesList.replaceChildren(
        ...plan.notes.map((note) => {
          const item = document.createElement('li');
          item.dataset['note'] = note.id;
          item.textContent = note.text;
          return item;
        }),
      );
    } else if (notesList) {
      // The same notes with new numbers in them (most steps): only their words change.
      plan.notes.forEach((note, index) => setText(notesList.children[index], note.text));
    }
  };
}
