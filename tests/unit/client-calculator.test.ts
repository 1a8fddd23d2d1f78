// @vitest-environment happy-dom
// The calculator's element and its parts in a DOM (src/client/calculator-*.ts): typing, sliders,
// the last batch and the framework becoming state or messages; a refused change that waits and
// agrees everywhere; Reset; the results with their labels and notes; Copy link and its fallback.
// Expected numbers are the worked cases of docs/worked-cases.md, written out.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { DEFAULT_INPUTS } from '../../src/lib/inputs';
import { fakeObserver } from '../support/fake-observer';

type Modules = {
  state: typeof import('../../src/client/training-state');
  element: typeof import('../../src/client/calculator-element');
};

const NUMBER_FIELDS = [
  ['images', 'images'],
  ['batchSize', 'batch'],
  ['epochs', 'epochs'],
  ['devices', 'devices'],
  ['accumulationSteps', 'accum'],
  ['validationPercent', 'val'],
] as const;
const OUTPUTS = [
  'batches-per-epoch',
  'total-batches',
  'total-batches-all-devices',
  'last-batch-size',
  'effective-batch-size',
  'optimizer-steps-per-epoch',
  'total-optimizer-steps',
];

/** The calculator's markup, reduced to what its script reads (the data-* of Calculator.astro). */
function calculatorHtml(): string {
  const fields = NUMBER_FIELDS.map(
    ([field], index) => `
      <label>${field}
        ${index < 3 ? `<input type="range" min="0" max="1000" data-range-for="${field}">` : ''}
        <input type="number" data-number-for="${field}">
      </label>
      <p data-reason-for="${field}"></p>
      <p class="field-error" data-error-for="${field}" hidden></p>`,
  ).join('');
  const results = OUTPUTS.map(
    (id) =>
      `<div data-result="${id}"><dt data-label-for="${id}">${id}</dt><dd><output data-quantity="${id}"></output></dd></div>`,
  ).join('');
  return `
    <div class="calculator">
      <form>
        <div data-url-notices hidden></div>
        ${fields}
        <fieldset>
          <input type="radio" name="last" value="keep" data-last-batch checked>
          <input type="radio" name="last" value="drop" data-last-batch>
          <p data-reason-for="lastBatch"></p>
          <p class="field-error" data-error-for="lastBatch" hidden></p>
        </fieldset>
        <details class="advanced"><summary>Advanced</summary>
          <select data-framework>
            ${['pytorch', 'keras', 'hf-trainer', 'lightning', 'fastai', 'deepspeed'].map((f) => `<option value="${f}">${f}</option>`).join('')}
          </select>
        </details>
        <button type="button" data-reset>Reset</button>
        <button type="button" data-copy-link>Copy link</button>
        <p data-share-status></p>
        <div data-share-fallback hidden><input data-share-url></div>
      </form>
      <p><strong data-headline-for="batches-per-epoch"></strong> / <strong data-headline-for="total-batches"></strong></p>
      <dl>${results}</dl>
      <p data-per-device hidden>Per device</p>
      <ul data-notes></ul>
    </div>`;
}

/** Fresh modules and a calculator for a page at `search`. */
async function calculator(search = ''): Promise<Modules> {
  vi.resetModules();
  window.history.replaceState(null, '', `/playground/${search}`);
  delete document.documentElement.dataset['trainingPreset'];
  document.body.innerHTML = '';
  const modules = {
    state: await import('../../src/client/training-state'),
    element: await import('../../src/client/calculator-element'),
  };
  // Not <training-calculator>: the element is defined once per window, bound to the first state
  // module; the fresh modules enhance a plain root instead.
  document.body.innerHTML = calculatorHtml();
  modules.element.enhanceCalculator($('.calculator'));
  return modules;
}

const $ = <T extends Element = HTMLElement>(selector: string) => {
  const element = document.querySelector<T>(selector);
  if (!element) throw new Error(`missing ${selector}`);
  return element;
};
const numberField = (field: string) => $<HTMLInputElement>(`[data-number-for="${field}"]`);
const slider = (field: string) => $<HTMLInputElement>(`[data-range-for="${field}"]`);
const errorOf = (field: string) => $(`[data-error-for="${field}"]`);
const output = (id: string) => $<HTMLOutputElement>(`output[data-quantity="${id}"]`);

