// "Play an epoch" on the playground's dataset chart, in Chromium: Play runs the counter and the
// cursor, Pause stops them, by keyboard alone; the end is the engine's batches per epoch; reduced
// motion jumps to it; a change of state, leaving the screen or a hidden tab stops it; a run with
// no batch disables it and says why; no layout shift; axe clean; no console errors.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { playerView } from '../../src/charts/epoch-player';
import { DEFAULT_INPUTS, formatCount } from '../../src/lib';
import { NO_PROBLEMS, launchBrowser, openPage, runAxe } from './browser';
import { planFor } from '../support/plans';

const PLAYGROUND = 'playground/';

const counter = (page: Page) => page.locator('dataset-chart [data-epoch-counter]');
const live = (page: Page) => page.locator('dataset-chart [data-epoch-live]');
const player = (page: Page) => page.locator('dataset-chart epoch-player');

/** The k of "Batch k of b". */
async function shownBatch(page: Page): Promise<number> {
  const text = (await counter(page).textContent()) ?? '';
  const match = /^Batch ([\d,]+) of [\d,]+$/.exec(text);
  if (!match) throw new Error(`unexpected counter: ${text}`);
  return Number((match[1] ?? '').replaceAll(',', ''));
}

/** The name of the focused element. */
function focusedText(page: Page): Promise<string | undefined> {
  return page.evaluate(() => document.activeElement?.textContent?.trim());
}

