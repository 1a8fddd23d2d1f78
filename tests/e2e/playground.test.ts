// The playground's widgets in Chromium: typing, sliders by keyboard, the URL, copy and reset,
// invalid input, themes, reduced motion and phones. Every expected number comes from the engine.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  DEFAULT_INPUTS,
  FIELD_SPECS,
  QUANTITY_IDS,
  compareFrameworks,
  formatCount,
  quantity,
  inputsFromParams,
  planFromParams,
  quantities,
  type TrainingInputs,
} from '../../src/lib';
import { pageStep } from '../../src/client/slider-scales';
import { describeEpochsText } from '../../src/charts/epochs-chart';
import {
  NO_PROBLEMS,
  launchBrowser,
  numberInput,
  openEveryDisclosure,
  openPage,
  pageURL,
  runAxe,
} from './browser';
import { planFor } from '../support/plans';

const PLAYGROUND = 'playground/';

/** Every output on the page against the engine's plan for `inputs`. */
async function expectOutputs(page: Page, inputs: TrainingInputs): Promise<void> {
  const expected = quantities(planFor(inputs));
  await expect
    .poll(async () =>
      page.locator('training-calculator output[data-quantity]').evaluateAll((outputs) =>
        outputs.map((output) => ({
          id: output.getAttribute('data-quantity'),
          text: output.textContent?.trim(),
          value: output.getAttribute('data-value'),
        })),
      ),
    )
    .toEqual(
      expected.map((item) => ({
        id: item.id,
        text: item.text,
        value: item.value === null ? null : String(item.value),
      })),
    );
}

/** A derivation line's numbers by slot, as shown (KaTeX may lay a fraction's parts out in any order). */
function slotsOf(line: Locator): Promise<Record<string, string | undefined>> {
  return line
    .locator('[data-slot]')
    .evaluateAll((elements) =>
      Object.fromEntries(
        elements.map((element) => [element.getAttribute('data-slot') ?? '', element.textContent?.trim()]),
      ),
    );
}

/** The arithmetic's shown lines, in order: template, label, and numbers by slot (none for a line in words). */
function shownDerivation(page: Page) {
  return page.locator('live-derivation li[data-template]:not([hidden])').evaluateAll((items) =>
    items.map((item) => ({
      template: item.getAttribute('data-template'),
      label: item.querySelector('.derivation-label')?.textContent?.trim(),
      words: item.hasAttribute('data-words'),
      slots: Object.fromEntries(
        [...item.querySelectorAll('[data-slot]')].map((slot) => [
          slot.getAttribute('data-slot') ?? '',
          slot.textContent?.trim(),
        ]),
      ),
    })),
  );
}

