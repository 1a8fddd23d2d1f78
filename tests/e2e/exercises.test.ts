// The exercises in Chromium: answering right and wrong, feedback in words in a polite live
// region, focus kept on the answer, "New numbers" and the seed in the URL, the answer key,
// keyboard only, no JavaScript, axe. Every expected number comes from the engine.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeExercise, type ChoiceExercise, type ExerciseKind, type NumberExercise } from '../../src/lib';
import { NO_PROBLEMS, launchBrowser, openPage, pageURL, runAxe } from './browser';

const EXERCISES = 'check-your-understanding/';
const KEY = 'answer-key/';

function numberExercise(kind: ExerciseKind, seed: number): NumberExercise {
  const exercise = makeExercise(kind, seed);
  if (exercise.format !== 'number') throw new Error(kind);
  return exercise;
}

function choiceExercise(kind: ExerciseKind, seed: number): ChoiceExercise {
  const exercise = makeExercise(kind, seed);
  if (exercise.format !== 'choice') throw new Error(kind);
  return exercise;
}

function article(page: Page, kind: ExerciseKind) {
  return page.locator(`article#exercise-${kind}`);
}

function feedback(page: Page, kind: ExerciseKind) {
  return article(page, kind).locator('[data-feedback]');
}

function focusedId(page: Page): Promise<string | undefined> {
  return page.evaluate(() => document.activeElement?.id);
}

/** The seed in the page's address, or null. */
function seedOf(page: Page): string | null {
  return new URL(page.url()).searchParams.get('seed');
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('answering', () => {
  test('a right answer says so in words, politely, and focus stays on the field', async () => {
    const { page, context, problems } = await openPage(browser, EXERCISES);
    const exercise = numberExercise('remainder', 0);
    const field = page.getByLabel('Batches per epoch').and(page.locator('#exercise-remainder-answer'));
    await field.fill(String(exercise.answer));
    await field.press('Enter');
    const region = feedback(page, 'remainder');
    await expect.poll(() => region.textContent()).toContain(`Right: ${exercise.answerText}.`);
    expect(await region.getAttribute('aria-live')).toBe('polite');
    expect(await region.getAttribute('data-status')).toBe('right');
    expect(await region.locator('.feedback-icon').textContent()).toBe('✓');
    expect(await focusedId(page)).toBe('exercise-remainder-answer');
    expect(await article(page, 'remainder').locator('details').getAttribute('open')).toBeNull();
    expect(await problems()).toEqual(NO_PROBLEMS);
    await context.close();
  });

  test('a wrong answer shows the worked arithmetic and names the mistake', async () => {
    const { page, context, problems } = await openPage(browser, EXERCISES);
    const exercise = numberExercise('remainder', 0);
    const floor = exercise.mistakes.find((mistake) => mistake.id === 'floor-for-ceil');
    expect(floor?.value).toBe(750);
    await page.locator('#exercise-remainder-answer').fill('750');
    await article(page, 'remainder').getByRole('button', { name: 'Check' }).click();
    const region = feedback(page, 'remainder');
    await expect.poll(() => region.textContent()).toContain('Not quite');
    const text = (await region.textContent()) ?? '';
    expect(text).toContain(floor?.text ?? '?');
    expect(text).toContain('48,001 divided by 64, rounded up, is 751 batches per epoch');
    expect(await region.locator('.feedback-icon').textContent()).toBe('✗');
    const details = article(page, 'remainder').locator('details');
    expect(await details.getAttribute('open')).toBe('');
    expect(await details.locator('li[data-template="batches-per-epoch/ceil"]').isVisible()).toBe(true);
    expect(await focusedId(page)).toBe('exercise-remainder-answer');
    expect(await runAxe(page, { include: '#exercise-remainder' })).toEqual([]);
    expect(await problems()).toEqual(NO_PROBLEMS);
    await context.close();
  });

  test('grouped numbers are accepted; junk gets a clear message and aria-invalid', async () => {
    const { page, context } = await openPage(browser, EXERCISES);
    const total = numberExercise('total', 0);
    const field = page.locator('#exercise-total-answer');
    await field.fill('abc');
    await field.press('Enter');
    await expect.poll(() => feedback(page, 'total').textContent()).toContain('“abc” is not a number');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await feedback(page, 'total').getAttribute('data-status')).toBe('invalid');
    for (const typed of ['90,000', '90000', '90 000']) {
      await field.fill(typed);
      await field.press('Enter');
      await expect.poll(() => feedback(page, 'total').textContent()).toContain(`Right: ${total.answerText}`);
      expect(await field.getAttribute('aria-invalid')).toBeNull();
    }
    await context.close();
  });

  test('keyboard only: a choice picked with the arrow keys and checked with the button', async () => {
    const { page, context, problems } = await openPage(browser, EXERCISES);
    const exercise = choiceExercise('framework-drop', 0);
    const radios = article(page, 'framework-drop').locator('input[type="radio"]');
    // Tab into the group from the previous exercise's answer field, once the exercises' code
    // is in (it loads as they come near; an answer sent before it is covered in the unit tests).
    await article(page, 'double-batch').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => customElements.get('exercise-set') !== undefined);
    await page.locator('#exercise-hours-answer').focus();
    await page.keyboard.press('Tab'); // the hours Check button
    await page.keyboard.press('Tab'); // its "Show the answer" summary
    await page.keyboard.press('Tab'); // the radio group
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe(
      'exercise-framework-drop-choice',
    );
    // The first choice is PyTorch, which keeps: choose it, check, then move to fastai.
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => feedback(page, 'framework-drop').textContent()).toContain('Not quite');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe(
      'pytorch',
    );
    const fastai = exercise.choices.findIndex((choice) => choice.value === exercise.answer);
    for (let i = 0; i < fastai; i += 1) await page.keyboard.press('ArrowDown');
    expect(await radios.nth(fastai).isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await expect.poll(() => feedback(page, 'framework-drop').textContent()).toContain('Right: fastai.');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe(
      'fastai',
    );
    expect(await problems()).toEqual(NO_PROBLEMS);
    await context.close();
  });
});

