/**
 * The live arithmetic's custom element, <live-derivation>. The server rendered the page's own
 * lines (DerivationLines.astro): KaTeX with each number one text node in a `[data-slot]` span.
 * On every change of the state this element hides the lines that no longer apply and writes the
 * new numbers in place; a line the page does not have is brought from `/derivation-forms.json`
 * (every form, typeset at build time: no KaTeX is shipped), fetched once per page, the first
 * time the state needs one. Until it arrives, or if it cannot be had (offline, a host that
 * blocks it), that line shows the engine's words instead, so the arithmetic is never wrong for
 * the state it shows. Lines are rewritten only near the screen (every slider step runs this);
 * the text twin for screen readers follows every change at once.
 */
import { drawWhenNear } from './dom';
import { subscribe } from './training-state';
import { DERIVATION_FORMS_FILE, derivationSpeech, type DerivationForm } from '../lib/derivation';
import { formatCount } from '../lib/format';
import type { DerivationStep } from '../lib/types';

type Forms = Partial<Record<string, DerivationForm>>;

/** The forms once fetched; `undefined` until then, and for good if the fetch failed. */
let forms: Forms | undefined;
/** The one fetch of the forms for the page, shared by every arithmetic on it; settles, never rejects. */
let formsLoading: Promise<void> | undefined;

function isForm(value: unknown): value is DerivationForm {
  const form = value as Partial<DerivationForm> | null | undefined;
  return typeof form?.label === 'string' && typeof form.html === 'string';
}

/** Fetches the forms file once per page (later calls share it); resolves when it has settled. */
function loadForms(): Promise<void> {
  formsLoading ??= fetch(`${import.meta.env.BASE_URL}${DERIVATION_FORMS_FILE}`)
    .then(async (response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const data: unknown = await response.json();
      if (typeof data !== 'object' || data === null) throw new Error('not an object');
      forms = Object.fromEntries(Object.entries(data).filter(([, form]) => isForm(form))) as Forms;
    })
    .catch((error: unknown) => {
      // The lines the page lacks keep showing the engine's words; not fetched again.
      console.warn(
        `The arithmetic's formulas could not be loaded (${String(error)}); showing them in words.`,
      );
    });
  return formsLoading;
}

interface Slot {
  index: number;
  /** The slot's one text node, found once: updates only write `nodeValue`. */
  text: Text;
  shown: string | null;
}

interface Line {
  item: HTMLLIElement;
  /** The KaTeX form's number slots (none for a line in words). */
  slots: Slot[];
  /** A line in words, standing in for a form not (yet) fetched: where its words go. */
  words: HTMLElement | null;
  /** Whether the line was last shown, so a step compares without reading the DOM. */
  shown: boolean;
}

function slotOf(slot: HTMLElement): Slot | undefined {
  const text = document.createTreeWalker(slot, NodeFilter.SHOW_TEXT).nextNode();
  return text instanceof Text ? { index: Number(slot.dataset['slot']), text, shown: null } : undefined;
}

/** A line as found in the markup (the server's, or one this element added before). */
function lineOf(item: HTMLLIElement): Line {
  const words = item.hasAttribute('data-words') ? item.querySelector<HTMLElement>('.derivation-math') : null;
  return {
    item,
    slots: words
      ? []
      : [...item.querySelectorAll<HTMLElement>('[data-slot]')]
          .map(slotOf)
          .filter((slot) => slot !== undefined),
    words,
    shown: !item.hidden,
  };
}

/** A new line with the markup of the server's: its label and, as HTML, its formula or its words. */
function newLine(template: string, label: string, content: { html: string } | { words: string }): Line {
  const item = document.createElement('li');
  item.dataset['template'] = template;
  const labelSpan = document.createElement('span');
  labelSpan.className = 'derivation-label';
  labelSpan.textContent = label;
  const math = document.createElement('span');
  math.className = 'derivation-math';
  if ('html' in content) {
    // Our own build's KaTeX output, from the site's own origin.
    math.innerHTML = content.html;
  } else {
    item.toggleAttribute('data-words', true);
    math.textContent = content.words;
  }
  item.append(labelSpan, math);
  return lineOf(item);
}

