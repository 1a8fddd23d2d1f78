// Every page of the build, found by walking dist/ when this file is collected, so new pages are
// covered without touching this file: no errors, no CSP violations, nothing fetched from another
// host, no axe violations (light and dark), sound document structure, a 320 px phone, and
// content without JS.
//
// Three loads a page (each check needs its own conditions, none needs a load of its own):
//  - a desktop in the light scheme: clean load, axe, broken numbers, title/lang/h1;
//  - a 320 px phone in the dark scheme, every disclosure opened as a reader would: clean load,
//    axe (over the opened content too), no sideways scrolling, no formula clipped;
//  - no JavaScript: the h1 and the main content are there.
// Two pages are checked at once (one browser, a context each): the machine has two cores.
import type { Browser, Page } from 'playwright-core';
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

const BROKEN_NUMBER = /\b(NaN|Infinity|undefined|null)\b/;

/** Formulas wider than the screen, or cut off by a box between them and the page. */
function formulasCutOff(page: Page): Promise<(string | null | undefined)[]> {
  return page.evaluate(() =>
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
}

describe.concurrent.each(paths.map((p) => ({ path: p, label: `/${p}` })))('page $label', ({ path }) => {
  // Concurrent tests must use their own `expect`, so that each failure is reported where it happened.
  // /embed/ loads several framed widgets at once on a desktop screen: with the other browser tests
  // beside it on two cores, its network has been seen to settle only after 30 s.
  test(
    'on a desktop, light: loads cleanly, passes axe, has a title, a language and one h1',
    { timeout: 120_000 },
    async ({ expect }) => {
      const { page, context, response, problems } = await openPage(browser, path, { colorScheme: 'light' });
      try {
        await page.waitForLoadState('networkidle', { timeout: 90_000 });
        expect.soft(response?.status(), 'HTTP status').toBeLessThan(400);
        expect.soft(await problems(), 'errors, CSP violations, other hosts').toEqual(NO_PROBLEMS);
        expect.soft(await runAxe(page), 'axe violations').toEqual([]);
        const structure = await page.evaluate(() => ({
          title: document.title.trim(),
          lang: document.documentElement.lang.trim(),
          h1: [...document.querySelectorAll('h1')].map((h) => h.textContent?.trim() ?? ''),
          text: document.body.innerText,
        }));
        expect.soft(structure.text, 'a broken number in the text').not.toMatch(BROKEN_NUMBER);
        expect.soft(structure.title, '<title>').not.toBe('');
        expect.soft(structure.lang, '<html lang>').toMatch(/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/);
        expect(structure.h1, 'the <h1> elements').toHaveLength(1);
        expect(structure.h1[0], 'the text of the <h1>').not.toBe('');
      } finally {
        await context.close();
      }
    },
  );

  test('on a 320 px phone, dark, disclosures open: passes axe, no sideways scrolling, no formula clipped', async ({
    expect,
  }) => {
    const { page, context, response, problems } = await openPage(browser, path, {
      colorScheme: 'dark',
      viewport: { width: 320, height: 640 },
    });
    try {
      await page.waitForLoadState('networkidle');
      expect.soft(response?.status(), 'HTTP status').toBeLessThan(400);
      await openEveryDisclosure(page);
      // Before axe, which injects itself into the page's frames.
      expect.soft(await problems(), 'errors, CSP violations, other hosts').toEqual(NO_PROBLEMS);
      expect.soft(await runAxe(page), 'axe violations').toEqual([]);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect.soft(overflow, 'sideways scrolling').toBeLessThanOrEqual(0);
      expect.soft(await formulasCutOff(page), 'formulas that do not fit').toEqual([]);
      const text = await page.locator('body').innerText();
      expect(text, 'a broken number in the text').not.toMatch(BROKEN_NUMBER);
    } finally {
      await context.close();
    }
  });

  test('shows its h1 and main content without JavaScript', async ({ expect }) => {
    const { page, context, problems } = await openPage(browser, path, { javaScriptEnabled: false });
    try {
      expect(await page.locator('h1').count(), 'the <h1> elements').toBe(1);
      const main = page.locator('main');
      expect(await main.count(), 'the <main> elements').toBe(1);
      const text = await main.innerText();
      expect(text.trim(), 'the text of <main>').not.toBe('');
      expect(text, 'a broken number in the text').not.toMatch(BROKEN_NUMBER);
      expect(await problems()).toEqual(NO_PROBLEMS);
    } finally {
      await context.close();
    }
  });
});