describe('variants', () => {
  test('New numbers changes every exercise and the URL; the new variant is the engine’s', async () => {
    const { page, context, problems } = await openPage(browser, EXERCISES);
    expect(seedOf(page)).toBeNull();
    const before = await article(page, 'remainder').locator('[data-question]').textContent();
    expect(before).toBe(makeExercise('remainder', 0).question);
    await page.locator('#exercise-remainder-answer').fill('1');
    await page.locator('#exercise-remainder-answer').press('Enter');
    await page.getByRole('button', { name: 'New numbers' }).click();
    await expect.poll(() => seedOf(page)).toMatch(/^\d{1,9}$/);
    const seed = Number(seedOf(page));
    expect(seed).toBeGreaterThan(0);
    for (const kind of ['exact', 'remainder', 'devices', 'hours', 'double-batch'] as const) {
      await expect
        .poll(() => article(page, kind).locator('[data-question]').textContent())
        .toBe(makeExercise(kind, seed).question);
    }
    // The old feedback and answer are cleared, and the new answer is the engine's.
    expect(await feedback(page, 'remainder').textContent()).toBe('');
    expect(await page.locator('#exercise-remainder-answer').inputValue()).toBe('');
    const remainder = numberExercise('remainder', seed);
    await page.locator('#exercise-remainder-answer').fill(String(remainder.answer));
    await page.locator('#exercise-remainder-answer').press('Enter');
    await expect.poll(() => feedback(page, 'remainder').textContent()).toContain('Right');
    expect(await page.locator('[data-seed-status]').textContent()).toContain('New numbers');
    expect(await page.locator('a[data-seed-link]').getAttribute('href')).toContain(`seed=${seed}`);
    expect(await problems()).toEqual(NO_PROBLEMS);
    await context.close();
  });

  test('the seed in the URL reproduces the variant, worked arithmetic included', async () => {
    const seed = 12_345;
    const { page, context, problems } = await openPage(browser, `${EXERCISES}?seed=${seed}`);
    for (const kind of ['total', 'validation-split', 'accumulation'] as const) {
      const exercise = numberExercise(kind, seed);
      await expect
        .poll(() => article(page, kind).locator('[data-question]').textContent())
        .toBe(exercise.question);
      expect(await article(page, kind).locator('[data-answer-text]').textContent()).toBe(exercise.answerText);
      const shown = await article(page, kind)
        .locator('li[data-template]:not([hidden])')
        .evaluateAll((lines) => lines.map((line) => line.getAttribute('data-template')));
      expect(shown).toEqual(exercise.work.map((step) => step.template));
      const slots = await article(page, kind)
        .locator('li[data-template]:not([hidden]) [data-slot]')
        .evaluateAll((nodes) => nodes.map((node) => node.textContent));
      expect(slots.length).toBeGreaterThan(0);
      const answerText = exercise.answerText.split(' ')[0] ?? '';
      expect(slots).toContain(answerText);
    }
    expect(await page.locator('[data-seed-text]').textContent()).toContain('12,345');
    // A wrong answer names the mistake with this variant's numbers.
    const total = numberExercise('total', seed);
    const forgot = total.mistakes.find((mistake) => mistake.id === 'forgot-epochs');
    await page.locator('#exercise-total-answer').fill(String(forgot?.value));
    await page.locator('#exercise-total-answer').press('Enter');
    await expect.poll(() => feedback(page, 'total').textContent()).toContain(forgot?.text ?? '?');
    expect(await problems()).toEqual(NO_PROBLEMS);
    await context.close();
  });

  test('a bad seed says why and shows the article’s numbers, never echoing HTML', async () => {
    const { page, context, problems } = await openPage(browser, `${EXERCISES}?seed=%3Cimg%20src%3Dx%3E`);
    const notice = page.locator('[data-seed-notice]');
    await expect.poll(() => notice.isVisible()).toBe(true);
    expect(await notice.textContent()).toContain('at most 9 digits');
    expect(await notice.locator('img').count()).toBe(0);
    expect(await article(page, 'remainder').locator('[data-question]').textContent()).toBe(
      makeExercise('remainder', 0).question,
    );
    expect(await problems()).toEqual(NO_PROBLEMS);
    await context.close();
  });
});