function type(input: HTMLInputElement, text: string): void {
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}
function choose(input: HTMLInputElement | HTMLSelectElement, value?: string): void {
  if (input instanceof HTMLInputElement) input.checked = true;
  else if (value !== undefined) input.value = value;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}
function press(input: HTMLElement, key: string): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
  input.dispatchEvent(event);
  return event;
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('<training-calculator>', () => {
  test('<training-calculator> joins the state when connected and leaves it when removed', async () => {
    // The element is defined once per window, bound to the modules of the first import in this
    // file: this test comes first, and drives that state.
    const { state } = await calculator();
    expect(customElements.get('training-calculator')).toBeDefined();
    const element = document.createElement('training-calculator');
    element.innerHTML = calculatorHtml();
    document.body.replaceChildren(element);
    const output = element.querySelector<HTMLOutputElement>('output[data-quantity="batches-per-epoch"]');
    expect(output?.textContent).toBe('750');
    state.updateInputs({ batchSize: 32 });
    expect(output?.textContent).toBe('1,500');
    element.remove();
    state.updateInputs({ batchSize: 16 });
    expect(output?.textContent).toBe('1,500');
  });
});

describe('the calculator', () => {
  test('shows the worked case: 750 batches an epoch, 90,000 in all, in the results and headline', async () => {
    await calculator();
    expect(numberField('images').value).toBe('48000');
    expect(numberField('batchSize').value).toBe('64');
    expect(output('batches-per-epoch').textContent).toBe('750');
    expect(output('batches-per-epoch').dataset['value']).toBe('750');
    expect(output('total-batches').textContent).toBe('90,000');
    expect($('[data-headline-for="total-batches"]').textContent).toBe('90,000');
    expect(slider('images').getAttribute('aria-valuetext')).toBe('48,000 images');
    expect($<HTMLDetailsElement>('details.advanced').open).toBe(false);
    // One device: the count over all devices says nothing, and no label says "on each device".
    expect($('[data-result="total-batches-all-devices"]').hidden).toBe(true);
    expect($('[data-per-device]').hidden).toBe(true);
  });

  test('typing a value applies it; text it cannot read is named with its range and waits', async () => {
    const { state } = await calculator();
    type(numberField('batchSize'), '32');
    expect(state.currentState().inputs.batchSize).toBe(32);
    expect(output('batches-per-epoch').textContent).toBe('1,500');
    type(numberField('batchSize'), '64.5');
    expect(errorOf('batchSize').hidden).toBe(false);
    expect(errorOf('batchSize').textContent).toMatch(
      /^Batch size must be a whole number from 1 to 1,000,000/,
    );
    expect(numberField('batchSize').getAttribute('aria-invalid')).toBe('true');
    expect(state.currentState().inputs.batchSize).toBe(32);
    // Another change does not overwrite the text being mended, nor clear its message.
    type(numberField('epochs'), '10');
    expect(numberField('batchSize').value).toBe('64.5');
    expect(errorOf('batchSize').hidden).toBe(false);
    type(numberField('batchSize'), '100');
    expect(errorOf('batchSize').hidden).toBe(true);
    expect(numberField('batchSize').hasAttribute('aria-invalid')).toBe(false);
    expect(output('batches-per-epoch').textContent).toBe('480');
  });

  test('leaving a valid field shows the value as it stands: 064 becomes 64', async () => {
    await calculator('?batch=32');
    const field = numberField('batchSize');
    type(field, '064');
    choose(field);
    expect(field.value).toBe('64');
  });

  test('a refused combination waits, and field, message and pending change agree', async () => {
    const { state } = await calculator('?images=10&framework=keras');
    const validation = numberField('validationPercent');
    // Keras keeps ⌊10 × (1 − 0.9)⌋ = ⌊0.9999…⌋ = 0 images to train on: refused, and the field
    // keeps what was asked.
    type(validation, '90');
    choose(validation);
    expect(state.currentState().inputs.validationPercent).toBe(0);
    expect(validation.value).toBe('90');
    expect(validation.getAttribute('aria-invalid')).toBe('true');
    expect(errorOf('validationPercent').textContent).toMatch(/leaves no training images out of 10 images/);
    // A change to another field applies alone; the refused one keeps waiting, message and all.
    type(numberField('epochs'), '10');
    expect(state.currentState().inputs).toMatchObject({ epochs: 10, validationPercent: 0 });
    expect(validation.value).toBe('90');
    expect(errorOf('validationPercent').hidden).toBe(false);
    // More images make the waiting share possible: both apply, and the message goes.
    type(numberField('images'), '100');
    expect(state.currentState().inputs).toMatchObject({ images: 100, validationPercent: 90, epochs: 10 });
    expect(errorOf('validationPercent').hidden).toBe(true);
    expect(validation.hasAttribute('aria-invalid')).toBe(false);
  });

  test('a slider’s refused value shows in its field and its spoken value, with the reason', async () => {
    const { state } = await calculator('?framework=keras&val=80');
    const range = slider('images');
    // The slider's lowest position is 1 image, and Keras keeps ⌊1 × 0.2⌋ = 0 of it: refused.
    range.value = '0';
    range.dispatchEvent(new Event('input', { bubbles: true }));
    expect(state.currentState().inputs.images).toBe(48_000);
    expect(range.getAttribute('aria-valuetext')).toBe('1 image');
    expect(numberField('images').value).toBe('1');
    expect(numberField('images').getAttribute('aria-invalid')).toBe('true');
    expect(errorOf('images').textContent).toMatch(/^Not applied: A validation share of 80 %/);
  });

  test('Page Up and Page Down move a number field as far as its slider', async () => {
    const { state } = await calculator();
    const up = press(numberField('batchSize'), 'PageUp');
    expect(up.defaultPrevented).toBe(true);
    const after = state.currentState().inputs.batchSize;
    expect(after).toBeGreaterThan(64);
    expect(numberField('batchSize').value).toBe(String(after));
    press(numberField('batchSize'), 'PageDown');
    expect(state.currentState().inputs.batchSize).toBeLessThan(after);
    expect(press(numberField('batchSize'), 'ArrowUp').defaultPrevented).toBe(false);
  });

  test('a slider’s steps retrace themselves back to a typed value', async () => {
    const { state } = await calculator();
    const range = slider('images');
    const start = Number(range.value);
    range.value = String(start + 1);
    range.dispatchEvent(new Event('input', { bubbles: true }));
    expect(state.currentState().inputs.images).not.toBe(48_000);
    range.value = String(start);
    range.dispatchEvent(new Event('input', { bubbles: true }));
    expect(state.currentState().inputs.images).toBe(48_000);
    expect(range.getAttribute('aria-valuetext')).toBe('48,000 images');
  });

  test('a framework brings its own last-batch default, and its limits come from the engine', async () => {
    const { state } = await calculator();
    const framework = $<HTMLSelectElement>('[data-framework]');
    choose(framework, 'fastai');
    expect(state.currentState().inputs).toMatchObject({ framework: 'fastai', lastBatch: 'drop' });
    expect($<HTMLInputElement>('[data-last-batch][value="drop"]').checked).toBe(true);
    choose(framework, 'keras');
    expect(state.currentState().inputs).toMatchObject({ framework: 'keras', lastBatch: 'keep' });
    const drop = $<HTMLInputElement>('[data-last-batch][value="drop"]');
    expect(drop.disabled).toBe(true);
    expect($('[data-reason-for="lastBatch"]').textContent).toMatch(/Keras cannot drop the last batch/);
    choose(framework, 'not-a-framework');
    expect(state.currentState().inputs.framework).toBe('keras');
    choose(framework, 'pytorch');
    expect(drop.disabled).toBe(false);
    expect($('[data-reason-for="lastBatch"]').textContent).toBe('');
  });

  test('with several devices the labels say per device and over all: 375 each, 90,000 together', async () => {
    const { state } = await calculator();
    type(numberField('devices'), '2');
    expect(state.currentState().inputs.devices).toBe(2);
    expect($('[data-label-for="batches-per-epoch"]').textContent).toBe('Batches per epoch, on each device');
    expect(output('batches-per-epoch').textContent).toBe('375');
    expect($('[data-result="total-batches-all-devices"]').hidden).toBe(false);
    expect($('[data-label-for="total-batches-all-devices"]').textContent).toBe(
      'Batches in all, over the 2 devices',
    );
    expect(output('total-batches-all-devices').textContent).toBe('90,000');
    expect($('[data-per-device]').hidden).toBe(false);
  });

  test('the notes follow the plan, and a count without a single value says why', async () => {
    await calculator();
    type(numberField('images'), '48001');
    expect(output('last-batch-size').textContent).toBe('1');
    choose($<HTMLSelectElement>('[data-framework]'), 'keras');
    const notes = () =>
      [...document.querySelectorAll<HTMLElement>('[data-notes] li')].map((li) => li.dataset['note']);
    expect(notes()).toContain('keras-never-drops');
    choose($<HTMLSelectElement>('[data-framework]'), 'pytorch');
    expect(notes()).not.toContain('keras-never-drops');
    // DeepSpeed's carried-over accumulation: steps per epoch change from epoch to epoch.
    choose($<HTMLSelectElement>('[data-framework]'), 'deepspeed');
    type(numberField('accumulationSteps'), '4');
    expect(output('optimizer-steps-per-epoch').classList.contains('no-value')).toBe(true);
    expect(output('optimizer-steps-per-epoch').hasAttribute('data-value')).toBe(false);
    type(numberField('accumulationSteps'), '1');
    expect(output('optimizer-steps-per-epoch').classList.contains('no-value')).toBe(false);
    expect(output('optimizer-steps-per-epoch').textContent).toBe('751');
  });

  test('a note with numbers in its words follows each step', async () => {
    await calculator('?images=100&batch=128&last=drop');
    const note = () => $('[data-notes] li[data-note="no-batches"]');
    const first = note();
    expect(first.textContent).toContain('a batch size of at most 100.');
    type(numberField('images'), '120');
    // The same note, rewritten in place with the new share.
    expect(note()).toBe(first);
    expect(first.textContent).toContain('a batch size of at most 120.');
  });

  test('Reset rewrites every field, whatever it holds, and every message goes', async () => {
    const { state } = await calculator('?batch=32');
    type(numberField('batchSize'), '');
    type(numberField('epochs'), '64.5');
    $('[data-reset]').click();
    expect(numberField('batchSize').value).toBe('64');
    expect(numberField('epochs').value).toBe('120');
    expect(errorOf('batchSize').hidden).toBe(true);
    expect(errorOf('epochs').hidden).toBe(true);
    expect(state.currentState().inputs.batchSize).toBe(64);
    expect($('[data-share-status]').textContent).toBe('Reset to the starting values.');
    vi.advanceTimersByTime(4000);
    expect($('[data-share-status]').textContent).toBe('');
  });

  test('a link with advanced options opens them; a bad parameter is named in the notice', async () => {
    await calculator('?devices=2&batch=banana');
    expect($<HTMLDetailsElement>('details.advanced').open).toBe(true);
    const notices = $('[data-url-notices]');
    expect(notices.hidden).toBe(false);
    expect(notices.textContent).toMatch(/Batch size must be a whole number from 1 to 1,000,000/);
    expect(numberField('devices').value).toBe('2');
  });

  test('Copy link writes the link of the current state, or offers it in a field', async () => {
    const { state } = await calculator();
    type(numberField('batchSize'), '32');
    const written: string[] = [];
    vi.stubGlobal('navigator', { clipboard: { writeText: async (text: string) => void written.push(text) } });
    $('[data-copy-link]').click();
    await vi.waitFor(() => expect($('[data-share-status]').textContent).toBe('Link copied.'));
    expect(new URL(written[0] ?? '').searchParams.get('batch')).toBe('32');
    expect(written[0]).toBe(state.shareableUrl());

    vi.stubGlobal('navigator', { clipboard: { writeText: () => Promise.reject(new Error('denied')) } });
    $('[data-copy-link]').click();
    await vi.waitFor(() =>
      expect($('[data-share-status]').textContent).toBe('Copy the link from the field.'),
    );
    expect($('[data-share-fallback]').hidden).toBe(false);
    expect(new URL($<HTMLInputElement>('[data-share-url]').value).searchParams.get('batch')).toBe('32');
  });
});