/** The engine's lines for `inputs`, as shownDerivation reads them. */
function expectedDerivation(inputs: TrainingInputs) {
  return planFor(inputs).derivation.map((step) => ({
    template: step.template,
    label: step.label,
    words: false,
    slots: Object.fromEntries(step.values.map((value, slot) => [String(slot), formatCount(value)])),
  }));
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('the calculator', () => {
  test('shows the default case from the engine and every quantity once', async () => {
    const { page, context, problems } = await openPage(browser, PLAYGROUND);
    await expectOutputs(page, DEFAULT_INPUTS);
    const ids = await page
      .locator('training-calculator output[data-quantity]')
      .evaluateAll((outputs) => outputs.map((output) => output.getAttribute('data-quantity')));
    expect(ids).toEqual([...QUANTITY_IDS]);
    expect(await problems()).toEqual(NO_PROBLEMS);
    await context.close();
  });

  test('typed values update every output, the arithmetic and the URL', async () => {
    const { page, context, problems } = await openPage(browser, PLAYGROUND);
    await numberInput(page, 'Images').fill('48001');
    await numberInput(page, 'Batch size').fill('32');
    await numberInput(page, 'Epochs').fill('50');
    const inputs = { ...DEFAULT_INPUTS, images: 48_001, batchSize: 32, epochs: 50 };
    await expectOutputs(page, inputs);
    const plan = planFor(inputs);
    const speech = page.locator('[data-derivation-speech]').first();
    await expect.poll(() => speech.textContent()).toContain(plan.derivation[0]?.speech ?? 'missing');
    // The address is written once typing pauses, so it may take more than one write to catch up.
    await expect.poll(() => new URL(page.url()).searchParams.get('images')).toBe('48001');
    await expect.poll(() => new URL(page.url()).searchParams.get('batch')).toBe('32');
    await expect.poll(() => new URL(page.url()).searchParams.get('epochs')).toBe('50');
    expect(await problems()).toEqual(NO_PROBLEMS);
    await context.close();
  });

  test('the sliders work from the keyboard and stay in step with the number inputs', async () => {
    const { page, context } = await openPage(browser, PLAYGROUND);
    const batchSlider = page.getByRole('slider', { name: 'Batch size slider' });
    await batchSlider.focus();
    await page.keyboard.press('ArrowRight');
    // Batch size snaps to powers of two: 64 → 128.
    await expect.poll(() => numberInput(page, 'Batch size').inputValue()).toBe('128');
    await expectOutputs(page, { ...DEFAULT_INPUTS, batchSize: 128 });
    await page.keyboard.press('Home');
    await expect
      .poll(() => numberInput(page, 'Batch size').inputValue())
      .toBe(String(FIELD_SPECS.batchSize.min));
    await page.keyboard.press('End');
    const largest = Number(await numberInput(page, 'Batch size').inputValue());
    expect(largest).toBeGreaterThan(100_000);
    expect(largest).toBeLessThanOrEqual(FIELD_SPECS.batchSize.max);
    await expectOutputs(page, { ...DEFAULT_INPUTS, batchSize: largest });

    const epochsSlider = page.getByRole('slider', { name: 'Epochs slider' });
    await epochsSlider.focus();
    await page.keyboard.press('Home');
    await expect.poll(() => numberInput(page, 'Epochs').inputValue()).toBe('1');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => numberInput(page, 'Epochs').inputValue()).toBe('2');
    await page.keyboard.press('PageUp');
    const afterPageUp = Number(await numberInput(page, 'Epochs').inputValue());
    expect(afterPageUp).toBeGreaterThan(2);
    expect(await epochsSlider.getAttribute('aria-valuetext')).toBe(`${afterPageUp} epochs`);

    // The number fields answer Page Up and Page Down as their sliders do; arrows step by one.
    const epochsField = numberInput(page, 'Epochs');
    await epochsField.fill('120');
    await epochsField.press('PageUp');
    const paged = pageStep('epochs', 120, 1);
    await expect.poll(() => epochsField.inputValue()).toBe(String(paged));
    await expectOutputs(page, { ...DEFAULT_INPUTS, batchSize: largest, epochs: paged });
    await epochsField.press('ArrowDown');
    await expect.poll(() => epochsField.inputValue()).toBe(String(paged - 1));
    await expectOutputs(page, { ...DEFAULT_INPUTS, batchSize: largest, epochs: paged - 1 });

    const imagesSlider = page.getByRole('slider', { name: 'Images slider' });
    await imagesSlider.focus();
    await page.keyboard.press('End');
    await expect.poll(() => numberInput(page, 'Images').inputValue()).toBe(String(FIELD_SPECS.images.max));
    await context.close();
  });

  test('a page opened with parameters shows exactly that state, and the URL round-trips', async () => {
    const query = 'images=3662&batch=16&epochs=20&devices=2&accum=4&framework=hf-trainer';
    const { page, context, problems } = await openPage(browser, `${PLAYGROUND}?${query}`);
    const { inputs } = inputsFromParams(new URLSearchParams(query));
    await expectOutputs(page, inputs);
    await expect(numberInput(page, 'Devices').inputValue()).resolves.toBe('2');
    await expect(page.getByLabel('Framework', { exact: true }).inputValue()).resolves.toBe('hf-trainer');
    // Change something and reopen the page from its own URL: the same state comes back.
    await numberInput(page, 'Epochs').fill('7');
    await expect.poll(() => new URL(page.url()).searchParams.get('epochs')).toBe('7');
    const reopened = await context.newPage();
    await reopened.goto(page.url());
    await expectOutputs(reopened, { ...inputs, epochs: 7 });
    expect(await problems()).toEqual(NO_PROBLEMS);
    await context.close();
  });

  test('copy link puts the current URL on the clipboard, and reset restores the defaults', async () => {
    const { page, context } = await openPage(browser, PLAYGROUND);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await numberInput(page, 'Images').fill('35126');
    await page.getByRole('button', { name: 'Copy link' }).click();
    await expect.poll(() => page.locator('[data-share-status]').textContent()).toBe('Link copied.');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(new URL(copied).searchParams.get('images')).toBe('35126');
    await page.getByRole('button', { name: 'Reset' }).click();
    await expectOutputs(page, DEFAULT_INPUTS);
    await expect.poll(() => numberInput(page, 'Images').inputValue()).toBe(String(DEFAULT_INPUTS.images));
    await context.close();
  });

  test('invalid values are marked with a message naming the range, and results keep the last valid state', async () => {
    const { page, context, problems } = await openPage(browser, PLAYGROUND);
    for (const [name, value] of [
      ['Batch size', '64.5'],
      ['Batch size', '0'],
      ['Images', '-3'],
      ['Epochs', '1e400'],
      ['Images', ''],
    ] as const) {
      const input = numberInput(page, name);
      await input.fill(value);
      await expect.poll(() => input.getAttribute('aria-invalid')).toBe('true');
      const describedBy = (await input.getAttribute('aria-describedby')) ?? '';
      const messages = await Promise.all(
        describedBy.split(' ').map((id) => page.locator(`[id="${id}"]`).textContent()),
      );
      expect(messages.join(' ')).toMatch(/must be a whole number from [\d,]+ to [\d,]+/);
      await expectOutputs(page, DEFAULT_INPUTS);
      await input.fill(String(name === 'Images' ? DEFAULT_INPUTS.images : name === 'Epochs' ? 120 : 64));
      await expect.poll(() => input.getAttribute('aria-invalid')).toBeNull();
    }
    const text = await page.locator('main').innerText();
    expect(text).not.toMatch(/NaN|Infinity|undefined/);
    expect(await problems()).toEqual(NO_PROBLEMS);
    await context.close();
  });

  test('a refused value: the field, its message, the waiting change and every slider agree', async () => {
    // Keras: ⌊1 × (1 − 50 %)⌋ = 0 training images, so 1 image is refused with a share of 50 %.
    const { page, context, problems } = await openPage(browser, `${PLAYGROUND}?framework=keras&val=50`);
    const keras = { ...DEFAULT_INPUTS, framework: 'keras' as const, validationPercent: 50 };
    const images = numberInput(page, 'Images');
    await images.fill('1');
    await images.blur();
    const share = numberInput(page, 'Validation share (%)');
    await expect.poll(() => share.getAttribute('aria-invalid')).toBe('true');
    // The refused value stays in its field, with a message about it, and its slider shows it too.
    expect(await images.inputValue()).toBe('1');
    expect(await images.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('[data-error-for="images"]').textContent()).toContain(
      'leaves no training images out of 1 image',
    );
    const imagesSlider = page.getByRole('slider', { name: 'Images slider' });
    expect(await imagesSlider.getAttribute('aria-valuetext')).toBe('1 image');
    await expectOutputs(page, keras);
    // Another slider still moves the state: thumb and value together.
    const epochsSlider = page.getByRole('slider', { name: 'Epochs slider' });
    await epochsSlider.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => numberInput(page, 'Epochs').inputValue()).toBe('121');
    await expectOutputs(page, { ...keras, epochs: 121 });
    expect(await images.inputValue()).toBe('1');
    // Mending the share lets the waiting value in.
    await share.fill('0');
    await expectOutputs(page, { ...keras, epochs: 121, validationPercent: 0, images: 1 });
    await expect.poll(() => images.getAttribute('aria-invalid')).toBeNull();
    expect(await problems()).toEqual(NO_PROBLEMS);
    await context.close();
  });

  test('Reset rewrites every field, whatever was typed in it', async () => {
    const { page, context } = await openPage(browser, PLAYGROUND);
    for (const typed of ['', '64.5']) {
      const batch = numberInput(page, 'Batch size');
      await batch.fill(typed);
      await expect.poll(() => batch.getAttribute('aria-invalid')).toBe('true');
      await numberInput(page, 'Epochs').fill('7');
      await page.getByRole('button', { name: 'Reset' }).click();
      await expect.poll(() => batch.inputValue()).toBe(String(DEFAULT_INPUTS.batchSize));
      expect(await batch.getAttribute('aria-invalid')).toBeNull();
      expect(await numberInput(page, 'Epochs').inputValue()).toBe(String(DEFAULT_INPUTS.epochs));
      expect(await page.locator('[data-error-for="batchSize"]').isVisible()).toBe(false);
      await expectOutputs(page, DEFAULT_INPUTS);
    }
    await context.close();
  });

  test('a slider’s arrow keys retrace their steps, and its value is spoken grammatically', async () => {
    const { page, context } = await openPage(browser, PLAYGROUND);
    const slider = page.getByRole('slider', { name: 'Images slider' });
    await slider.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => numberInput(page, 'Images').inputValue()).not.toBe('48000');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => numberInput(page, 'Images').inputValue()).toBe('48000');
    await expectOutputs(page, DEFAULT_INPUTS);
    await numberInput(page, 'Images').fill('1');
    await expect.poll(() => slider.getAttribute('aria-valuetext')).toBe('1 image');
    await numberInput(page, 'Epochs').fill('1');
    await expect
      .poll(() => page.getByRole('slider', { name: 'Epochs slider' }).getAttribute('aria-valuetext'))
      .toBe('1 epoch');
    await context.close();
  });

  test('invalid URL parameters fall back to defaults with a notice, and never reach the DOM as HTML', async () => {
    const attack = '<img src=x onerror="window.__pwned=1">';
    const query = `images=${encodeURIComponent(attack)}&batch=32&framework=${encodeURIComponent('<b>x</b>')}`;
    const { page, context, problems } = await openPage(browser, `${PLAYGROUND}?${query}`);
    const notice = page.locator('[data-url-notices]');
    await expect.poll(() => notice.isVisible()).toBe(true);
    const noticeText = await notice.innerText();
    expect(noticeText).toContain('Images must be');
    expect(noticeText).toContain('The framework parameter must be one of');
    expect(await page.locator('main img').count()).toBe(0);
    expect(await page.locator('main b').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await expectOutputs(page, { ...DEFAULT_INPUTS, batchSize: 32 });
    expect(await problems()).toEqual(NO_PROBLEMS);
    await context.close();
  });

  test('framework controls: Keras disables Drop with the reason shown, and counts several devices', async () => {
    const { page, context } = await openPage(browser, PLAYGROUND);
    await page.getByText('Advanced').click();
    await page.getByLabel('Framework', { exact: true }).selectOption('keras');
    await expect.poll(() => page.getByRole('radio', { name: 'Drop' }).isDisabled()).toBe(true);
    expect(await numberInput(page, 'Devices').isDisabled()).toBe(false);
    expect(await numberInput(page, 'Gradient accumulation steps').isDisabled()).toBe(false);
    expect(await page.locator('training-calculator').innerText()).toContain(
      'Keras cannot drop the last batch',
    );
    await numberInput(page, 'Validation share (%)').fill('20');
    await expectOutputs(page, { ...DEFAULT_INPUTS, framework: 'keras', validationPercent: 20 });
    await page.getByLabel('Framework', { exact: true }).selectOption('deepspeed');
    await numberInput(page, 'Gradient accumulation steps').fill('7');
    const deepspeed = {
      ...DEFAULT_INPUTS,
      framework: 'deepspeed' as const,
      validationPercent: 20,
      accumulationSteps: 7,
    };
    await expectOutputs(page, deepspeed);
    expect(planFor(deepspeed).optimizerStepsPerEpoch).toBeNull();
    await context.close();
  });
});

