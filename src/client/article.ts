// The behaviour of a chapter's inline pieces, started by the chapter layout's one script: the
// live counts and values (<Count>, <Value>), the in-text numbers (<Num>), "Try" links, the
// "Reset to this chapter's case" link, predictions, glossary terms, and the chapter's own
// navigation. One module instead of a script per component: eight small scripts cost a request
// each and compress far worse apart than together (issue 9's first-load budget).
import { inputsToParams } from '../lib/inputs';
import type { TrainingInputs } from '../lib/types';
import { enhanceAdjustableNumber } from './adjustable-number';
import { startLiveText } from './live-text';
import { enhancePrediction } from './predict';
import { refreshWhenReached } from './dom';
import { currentState, presetInputs, resetInputs, updateInputs } from './training-state';

/** "Try" links set the state in place; a modified click still opens the link. */
function enhanceTryLink(link: HTMLAnchorElement): void {
  link.addEventListener('click', (event) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    const result = updateInputs(JSON.parse(link.dataset['try'] ?? '{}') as Partial<TrainingInputs>);
    if (result.ok) event.preventDefault();
  });
}

/** The reset link acts as a button (Space too), and returns to the chapter's own case. */
function enhanceResetLink(link: HTMLAnchorElement): void {
  link.setAttribute('role', 'button');
  link.addEventListener('click', (event) => {
    event.preventDefault();
    resetInputs();
  });
  link.addEventListener('keydown', (event) => {
    if (event.key === ' ') {
      event.preventDefault();
      resetInputs();
    }
  });
}

/** Escape closes an open definition until the pointer or focus leaves the term. */
function enhanceTerms(terms: HTMLElement[]): void {
  if (terms.length === 0) return;
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    for (const term of terms) {
      if (term.matches(':hover, :focus-within')) term.classList.add('term-dismissed');
    }
  });
  for (const term of terms) {
    const restore = () => term.classList.remove('term-dismissed');
    term.addEventListener('mouseleave', restore);
    term.addEventListener('focusout', restore);
  }
}

/**
 * The next chapter opens with the reader's numbers, once they have changed this chapter's. Each
 * link is rewritten when the reader reaches for it, not on every slider step.
 */
function carryStateInLinks(links: HTMLAnchorElement[]): void {
  const presetParams = inputsToParams(presetInputs()).toString();
  for (const link of links) {
    const href = link.getAttribute('href') ?? '';
    refreshWhenReached(link, () => {
      const params = inputsToParams(currentState().inputs).toString();
      const carried = params === presetParams ? href : `${href}?${params}`;
      if (link.getAttribute('href') !== carried) link.setAttribute('href', carried);
    });
  }
}

/** The reading position lives in the address: the hash follows the section being read. */
function followReading(headings: HTMLElement[]): void {
  if (headings.length === 0 || typeof IntersectionObserver !== 'function') return;
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        const url = new URL(window.location.href);
        if (url.hash === `#${entry.target.id}`) continue;
        url.hash = entry.target.id;
        try {
          window.history.replaceState(window.history.state, '', url);
        } catch {
          // A sandboxed frame may refuse; the position is then simply not kept.
        }
      }
    },
    { rootMargin: '0px 0px -70% 0px' },
  );
  for (const heading of headings) observer.observe(heading);
}

/** Starts everything inline in `root` (the document). */
export function startArticle(root: ParentNode = document): void {
  const all = <T extends Element>(selector: string) => [...root.querySelectorAll<T>(selector)];
  startLiveText();
  for (const number of all<HTMLElement>('[data-num-for]')) enhanceAdjustableNumber(number);
  for (const link of all<HTMLAnchorElement>('a[data-try]')) enhanceTryLink(link);
  for (const link of all<HTMLAnchorElement>('a[data-reset-chapter]')) enhanceResetLink(link);
  for (const prediction of all<HTMLElement>('[data-predict]')) enhancePrediction(prediction);
  enhanceTerms(all<HTMLElement>('[data-term]'));
  carryStateInLinks(all<HTMLAnchorElement>('a[data-carry-state]'));
  followReading(all<HTMLElement>('.prose h2[id]'));
}