describe('the calculator, more cases', () => {
  test('a refused framework waits with its last batch, both marked, until the share fits', async () => {
    const { state } = await calculator('?images=1&val=50');
    // PyTorch's random_split keeps the 1 image (the remainder goes to training first); the
    // Trainer's train_test_split keeps 1 − ⌈0.5⌉ = 0: refused, and the framework and its last
    // batch wait, marked.
    choose($<HTMLSelectElement>('[data-framework]'), 'hf-trainer');
    expect(state.currentState().inputs.framework).toBe('pytorch');
    expect(errorOf('validationPercent').textContent).toMatch(/leaves no training images out of 1 image/);
    expect(errorOf('lastBatch').textContent).toMatch(/^Not applied: /);
    expect($<HTMLInputElement>('[data-last-batch][value="keep"]').getAttribute('aria-invalid')).toBe('true');
    // A share that leaves images to train on lets the waiting framework apply, and every mark goes.
    type(numberField('validationPercent'), '0');
    expect(state.currentState().inputs).toMatchObject({ framework: 'hf-trainer', validationPercent: 0 });
    expect(errorOf('lastBatch').hidden).toBe(true);
    expect($<HTMLInputElement>('[data-last-batch][value="keep"]').hasAttribute('aria-invalid')).toBe(false);
  });

  test('a calculator without a form, a status line or a fallback field still works as far as it can', async () => {
    const { element, state } = await calculator();
    document.body.innerHTML = '<div class="bare"><p>No form</p></div>';
    expect(element.enhanceCalculator($('.bare'))).toBeUndefined();
    // Copy link with a refused clipboard and no field to offer the link in: nothing breaks.
    document.body.innerHTML =
      '<div class="share"><form></form><button type="button" data-copy-link>Copy</button></div>';
    const stop = element.enhanceCalculator($('.share'));
    vi.stubGlobal('navigator', { clipboard: undefined });
    $('[data-copy-link]').click();
    await Promise.resolve();
    expect(state.currentState().inputs.images).toBe(48_000);
    stop?.();
  });
});