function fill(line: Line, step: DerivationStep): void {
  if (line.words) {
    if (line.words.textContent !== step.speech) line.words.textContent = step.speech;
    return;
  }
  for (const slot of line.slots) {
    const value = step.values[slot.index];
    const text = value === undefined ? '' : formatCount(value);
    if (slot.shown !== text) {
      slot.shown = text;
      if (slot.text.nodeValue !== text) slot.text.nodeValue = text;
    }
  }
}

/** The element's class (exported for tests, which define it afresh under names of their own). */
export class LiveDerivation extends HTMLElement {
  #stop: (() => void) | undefined;

  connectedCallback() {
    const list = this.querySelector<HTMLOListElement>('ol.derivation-lines');
    const lines = new Map<string, Line>(
      [...this.querySelectorAll<HTMLLIElement>('li[data-template]')].map((item) => [
        item.dataset['template'] ?? '',
        lineOf(item),
      ]),
    );
    const speech = this.querySelector<HTMLElement>('[data-derivation-speech]');
    let spoken = speech?.textContent ?? '';

    /** Shows exactly `steps`, in their order: hides the rest, adds (or upgrades) what is missing. */
    const draw = (steps: readonly DerivationStep[]) => {
      if (!list) return;
      const applies = new Set(steps.map((step) => step.template));
      for (const [template, line] of lines) {
        if (line.shown && !applies.has(template)) {
          line.shown = false;
          line.item.hidden = true;
        }
      }
      let previous: HTMLLIElement | undefined;
      for (const step of steps) {
        let line = lines.get(step.template);
        const form = forms?.[step.template];
        if (!line || (line.words && form)) {
          const added = form
            ? newLine(step.template, form.label, form)
            : newLine(step.template, step.label, { words: step.speech });
          if (line) line.item.replaceWith(added.item);
          else if (previous) previous.after(added.item);
          else list.prepend(added.item);
          lines.set(step.template, added);
          line = added;
        } else if (
          previous &&
          !(previous.compareDocumentPosition(line.item) & Node.DOCUMENT_POSITION_FOLLOWING)
        ) {
          // The engine's order, whatever order the lines were added in.
          previous.after(line.item);
        }
        if (!line.shown) {
          line.shown = true;
          line.item.hidden = false;
        }
        fill(line, step);
        previous = line.item;
      }
    };

    /** Whether the page has no formula for a step's line (no line, or one in words). */
    const lacksForm = (step: DerivationStep) => {
      const line = lines.get(step.template);
      return !line || line.words !== null;
    };

    // The lines: rewritten only near the screen, the latest state drawn when it comes near.
    const drawing = drawWhenNear(this);
    let latest: readonly DerivationStep[] = [];
    let awaitingForms = false;
    let stopped = false;
    const unsubscribe = subscribe(({ plan }) => {
      const steps = plan.derivation;
      latest = steps;
      // Asked for at once, even far from the screen, so that the forms are there when it comes
      // near; once the fetch settles (for any arithmetic on the page), the latest state is drawn.
      if (list && !awaitingForms && steps.some(lacksForm)) {
        awaitingForms = true;
        void loadForms().then(() => {
          if (!stopped) drawing.request(() => draw(latest));
        });
      }
      drawing.request(() => draw(steps));
      const text = derivationSpeech(steps);
      if (speech && text !== spoken) {
        spoken = text;
        speech.textContent = text;
      }
    });
    this.#stop = () => {
      stopped = true;
      unsubscribe();
      drawing.stop();
    };
  }

  disconnectedCallback() {
    this.#stop?.();
  }
}

if (!customElements.get('live-derivation')) customElements.define('live-derivation', LiveDerivation);
