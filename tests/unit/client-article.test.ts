// @vitest-environment happy-dom
// A chapter's inline pieces, started by the one article script: live counts, "Try" links, the
// reset link, predictions, glossary terms, the chapter links that carry the reader's numbers,
// and the hash that follows the reading.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { parseGuess, predictionVerdict } from '../../src/client/predict';

type Modules = {
  state: typeof import('../../src/client/training-state');
  article: typeof import('../../src/client/article');
};

/** Fresh modules for a chapter whose body is `html`, at `search`, then the article started. */
async function chapter(html: string, search = ''): Promise<Modules> {
  vi.resetModules();
  window.history.replaceState(null, '', `/the-case/${search}`);
  delete document.documentElement.dataset['trainingPreset'];
  document.body.innerHTML = html;
  const modules = {
    state: await import('../../src/client/training-state'),
    article: await import('../../src/client/article'),
  };
  modules.article.startArticle();
  return modules;
}

const COUNT = '<span data-quantity="batches-per-epoch" data-live-count data-value="750">750</span>';
const PREDICT = `<aside data-predict><form data-predict-form><input data-predict-guess><button>Reveal</button></form>
  <p data-predict-feedback></p><details data-predict-details><summary>Answer</summary>${COUNT}</details></aside>`;

function click(element: Element, init: MouseEventInit = {}): MouseEvent {
  const event = new MouseEvent('click', { bubbles: true, cancelable: true, button: 0, ...init });
  element.dispatchEvent(event);
  return event;
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('a guess', () => {
  test('is read with its grouping, or refused when it is not a whole number', () => {
    expect(parseGuess('1,500')).toBe(1500);
    expect(parseGuess(' 90 000 ')).toBe(90_000);
    expect(parseGuess('7_00')).toBe(700);
    for (const text of ['', '12.5', '-3', 'seven', '1e3', '9'.repeat(17)])
      expect(parseGuess(text)).toBeUndefined();
  });

  test('is judged in words, with both numbers grouped', () => {
    expect(predictionVerdict(750, 750)).toBe('You guessed 750. ✓ Exactly right. It is 750.');
    expect(predictionVerdict(700, 750)).toBe(
      'You guessed 700. ✗ Not quite: the answer is higher. It is 750.',
    );
    expect(predictionVerdict(90_000, 750)).toBe(
      'You guessed 90,000. ✗ Not quite: the answer is lower. It is 750.',
    );
  });
});

describe('a chapter', () => {
  test('a prediction is revealed with its verdict, against the live count', async () => {
    const { state } = await chapter(PREDICT);
    state.updateInputs({ batchSize: 32 });
    const guess = document.querySelector<HTMLInputElement>('[data-predict-guess]')!;
    const form = document.querySelector<HTMLFormElement>('[data-predict-form]')!;
    const feedback = document.querySelector('[data-predict-feedback]')!;
    const details = document.querySelector<HTMLDetailsElement>('[data-predict-details]')!;

    guess.value = 'lots';
    form.dispatchEvent(new Event('submit', { cancelable: true }));
    expect(feedback.textContent).toMatch(/^Type a whole number/);
    expect(guess.getAttribute('aria-invalid')).toBe('true');
    expect(details.open).toBe(false);

    guess.value = '1,500';
    form.dispatchEvent(new Event('submit', { cancelable: true }));
    // 48,000 images in batches of 32: 1,500 a epoch (the live count, not the server's 750).
    expect(feedback.textContent).toBe('You guessed 1,500. ✓ Exactly right. It is 1,500.');
    expect(guess.hasAttribute('aria-invalid')).toBe(false);
    expect(details.open).toBe(true);
  });

  test('a Try link sets the state in place; a modified click is left to the browser', async () => {
    const { state } = await chapter(
      `${COUNT}<a href="?batch=100" data-try='{"batchSize":100}'>Try 100</a><a href="?batch=0" data-try='{"batchSize":0}'>bad</a>`,
    );
    const [good, bad] = [...document.querySelectorAll('a[data-try]')];
    expect(click(good!, { ctrlKey: true }).defaultPrevented).toBe(false);
    expect(state.currentState().inputs.batchSize).toBe(64);
    expect(click(good!).defaultPrevented).toBe(true);
    expect(state.currentState().inputs.batchSize).toBe(100);
    // 48,000 / 100 = 480 batches an epoch, in the live count.
    expect(document.querySelector('[data-live-count]')?.textContent).toBe('480');
    // A refused change is not applied, and the link is then followed as a link.
    expect(click(bad!).defaultPrevented).toBe(false);
    expect(state.currentState().inputs.batchSize).toBe(100);
  });

  test('the reset link is a button (Space too) that returns to the chapter’s case', async () => {
    const { state } = await chapter(
      '<a href="/the-case/" data-reset-chapter>Reset</a>',
      '?batch=32&epochs=10',
    );
    const link = document.querySelector('a[data-reset-chapter]')!;
    expect(link.getAttribute('role')).toBe('button');
    expect(state.currentState().inputs.batchSize).toBe(32);
    expect(click(link).defaultPrevented).toBe(true);
    expect(state.currentState().inputs).toMatchObject({ batchSize: 64, epochs: 120 });
    state.updateInputs({ epochs: 3 });
    const space = new KeyboardEvent('keydown', { key: ' ', bubbles: true, cancelable: true });
    link.dispatchEvent(space);
    expect(space.defaultPrevented).toBe(true);
    expect(state.currentState().inputs.epochs).toBe(120);
  });

  test('Escape dismisses a term’s open definition until focus leaves it', async () => {
    await chapter('<span data-term tabindex="0">epoch<span role="tooltip">one pass</span></span>');
    const term = document.querySelector<HTMLElement>('[data-term]')!;
    // happy-dom matches neither :hover nor :focus-within; the browser tests use real ones.
    const open = vi
      .spyOn(term, 'matches')
      .mockImplementation((selector) => selector === ':hover, :focus-within');
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(term.classList.contains('term-dismissed')).toBe(true);
    term.dispatchEvent(new FocusEvent('focusout', { bubbles: true }));
    expect(term.classList.contains('term-dismissed')).toBe(false);
    // Other keys leave it alone, and a closed definition stays as it is.
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true }));
    expect(term.classList.contains('term-dismissed')).toBe(false);
    open.mockReturnValue(false);
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(term.classList.contains('term-dismissed')).toBe(false);
  });

  test('the next chapter’s link carries the numbers once they differ from the chapter’s', async () => {
    const { state } = await chapter('<a href="/when-it-doesnt-divide/" data-carry-state>Next</a>');
    const next = document.querySelector('a[data-carry-state]')!;
    expect(next.getAttribute('href')).toBe('/when-it-doesnt-divide/');
    state.updateInputs({ images: 50_000 });
    // Rewritten when the reader reaches for it (here a pointer over it), not on every step.
    expect(next.getAttribute('href')).toBe('/when-it-doesnt-divide/');
    next.dispatchEvent(new Event('pointerenter'));
    const carried = new URL(next.getAttribute('href') ?? '', 'https://example.org');
    expect(carried.pathname).toBe('/when-it-doesnt-divide/');
    expect(carried.searchParams.get('images')).toBe('50000');
    expect(carried.searchParams.get('batch')).toBe('64');
    state.updateInputs({ images: 48_000 });
    next.dispatchEvent(new Event('focus'));
    expect(next.getAttribute('href')).toBe('/when-it-doesnt-divide/');
  });

  test('the address follows the section being read', async () => {
    const observed: Element[] = [];
    let report: ((entries: Partial<IntersectionObserverEntry>[]) => void) | undefined;
    vi.stubGlobal(
      'IntersectionObserver',
      class {
        constructor(callback: (entries: Partial<IntersectionObserverEntry>[]) => void) {
          report = callback;
        }
        observe(element: Element) {
          observed.push(element);
        }
      },
    );
    try {
      await chapter('<div class="prose"><h2 id="one">One</h2><h2 id="two">Two</h2></div>');
      expect(observed.map((heading) => heading.id)).toEqual(['one', 'two']);
      const two = document.getElementById('two')!;
      report?.([{ isIntersecting: false, target: document.getElementById('one')! }]);
      expect(window.location.hash).toBe('');
      report?.([{ isIntersecting: true, target: two }]);
      expect(window.location.hash).toBe('#two');
      report?.([{ isIntersecting: true, target: two }]);
      expect(window.location.hash).toBe('#two');
    } finally {
      vi.unstubAllGlobals();
    }
  });

  test('a prediction without its parts, or whose count has no single value, does nothing', async () => {
    // DeepSpeed's carried-over accumulation: the steps per epoch change from epoch to epoch.
    await chapter(
      `<aside data-predict id="bare"></aside>${PREDICT.replace('batches-per-epoch', 'optimizer-steps-per-epoch')}`,
      '?framework=deepspeed&accum=4',
    );
    expect(document.querySelector('[data-live-count]')?.hasAttribute('data-value')).toBe(false);
    const guess = document.querySelector<HTMLInputElement>('[data-predict-guess]')!;
    guess.value = '187';
    document.querySelector('[data-predict-form]')!.dispatchEvent(new Event('submit', { cancelable: true }));
    expect(document.querySelector('[data-predict-feedback]')?.textContent).toBe('');
    expect(document.querySelector<HTMLDetailsElement>('[data-predict-details]')?.open).toBe(false);
  });

  test('modified clicks and other keys on the links are left to the browser', async () => {
    const { state } = await chapter(
      `<a href="?batch=100" data-try='{"batchSize":100}'>Try</a><a href="/the-case/" data-reset-chapter>Reset</a>`,
      '?epochs=3',
    );
    const [tryLink, reset] = [...document.querySelectorAll('a')];
    for (const init of [{ metaKey: true }, { shiftKey: true }, { button: 1 }]) {
      expect(click(tryLink!, init).defaultPrevented).toBe(false);
    }
    expect(state.currentState().inputs.batchSize).toBe(64);
    const enter = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true });
    reset!.dispatchEvent(enter);
    expect(enter.defaultPrevented).toBe(false);
    expect(state.currentState().inputs.epochs).toBe(3);
  });

  test('a page without any of these pieces starts without error', async () => {
    await expect(chapter('<p>Only prose.</p>')).resolves.toBeDefined();
  });
});