describe('the arithmetic', () => {
  test('a state whose lines the page did not render: they come once from the forms file, in the engine’s order, with its numbers', async () => {
    const { page, context, problems } = await openPage(browser, PLAYGROUND);
    const fetched: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.endsWith('/derivation-forms.json')) fetched.push(request.url());
    });
    await page.locator('live-derivation').scrollIntoViewIfNeeded();
    // The page carries only the worked case's two lines: no other form is in it.
    expect(await page.locator('live-derivation li[data-template]').count()).toBe(
      planFor(DEFAULT_INPUTS).derivation.length,
    );
    expect(await shownDerivation(page)).toEqual(expectedDerivation(DEFAULT_INPUTS));
    await openEveryDisclosure(page);
    await numberInput(page, 'Devices').fill('4');
    await numberInput(page, 'Gradient accumulation steps').fill('3');
    await numberInput(page, 'Validation share (%)').fill('10');
    await page.getByRole('radio', { name: 'Drop' }).check();
    const inputs = {
      ...DEFAULT_INPUTS,
      devices: 4,
      accumulationSteps: 3,
      validationPercent: 10,
      lastBatch: 'drop' as const,
    };
    await expectOutputs(page, inputs);
    expect(planFor(inputs).derivation.length).toBeGreaterThan(4);
    // Lines are rewritten only near the screen: bring the arithmetic back into view.
    await page.locator('live-derivation').scrollIntoViewIfNeeded();
    await expect.poll(() => shownDerivation(page)).toEqual(expectedDerivation(inputs));
    // Each new line is the same KaTeX as the server's: typeset, styled like the page's own lines.
    const added = page.locator('live-derivation li[data-template="images-per-device/padded"]');
    expect(await added.locator('.katex .katex-html').count()).toBe(1);
    const [ownBorder, addedBorder] = await Promise.all(
      ['total-batches/product', 'images-per-device/padded'].map((id) =>
        page
          .locator(`live-derivation li[data-template="${id}"]`)
          .evaluate((item) => getComputedStyle(item).borderLeftWidth),
      ),
    );
    expect(addedBorder).toBe(ownBorder);
    // Back to the worked case and out again: nothing is fetched twice.
    await page.getByRole('radio', { name: 'Keep' }).check();
    await numberInput(page, 'Devices').fill('2');
    await page.locator('live-derivation').scrollIntoViewIfNeeded();
    await expect
      .poll(() => shownDerivation(page))
      .toEqual(expectedDerivation({ ...inputs, devices: 2, lastBatch: 'keep' }));
    expect(fetched).toHaveLength(1);
    expect(await problems()).toEqual(NO_PROBLEMS);
    await context.close();
  });

  test('when the forms file cannot be had, the new line shows the engine’s words, never a stale formula', async () => {
    const { page, context } = await openPage(browser, PLAYGROUND);
    await context.route(/\/derivation-forms\.json$/, (route) => route.abort('blockedbyclient'));
    await page.getByRole('radio', { name: 'Drop' }).check();
    await page.locator('live-derivation').scrollIntoViewIfNeeded();
    const plan = planFor({ ...DEFAULT_INPUTS, lastBatch: 'drop' });
    const floor = page.locator('live-derivation li[data-template="batches-per-epoch/floor"]');
    await expect.poll(() => floor.locator('.derivation-math').textContent()).toBe(plan.derivation[0]?.speech);
    expect(await floor.getAttribute('data-words')).not.toBeNull();
    expect(await page.locator('live-derivation li[data-template="batches-per-epoch/ceil"]').isVisible()).toBe(
      false,
    );
    await numberInput(page, 'Images').fill('100');
    await numberInput(page, 'Batch size').fill('128');
    await page.locator('live-derivation').scrollIntoViewIfNeeded();
    const none = planFor({ ...DEFAULT_INPUTS, lastBatch: 'drop', images: 100, batchSize: 128 });
    await expect.poll(() => floor.locator('.derivation-math').textContent()).toBe(none.derivation[0]?.speech);
    await context.close();
  });
});