describe('the answer key', () => {
  test('renders the seed in the URL with every answer, and links back with the seed', async () => {
    const seed = 777;
    const { page, context, problems } = await openPage(browser, `${KEY}?seed=${seed}`);
    for (const kind of ['remainder', 'zero-batches', 'hours', 'framework-drop'] as const) {
      const exercise = makeExercise(kind, seed);
      await expect
        .poll(() => article(page, kind).locator('[data-answer-text]').textContent())
        .toBe(exercise.answerText);
      expect(await article(page, kind).locator('details').getAttribute('open')).toBe('');
    }
    const choice = choiceExercise('framework-drop', seed);
    const marked = await article(page, 'framework-drop')
      .locator('li[data-right] [data-choice-label]')
      .textContent();
    expect(marked).toBe(choice.answerText);
    expect(
      await page.getByRole('link', { name: 'Back to the exercises with these numbers' }).getAttribute('href'),
    ).toMatch(new RegExp(`/[a-z-]+/\\?seed=${seed}$`));
    expect(await page.locator('[data-answer-input]').count()).toBe(0);
    expect(await runAxe(page)).toEqual([]);
    // The link leads to the exercises with the same numbers.
    await page.getByRole('link', { name: 'Back to the exercises with these numbers' }).click();
    await page.waitForURL((url) => !url.pathname.includes('answer-key'));
    expect(seedOf(page)).toBe(String(seed));
    await expect
      .poll(() => page.locator('article[data-kind="remainder"] [data-question]').textContent())
      .toBe(makeExercise('remainder', seed).question);
    expect(await problems()).toEqual(NO_PROBLEMS);
    await context.close();
  });
});

describe('pages', () => {
  test('axe finds nothing, light and dark, with feedback showing', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page, context, problems } = await openPage(browser, EXERCISES, { colorScheme });
      await page.locator('#exercise-exact-answer').fill('1');
      await page.locator('#exercise-exact-answer').press('Enter');
      await page.locator('#exercise-total-answer').fill('x');
      await page.locator('#exercise-total-answer').press('Enter');
      await page.locator('#exercise-drop-last-answer').fill(String(numberExercise('drop-last', 0).answer));
      await page.locator('#exercise-drop-last-answer').press('Enter');
      await expect.poll(() => feedback(page, 'drop-last').textContent()).toContain('Right');
      expect(await runAxe(page)).toEqual([]);
      expect(await problems()).toEqual(NO_PROBLEMS);
      await context.close();
    }
  });

  test('without JavaScript: the default variant, answers in <details>, no Check button', async () => {
    const { page, context } = await openPage(browser, `${EXERCISES}?seed=42`, { javaScriptEnabled: false });
    expect(await article(page, 'remainder').locator('[data-question]').textContent()).toBe(
      makeExercise('remainder', 0).question,
    );
    expect(await page.getByRole('button', { name: 'Check' }).first().isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'New numbers' }).isVisible()).toBe(false);
    await article(page, 'remainder').locator('summary').click();
    expect(await article(page, 'remainder').locator('[data-answer-text]').isVisible()).toBe(true);
    expect(await article(page, 'remainder').locator('[data-answer-text]').textContent()).toBe('751 batches');
    await context.close();
  });

  test('on a 320 px phone nothing runs off the side', async () => {
    const { page, context } = await openPage(browser, EXERCISES, { viewport: { width: 320, height: 640 } });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  });
});

describe('in a sandboxed iframe, as course pages embed it', () => {
  test('the seed from the URL, New numbers and checking all work', async () => {
    const { page, context, problems } = await openPage(browser, '');
    const src = pageURL(`${EXERCISES}?seed=99`);
    await page.setContent(
      `<iframe title="Exercises" sandbox="allow-scripts" src="${src}" width="1000" height="800"></iframe>`,
    );
    const frame = page.frameLocator('iframe');
    const question = frame.locator('#exercise-remainder [data-question]');
    await expect.poll(() => question.textContent()).toBe(makeExercise('remainder', 99).question);
    await frame.getByRole('button', { name: 'New numbers' }).click();
    await expect.poll(() => question.textContent()).not.toBe(makeExercise('remainder', 99).question);
    await frame.locator('#exercise-remainder-answer').fill('1');
    await frame.locator('#exercise-remainder-answer').press('Enter');
    await expect
      .poll(() => frame.locator('#exercise-remainder-feedback').textContent())
      .toContain('Not quite');
    expect(await problems()).toEqual(NO_PROBLEMS);
    await context.close();
  });
});
