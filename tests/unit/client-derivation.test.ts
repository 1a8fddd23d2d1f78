// @vitest-environment happy-dom
// The live arithmetic in a DOM (src/client/derivation-element.ts, and derivation-lines.ts, which
// it loads for the lines its page lacks), on the markup DerivationLines.astro renders (the same
// build-time KaTeX, src/render/derivation-forms.ts): the page's own lines follow the state; a
// line the page lacks comes from the forms file, fetched once, or shows the engine's words when
// the file cannot be had; far from the screen the lines wait while the words for screen readers
// follow at once. Expected numbers and words come from the engine.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { DEFAULT_INPUTS, derivationSpeech, formatCount, type TrainingInputs } from '../../src/lib';
import { derivationForm, derivationForms } from '../../src/render/derivation-forms';
import type { DerivationTemplateId } from '../../src/lib';
import { fakeObserver } from '../support/fake-observer';
import { planFor } from '../support/plans';

type StateModule = typeof import('../../src/client/training-state');

let pages = 0;

/**
 * A page whose live arithmetic shows the worked case, as the server renders it, run by a fresh
 * copy of the element's module (its own forms file, never fetched yet) under a tag of its own.
 */
async function openPage(
  options: { list?: boolean } = {},
): Promise<{ state: StateModule; root: HTMLElement }> {
  vi.resetModules();
  window.history.replaceState(null, '', '/playground/');
  delete document.documentElement.dataset['trainingPreset'];
  const state = await import('../../src/client/training-state');
  const { LiveDerivation } = await import('../../src/client/derivation-element');
  pages += 1;
  const tag = `live-derivation-${pages}`;
  customElements.define(tag, class extends LiveDerivation {});
  const plan = planFor(DEFAULT_INPUTS);
  const items = plan.derivation.map((step) => {
    const form = derivationForm(step.template as DerivationTemplateId, step.values);
    return `<li data-template="${step.template}"><span class="derivation-label">${form.label}</span> <span class="derivation-math">${form.html}</span></li>`;
  });
  const list = options.list === false ? '' : `<ol class="derivation-lines">${items.join('')}</ol>`;
  // Parsed first, then attached (as a browser runs a page's module scripts after parsing it).
  const page = document.createElement('div');
  page.innerHTML = `<${tag}><h2>The arithmetic</h2>${list}<p data-derivation-speech>${derivationSpeech(plan.derivation)}</p></${tag}>`;
  document.body.append(page);
  const root = document.querySelector<HTMLElement>(tag);
  if (!root) throw new Error('no element');
  return { state, root };
}

/** A fetch that answers (once, whenever it is asked) when the test says so, recording what it was asked. */
function deferredFetch() {
  let answer: (response: Response) => void = () => {};
  let fail: (error: Error) => void = () => {};
  const reply = new Promise<Response>((resolve, reject) => {
    answer = resolve;
    fail = reject;
  });
  const fetch = vi.fn((_url: string) => reply);
  vi.stubGlobal('fetch', fetch);
  return {
    fetch,
    answer: (body: unknown, init?: ResponseInit) => answer(new Response(JSON.stringify(body), init)),
    fail: (error: Error) => fail(error),
  };
}

/** Lets the code loaded for new lines, a settled fetch and what follows them run (the clock's timers are fake; setImmediate is not). */
async function settle(): Promise<void> {
  await vi.dynamicImportSettled();
  for (let turn = 0; turn < 5; turn += 1) await new Promise((resolve) => setImmediate(resolve));
}

interface ShownLine {
  template: string;
  /** A formula's numbers by slot, or null for a line in words. */
  slots: Record<string, string> | null;
  label: string;
  words: string | null;
}

/** The lines a reader sees, in order. */
function shownLines(root: HTMLElement): ShownLine[] {
  return [...root.querySelectorAll<HTMLLIElement>('li[data-template]')]
    .filter((item) => !item.hidden)
    .map((item) => {
      const inWords = item.hasAttribute('data-words');
      return {
        template: item.dataset['template'] ?? '',
        label: item.querySelector('.derivation-label')?.textContent ?? '',
        slots: inWords
          ? null
          : Object.fromEntries(
              [...item.querySelectorAll<HTMLElement>('[data-slot]')].map((slot) => [
                slot.dataset['slot'],
                slot.textContent,
              ]),
            ),
        words: inWords ? (item.querySelector('.derivation-math')?.textContent ?? '') : null,
      };
    });
}