describe('a run that trains on nothing', () => {
  test('drop with a batch larger than the images: every count is 0, shown everywhere, with the fix', async () => {
    const query = 'images=100&batch=128&epochs=10&last=drop';
    const { page, context, problems } = await openPage(browser, `${PLAYGROUND}?${query}`);
    const { inputs, plan, notices } = planFromParams(new URLSearchParams(query));
    expect(notices).toEqual([]);
    expect(plan.totalBatches).toBe(0);
    await expectOutputs(page, inputs);
    // No notice: the link is valid, and every field in it stays.
    expect(await page.locator('[data-url-notices]').isVisible()).toBe(false);
    expect(await numberInput(page, 'Batch size').inputValue()).toBe('128');
    expect(await page.getByRole('radio', { name: 'Drop' }).isChecked()).toBe(true);
    const warning = page.locator('training-calculator [data-note="no-batches"]');
    await expect.poll(() => warning.textContent()).toBe(plan.notes.find((n) => n.id === 'no-batches')?.text);
    expect(await warning.textContent()).toContain('Choose Keep, or a batch size of at most 100.');
    // The arithmetic: ⌊100/128⌋ = 0, in KaTeX and in words.
    // The page rendered the worked case's lines: this one comes from /derivation-forms.json,
    // written in when the arithmetic is near the screen.
    await page.locator('live-derivation').scrollIntoViewIfNeeded();
    const floorLine = page.locator('live-derivation li[data-template="batches-per-epoch/floor"]');
    await expect.poll(() => floorLine.isVisible()).toBe(true);
    // KaTeX may lay a fraction's parts out in any order: each slot is read by its number.
    await expect.poll(() => slotsOf(floorLine)).toEqual({ '0': '100', '1': '128', '2': '0' });
    await expect
      .poll(() => page.locator('live-derivation [data-derivation-speech]').textContent())
      .toContain(plan.derivation[0]?.speech ?? 'missing');
    // The charts: an empty state that says why.
    await page.locator('epochs-chart').scrollIntoViewIfNeeded();
    await expect.poll(() => page.locator('epochs-chart .chart-empty').count()).toBe(2);
    expect(await page.locator('epochs-chart .chart-line').count()).toBe(0);
    await page.locator('dataset-chart').scrollIntoViewIfNeeded();
    await expect
      .poll(() => page.locator('dataset-chart [data-chart-title]').textContent())
      .toBe('The dataset as batches of 128: no batch at all');
    // The framework table: 0 where the framework drops, Keras keeps its one batch.
    const cell = (framework: string) =>
      page.locator(`framework-table tr[data-framework="${framework}"] [data-cell="batches-per-epoch"]`);
    await expect.poll(() => cell('pytorch').textContent()).toBe('0');
    expect(await cell('keras').textContent()).toBe('1');
    expect(await page.locator('main').innerText()).not.toMatch(/NaN|Infinity|undefined/);
    expect(await problems()).toEqual(NO_PROBLEMS);
    await context.close();
  });

  test('on 2 devices: a batch larger than one device’s share is said so, kept or dropped', async () => {
    const { page, context } = await openPage(browser, `${PLAYGROUND}?images=100&batch=64&devices=2`);
    const note = page.locator('training-calculator [data-note="batch-larger-than-data"]');
    await expect
      .poll(() => note.textContent())
      .toContain('one device’s share of the training images (50 of 100)');
    await page.getByRole('radio', { name: 'Drop' }).check();
    await expect
      .poll(() => page.locator('training-calculator [data-note="no-batches"]').textContent())
      .toContain('a batch size of at most 50.');
    await expectOutputs(page, {
      ...DEFAULT_INPUTS,
      images: 100,
      batchSize: 64,
      devices: 2,
      lastBatch: 'drop',
    });
    await context.close();
  });
});

