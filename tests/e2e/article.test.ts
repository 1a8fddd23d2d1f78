// The article in Chromium: numbers in the sentences follow the state (from an in-text number, a
// slider, a "try" link), predict-then-reveal, reset to the chapter's case, the next chapter
// carrying the reader's numbers, glossary definitions on focus, and the cover's contents.
// Every expected number is the engine's.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  DEFAULT_INPUTS,
  computeTraining,
  formatCount,
  inputsFromParams,
  quantity,
  type QuantityId,
  type TrainingInputs,
} from '../../src/lib';
import { stepValue } from '../../src/client/adjustable-number';
import { NO_PROBLEMS, launchBrowser, openPage, runAxe } from './browser';

const CHAPTER_1 = 'the-case/';

function count(inputs: TrainingInputs, id: QuantityId): string {
  const computed = computeTraining(inputs);
  if (!computed.ok) throw new Error(computed.errors.map((error) => error.message).join('; '));
  return quantity(computed.value, id).text;
}

/** The text of every live count in the prose (not in widgets) for one quantity. */
function proseCounts(page: Page, id: QuantityId): Promise<string[]> {
  return page
    .locator(`.prose > p .count[data-quantity="${id}"][data-live-count]`)
    .evaluateAll((elements) => elements.map((element) => element.textContent?.trim() ?? ''));
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('chapter 1', () => {
  test('an in-text number moved by keyboard changes the sentences, the calculator and the link', async () => {
    const { page, context, problems } = await openPage(browser, CHAPTER_1);
    try {
      const images = page.locator('.prose [data-num-for="images"] [role="spinbutton"]').first();
      await expect.poll(() => images.getAttribute('aria-valuenow')).toBe(String(DEFAULT_INPUTS.images));
      const before = await proseCounts(page, 'batches-per-epoch');
      expect(before.length).toBeGreaterThan(0);
      expect(before[0]).toContain(count(DEFAULT_INPUTS, 'batches-per-epoch'));

      await images.focus();
      await page.keyboard.press('ArrowUp');
      const up = stepValue('images', DEFAULT_INPUTS.images, 1);
      expect(up).toBeGreaterThan(DEFAULT_INPUTS.images);
      const moved = { ...DEFAULT_INPUTS, images: up };
      await expect.poll(() => images.getAttribute('aria-valuenow')).toBe(String(up));
      await expect
        .poll(async () => (await proseCounts(page, 'batches-per-epoch'))[0])
        .toContain(count(moved, 'batches-per-epoch'));
      expect(await images.getAttribute('aria-valuetext')).toBe(`${formatCount(up)} images`);
      // The calculator, further down, shows the change when the reader gets there.
      const calculatorTotal = page
        .locator('training-calculator output[data-quantity="total-batches"]')
        .first();
      await calculatorTotal.scrollIntoViewIfNeeded();
      await expect.poll(() => calculatorTotal.textContent()).toBe(count(moved, 'total-batches'));
      await images.focus();
      // The address keeps the state once the reader pauses.
      await expect.poll(() => inputsFromParams(new URL(page.url()).searchParams).inputs.images).toBe(up);

      // The way back retraces the step.
      await page.keyboard.press('ArrowDown');
      await expect.poll(() => images.getAttribute('aria-valuenow')).toBe(String(DEFAULT_INPUTS.images));
      expect(await problems()).toEqual(NO_PROBLEMS);
    } finally {
      await context.close();
    }
  });

  test('the calculator’s slider changes the sentences too', async () => {
    const { page, context, problems } = await openPage(browser, CHAPTER_1);
    try {
      const slider = page.getByRole('slider', { name: 'Batch size slider' }).first();
      await slider.focus();
      await page.keyboard.press('ArrowRight');
      const moved = { ...DEFAULT_INPUTS, batchSize: DEFAULT_INPUTS.batchSize * 2 };
      await expect
        .poll(async () => (await proseCounts(page, 'batches-per-epoch'))[0])
        .toContain(count(moved, 'batches-per-epoch'));
      expect(await proseCounts(page, 'total-batches')).toContain(`${count(moved, 'total-batches')} batches`);
      const num = page.locator('.prose [data-num-for="batchSize"] [role="spinbutton"]').first();
      expect(await num.textContent()).toBe(formatCount(moved.batchSize));
      expect(await problems()).toEqual(NO_PROBLEMS);
    } finally {
      await context.close();
    }
  });

  test('typing a number applies it; text that is no number is flagged with the range, Escape restores', async () => {
    const { page, context, problems } = await openPage(browser, CHAPTER_1);
    try {
      const number = page.locator('.prose [data-num-for="batchSize"]').first();
      const batch = number.getByRole('spinbutton');
      const field = number.locator('input');
      // Digits typed on the spin button go to the field it opens, every one of them.
      await batch.focus();
      await page.keyboard.type('100');
      expect(await field.inputValue()).toBe('100');
      expect(await batch.isVisible()).toBe(false);
      const typed = { ...DEFAULT_INPUTS, batchSize: 100 };
      await expect
        .poll(async () => (await proseCounts(page, 'batches-per-epoch'))[0])
        .toContain(count(typed, 'batches-per-epoch'));
      await field.press('Enter');
      expect(await field.isVisible()).toBe(false);
      expect(await batch.textContent()).toBe('100');
      expect(await batch.evaluate((element) => element === document.activeElement)).toBe(true);
      // A click opens the field with the value selected.
      await batch.click();
      expect(
        await field.evaluate(
          (input: HTMLInputElement) => (input.selectionEnd ?? 0) - (input.selectionStart ?? 0),
        ),
      ).toBe(3);
      await field.fill('12x');
      await field.press('Enter');
      expect(await field.getAttribute('aria-invalid')).toBe('true');
      const message = number.locator('[data-num-error]');
      await expect.poll(() => message.isVisible()).toBe(true);
      expect(await message.textContent()).toMatch(/1 to 1,000,000/);
      // The counts keep the last accepted value.
      expect((await proseCounts(page, 'batches-per-epoch'))[0]).toContain(count(typed, 'batches-per-epoch'));
      await field.press('Escape');
      expect(await field.isVisible()).toBe(false);
      expect(await message.isVisible()).toBe(false);
      expect(await batch.textContent()).toBe('100');
      expect(await batch.getAttribute('aria-valuenow')).toBe('100');
      expect(await problems()).toEqual(NO_PROBLEMS);
    } finally {
      await context.close();
    }
  });

  test('a try link sets the state in place, and Reset brings the chapter’s case back', async () => {
    const { page, context, problems } = await openPage(browser, CHAPTER_1);
    try {
      const link = page.locator('a[data-try]').first();
      const set = JSON.parse((await link.getAttribute('data-try')) ?? '{}') as Partial<TrainingInputs>;
      const tried = { ...DEFAULT_INPUTS, ...set };
      // The link changes the state in place: same document, same path (the hash follows the reading).
      await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
      const path = new URL(page.url()).pathname;
      await link.click();
      expect(new URL(page.url()).pathname).toBe(path);
      expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
      await expect
        .poll(async () => (await proseCounts(page, 'batches-per-epoch'))[0])
        .toContain(count(tried, 'batches-per-epoch'));
      await page.locator('.chapter-head a[data-reset-chapter]').click();
      await expect
        .poll(async () => (await proseCounts(page, 'batches-per-epoch'))[0])
        .toContain(count(DEFAULT_INPUTS, 'batches-per-epoch'));
      expect(await problems()).toEqual(NO_PROBLEMS);
    } finally {
      await context.close();
    }
  });

  test('predict, then reveal: the feedback says higher, lower or exact in words', async () => {
    const { page, context } = await openPage(browser, CHAPTER_1);
    try {
      const predict = page.locator('[data-predict]').first();
      const guess = predict.locator('[data-predict-guess]');
      const feedback = predict.locator('[data-predict-feedback]');
      await guess.fill('1');
      await guess.press('Enter');
      await expect.poll(() => feedback.textContent()).toMatch(/Not quite: the answer is higher/);
      expect(await predict.locator('details').getAttribute('open')).not.toBeNull();
      await guess.fill(count(DEFAULT_INPUTS, 'batches-per-epoch'));
      await guess.press('Enter');
      await expect.poll(() => feedback.textContent()).toMatch(/Exactly right/);
      await guess.fill('lots');
      await guess.press('Enter');
      await expect.poll(() => feedback.textContent()).toMatch(/whole number/);
      expect(await feedback.getAttribute('role')).toBe('status');
    } finally {
      await context.close();
    }
  });

  test('a glossary term shows its definition on focus and hides it on Escape', async () => {
    const { page, context } = await openPage(browser, CHAPTER_1);
    try {
      const term = page.locator('.prose [data-term]').first();
      const tip = term.locator('[role="tooltip"]');
      expect(await tip.isVisible()).toBe(false);
      await term.locator('a').focus();
      await expect.poll(() => tip.isVisible()).toBe(true);
      const describedBy = await term.locator('a').getAttribute('aria-describedby');
      expect(describedBy).toBe(await tip.getAttribute('id'));
      await page.keyboard.press('Escape');
      await expect.poll(() => tip.isVisible()).toBe(false);
    } finally {
      await context.close();
    }
  });

  test('the next chapter carries the reader’s numbers, and only once they changed', async () => {
    const { page, context } = await openPage(browser, CHAPTER_1);
    try {
      const next = page.locator('.chapter-nav a[rel="next"]');
      if ((await next.count()) === 0) return; // A one-chapter build has no next chapter.
      const plain = await next.getAttribute('href');
      expect(plain).not.toContain('?');
      const images = page.locator('.prose [data-num-for="images"] [role="spinbutton"]').first();
      await images.focus();
      await page.keyboard.press('PageUp');
      // The link is brought up to date as the reader reaches for it.
      await next.hover();
      await expect.poll(() => next.getAttribute('href')).toContain('?');
      const carried = inputsFromParams(
        new URL((await next.getAttribute('href')) ?? '', page.url()).searchParams,
      ).inputs;
      expect(carried.images).toBe(Number(await images.getAttribute('aria-valuenow')));
    } finally {
      await context.close();
    }
  });

  test('without JavaScript the numbers read as text, with no control that cannot work', async () => {
    const { page, context } = await openPage(browser, CHAPTER_1, { javaScriptEnabled: false });
    try {
      // The spin buttons and their fields are not shown, so no one can focus one that cannot work.
      expect(await page.locator('[data-num-for] [role="spinbutton"]').count()).toBeGreaterThan(0);
      expect(
        await page.locator('[data-num-for] [role="spinbutton"]:visible, .num-input:visible').count(),
      ).toBe(0);
      const first = page.locator('.prose [data-num-for="images"] [data-num-static]').first();
      expect(await first.textContent()).toBe(formatCount(DEFAULT_INPUTS.images));
    } finally {
      await context.close();
    }
  });

  test('axe finds nothing once the reader has interacted (open definition, feedback shown)', async () => {
    const { page, context } = await openPage(browser, CHAPTER_1, { colorScheme: 'dark' });
    try {
      await page.locator('[data-predict-guess]').first().fill('3');
      await page.locator('[data-predict-guess]').first().press('Enter');
      await page.locator('.prose [data-term] a').first().focus();
      expect(await runAxe(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

test('a change of numbers keeps the page’s other parameters, such as the exercises’ seed', async () => {
  const { page, context, problems } = await openPage(browser, `${CHAPTER_1}?seed=7`);
  try {
    const images = page.locator('.prose [data-num-for="images"] [role="spinbutton"]').first();
    await images.focus();
    await page.keyboard.press('ArrowUp');
    const up = String(stepValue('images', DEFAULT_INPUTS.images, 1));
    await expect.poll(() => new URL(page.url()).searchParams.get('images')).toBe(up);
    expect(new URL(page.url()).searchParams.get('seed')).toBe('7');
    expect(await problems()).toEqual(NO_PROBLEMS);
  } finally {
    await context.close();
  }
});

test('the cover lists every chapter in order, each with a summary and a reading time', async () => {
  const { page, context } = await openPage(browser, '');
  try {
    const items = await page.locator('.contents li').evaluateAll((elements) =>
      elements.map((element) => ({
        number: element.querySelector('.contents-number')?.textContent?.trim(),
        href: element.querySelector('a')?.getAttribute('href'),
        time: element.querySelector('.contents-time')?.textContent?.trim(),
      })),
    );
    expect(items.length).toBeGreaterThan(0);
    items.forEach((item, index) => {
      expect(item.number).toBe(String(index + 1));
      expect(item.time).toMatch(/^\d+ min$/);
    });
    expect(items[0]?.href).toMatch(/the-case\/$/);
  } finally {
    await context.close();
  }
});
