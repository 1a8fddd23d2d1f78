// @vitest-environment happy-dom
// The numbers in the prose, in a DOM: an in-text number the reader adjusts (keys that retrace
// their steps, typing read as a link is read, messages with the range, Escape, a sideways drag),
// the live counts and inputs with their grammar, and the small DOM helpers.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fieldValueText } from '../../src/lib/inputs';
import { countPhrase } from '../../src/lib/format';

type Modules = {
  state: typeof import('../../src/client/training-state');
  number: typeof import('../../src/client/adjustable-number');
  live: typeof import('../../src/client/live-text');
};

/** Fresh modules for a page whose body is `html`, at `search`. */
async function page(html: string, search = ''): Promise<Modules> {
  vi.resetModules();
  window.history.replaceState(null, '', `/the-case/${search}`);
  delete document.documentElement.dataset['trainingPreset'];
  document.body.innerHTML = html;
  return {
    state: await import('../../src/client/training-state'),
    number: await import('../../src/client/adjustable-number'),
    live: await import('../../src/client/live-text'),
  };
}

/** The markup <Num> renders (Num.astro), with the server's attributes that the tests read. */
function numHtml(field: string, id = `num-${field}`): string {
  return `<span class="num" data-num-for="${field}"><span data-num-static>0</span><span role="spinbutton" tabindex="0" id="${id}" aria-describedby="${id}-error">0</span><input type="text" hidden><span id="${id}-error" data-num-error hidden></span></span>`;
}

function parts(field: string) {
  const root = document.querySelector<HTMLElement>(`[data-num-for="${field}"]`);
  const button = root?.querySelector<HTMLElement>('[role="spinbutton"]');
  const input = root?.querySelector('input');
  const error = root?.querySelector<HTMLElement>('[data-num-error]');
  if (!root || !button || !input || !error) throw new Error('missing markup');
  return { root, button, error, editor: () => input, printed: root.querySelector('[data-num-static]') };
}

function key(target: HTMLElement, name: string, init: KeyboardEventInit = {}): boolean {
  return target.dispatchEvent(
    new KeyboardEvent('keydown', { key: name, bubbles: true, cancelable: true, ...init }),
  );
}

