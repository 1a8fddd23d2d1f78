// The charts in Chromium: they follow the shared state, their words and tables match the
// chart descriptions built from the engine, the epoch cursor works by keyboard, and they
// follow the colour scheme.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { describeBatchSizeText } from '../../src/charts/batch-size-chart';
import { describeDatasetText } from '../../src/charts/dataset-chart';
import { describeEpochsText, epochReadout, tableEpochs } from '../../src/charts/epochs-chart';
import { tableToCsv } from '../../src/charts/table';
import { readFile } from 'node:fs/promises';
import { DEFAULT_INPUTS } from '../../src/lib';
import { NO_PROBLEMS, launchBrowser, openPage } from './browser';
import { planFor } from '../support/plans';

const PLAYGROUND = 'playground/';

const CHARTS = [
  { element: 'epochs-chart', text: describeEpochsText },
  { element: 'batch-size-chart', text: describeBatchSizeText },
  { element: 'dataset-chart', text: describeDatasetText },
] as const;

async function chartWords(page: Page, element: string) {
  const chart = page.locator(element);
  await chart.scrollIntoViewIfNeeded();
  return {
    svgTitle: await chart.locator('svg > title').textContent(),
    svgDesc: await chart.locator('svg > desc').textContent(),
    caption: await chart.locator('[data-chart-description]').textContent(),
  };
}