/** What the reader should see for `inputs`: every line of the engine's, as a formula. */
function asFormulas(inputs: TrainingInputs): ShownLine[] {
  return planFor(inputs).derivation.map((step) => ({
    template: step.template,
    label: step.label,
    slots: Object.fromEntries(step.values.map((value, slot) => [String(slot), formatCount(value)])),
    words: null,
  }));
}

const speechOf = (root: HTMLElement) => root.querySelector('[data-derivation-speech]')?.textContent;

beforeEach(() => {
  // The state writes the address after a pause: never, here.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
});
afterEach(() => {
  document.body.innerHTML = '';
  vi.useRealTimers();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('<live-derivation>', () => {
  test('the page’s own lines follow the state in place, with nothing fetched', async () => {
    const { fetch } = deferredFetch();
    fakeObserver();
    const { state, root } = await openPage();
    const slot = root.querySelector('[data-slot="0"]');
    expect(shownLines(root)).toEqual(asFormulas(DEFAULT_INPUTS));
    state.updateInputs({ images: 35_126, batchSize: 32 });
    const inputs = { ...DEFAULT_INPUTS, images: 35_126, batchSize: 32 };
    expect(shownLines(root)).toEqual(asFormulas(inputs));
    // The same text node, rewritten: no line was rebuilt.
    expect(root.querySelector('[data-slot="0"]')).toBe(slot);
    expect(speechOf(root)).toBe(derivationSpeech(planFor(inputs).derivation));
    expect(fetch).not.toHaveBeenCalled();
  });

  test('a state needing a line the page lacks fetches the forms once and inserts it in the engine’s order', async () => {
    const { fetch, answer } = deferredFetch();
    fakeObserver();
    const { state, root } = await openPage();
    const multi = { ...DEFAULT_INPUTS, devices: 2, accumulationSteps: 4 };
    state.updateInputs({ devices: 2, accumulationSteps: 4 });
    const plan = planFor(multi);
    // At once: the line that no longer applies is hidden, the page's own line has the new numbers.
    expect(shownLines(root)).toEqual(
      asFormulas(multi).filter((line) => line.template === 'total-batches/product'),
    );
    await settle();
    expect(fetch).toHaveBeenCalledOnce();
    expect(fetch.mock.calls[0]?.[0]).toBe('/derivation-forms.json');
    // While the fetch is pending: the lines the page has as formulas, the rest in the engine's words.
    expect(shownLines(root)).toEqual(
      asFormulas(multi).map((line, index) =>
        line.template === 'total-batches/product'
          ? line
          : { ...line, slots: null, words: plan.derivation[index]?.speech },
      ),
    );
    expect(speechOf(root)).toBe(derivationSpeech(plan.derivation));
    // A form that is not one (a damaged file) is ignored: that line keeps its words.
    answer({ ...derivationForms(), 'effective-batch-size/product': { label: 'Broken' } });
    await settle();
    const effective = plan.derivation.findIndex((step) => step.template === 'effective-batch-size/product');
    expect(shownLines(root)).toEqual(
      asFormulas(multi).map((line, index) =>
        index === effective ? { ...line, slots: null, words: plan.derivation[index]?.speech } : line,
      ),
    );
    // The hidden line of the worked case is still there, for when it applies again.
    expect(root.querySelector<HTMLElement>('li[data-template="batches-per-epoch/ceil"]')?.hidden).toBe(true);

    // Another new line: the forms are here already, nothing is fetched again.
    const split = { ...multi, validationPercent: 20 };
    state.updateInputs({ validationPercent: 20 });
    expect(shownLines(root)[0]).toEqual(asFormulas(split)[0]);
    expect(shownLines(root).map((line) => line.template)).toEqual(
      planFor(split).derivation.map((step) => step.template),
    );
    // Back to the worked case: its own two lines, the rest hidden.
    state.resetInputs();
    expect(shownLines(root)).toEqual(asFormulas(DEFAULT_INPUTS));
    expect(fetch).toHaveBeenCalledOnce();
  });

  test('lines keep the engine’s order whatever order they were added in', async () => {
    const { answer } = deferredFetch();
    fakeObserver();
    const { state, root } = await openPage();
    answer(derivationForms());
    // A split's line comes first; then a devices line comes first instead (placed before the
    // now hidden split line); then both: the split's line must come before the devices line.
    state.updateInputs({ validationPercent: 20 });
    await settle();
    state.updateInputs({ validationPercent: 0, devices: 2 });
    state.updateInputs({ validationPercent: 20 });
    const both = { ...DEFAULT_INPUTS, validationPercent: 20, devices: 2 };
    expect(
      planFor(both)
        .derivation.map((step) => step.template)
        .slice(0, 2),
    ).toEqual(['training-images/random-split', 'images-per-device/padded']);
    expect(shownLines(root)).toEqual(asFormulas(both));
  });

  test.each([
    {
      name: 'the network fails',
      reply: (fetch: ReturnType<typeof deferredFetch>) => fetch.fail(new Error('offline')),
    },
    {
      name: 'the host refuses it',
      reply: (fetch: ReturnType<typeof deferredFetch>) => fetch.answer('no', { status: 403 }),
    },
    {
      name: 'the file is not the forms',
      reply: (fetch: ReturnType<typeof deferredFetch>) => fetch.answer(null),
    },
  ])('when $name, the missing line stays in the engine’s words, and follows the state', async ({ reply }) => {
    const stubbed = deferredFetch();
    fakeObserver();
    const { state, root } = await openPage();
    const drop = { ...DEFAULT_INPUTS, lastBatch: 'drop' as const };
    state.updateInputs({ lastBatch: 'drop' });
    // The kept-batch line no longer applies: hidden at once, never shown with stale numbers.
    expect(root.querySelector<HTMLElement>('li[data-template="batches-per-epoch/ceil"]')?.hidden).toBe(true);
    reply(stubbed);
    await settle();
    const floor = planFor(drop).derivation[0];
    expect(floor?.template).toBe('batches-per-epoch/floor');
    expect(shownLines(root)).toEqual([
      { template: floor?.template, label: floor?.label, slots: null, words: floor?.speech },
      asFormulas(drop)[1],
    ]);
    // ⌊100 / 128⌋ = 0: the words follow the state; the file is not asked for again.
    state.updateInputs({ images: 100, batchSize: 128 });
    const none = planFor({ ...drop, images: 100, batchSize: 128 }).derivation[0];
    expect(shownLines(root)[0]?.words).toBe(none?.speech);
    expect(none?.speech).toBe('100 divided by 128, rounded down, is 0 batches per epoch');
    // More lines the page lacks: in words too, each as the engine says it, the others as formulas.
    state.updateInputs({ devices: 2 });
    const devices = planFor({ ...drop, images: 100, batchSize: 128, devices: 2 });
    expect(shownLines(root)).toEqual(
      devices.derivation.map((step) =>
        step.template === 'total-batches/product'
          ? {
              template: step.template,
              label: step.label,
              slots: Object.fromEntries(step.values.map((value, slot) => [String(slot), formatCount(value)])),
              words: null,
            }
          : { template: step.template, label: step.label, slots: null, words: step.speech },
      ),
    );
    expect(stubbed.fetch).toHaveBeenCalledOnce();
  });

  test('a change while the forms are on their way: the latest state is drawn when they arrive', async () => {
    const { fetch, answer } = deferredFetch();
    fakeObserver();
    const { state, root } = await openPage();
    state.updateInputs({ devices: 2 });
    await settle();
    state.updateInputs({ devices: 4, lastBatch: 'drop' });
    state.updateInputs({ images: 35_126 });
    const latest = { ...DEFAULT_INPUTS, devices: 4, lastBatch: 'drop' as const, images: 35_126 };
    // Meanwhile in words, with the latest numbers; the padded line of two devices is reused for four.
    expect(shownLines(root).map((line) => line.words ?? line.slots)).toEqual(
      planFor(latest).derivation.map((step, index) =>
        step.template === 'total-batches/product' ? asFormulas(latest)[index]?.slots : step.speech,
      ),
    );
    answer(derivationForms());
    await settle();
    expect(shownLines(root)).toEqual(asFormulas(latest));
    expect(root.querySelectorAll('li[data-words]:not([hidden])')).toHaveLength(0);
    expect(fetch).toHaveBeenCalledOnce();
  });

  test('far from the screen the lines wait (the words for screen readers do not); near or printed, the latest is drawn', async () => {
    const { fetch, answer } = deferredFetch();
    const observer = fakeObserver();
    const { state, root } = await openPage();
    const before = root.querySelector('ol')?.innerHTML;
    observer.near(false);
    state.updateInputs({ images: 100 });
    const changed = { ...DEFAULT_INPUTS, images: 100, devices: 3 };
    // Needs lines the page lacks: nothing is loaded or written until the reader comes near.
    state.updateInputs({ devices: 3 });
    await settle();
    expect(speechOf(root)).toBe(derivationSpeech(planFor(changed).derivation));
    expect(root.querySelector('ol')?.innerHTML).toBe(before);
    expect(fetch).not.toHaveBeenCalled();
    observer.near(true);
    answer(derivationForms());
    await settle();
    expect(shownLines(root)).toEqual(asFormulas(changed));

    observer.near(false);
    state.resetInputs();
    expect(shownLines(root)).toEqual(asFormulas(changed));
    expect(speechOf(root)).toBe(derivationSpeech(planFor(DEFAULT_INPUTS).derivation));
    window.dispatchEvent(new Event('beforeprint'));
    expect(shownLines(root)).toEqual(asFormulas(DEFAULT_INPUTS));
    expect(fetch).toHaveBeenCalledOnce();
  });

  test('removed from the page while the forms are on their way: it lets go and draws nothing more', async () => {
    const { answer } = deferredFetch();
    const observer = fakeObserver();
    const { state, root } = await openPage();
    state.updateInputs({ lastBatch: 'drop' });
    const shown = shownLines(root);
    root.remove();
    expect(observer.disconnect).toHaveBeenCalled();
    answer(derivationForms());
    await settle();
    state.updateInputs({ images: 1000 });
    expect(shownLines(root)).toEqual(shown);
    // The new line was on its way: it never came into the removed element.
    expect(shown.map((line) => line.template)).toEqual(['total-batches/product']);
  });

  test('a forms file from another build: a slot the engine does not fill is left empty, never “undefined”', async () => {
    const { answer } = deferredFetch();
    fakeObserver();
    const { state, root } = await openPage();
    answer({
      ...derivationForms(),
      'batches-per-epoch/floor': {
        label: 'Batches per epoch (the last partial batch is dropped)',
        html: '<span data-slot="0">1</span> / <span data-slot="1">1</span> = <span data-slot="2">1</span> <span data-slot="9">1</span> <span data-slot="3"></span>',
      },
    });
    state.updateInputs({ lastBatch: 'drop' });
    await settle();
    const item = root.querySelector('li[data-template="batches-per-epoch/floor"]');
    expect(item?.textContent).toBe(
      'Batches per epoch (the last partial batch is dropped)48,000 / 64 = 750  ',
    );
  });

  test('when the code for new lines cannot load (offline), the missing line stays out and nothing shown is wrong', async () => {
    const { fetch } = deferredFetch();
    fakeObserver();
    const { state, root } = await openPage();
    vi.doMock('../../src/client/derivation-lines', () => {
      throw new Error('offline');
    });
    state.updateInputs({ lastBatch: 'drop' });
    await settle();
    const drop = { ...DEFAULT_INPUTS, lastBatch: 'drop' as const };
    expect(shownLines(root)).toEqual(
      asFormulas(drop).filter((line) => line.template === 'total-batches/product'),
    );
    expect(speechOf(root)).toBe(derivationSpeech(planFor(drop).derivation));
    state.updateInputs({ epochs: 7 });
    await settle();
    expect(shownLines(root)).toEqual(
      asFormulas({ ...drop, epochs: 7 }).filter((line) => line.template === 'total-batches/product'),
    );
    expect(fetch).not.toHaveBeenCalled();
    vi.doUnmock('../../src/client/derivation-lines');
  });

  test('without its list of lines, only the words follow the state, and nothing is fetched', async () => {
    const { fetch } = deferredFetch();
    fakeObserver();
    const { state, root } = await openPage({ list: false });
    state.updateInputs({ devices: 2 });
    expect(speechOf(root)).toBe(derivationSpeech(planFor({ ...DEFAULT_INPUTS, devices: 2 }).derivation));
    expect(root.querySelectorAll('li')).toHaveLength(0);
    expect(fetch).not.toHaveBeenCalled();
  });

  test('the element is defined once, however often its module runs', async () => {
    await import('../../src/client/derivation-element');
    const defined = customElements.get('live-derivation');
    expect(defined).toBeDefined();
    vi.resetModules();
    await import('../../src/client/derivation-element');
    expect(customElements.get('live-derivation')).toBe(defined);
  });
});
