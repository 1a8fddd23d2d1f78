// Every page of the build, found by walking dist/ when this file is collected, so new pages are
// covered without touching this file: no errors, no CSP violations, nothing fetched from another
// host, no axe violations (light and dark), sound document structure, and content without JS.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { NO_PROBLEMS, launchBrowser, openEveryDisclosure, openPage, pagePaths, runAxe } from './browser';

const paths = pagePaths(inject('distDir'));

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test('the build has a home page', () => {
  expect(paths).toContain('');
});

describe.each(paths.map((p) => ({ path: p, label: `/${p}` })))('page $label', ({ path }) => {
  test.each(['light', 'dark'] as const)(
    'loads cleanly and passes axe in the %s color scheme',
    async (colorScheme) => {
      const { page, context, response, problems } = await openPage(browser, path, { colorScheme });
      try {
        await page.waitForLoadState('networkidle');
        expect.soft(response?.status(), 'HTTP status').toBeLessThan(400);
        expect.soft(await problems(), 'errors, CSP violations, other hosts').toEqual(NO_PROBLEMS);
        expect.soft(await runAxe(page), 'axe violations').toEqual([]);
        const text = await page.locator('body').innerText();
        expect.soft(text, 'a broken number in the text').not.toMatch(/\b(NaN|Infinity|undefined|null)\b/);
      } finally {
        await context.close();
      }
    },
  );

  test('has a title, a language and exactly one h1', async () => {
    const { page, context } = await openPage(browser, path);
    try {
      const structure = await page.evaluate(() => ({
        title: document.title.trim(),
        lang: document.documentElement.lang.trim(),
        h1: [...document.querySelectorAll('h1')].map((h) => h.textContent?.trim() ?? ''),
      }));
      expect(structure.title, '<title>').not.toBe('');
      expect(structure.lang, '<html lang>').toMatch(/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/);
      expect(structure.h1, 'the <h1> elements').toHaveLength(1);
      expect(structure.h1[0], 'the text of the <h1>').not.toBe('');
    } finally {
      await context.close();
    }
  });

  test('fits a 320 px phone: no sideways scrolling, no formula clipped or off screen', async () => {
    const { page, context } = await openPage(browser, path, { viewport: { width: 320, height: 640 } });
    try {
      await openEveryDisclosure(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, 'sideways scrolling').toBeLessThanOrEqual(0);
      const cutOff = await page.evaluate(() =>
        [...document.querySelectorAll('.katex')]
          .filter((formula) => formula.getClientRects().length > 0)
          .filter((formula) => {
            if (formula.getBoundingClientRect().right > window.innerWidth + 1) return true;
            // A box between the formula and the page that hides or scrolls what does not fit.
            for (let box = formula.parentElement; box && box !== document.body; box = box.parentElement) {
              const { overflowX } = getComputedStyle(box);
              if (overflowX !== 'visible' && box.scrollWidth > box.clientWidth + 1) return true;
            }
            return false;
          })
          .map((formula) => formula.querySelector('annotation')?.textContent ?? formula.textContent),
      );
      expect(cutOff, 'formulas that do not fit').toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('shows its h1 and main content without JavaScript', async () => {
    const { page, context, problems } = await openPage(browser, path, { javaScriptEnabled: false });
    try {
      expect(await page.locator('h1').count(), 'the <h1> elements').toBe(1);
      const main = page.locator('main');
      expect(await main.count(), 'the <main> elements').toBe(1);
      const text = await main.innerText();
      expect(text.trim(), 'the text of <main>').not.toBe('');
      expect(text, 'a broken number in the text').not.toMatch(/\b(NaN|Infinity|undefined|null)\b/);
      expect(await problems()).toEqual(NO_PROBLEMS);
    } finally {
      await context.close();
    }
  });
});