/** Opens the playground, scrolls to the player and waits until it is live. */
async function openPlayer(query = '', options: Parameters<typeof openPage>[2] = {}) {
  const opened = await openPage(browser, `${PLAYGROUND}${query}`, options);
  await player(opened.page).scrollIntoViewIfNeeded();
  await expect.poll(() => player(opened.page).getAttribute('data-ready')).toBe('');
  return opened;
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const worked = planFor(DEFAULT_INPUTS);

describe('playing an epoch', () => {
  test('by keyboard: Play runs the counter and the cursor, Pause stops them, Next batch and Rewind', async () => {
    const { page, context, problems } = await openPlayer();
    expect(await counter(page).textContent()).toBe(playerView(worked, 0).counter);
    const play = page.getByRole('button', { name: 'Play', exact: true });
    await play.focus();
    await page.keyboard.press('Enter');
    expect(await focusedText(page)).toBe('Pause');
    expect(await page.getByRole('button', { name: 'Pause', exact: true }).count()).toBe(1);
    await expect.poll(() => shownBatch(page)).toBeGreaterThan(20);
    // The cursor is drawn over the chart's cells, in the chart's own viewBox.
    const overlay = page.locator('dataset-chart [data-chart-plot] > svg.epoch-cursor');
    expect(await overlay.getAttribute('viewBox')).toBe(
      await page.locator('dataset-chart [data-chart-plot] > svg.chart').getAttribute('viewBox'),
    );
    expect(await overlay.locator('.epoch-current').getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+h/);

    await page.keyboard.press('Space');
    expect(await focusedText(page)).toBe('Play');
    const paused = await shownBatch(page);
    expect(paused).toBeLessThan(worked.batchesPerEpoch);
    await page.waitForTimeout(600);
    expect(await shownBatch(page)).toBe(paused);
    // On pause the live region says where, with the engine's image range.
    await expect.poll(() => live(page).textContent()).toBe(playerView(worked, paused).words);

    await page.keyboard.press('Tab');
    expect(await focusedText(page)).toBe('Next batch');
    await page.keyboard.press('Enter');
    expect(await counter(page).textContent()).toBe(playerView(worked, paused + 1).counter);
    expect(await live(page).textContent()).toBe(playerView(worked, paused + 1).words);
    await page.keyboard.press('Tab');
    expect(await focusedText(page)).toBe('Rewind');
    await page.keyboard.press('Enter');
    expect(await counter(page).textContent()).toBe(playerView(worked, 0).counter);

    expect(await runAxe(page, { include: 'dataset-chart' })).toEqual([]);
    expect(await problems()).toEqual(NO_PROBLEMS);
    await context.close();
  });

  test('an epoch plays to the engine’s batches per epoch in about 7 s, and says so', async () => {
    const { page, context, problems } = await openPlayer();
    const started = Date.now();
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    const end = playerView(worked, worked.batchesPerEpoch);
    const b = formatCount(worked.batchesPerEpoch);
    expect(end.counter).toBe(`Batch ${b} of ${b}`);
    await expect.poll(() => counter(page).textContent(), { timeout: 15_000 }).toBe(end.counter);
    const seconds = (Date.now() - started) / 1_000;
    expect(seconds).toBeGreaterThan(5);
    expect(seconds).toBeLessThan(12);
    await expect.poll(() => page.getByRole('button', { name: 'Play', exact: true }).count()).toBe(1);
    await expect.poll(() => live(page).textContent()).toBe(end.words);
    // Play again starts a new epoch.
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expect.poll(() => shownBatch(page)).toBeLessThan(worked.batchesPerEpoch);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    expect(await runAxe(page, { include: 'dataset-chart' })).toEqual([]);
    expect(await problems()).toEqual(NO_PROBLEMS);
    await context.close();
  }, 30_000);

  test('under reduced motion Play shows the end at once; Next batch still steps one', async () => {
    const { page, context, problems } = await openPlayer('', { reducedMotion: 'reduce' });
    const play = page.getByRole('button', { name: 'Play', exact: true });
    await play.focus();
    await page.keyboard.press('Enter');
    expect(await counter(page).textContent()).toBe(playerView(worked, worked.batchesPerEpoch).counter);
    expect(await focusedText(page)).toBe('Play');
    expect(await live(page).textContent()).toBe(playerView(worked, worked.batchesPerEpoch).words);
    await page.getByRole('button', { name: 'Rewind' }).click();
    await page.getByRole('button', { name: 'Next batch' }).click();
    await page.waitForTimeout(300);
    expect(await counter(page).textContent()).toBe(playerView(worked, 1).counter);
    expect(await problems()).toEqual(NO_PROBLEMS);
    await context.close();
  });
});

describe('playing stops', () => {
  test('when the state changes: back to the start of the new plan', async () => {
    const { page, context, problems } = await openPlayer();
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expect.poll(() => shownBatch(page)).toBeGreaterThan(5);
    await page.getByRole('spinbutton', { name: 'Batch size', exact: true }).fill('32');
    const smaller = planFor({ ...DEFAULT_INPUTS, batchSize: 32 });
    await expect.poll(() => counter(page).textContent()).toBe(playerView(smaller, 0).counter);
    expect(await page.getByRole('button', { name: 'Play', exact: true }).count()).toBe(1);
    await page.waitForTimeout(300);
    expect(await shownBatch(page)).toBe(0);
    expect(await problems()).toEqual(NO_PROBLEMS);
    await context.close();
  });

  test('when the chart leaves the screen, and when the tab is hidden', async () => {
    const { page, context, problems } = await openPlayer();
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expect.poll(() => shownBatch(page)).toBeGreaterThan(5);
    await page.evaluate(() => window.scrollTo(0, 0));
    await expect.poll(() => page.getByRole('button', { name: 'Play', exact: true }).count()).toBe(1);
    const left = await shownBatch(page);
    await page.waitForTimeout(400);
    expect(await shownBatch(page)).toBe(left);

    await player(page).scrollIntoViewIfNeeded();
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expect.poll(() => shownBatch(page)).toBeGreaterThan(left + 5);
    await page.evaluate(() => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    expect(await page.getByRole('button', { name: 'Play', exact: true }).count()).toBe(1);
    const hidden = await shownBatch(page);
    await page.waitForTimeout(400);
    expect(await shownBatch(page)).toBe(hidden);
    expect(await problems()).toEqual(NO_PROBLEMS);
    await context.close();
  });
});

describe('the player in place', () => {
  test('a run with no batch: the buttons are disabled, with the reason in text', async () => {
    const { page, context, problems } = await openPlayer('?images=10&batch=64&last=drop');
    const empty = planFor({ ...DEFAULT_INPUTS, images: 10, batchSize: 64, lastBatch: 'drop' });
    expect(empty.batchesPerEpoch).toBe(0);
    for (const name of ['Play', 'Next batch', 'Rewind']) {
      expect(await page.getByRole('button', { name, exact: true }).isDisabled()).toBe(true);
    }
    const reason = page.locator('dataset-chart [data-epoch-reason]');
    expect(await reason.isVisible()).toBe(true);
    expect(await reason.textContent()).toBe(playerView(empty, 0).disabledReason);
    expect(await counter(page).textContent()).toBe('Batch 0 of 0');
    expect(await runAxe(page, { include: 'dataset-chart' })).toEqual([]);
    expect(await problems()).toEqual(NO_PROBLEMS);
    await context.close();
  });

  test('without JavaScript it keeps its place unseen: the same height, no layout shift', async () => {
    const viewport = { width: 360, height: 740 };
    const heights: number[] = [];
    for (const javaScriptEnabled of [false, true]) {
      const { page, context } = await openPage(browser, PLAYGROUND, { javaScriptEnabled, viewport });
      // Its code is loaded as it comes near the screen.
      await player(page).scrollIntoViewIfNeeded();
      await expect
        .poll(() => player(page).evaluate((node) => getComputedStyle(node).visibility))
        .toBe(javaScriptEnabled ? 'visible' : 'hidden');
      const box = await player(page).boundingBox();
      heights.push(box?.height ?? 0);
      await context.close();
    }
    expect(heights[0]).toBeGreaterThan(0);
    expect(heights[1]).toBe(heights[0]);
  });
});