describe('links', () => {
  test('fastai with an invalid last batch opens with fastai’s default, Drop, and the notice names it', async () => {
    const query = 'framework=fastai&last=sometimes&images=35126';
    const { page, context } = await openPage(browser, `${PLAYGROUND}?${query}`);
    const { inputs } = planFromParams(new URLSearchParams(query));
    expect(inputs.lastBatch).toBe('drop');
    await expectOutputs(page, inputs);
    expect(await page.getByRole('radio', { name: 'Drop' }).isChecked()).toBe(true);
    const notice = page.locator('[data-url-notices]');
    await expect.poll(() => notice.innerText()).toContain('The last parameter must be one of keep, drop');
    expect(await numberInput(page, 'Images').inputValue()).toBe('35126');
    await context.close();
  });

  test('a page that starts from a preset: its links bring back exactly what it showed', async () => {
    const preset: TrainingInputs = {
      ...DEFAULT_INPUTS,
      images: 3_662,
      batchSize: 16,
      devices: 2,
      accumulationSteps: 4,
      framework: 'hf-trainer',
    };
    const { context } = await openPage(browser, '');
    // The playground served as a chapter would be: with a preset on <html>.
    await context.route(/\/playground\/(\?.*)?$/, async (route) => {
      const response = await route.fetch();
      const html = (await response.text()).replace(
        '<html ',
        `<html data-training-preset="${JSON.stringify(preset).replaceAll('"', '&quot;')}" `,
      );
      await route.fulfill({ response, body: html });
    });
    const page = await context.newPage();
    await page.goto(pageURL(PLAYGROUND));
    await expectOutputs(page, preset);
    // Back to the global default on two fields: the link must say so, or the preset would return.
    await numberInput(page, 'Devices').fill('1');
    await numberInput(page, 'Gradient accumulation steps').fill('1');
    const changed = { ...preset, devices: 1, accumulationSteps: 1 };
    await expectOutputs(page, changed);
    await expect.poll(() => new URL(page.url()).searchParams.get('devices')).toBe('1');
    const reopened = await context.newPage();
    await reopened.goto(page.url());
    await expectOutputs(reopened, changed);
    await context.close();
  });
});