describe('the calculator far from the screen', () => {
  test('waits while far, then shows the latest state when near or printed', async () => {
    const observer = fakeObserver();
    const { state } = await calculator();
    expect(output('batches-per-epoch').textContent).toBe('750');
    observer.near(false);
    state.updateInputs({ batchSize: 32 });
    state.updateInputs({ batchSize: 128 });
    // Nothing written while far: the fields and results still show the worked case.
    expect(output('batches-per-epoch').textContent).toBe('750');
    expect(numberField('batchSize').value).toBe('64');
    observer.near(true);
    // 48,000 / 128 = 375, the last of the two changes.
    expect(output('batches-per-epoch').textContent).toBe('375');
    expect(numberField('batchSize').value).toBe('128');
    expect(slider('batchSize').getAttribute('aria-valuetext')).toBe('128 images per batch');

    observer.near(false);
    state.updateInputs({ epochs: 10 });
    expect(output('total-batches').textContent).toBe('45,000');
    window.dispatchEvent(new Event('beforeprint'));
    // 375 × 10.
    expect(output('total-batches').textContent).toBe('3,750');
  });
});

describe('setsAdvancedOptions', () => {
  test('is true for any option in the disclosure, false for the worked case', async () => {
    const { element } = await calculator();
    const worked = { ...DEFAULT_INPUTS };
    expect(element.setsAdvancedOptions(worked)).toBe(false);
    expect(element.setsAdvancedOptions({ ...worked, devices: 2 })).toBe(true);
    expect(element.setsAdvancedOptions({ ...worked, accumulationSteps: 4 })).toBe(true);
    expect(element.setsAdvancedOptions({ ...worked, validationPercent: 20 })).toBe(true);
    expect(element.setsAdvancedOptions({ ...worked, framework: 'keras' })).toBe(true);
  });
});