function type(input: HTMLInputElement, text: string): void {
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('an in-text number', () => {
  test('shows the state’s value, grouped, with what a screen reader says, and in print', async () => {
    const { number } = await page(numHtml('images'));
    const { root, button, printed, editor } = parts('images');
    number.enhanceAdjustableNumber(root);
    expect(button.textContent).toBe('48,000');
    expect(printed?.textContent).toBe('48,000');
    expect(button.getAttribute('aria-valuenow')).toBe('48000');
    expect(button.getAttribute('aria-valuetext')).toBe('48,000 images');
    expect(editor().hidden).toBe(true);
  });

  test('arrow keys step along the track and retrace their steps; Home and End go to the ends', async () => {
    const { number, state } = await page(numHtml('batchSize'));
    const { root, button } = parts('batchSize');
    number.enhanceAdjustableNumber(root);
    expect(key(button, 'ArrowUp')).toBe(false); // The page does not scroll.
    // The batch size moves by powers of two.
    expect(state.currentState().inputs.batchSize).toBe(128);
    expect(button.textContent).toBe('128');
    key(button, 'ArrowDown');
    expect(state.currentState().inputs.batchSize).toBe(64);
    key(button, 'End');
    expect(state.currentState().inputs.batchSize).toBe(1_000_000);
    key(button, 'End'); // Already there: nothing changes.
    key(button, 'Home');
    expect(state.currentState().inputs.batchSize).toBe(1);
    expect(button.getAttribute('aria-valuetext')).toBe('1 image per batch');
    key(button, 'PageUp');
    expect(state.currentState().inputs.batchSize).toBeGreaterThan(2);
    // Sideways arrows and the space bar are not its keys (a screen reader reads with them).
    const before = state.currentState().inputs.batchSize;
    expect(key(button, 'ArrowRight')).toBe(true);
    expect(key(button, ' ')).toBe(true);
    expect(state.currentState().inputs.batchSize).toBe(before);
    expect(parts('batchSize').editor().hidden).toBe(true);
  });

  test('48,000 images → up → down is 48,000 again, though 48,000 is between two stops', async () => {
    const { number, state } = await page(numHtml('images'));
    const { root, button } = parts('images');
    number.enhanceAdjustableNumber(root);
    key(button, 'ArrowUp');
    const up = state.currentState().inputs.images;
    expect(up).toBeGreaterThan(48_000);
    key(button, 'ArrowDown');
    expect(state.currentState().inputs.images).toBe(48_000);
    key(button, 'ArrowDown');
    expect(state.currentState().inputs.images).toBeLessThan(48_000);
  });

  test('a typed digit opens the field with it; a readable number applies at once; Enter closes the field', async () => {
    const { number, state } = await page(numHtml('images'));
    const { root, button, error, editor } = parts('images');
    number.enhanceAdjustableNumber(root);
    button.focus();
    expect(key(button, '3')).toBe(false);
    const input = editor();
    expect(input.hidden).toBe(false);
    expect(button.hidden).toBe(true);
    expect(document.activeElement).toBe(input);
    expect(input.value).toBe('3');
    type(input, '35126');
    expect(state.currentState().inputs.images).toBe(35_126);
    expect(input.value).toBe('35126'); // As typed, while the reader is in the field.
    expect(button.textContent).toBe('35,126');
    key(input, 'Enter');
    expect(input.hidden).toBe(true);
    expect(button.hidden).toBe(false);
    expect(document.activeElement).toBe(button);
    expect(error.hidden).toBe(true);
    // Enter (or F2) on the spin button opens the field with the value to overwrite.
    key(button, 'F2');
    expect(input.hidden).toBe(false);
    expect(input.value).toBe('35,126');
    // In the field, arrows move the caret, as in any text field.
    expect(key(input, 'ArrowUp')).toBe(true);
    expect(state.currentState().inputs.images).toBe(35_126);
    // A shortcut types nothing.
    key(input, 'Escape');
    expect(key(button, '5', { ctrlKey: true })).toBe(true);
    expect(input.hidden).toBe(true);
    // A letter is no number, and may be a screen reader's command: it opens nothing.
    expect(key(button, 'h')).toBe(true);
    expect(input.hidden).toBe(true);
  });

  test.each(['1,00', '-5', '4.5', '١٠٠', '<b>1</b>', ''])(
    'typed %j: refused with the range on Enter and on leaving, the state unchanged; Escape closes',
    async (text) => {
      const { number, state } = await page(numHtml('epochs'));
      const { root, button, error, editor } = parts('epochs');
      number.enhanceAdjustableNumber(root);
      key(button, 'Enter');
      const input = editor();
      type(input, text);
      key(input, 'Enter');
      expect(state.currentState().inputs.epochs).toBe(120);
      expect(error.hidden).toBe(false);
      expect(error.textContent).toMatch(/^Epochs must be a whole number from 1 to 100,000;/);
      expect(input.getAttribute('aria-invalid')).toBe('true');
      expect(input.hidden).toBe(false); // The refused text stays to be fixed.
      input.dispatchEvent(new FocusEvent('blur'));
      expect(input.hidden).toBe(false);
      expect(error.hidden).toBe(false);
      // Escape puts the message away and shows the state's value.
      input.focus();
      key(input, 'Escape');
      expect(input.hidden).toBe(true);
      expect(button.textContent).toBe('120');
      expect(document.activeElement).toBe(button);
      expect(error.hidden).toBe(true);
      expect(input.hasAttribute('aria-invalid')).toBe(false);
    },
  );

  test('a message that would run off the right of the screen moves left to end inside it', async () => {
    const { number } = await page(numHtml('epochs'));
    const { root, button, error, editor } = parts('epochs');
    number.enhanceAdjustableNumber(root);
    Object.defineProperty(document.documentElement, 'clientWidth', { configurable: true, value: 320 });
    let right = 400;
    error.getBoundingClientRect = () => ({ right }) as DOMRect;
    key(button, 'Enter');
    editor().value = '12x';
    key(editor(), 'Enter');
    expect(error.style.translate).toBe('-88px');
    // Room enough: it stays where it hangs.
    right = 300;
    key(editor(), 'Enter');
    expect(error.style.translate).toBe('');
    Reflect.deleteProperty(document.documentElement, 'clientWidth');
  });

  test('leaving the field applies a readable number and closes it', async () => {
    const { number, state } = await page(numHtml('epochs'));
    const { root, button, editor } = parts('epochs');
    number.enhanceAdjustableNumber(root);
    key(button, '9');
    const input = editor();
    input.value = '90'; // Pasted: no input event.
    input.dispatchEvent(new FocusEvent('blur'));
    expect(state.currentState().inputs.epochs).toBe(90);
    expect(input.hidden).toBe(true);
    expect(button.hidden).toBe(false);
  });

  test('a value the engine refuses in combination is explained beside the field', async () => {
    const { number, state } = await page(numHtml('images'), '?framework=keras&val=50&images=10');
    const { root, button, error, editor } = parts('images');
    number.enhanceAdjustableNumber(root);
    key(button, '1');
    key(editor(), 'Enter');
    expect(state.currentState().inputs.images).toBe(10);
    expect(error.textContent).toMatch(/^A validation share of 50 % leaves no training images out of 1 image/);
    expect(editor().hidden).toBe(false);
    key(editor(), 'Escape');
    key(button, 'ArrowUp');
    expect(state.currentState().inputs.images).toBe(11);
    expect(error.hidden).toBe(true);
  });

  test('follows changes made elsewhere, but not over a number the reader is still typing', async () => {
    const { number, state } = await page(numHtml('epochs'));
    const { root, button, error, editor } = parts('epochs');
    number.enhanceAdjustableNumber(root);
    state.updateInputs({ epochs: 50 });
    expect(button.textContent).toBe('50');
    key(button, 'Enter');
    const input = editor();
    type(input, '1e');
    state.updateInputs({ images: 100 });
    expect(input.value).toBe('1e');
    type(input, '50.0');
    state.updateInputs({ epochs: 7 });
    expect(input.value).toBe('7');
    // A field left flagged closes when the number changes elsewhere: the page shows one value.
    type(input, 'x');
    key(input, 'Enter');
    expect(error.hidden).toBe(false);
    input.blur();
    state.updateInputs({ epochs: 8 });
    expect(input.hidden).toBe(true);
    expect(error.hidden).toBe(true);
    expect(button.textContent).toBe('8');
  });

  test('a sideways drag steps along the track; a click without a drag opens the field', async () => {
    const { number, state } = await page(numHtml('epochs'));
    const { root, button, editor } = parts('epochs');
    number.enhanceAdjustableNumber(root);
    button.setPointerCapture = () => {};
    const pointer = (kind: string, clientX: number) =>
      button.dispatchEvent(
        new PointerEvent(kind, { pointerId: 1, clientX, button: 0, bubbles: true, cancelable: true }),
      );
    pointer('pointerdown', 100);
    pointer('pointermove', 102); // Less than one step: nothing yet.
    expect(state.currentState().inputs.epochs).toBe(120);
    pointer('pointermove', 112); // Two steps of 6 px.
    expect(state.currentState().inputs.epochs).toBe(122);
    expect(root.classList.contains('num-dragging')).toBe(true);
    pointer('pointermove', 100); // Back where it started.
    expect(state.currentState().inputs.epochs).toBe(120);
    pointer('pointerup', 100);
    expect(root.classList.contains('num-dragging')).toBe(false);
    expect(editor().hidden).toBe(true);

    pointer('pointerdown', 50);
    pointer('pointerup', 50);
    expect(document.activeElement).toBe(editor());
    expect(editor().value).toBe('120');
  });

  test('a step the engine refuses stays unapplied and explained; other keys and stray pointers do nothing', async () => {
    const { number, state } = await page(
      `${numHtml('images')}<span data-num-for="epochs"><span role="spinbutton"></span></span>`,
      '?framework=keras&val=50&images=2',
    );
    const { root, button, error, editor } = parts('images');
    number.enhanceAdjustableNumber(root);
    // Markup without its field and message is left alone.
    const bare = document.querySelector<HTMLElement>('[data-num-for="epochs"]');
    if (bare) number.enhanceAdjustableNumber(bare);
    expect(bare?.textContent).toBe('');
    key(button, 'ArrowDown');
    expect(state.currentState().inputs.images).toBe(2);
    expect(error.textContent).toMatch(/^A validation share of 50 % leaves no training images out of 1 image/);
    button.setPointerCapture = () => {};
    const pointer = (kind: string, clientX: number, which = 0) =>
      button.dispatchEvent(new PointerEvent(kind, { pointerId: 2, clientX, button: which, bubbles: true }));
    pointer('pointermove', 300);
    pointer('pointerup', 300);
    pointer('pointerdown', 0, 2); // Not the main button.
    pointer('pointermove', 300);
    expect(state.currentState().inputs.images).toBe(2);
    expect(editor().hidden).toBe(true);
  });

  test('a shared link keeps parameters that are not the state’s', async () => {
    const { state } = await page('', '?seed=7&images=100');
    const link = new URL(state.shareableUrl());
    expect(link.searchParams.get('seed')).toBe('7');
    expect(link.searchParams.get('images')).toBe('100');
  });

  test('an in-text number speaks each unit in the singular for 1 (the engine’s fieldValueText)', () => {
    const number = { valueText: fieldValueText };
    expect(number.valueText('images', 1)).toBe('1 image');
    expect(number.valueText('epochs', 1)).toBe('1 epoch');
    expect(number.valueText('devices', 1)).toBe('1 device');
    expect(number.valueText('batchSize', 1)).toBe('1 image per batch');
    expect(number.valueText('accumulationSteps', 1)).toBe('1 batch per optimizer step');
    expect(number.valueText('accumulationSteps', 4)).toBe('4 batches per optimizer step');
    expect(number.valueText('images', 48_000)).toBe('48,000 images');
  });

  test('stepValue: fields without a track step by one, within range', async () => {
    const { number } = await page('');
    expect(number.stepValue('devices', 4, 1)).toBe(5);
    expect(number.stepValue('devices', 1, -1)).toBe(1);
    expect(number.stepValue('accumulationSteps', 1_024, 1)).toBe(1_024);
    expect(number.stepValue('batchSize', 64, 1, 2)).toBe(256);
  });
});

describe('live text', () => {
  const HTML = `
    <p><span data-live-count data-quantity="batches-per-epoch" data-one="batch" data-many="batches"></span></p>
    <p><span data-live-count data-quantity="batches-per-epoch" data-set='{"images":48001}' data-one="batch" data-many="batches"></span></p>
    <p><span data-live-count data-quantity="total-batches" data-set='{"lastBatch":"drop","batchSize":128,"images":100}' data-zero="no batch at all" data-one="batch" data-many="batches"></span></p>
    <p><span data-live-count data-quantity="image-passes" data-set='{"images":0}'>kept words</span></p>
    <p><span data-live-count data-quantity="image-passes" data-set='{oops'>kept too</span></p>
    <p><span data-live-count data-quantity="last-batch-size"></span></p>
    <p><span data-live-input data-field="images" data-one="image" data-many="images"></span></p>
    <p><span data-live-input data-field="lastBatch" data-labels='{"keep":"kept","drop":"dropped"}'></span></p>
    <p><span data-live-input data-field="framework"></span></p>`;

  const texts = () => [...document.querySelectorAll('p > span')].map((span) => span.textContent);

  test('every count and input in the prose reads the state, with its grammar', async () => {
    const { live, state } = await page(HTML);
    live.startLiveText();
    live.startLiveText(); // A second widget starting it changes nothing.
    expect(texts()).toEqual([
      '750 batches',
      '751 batches',
      'no batch at all',
      'kept words',
      'kept too',
      '64',
      '48,000 images',
      'kept',
      'pytorch',
    ]);
    // A changed number is highlighted by an animation, not a class (no DOM change, no extra frame).
    const animated: Element[] = [];
    const animate = vi.fn(function (this: Element) {
      animated.push(this);
      return {} as Animation;
    });
    HTMLElement.prototype.animate = animate as unknown as HTMLElement['animate'];
    // A change after a pause (changes in a quick stream, a held key, are not highlighted).
    vi.advanceTimersByTime(1000);
    state.updateInputs({ images: 64, lastBatch: 'drop', framework: 'lightning' });
    expect(texts()).toEqual([
      '1 batch',
      '750 batches', // 48,001 images, now dropping the last one: ⌊48,001 / 64⌋.
      'no batch at all',
      'kept words',
      'kept too',
      '64',
      '64 images',
      'dropped',
      'lightning',
    ]);
    const first = document.querySelector<HTMLElement>('[data-live-count]');
    expect(first?.dataset['value']).toBe('1');
    expect(animated).toContain(first);
    // The next change 50 ms later is part of a stream: the numbers change, nothing glows.
    const glowed = animated.length;
    vi.advanceTimersByTime(50);
    state.updateInputs({ images: 128 });
    expect(first?.textContent).toBe('2 batches');
    expect(animated.length).toBe(glowed);
    expect(first?.classList.length ?? 0).toBe(0);
  });

  test('countPhrase (the engine’s, shared by server and browser): the words around a count', () => {
    const live = { countPhrase };
    expect(live.countPhrase(null, 'not one number', { one: 'step', many: 'steps' })).toBe('not one number');
    expect(live.countPhrase(0, '0', { zero: 'no step', one: 'step', many: 'steps' })).toBe('no step');
    expect(live.countPhrase(0, '0', { one: 'step', many: 'steps' })).toBe('0 steps');
    expect(live.countPhrase(1, '1', { one: 'step', many: 'steps' })).toBe('1 step');
    expect(live.countPhrase(5, '5', {})).toBe('5');
  });
});

describe('DOM helpers', () => {
  test('setText and setAttribute write only what changed', async () => {
    await page('<p id="p">a</p>');
    const { setAttribute, setText } = await import('../../src/client/dom');
    const p = document.getElementById('p');
    if (!p) throw new Error('no p');
    const observer = new MutationObserver(() => {});
    observer.observe(p, { attributes: true, childList: true, characterData: true, subtree: true });
    setText(p, 'a');
    setAttribute(p, 'data-x', null);
    expect(observer.takeRecords()).toHaveLength(0);
    setText(p, 'b');
    setAttribute(p, 'data-x', '1');
    setAttribute(p, 'data-x', '1');
    expect(p.outerHTML).toBe('<p id="p" data-x="1">b</p>');
    setAttribute(p, 'data-x', null);
    expect(p.hasAttribute('data-x')).toBe(false);
    setText(null, 'nothing to write to');
  });

  test('watchNearScreen reports the last entry, stops on demand, and does nothing without IntersectionObserver', async () => {
    await page('<div id="w"></div>');
    const { watchNearScreen } = await import('../../src/client/dom');
    const element = document.getElementById('w');
    if (!element) throw new Error('no element');
    let report: (entries: { isIntersecting: boolean }[]) => void = () => {};
    const disconnect = vi.fn();
    const margins: string[] = [];
    class FakeObserver {
      constructor(callback: typeof report, options: { rootMargin: string }) {
        report = callback;
        margins.push(options.rootMargin);
      }
      observe() {}
      disconnect = disconnect;
    }
    vi.stubGlobal('IntersectionObserver', FakeObserver);
    const seen: boolean[] = [];
    const stop = watchNearScreen(element, (near) => seen.push(near));
    report([{ isIntersecting: false }, { isIntersecting: true }]);
    report([]);
    stop();
    expect(seen).toEqual([true]);
    expect(margins).toEqual(['200px 0px']);
    expect(disconnect).toHaveBeenCalledOnce();
    vi.stubGlobal('IntersectionObserver', undefined);
    const none = watchNearScreen(element, () => seen.push(false));
    none();
    expect(seen).toEqual([true]);
    vi.unstubAllGlobals();
  });

  test('clipboardAllowed: only with a clipboard that writes and a policy that allows it', async () => {
    const { clipboardAllowed } = await import('../../src/client/dom');
    const withPolicy = (allowed: boolean | undefined) =>
      Object.defineProperty(document, 'featurePolicy', {
        configurable: true,
        value: allowed === undefined ? undefined : { allowsFeature: () => allowed },
      });
    vi.stubGlobal('navigator', { clipboard: undefined });
    withPolicy(undefined);
    expect(clipboardAllowed()).toBe(false);
    vi.stubGlobal('navigator', { clipboard: { writeText: async () => {} } });
    expect(clipboardAllowed()).toBe(true);
    withPolicy(false); // A frame whose permissions policy refuses clipboard-write.
    expect(clipboardAllowed()).toBe(false);
    withPolicy(true);
    expect(clipboardAllowed()).toBe(true);
    withPolicy(undefined);
    vi.unstubAllGlobals();
  });
});