describe('what the results say they count', () => {
  test('with several devices: per device and across devices, each labelled', async () => {
    const { page, context } = await openPage(browser, `${PLAYGROUND}?devices=4&images=48001`);
    const inputs = { ...DEFAULT_INPUTS, devices: 4, images: 48_001 };
    await expectOutputs(page, inputs);
    const label = (id: string) => page.locator(`training-calculator [data-label-for="${id}"]`);
    await expect.poll(() => label('total-batches').textContent()).toBe('Batches in all, on each device');
    expect(await label('total-batches-all-devices').textContent()).toBe('Batches in all, over the 4 devices');
    expect(await page.locator('[data-result="total-batches-all-devices"]').isVisible()).toBe(true);
    await numberInput(page, 'Devices').fill('1');
    await expect.poll(() => label('total-batches').textContent()).toBe('Batches in all');
    expect(await page.locator('[data-result="total-batches-all-devices"]').isVisible()).toBe(false);
    await context.close();
  });

  test('an effective batch size no step can reach is said so', async () => {
    const query = 'images=48001&devices=8&accum=1024';
    const { page, context } = await openPage(browser, `${PLAYGROUND}?${query}`);
    const { plan } = planFromParams(new URLSearchParams(query));
    const text = plan.notes.find((note) => note.id === 'effective-batch-unreachable')?.text;
    expect(text).toContain('no optimizer step here is that large');
    await expect
      .poll(() => page.locator('training-calculator [data-note="effective-batch-unreachable"]').textContent())
      .toBe(text);
    await context.close();
  });

  test('the framework table follows one rule, the plan’s inputs, and names each release', async () => {
    const query = 'framework=keras&devices=2&images=1000&last=drop';
    const { page, context } = await openPage(browser, `${PLAYGROUND}?${query}`);
    const { plan } = planFromParams(new URLSearchParams(query));
    const expected = compareFrameworks(plan.inputs).map((row) => [
      row.framework,
      row.plan ? quantity(row.plan, 'batches-per-epoch').text : 'not counted',
    ]);
    await page.locator('framework-table').scrollIntoViewIfNeeded();
    await expect
      .poll(() =>
        page
          .locator('framework-table tbody tr')
          .evaluateAll((rows) =>
            rows.map((row) => [
              row.getAttribute('data-framework'),
              row.querySelector('[data-cell="batches-per-epoch"]')?.textContent?.trim(),
            ]),
          ),
      )
      .toEqual(expected);
    const versions = await page.locator('framework-table .framework-version').allTextContents();
    expect(versions).toHaveLength(6);
    expect(versions.every((text) => /^as in \S.*\d/.test(text.trim()))).toBe(true);
    await context.close();
  });
});

