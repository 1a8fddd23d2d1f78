// "Code for this setup" in Chromium, on its development page (the calculator drives the shared
// state): the code follows every change, copying works or falls back to a selected field, and
// it reads without JavaScript, on a phone and in both themes. Expected code comes from the engine.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_INPUTS, computeTraining, setupCode, type TrainingInputs } from '../../src/lib';
import { NO_PROBLEMS, launchBrowser, numberInput, openPage, pageURL, runAxe } from './browser';

const PREVIEW = 'playground/';

function expectedFor(inputs: TrainingInputs) {
  const computed = computeTraining(inputs);
  if (!computed.ok) throw new Error(computed.errors.map((error) => error.message).join('; '));
  return setupCode(computed.value);
}

function codeText(page: Page): Promise<string | null> {
  return page.locator('setup-code [data-code]').textContent();
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('the code follows the state', () => {
  test('shows the worked case, then the code for each change', async () => {
    const { page, context, problems } = await openPage(browser, PREVIEW);
    const worked = expectedFor(DEFAULT_INPUTS);
    expect(await codeText(page)).toBe(worked.code);
    expect(await page.locator('setup-code [data-summary]').textContent()).toBe(worked.summary);
    expect(worked.summary).toContain('750 batches per epoch');

    await numberInput(page, 'Batch size').fill('32');
    const smaller = { ...DEFAULT_INPUTS, batchSize: 32 };
    await expect.poll(() => codeText(page)).toBe(expectedFor(smaller).code);
    await expect
      .poll(() => page.locator('setup-code [data-summary]').textContent())
      .toBe(expectedFor(smaller).summary);

    await page.getByText('Advanced').click();
    await page.getByLabel('Framework', { exact: true }).selectOption('deepspeed');
    await numberInput(page, 'Gradient accumulation steps').fill('4');
    const deepspeed = { ...smaller, framework: 'deepspeed' as const, accumulationSteps: 4 };
    const expected = expectedFor(deepspeed);
    // The open disclosure pushed the code below the fold, where it is rewritten only once near.
    await page.locator('setup-code').scrollIntoViewIfNeeded();
    await expect.poll(() => codeText(page)).toBe(expected.code);
    expect(JSON.parse((await codeText(page)) ?? '')).toMatchObject({ gradient_accumulation_steps: 4 });
    expect(await page.locator('setup-code [data-code]').getAttribute('data-language')).toBe('json');
    expect(await page.locator('setup-code [data-remarks] li').allTextContents()).toEqual(expected.remarks);
    expect(await page.getByRole('region', { name: 'DeepSpeed code, ds_config.json' }).count()).toBe(1);
    expect(await problems()).toEqual(NO_PROBLEMS);
    await context.close();
  });

  test('a link with settings shows their code, and a run with no batch says so', async () => {
    const query = 'images=100&batch=128&epochs=10&last=drop&framework=hf-trainer';
    const { page, context, problems } = await openPage(browser, `${PREVIEW}?${query}`);
    const inputs = {
      ...DEFAULT_INPUTS,
      images: 100,
      batchSize: 128,
      epochs: 10,
      lastBatch: 'drop' as const,
      framework: 'hf-trainer' as const,
    };
    const expected = expectedFor(inputs);
    await expect.poll(() => codeText(page)).toBe(expected.code);
    expect(expected.warning).not.toBe('');
    const warning = page.locator('setup-code [data-warning]');
    await expect.poll(() => warning.isVisible()).toBe(true);
    expect(await warning.textContent()).toBe(expected.warning);
    expect(await codeText(page)).toContain('# WARNING: ');
    expect(await problems()).toEqual(NO_PROBLEMS);
    await context.close();
  });
});

describe('copying', () => {
  test('Copy code puts the current code on the clipboard and says so', async () => {
    const { page, context, problems } = await openPage(browser, `${PREVIEW}?accum=4&framework=lightning`);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const expected = expectedFor({ ...DEFAULT_INPUTS, accumulationSteps: 4, framework: 'lightning' });
    await expect.poll(() => codeText(page)).toBe(expected.code);
    await page.getByRole('button', { name: 'Copy code' }).click();
    await expect.poll(() => page.locator('setup-code [role="status"]').textContent()).toBe('Code copied.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(expected.code);
    expect(await page.locator('setup-code [data-fallback]').isVisible()).toBe(false);
    expect(await problems()).toEqual(NO_PROBLEMS);
    await context.close();
  });

  test('in a sandboxed iframe the code is offered selected in a read-only field', async () => {
    const { page, context, problems } = await openPage(browser, '');
    const src = pageURL(`${PREVIEW}?images=35126&batch=32&epochs=50&devices=4`);
    await page.setContent(
      `<iframe title="Code preview" sandbox="allow-scripts" src="${src}" width="1000" height="800"></iframe>`,
    );
    const frame = page.frameLocator('iframe');
    const expected = expectedFor({
      ...DEFAULT_INPUTS,
      images: 35_126,
      batchSize: 32,
      epochs: 50,
      devices: 4,
    });
    // The frame loads, then the code's module as it comes near: more than the default second.
    await expect
      .poll(() => frame.locator('setup-code [data-code]').textContent(), { timeout: 10_000 })
      .toBe(expected.code);
    await frame.getByRole('button', { name: 'Copy code' }).click();
    const field = frame.getByRole('textbox', { name: /The code, selected/ });
    await expect.poll(() => field.isVisible()).toBe(true);
    expect(await field.inputValue()).toBe(expected.code);
    expect(await field.getAttribute('readonly')).not.toBeNull();
    const selection = await field.evaluate((element) => {
      const area = element as HTMLTextAreaElement;
      return {
        focused: document.activeElement === area,
        selected: area.selectionEnd - area.selectionStart,
      };
    });
    expect(selection).toEqual({ focused: true, selected: expected.code.length });
    expect(await frame.locator('setup-code [role="status"]').textContent()).toContain('copy it from there');
    expect(await problems()).toEqual(NO_PROBLEMS);
    await context.close();
  });
});

describe('themes, phones, no JavaScript', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`axe finds nothing in ${colorScheme} mode, the fallback field and a warning shown`, async () => {
      const { page, context } = await openPage(
        browser,
        `${PREVIEW}?images=100&batch=128&last=drop&devices=2&val=20`,
        { colorScheme },
      );
      // Refuse the clipboard so that the fallback field shows too.
      await page.evaluate(() => {
        Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });
      });
      await page.getByRole('button', { name: 'Copy code' }).click();
      await expect.poll(() => page.locator('setup-code [data-fallback]').isVisible()).toBe(true);
      expect(await page.locator('setup-code [data-warning]').isVisible()).toBe(true);
      expect(await runAxe(page, { include: 'setup-code' })).toEqual([]);
      await context.close();
    });
  }

  test('on a 320 px phone the code scrolls sideways in a focusable, labelled region', async () => {
    const { page, context, problems } = await openPage(browser, `${PREVIEW}?devices=4&accum=4`, {
      viewport: { width: 320, height: 640 },
    });
    const region = page.getByRole('region', { name: 'PyTorch code, train.py' });
    await region.scrollIntoViewIfNeeded();
    const sizes = await region.evaluate((element) => ({
      scroll: element.scrollWidth,
      client: element.clientWidth,
      tabIndex: element.tabIndex,
      right: element.getBoundingClientRect().right,
    }));
    expect(sizes.scroll).toBeGreaterThan(sizes.client);
    expect(sizes.tabIndex).toBe(0);
    expect(sizes.right).toBeLessThanOrEqual(320);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await region.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => region.evaluate((element) => element.scrollLeft)).toBeGreaterThan(0);
    expect(await problems()).toEqual(NO_PROBLEMS);
    await context.close();
  });

  test('without JavaScript the page plan’s code is there, and no dead button', async () => {
    const { page, context } = await openPage(browser, PREVIEW, { javaScriptEnabled: false });
    const worked = expectedFor(DEFAULT_INPUTS);
    expect(await codeText(page)).toBe(worked.code);
    expect(await page.locator('setup-code [data-summary]').textContent()).toBe(worked.summary);
    expect(await page.getByRole('button', { name: 'Copy code' }).isVisible()).toBe(false);
    await context.close();
  });
});
