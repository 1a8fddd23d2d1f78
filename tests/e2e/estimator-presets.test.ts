// Chapters 6 and 7's widgets in Chromium, on their development page: the dataset presets change
// the shared state and the hours estimator follows; the reader's own throughput; without
// JavaScript. Every expected number and sentence comes from the engine.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  DATASETS,
  DEFAULT_INPUTS,
  computeTraining,
  estimateText,
  estimateTime,
  presetLabel,
  publishedThroughput,
  throughputLabel,
  type TrainingInputs,
} from '../../src/lib';
import { NO_PROBLEMS, launchBrowser, openPage, runAxe } from './browser';

const PAGE = 'playground/';

function expectedSentence(inputs: TrainingInputs, imagesPerSecond: number): string {
  const computed = computeTraining(inputs);
  if (!computed.ok) throw new Error(computed.errors.map((error) => error.message).join('; '));
  const estimate = estimateTime(computed.value, imagesPerSecond);
  if (!estimate.ok) throw new Error(estimate.message);
  return estimateText(estimate.value).sentence;
}

function sentence(page: Page) {
  return page.locator('[data-estimate-sentence]');
}

function throughputSelect(page: Page) {
  return page.getByLabel('Published training throughput (one GPU)');
}

/** Opens the page and scrolls to the presets and the estimator, as a reader would: their code loads near the screen. */
async function openAtWidgets(path: string, options?: Parameters<typeof openPage>[2]) {
  const opened = await openPage(browser, path, options);
  await opened.page.locator('hours-estimator').scrollIntoViewIfNeeded();
  await opened.page.locator('dataset-presets').scrollIntoViewIfNeeded();
  return opened;
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('dataset presets and the hours estimator', () => {
  test('start from the worked case: about 39 minutes at 2,470 images per second, no preset pressed', async () => {
    const { page, context, problems } = await openAtWidgets(PAGE);
    expect((await sentence(page).textContent())?.trim()).toBe(expectedSentence(DEFAULT_INPUTS, 2470));
    expect(await sentence(page).textContent()).toContain('about 39 minutes');
    const buttons = page.locator('dataset-presets button[aria-pressed]');
    await expect.poll(() => buttons.count()).toBe(DATASETS.length);
    expect(await page.locator('dataset-presets button[aria-pressed="true"]').count()).toBe(0);
    expect(await problems()).toEqual(NO_PROBLEMS);
    await context.close();
  });

  test('a preset loads its images, keeps the other inputs, is pressed and announced; the estimate follows', async () => {
    const { page, context, problems } = await openAtWidgets(PAGE);
    const aptos = DATASETS.find((dataset) => dataset.id === 'aptos-2019');
    if (!aptos) throw new Error('APTOS is missing');
    const button = page.getByRole('button', { name: presetLabel(aptos) });
    await button.click();
    const inputs = { ...DEFAULT_INPUTS, images: 3_662 };
    await expect.poll(() => sentence(page).textContent()).toBe(expectedSentence(inputs, 2470));
    expect(await button.getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('dataset-presets button[aria-pressed="true"]').count()).toBe(1);
    // ⌈3,662 / 64⌉ = 58 batches per epoch, × 120 = 6,960.
    expect(await page.locator('[data-preset-status]').textContent()).toBe(
      'Loaded APTOS 2019: 3,662 images, 58 batches per epoch, 6,960 in all.',
    );
    await expect.poll(() => new URL(page.url()).searchParams.get('images')).toBe('3662');
    expect(new URL(page.url()).searchParams.get('batch')).toBe('64');
    expect(new URL(page.url()).searchParams.get('epochs')).toBe('120');

    // Another preset: the first is released.
    const idrid = DATASETS.find((dataset) => dataset.id === 'idrid');
    if (!idrid) throw new Error('IDRiD is missing');
    await page.getByRole('button', { name: presetLabel(idrid) }).click();
    await expect.poll(() => button.getAttribute('aria-pressed')).toBe('false');
    await expect
      .poll(() => sentence(page).textContent())
      .toBe(expectedSentence({ ...DEFAULT_INPUTS, images: 516 }, 2470));
    expect(await problems()).toEqual(NO_PROBLEMS);
    await context.close();
  });

  test('a preset keeps the URL’s other inputs, and a URL with a preset count presses it', async () => {
    const { page, context } = await openAtWidgets(`${PAGE}?images=516&batch=16&epochs=20`);
    const idrid = DATASETS.find((dataset) => dataset.id === 'idrid');
    if (!idrid) throw new Error('IDRiD is missing');
    await expect
      .poll(() => page.getByRole('button', { name: presetLabel(idrid) }).getAttribute('aria-pressed'))
      .toBe('true');
    const kaggle = DATASETS.find((dataset) => dataset.id === 'kaggle-dr-2015');
    if (!kaggle) throw new Error('Kaggle is missing');
    await page.getByRole('button', { name: presetLabel(kaggle) }).click();
    const inputs = { ...DEFAULT_INPUTS, images: 35_126, batchSize: 16, epochs: 20 };
    await expect.poll(() => sentence(page).textContent()).toBe(expectedSentence(inputs, 2470));
    await context.close();
  });

  test('choosing a published throughput changes the estimate, its source and the table stays complete', async () => {
    const { page, context, problems } = await openAtWidgets(PAGE);
    const b4 = publishedThroughput('efficientnet-b4-a100-amp');
    if (!b4) throw new Error('B4 is missing');
    await throughputSelect(page).selectOption({ label: throughputLabel(b4) });
    await expect.poll(() => sentence(page).textContent()).toBe(expectedSentence(DEFAULT_INPUTS, 331));
    // 5,760,000 / 331 = 17,401.8 s ≈ 4.8 hours.
    expect(await sentence(page).textContent()).toContain('about 4.8 hours');
    const rowLink = page.locator('[data-throughput-row="efficientnet-b4-a100-amp"] a');
    const link = page.locator('[data-source-link]');
    expect(await link.getAttribute('href')).toBe(await rowLink.getAttribute('href'));
    expect(await link.textContent()).toBe(await rowLink.textContent());
    expect(await page.locator('[data-estimate-status]').textContent()).toBe(
      await sentence(page).textContent(),
    );
    expect(await problems()).toEqual(NO_PROBLEMS);
    await context.close();
  });

  test('the reader’s own throughput: refused with a message when invalid, used when valid', async () => {
    const { page, context, problems } = await openAtWidgets(PAGE);
    const custom = page.getByLabel('Or your own, in images per second');
    const before = await sentence(page).textContent();
    await custom.fill('fast');
    const error = page.locator('[data-throughput-error]');
    await expect.poll(() => error.isVisible()).toBe(true);
    expect(await error.textContent()).toMatch(/^Throughput must be/);
    expect(await custom.getAttribute('aria-invalid')).toBe('true');
    expect(await sentence(page).textContent()).toBe(before);
    expect(await sentence(page).textContent()).not.toMatch(/NaN|Infinity|undefined/);

    await custom.fill('1000');
    await expect.poll(() => sentence(page).textContent()).toBe(expectedSentence(DEFAULT_INPUTS, 1000));
    expect(await error.isVisible()).toBe(false);
    expect(await custom.getAttribute('aria-invalid')).toBeNull();
    expect(await throughputSelect(page).inputValue()).toBe('custom');
    expect(await page.locator('[data-estimate-source]').textContent()).toContain('your own figure');

    // A preset still updates the estimate at the reader's figure.
    const messidor = DATASETS.find((dataset) => dataset.id === 'messidor');
    if (!messidor) throw new Error('Messidor is missing');
    await page.getByRole('button', { name: presetLabel(messidor) }).click();
    await expect
      .poll(() => sentence(page).textContent())
      .toBe(expectedSentence({ ...DEFAULT_INPUTS, images: 1_200 }, 1000));
    expect(await problems()).toEqual(NO_PROBLEMS);
    await context.close();
  });

  test('without JavaScript: preset links carry the inputs, the estimate and the tables are there', async () => {
    const { page, context } = await openPage(browser, PAGE, { javaScriptEnabled: false });
    const links = page.locator('dataset-presets a[data-preset]');
    expect(await links.count()).toBe(DATASETS.length);
    expect(await links.first().getAttribute('href')).toBe(
      `?images=${DATASETS[0]?.images}&batch=64&epochs=120`,
    );
    expect((await sentence(page).textContent())?.trim()).toBe(expectedSentence(DEFAULT_INPUTS, 2470));
    expect(await page.locator('[data-throughput-row]').count()).toBeGreaterThan(10);
    expect(await page.locator('.datasets-table tbody tr').count()).toBe(DATASETS.length);
    await context.close();
  });

  test.each(['light', 'dark'] as const)(
    'axe finds nothing in the %s theme, after a preset and an error',
    async (colorScheme) => {
      const { page, context, problems } = await openAtWidgets(PAGE, { colorScheme });
      await page.locator('dataset-presets button').first().click();
      await page.getByLabel('Or your own, in images per second').fill('-1');
      expect(await runAxe(page)).toEqual([]);
      expect(await problems()).toEqual(NO_PROBLEMS);
      await context.close();
    },
  );

  test('fits a 320 px phone without sideways scrolling', async () => {
    const { page, context } = await openPage(browser, PAGE, { viewport: { width: 320, height: 640 } });
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    await context.close();
  });
});
