/**
 * The live arithmetic's custom element, <live-derivation>. The server rendered the page's own
 * lines (DerivationLines.astro): KaTeX with each number one text node in a `[data-slot]` span.
 * On every change of the state this element hides at once the lines that no longer apply and
 * writes the new numbers in place. A line the page does not have is added by
 * derivation-lines.ts, loaded the first time the state needs one (most readers never do): from
 * `/derivation-forms.json`, in the engine's words until that arrives or if it cannot. Lines are
 * rewritten only near the screen (every slider step runs every widget's listener); the text
 * twin for screen readers follows every change at once.
 */
import { drawWhenNear } from './dom';
import { currentState, subscribe } from './training-state';
import { derivationSpeech } from '../lib/derivation';
import { formatCount } from '../lib/format';
import type { DerivationStep } from '../lib/types';

/** The code that adds lines, once loaded (shared by every arithmetic on the page). */
let adding: typeof import('./derivation-lines') | undefined;

interface Slot {
  /** Which of the step's numbers goes here; -1 for a line in words, whose one slot holds them all. */
  index: number;
  /** The slot's one text node, found once: updates only write `nodeValue`. */
  text: Text;
  shown: string | null;
}

export interface Line {
  item: HTMLLIElement;
  slots: Slot[];
  /** A line in the engine's words, standing in for a form not (yet) fetched. */
  words: boolean;
}

function slotOf(slot: HTMLElement): Slot | undefined {
  const text = document.createTreeWalker(slot, NodeFilter.SHOW_TEXT).nextNode();
  return text instanceof Text ? { index: Number(slot.dataset['slot']), text, shown: null } : undefined;
}

/** A line as found in the markup (the server's, or one this element added before). */
function lineOf(item: HTMLLIElement): Line {
  return {
    item,
    slots: [...item.querySelectorAll<HTMLElement>('[data-slot]')]
      .map(slotOf)
      .filter((slot) => slot !== undefined),
    words: item.hasAttribute('data-words'),
  };
}

/** Writes the step's numbers (or, in a line in words, its words) where they changed. */
function fill(line: Line, step: DerivationStep): void {
  for (const slot of line.slots) {
    const value = step.values[slot.index];
    const text = slot.index < 0 ? step.speech : value === undefined ? '' : formatCount(value);
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

    // Rewritten only near the screen, the latest state drawn when it comes near.
    const drawing = drawWhenNear(this);
    let requested = false;
    let stopped = false;
    const redraw = () => {
      if (!stopped) drawing.request(() => draw(currentState().plan.derivation));
    };
    /**
     * The first time a step has no line here: loads the code that adds lines, which then fetches
     * the forms; each arrival redraws the latest state. If the code cannot load (offline), the
     * missing line stays out: nothing shown is wrong, and the words are heard.
     */
    const addMissing = () => {
      if (requested) return;
      requested = true;
      import('./derivation-lines').then(
        (module) => {
          adding = module;
          redraw();
          return module.loadForms().then(redraw);
        },
        () => {},
      );
    };

    /** Shows exactly `steps`: hides the rest at once, adds what is missing once it can. */
    const draw = (steps: readonly DerivationStep[]) => {
      if (!list) return;
      const applies = new Set(steps.map((step) => step.template));
      for (const [template, line] of lines) {
        if (!applies.has(template) && !line.item.hidden) line.item.hidden = true;
      }
      adding?.placeLines(list, lines, steps, lineOf);
      for (const step of steps) {
        const line = lines.get(step.template);
        if (!line) addMissing();
        else {
          if (line.item.hidden) line.item.hidden = false;
          fill(line, step);
        }
      }
    };

    const unsubscribe = subscribe(({ plan }) => {
      drawing.request(() => draw(plan.derivation));
      const text = derivationSpeech(plan.derivation);
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
