// The home page: the worked case and its edges, every count the engine's, each edge a link
// that opens the playground in exactly that state.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  DEFAULT_INPUTS,
  computeTraining,
  derivationSpeech,
  formatCount,
  inputsFromParams,
  quantity,
} from '../../src/lib';
import { NO_PROBLEMS, launchBrowser, openPage } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test('the edges table holds the engine’s counts for each linked state, and each link opens it', async () => {
  const { page, context, problems } = await openPage(browser, '');
  const rows = await page.locator('table.edges tbody tr').evaluateAll((trs) =>
    trs.map((tr) => ({
      href: tr.querySelector('a')?.getAttribute('href') ?? '',
      cells: [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? ''),
    })),
  );
  expect(rows.length).toBeGreaterThanOrEqual(5);
  for (const row of rows) {
    const { inputs, notices } = inputsFromParams(new URL(row.href, page.url()).searchParams);
    expect(notices).toEqual([]);
    const computed = computeTraining(inputs);
    if (!computed.ok) throw new Error(`invalid edge ${row.href}`);
    const plan = computed.value;
    expect(row.cells).toEqual([
      formatCount(plan.batchesPerEpoch),
      formatCount(plan.lastBatchSize),
      formatCount(plan.totalOptimizerSteps),
    ]);
  }
  // The first row is the worked case itself.
  expect(inputsFromParams(new URL(rows[0]?.href ?? '', page.url()).searchParams).inputs).toEqual(
    DEFAULT_INPUTS,
  );

  const last = rows[rows.length - 1];
  await page.locator(`table.edges a[href="${last?.href}"]`).click();
  await page.waitForURL(/playground/);
  const { inputs } = inputsFromParams(new URL(page.url()).searchParams);
  const computed = computeTraining(inputs);
  if (!computed.ok) throw new Error('invalid state after the link');
  await expect
    .poll(() => page.locator('output[data-quantity="total-optimizer-steps"]').textContent())
    .toBe(quantity(computed.value, 'total-optimizer-steps').text);
  expect(await problems()).toEqual(NO_PROBLEMS);
  await context.close();
});

test('the worked case stays the worked case: parameters in the address change no number on it', async () => {
  const { page, context, problems } = await openPage(browser, '?images=48001&batch=32&epochs=7');
  const computed = computeTraining(DEFAULT_INPUTS);
  if (!computed.ok) throw new Error('default case invalid');
  const plan = computed.value;
  const speech = derivationSpeech(plan.derivation);
  expect((await page.locator('[data-derivation-speech]').textContent())?.trim()).toBe(speech);
  expect((await page.locator('output[data-quantity="total-batches"]').textContent())?.trim()).toBe(
    quantity(plan, 'total-batches').text,
  );
  // Only the lines of the worked case are in the page, and nothing on it needs a state script.
  expect(await page.locator('.derivation-lines li').count()).toBe(plan.derivation.length);
  expect(await page.locator('live-derivation, training-calculator').count()).toBe(0);
  expect(await problems()).toEqual(NO_PROBLEMS);
  await context.close();
});