async function tableRows(page: Page, element: string): Promise<string[][]> {
  const chart = page.locator(element);
  const details = chart.locator('details[data-chart-data]');
  if (!(await details.evaluate((node) => (node as HTMLDetailsElement).open))) {
    await details.locator('summary').click();
  }
  return chart
    .locator('[data-chart-table] tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent?.trim() ?? '')),
    );
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('charts follow the state', () => {
  test('words and data tables match the descriptions for the engine’s plan, before and after a change', async () => {
    const { page, context, problems } = await openPage(browser, PLAYGROUND);
    for (const inputs of [DEFAULT_INPUTS, { ...DEFAULT_INPUTS, images: 35_126, batchSize: 32, devices: 4 }]) {
      if (inputs !== DEFAULT_INPUTS) {
        await page.getByRole('spinbutton', { name: 'Images', exact: true }).fill(String(inputs.images));
        await page
          .getByRole('spinbutton', { name: 'Batch size', exact: true })
          .fill(String(inputs.batchSize));
        await page.getByText('Advanced').click();
        await page.getByRole('spinbutton', { name: 'Devices', exact: true }).fill(String(inputs.devices));
      }
      const plan = planFor(inputs);
      for (const chart of CHARTS) {
        const expected = chart.text(plan);
        await expect
          .poll(() => chartWords(page, chart.element))
          .toEqual({
            svgTitle: expected.title,
            svgDesc: expected.description,
            caption: expected.description,
          });
        expect(await tableRows(page, chart.element)).toEqual(expected.table.rows);
      }
    }
    expect(await page.locator('main').innerText()).not.toMatch(/NaN|Infinity|undefined/);
    expect(await problems()).toEqual(NO_PROBLEMS);
    await context.close();
  });

  test('the epoch cursor moves by keyboard and the readout gives the engine’s counts', async () => {
    const { page, context } = await openPage(browser, PLAYGROUND);
    const plan = planFor(DEFAULT_INPUTS);
    const plot = page.getByRole('group', { name: /Epoch cursor/ });
    const readout = page.locator('[data-chart-readout]');
    await plot.focus();
    // The chart's code arrives as the chart comes near (or takes focus): the readout is its own.
    await expect.poll(() => readout.textContent()).toBe(epochReadout(plan, plan.inputs.epochs));
    await page.keyboard.press('Home');
    await expect.poll(() => readout.textContent()).toBe(epochReadout(plan, 0));
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => readout.textContent()).toBe(epochReadout(plan, 1));
    await page.keyboard.press('End');
    await expect.poll(() => readout.textContent()).toBe(epochReadout(plan, plan.inputs.epochs));
    await context.close();
  });

  test('rows a data table gains in the browser are styled like the server’s', async () => {
    const { page, context } = await openPage(browser, `${PLAYGROUND}?epochs=3`);
    const chart = page.locator('epochs-chart');
    await chart.locator('summary').click();
    const rows = chart.locator('[data-chart-table] tbody tr');
    // The table is rewritten for 3 epochs as its disclosure opens (a toggle event): wait for it.
    await expect.poll(() => rows.count()).toBe(tableEpochs(3).length);
    const before = await rows.count();
    await page.getByRole('spinbutton', { name: 'Epochs', exact: true }).fill('120');
    await expect.poll(() => rows.count()).toBeGreaterThan(before);
    const styles = await rows
      .last()
      .locator('td')
      .last()
      .evaluate((cell) => [getComputedStyle(cell).borderBottomWidth, getComputedStyle(cell).textAlign]);
    expect(styles).toEqual(['1px', 'end']);
    await context.close();
  });

  test('“Download the data” saves the table of the current state as CSV', async () => {
    const { page, context } = await openPage(browser, `${PLAYGROUND}?epochs=37`);
    const chart = page.locator('epochs-chart');
    await chart.locator('details[data-chart-data] summary').click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      chart.getByRole('button', { name: 'Download the data (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('epochs-chart.csv');
    const saved = await readFile((await download.path()) ?? '', 'utf8');
    expect(saved).toBe(tableToCsv(describeEpochsText(planFor({ ...DEFAULT_INPUTS, epochs: 37 })).table));
    await context.close();
  });

  test('the dataset chart stays small at a billion images', async () => {
    const { page, context } = await openPage(browser, `${PLAYGROUND}?images=1000000000&batch=1&epochs=1`);
    const chart = page.locator('dataset-chart');
    await chart.scrollIntoViewIfNeeded();
    await expect.poll(async () => chart.locator('svg *').count()).toBeLessThan(300);
    const plan = planFor({ ...DEFAULT_INPUTS, images: 1_000_000_000, batchSize: 1, epochs: 1 });
    await expect
      .poll(() => chart.locator('svg > desc').textContent())
      .toBe(describeDatasetText(plan).description);
    await context.close();
  });
});

describe('charts follow the colour scheme and reduced motion', () => {
  test('the theme menu overrides the system scheme, and the choice survives a reload', async () => {
    const { page, context, problems } = await openPage(browser, PLAYGROUND, { colorScheme: 'light' });
    const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    const light = await background();
    await page.getByLabel('Theme').selectOption('dark');
    await expect.poll(background).not.toBe(light);
    const dark = await background();
    await page.reload();
    expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
    expect(await background()).toBe(dark);
    await page.getByLabel('Theme').selectOption('auto');
    await expect.poll(background).toBe(light);
    expect(await problems()).toEqual(NO_PROBLEMS);
    await context.close();
  });

  test('line colours come from the theme: light and dark differ', async () => {
    const colours: string[] = [];
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page, context } = await openPage(browser, PLAYGROUND, { colorScheme, reducedMotion: 'reduce' });
      const line = page.locator('epochs-chart .chart-line-batches').first();
      colours.push(await line.evaluate((node) => getComputedStyle(node).stroke));
      const background = await page.evaluate(
        () => getComputedStyle(document.documentElement).backgroundColor,
      );
      expect(background).toBe(colorScheme === 'light' ? 'rgb(255, 255, 255)' : 'rgb(21, 23, 27)');
      // Nothing animates when the reader asks for reduced motion: style changes made and read
      // in one task (an invalid, focused field; a new count) start no transition at all.
      const animationsAfterChanges = await page.evaluate(() => {
        const field = document.querySelector<HTMLInputElement>('input[type="number"]');
        if (!field) throw new Error('no number field');
        getComputedStyle(field).getPropertyValue('border-color');
        field.setAttribute('aria-invalid', 'true');
        field.focus();
        getComputedStyle(field).getPropertyValue('border-color');
        return document.getAnimations().length;
      });
      expect(animationsAfterChanges).toBe(0);
      await page.getByRole('spinbutton', { name: 'Images', exact: true }).fill('1000');
      expect(await page.evaluate(() => document.getAnimations().length)).toBe(0);
      await context.close();
    }
    expect(colours[0]).not.toBe(colours[1]);
  });
});