describe('notes written in the browser', () => {
  test('keep the spacing of the server’s notes', async () => {
    const { page, context } = await openPage(browser, `${PLAYGROUND}?devices=3&images=1000`);
    const notes = page.locator('training-calculator [data-notes] li');
    await expect.poll(() => notes.count()).toBeGreaterThan(1);
    // The notes were rewritten for the state in the address, so they are the browser's own.
    const spacing = await notes.nth(1).evaluate((item) => parseFloat(getComputedStyle(item).marginTop));
    expect(spacing).toBeGreaterThan(0);
    await context.close();
  });
});

describe('the framework table', () => {
  test('follows the state, also when it was off screen during the change', async () => {
    const { page, context, problems } = await openPage(browser, PLAYGROUND, {
      viewport: { width: 390, height: 700 },
    });
    const readTable = () =>
      page
        .locator('framework-table tbody tr')
        .evaluateAll((rows) =>
          rows.map((row) => [
            row.getAttribute('data-framework'),
            ...[...row.querySelectorAll('[data-cell]')].slice(0, 3).map((cell) => cell.textContent?.trim()),
            row.querySelector('[data-chosen]')?.hasAttribute('hidden') ? '' : 'chosen',
          ]),
        );
    const expected = (inputs: TrainingInputs) =>
      compareFrameworks(inputs).map((row) => [
        row.framework,
        ...(['batches-per-epoch', 'last-batch-size', 'total-optimizer-steps'] as const).map((id) =>
          row.plan ? quantity(row.plan, id).text : 'not counted',
        ),
        row.framework === inputs.framework ? 'chosen' : '',
      ]);
    // Changed while the table is far below the fold, then scrolled to.
    await numberInput(page, 'Images').fill('48001');
    await openEveryDisclosure(page);
    await numberInput(page, 'Gradient accumulation steps').fill('4');
    await page.getByLabel('Framework', { exact: true }).selectOption('deepspeed');
    const inputs: TrainingInputs = {
      ...DEFAULT_INPUTS,
      images: 48_001,
      accumulationSteps: 4,
      framework: 'deepspeed',
    };
    await page.locator('framework-table').scrollIntoViewIfNeeded();
    await expect.poll(readTable).toEqual(expected(inputs));
    // And while it is on screen.
    await numberInput(page, 'Epochs').fill('7');
    await expect.poll(readTable).toEqual(expected({ ...inputs, epochs: 7 }));
    expect(await problems()).toEqual(NO_PROBLEMS);
    await context.close();
  });
});

describe('in a sandboxed iframe, as course pages embed it', () => {
  test('works where storage throws and the clipboard is refused', async () => {
    const { page, context, problems } = await openPage(browser, '');
    const src = pageURL(`${PLAYGROUND}?images=35126&batch=32`);
    await page.setContent(
      `<iframe title="Playground" sandbox="allow-scripts" src="${src}" width="1000" height="800"></iframe>`,
    );
    const frame = page.frameLocator('iframe');
    await frame.locator('training-calculator output[data-quantity]').first().waitFor();
    // The condition under test: an opaque origin, where touching storage throws.
    const storage = await page.frames()[1]?.evaluate(() => {
      try {
        return typeof window.localStorage.length;
      } catch (error) {
        return (error as Error).name;
      }
    });
    expect(storage).toBe('SecurityError');
    await frame.getByRole('spinbutton', { name: 'Epochs', exact: true }).fill('50');
    const inputs = { ...DEFAULT_INPUTS, images: 35_126, batchSize: 32, epochs: 50 };
    const expected = quantities(planFor(inputs)).find((item) => item.id === 'total-batches');
    await expect
      .poll(() => frame.locator('output[data-quantity="total-batches"]').textContent())
      .toBe(expected?.text);
    await frame.getByRole('button', { name: 'Copy link' }).click();
    await expect.poll(() => frame.locator('[data-share-url]').inputValue()).toContain('epochs=50');
    expect(await problems()).toEqual(NO_PROBLEMS);
    await context.close();
  });
});

