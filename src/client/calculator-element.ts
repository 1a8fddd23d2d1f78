/**
 * The calculator's custom element, <training-calculator>: it joins its parts to the page's
 * shared state. The controls (calculator-fields.ts) read the reader's changes and show the
 * state; the results (calculator-results.ts) print what the engine returns; the status line and
 * Copy link (calculator-share.ts) share it. The server rendered the page's state in full, so
 * nothing here computes a count.
 */
import { calculatorFields } from './calculator-fields';
import { resultsWriter } from './calculator-results';
import { enhanceCopyLink, statusLine } from './calculator-share';
import { currentState, subscribeWhenNear } from './training-state';
import type { InputError, TrainingInputs } from '../lib/types';

/** Whether a link set any of the options that sit in the "Advanced" disclosure. */
export function setsAdvancedOptions(inputs: TrainingInputs): boolean {
  return (
    inputs.devices !== 1 ||
    inputs.accumulationSteps !== 1 ||
    inputs.validationPercent !== 0 ||
    inputs.framework !== 'pytorch'
  );
}

/** The notice for a link's unreadable settings, each named with its range. */
function showLinkNotices(container: HTMLElement, notices: readonly InputError[]): void {
  const heading = document.createElement('p');
  heading.textContent = 'Some settings in the link were not valid; those fields use their defaults:';
  const list = document.createElement('ul');
  for (const notice of notices) {
    const item = document.createElement('li');
    item.textContent = notice.message;
    list.append(item);
  }
  container.replaceChildren(heading, list);
  container.hidden = false;
}

/** Joins the calculator inside `root` to the shared state; returns the function that stops it. */
export function enhanceCalculator(root: HTMLElement): (() => void) | undefined {
  if (!root.querySelector('form')) return undefined;
  const fields = calculatorFields(root);
  const writeResults = resultsWriter(root);
  const say = statusLine(root);
  enhanceCopyLink(root, say);
  root.querySelector('[data-reset]')?.addEventListener('click', () => {
    fields.reset();
    say('Reset to the starting values.');
  });

  const initial = currentState();
  // A link that sets advanced options opens the disclosure that shows them.
  const advanced = root.querySelector<HTMLDetailsElement>('details.advanced');
  if (advanced && setsAdvancedOptions(initial.inputs)) advanced.open = true;
  const urlNotices = root.querySelector<HTMLElement>('[data-url-notices]');
  if (urlNotices && initial.notices.length > 0) showLinkNotices(urlNotices, initial.notices);

  // Far from the screen (a chapter's in-text number moved paragraphs above it), the calculator
  // waits and shows the latest state when it comes near or is printed: every step of a slider
  // runs every widget's listener, and the calculator's writes were the largest share of a step.
  return subscribeWhenNear(root, ({ plan }) => {
    fields.render(plan);
    writeResults(plan);
  }).stop;
}

class TrainingCalculator extends HTMLElement {
  #unsubscribe: (() => void) | undefined;

  connectedCallback() {
    this.#unsubscribe = enhanceCalculator(this);
  }

  disconnectedCallback() {
    this.#unsubscribe?.();
  }
}

if (!customElements.get('training-calculator'))
  customElements.define('training-calculator', TrainingCalculator);