describe('themes, motion, phones and no JavaScript', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`axe finds nothing on the playground in ${colorScheme} mode with every panel open`, async () => {
      const { page, context } = await openPage(browser, `${PLAYGROUND}?devices=3&accum=4`, {
        colorScheme,
        reducedMotion: 'reduce',
      });
      await openEveryDisclosure(page);
      await numberInput(page, 'Batch size').fill('64.5');
      expect(await runAxe(page)).toEqual([]);
      await context.close();
    });
  }

  test('printing after a change prints the charts’ tables with the new numbers, without download buttons', async () => {
    const { page, context } = await openPage(browser, PLAYGROUND);
    await numberInput(page, 'Epochs').fill('7');
    await expectOutputs(page, { ...DEFAULT_INPUTS, epochs: 7 });
    // The chart's code arrives soon after a change; once it has drawn the new state (its caption
    // says so), printing must also bring its closed data table up to date.
    const caption = describeEpochsText(planFor({ ...DEFAULT_INPUTS, epochs: 7 })).description;
    await expect
      .poll(() => page.locator('epochs-chart [data-chart-description]').first().textContent(), {
        timeout: 15_000,
      })
      .toBe(caption);
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await page.emulateMedia({ media: 'print' });
    const lastRow = page.locator('epochs-chart [data-chart-table] tbody tr').last();
    expect(await lastRow.locator('th').textContent()).toBe('7');
    expect(await lastRow.locator('td').first().textContent()).toBe(
      quantity(planFor({ ...DEFAULT_INPUTS, epochs: 7 }), 'total-batches').text,
    );
    expect(await page.locator('[data-chart-csv]').first().isVisible()).toBe(false);
    await context.close();
  });

  test('prints as a handout: data tables shown, sliders and buttons hidden, black on white', async () => {
    const { page, context } = await openPage(browser, PLAYGROUND);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('epochs-chart [data-chart-table]').isVisible()).toBe(true);
    expect(await page.getByRole('slider', { name: 'Images slider' }).isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Copy link' }).isVisible()).toBe(false);
    const colours = await page.evaluate(() => {
      const style = getComputedStyle(document.body);
      return [style.color, getComputedStyle(document.documentElement).backgroundColor];
    });
    expect(colours).toEqual(['rgb(0, 0, 0)', 'rgb(255, 255, 255)']);
    await context.close();
  });

  test('renders at 320 px without horizontal scrolling, and nothing runs off the screen', async () => {
    // The longest arithmetic: a validation split, several devices and accumulation.
    const { page, context } = await openPage(
      browser,
      `${PLAYGROUND}?images=48001&devices=4&accum=4&val=20&framework=hf-trainer`,
      { viewport: { width: 320, height: 800 } },
    );
    await openEveryDisclosure(page);
    // The page rendered the worked case's lines: the link's come from the forms file, written
    // in when the arithmetic is near the screen.
    await page.locator('live-derivation').scrollIntoViewIfNeeded();
    const formulas = page.locator('live-derivation li:not([hidden]) .derivation-math');
    const plan = planFor(inputsFromParams(new URLSearchParams(new URL(page.url()).search)).inputs);
    expect(plan.derivation.length).toBeGreaterThan(4);
    await expect
      .poll(() => page.locator('live-derivation li:not([hidden]) .katex').count())
      .toBe(plan.derivation.length);
    expect(await formulas.count()).toBe(plan.derivation.length);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // Clipped content hides from scrollWidth: check that each formula fits in its box too.
    const cutOff = await formulas.evaluateAll((boxes) =>
      boxes.filter((box) => box.scrollWidth > box.clientWidth).map((box) => box.textContent),
    );
    expect(cutOff).toEqual([]);
    await context.close();
  });

  test('on a phone, the sticky answer line never covers the control that has keyboard focus', async () => {
    const { page, context } = await openPage(browser, PLAYGROUND, { viewport: { width: 320, height: 480 } });
    await openEveryDisclosure(page);
    const headline = page.locator('training-calculator [data-headline]');
    expect(await headline.isVisible()).toBe(true);
    const covered: string[] = [];
    await page.locator('main h1').click();
    // Tab through every control of the calculator, forwards.
    for (let i = 0; i < 20; i += 1) {
      await page.keyboard.press('Tab');
      const overlap = await page.evaluate(() => {
        const focused = document.activeElement;
        const line = document.querySelector('training-calculator [data-headline]');
        if (!focused || !line || !focused.closest('training-calculator')) return null;
        const box = focused.getBoundingClientRect();
        const bar = line.getBoundingClientRect();
        return box.bottom > bar.top && box.top < bar.bottom
          ? (focused.getAttribute('aria-label') ?? focused.id)
          : '';
      });
      if (overlap) covered.push(overlap);
    }
    expect(covered).toEqual([]);
    await context.close();
  });

  test('without JavaScript the page shows the state in full and says the controls need JavaScript', async () => {
    const { page, context } = await openPage(browser, PLAYGROUND, { javaScriptEnabled: false });
    const expected = quantities(planFor(DEFAULT_INPUTS));
    for (const item of expected) {
      expect(await page.locator(`output[data-quantity="${item.id}"]`).first().textContent()).toContain(
        item.text,
      );
    }
    const text = await page.locator('main').innerText();
    expect(text).toContain('The controls need JavaScript');
    // It promises nothing a link cannot do without a script.
    expect(text).toContain('a link’s own settings need JavaScript too');
    expect(text).not.toContain('set them with the link');
    expect(await page.locator('.katex').count()).toBeGreaterThan(0);
    await context.close();
  });
});
