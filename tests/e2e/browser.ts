// Shared helpers for the e2e tests: one Chromium per test file, one fresh context per page.
//
//   const browser = await launchBrowser();                       // in beforeAll; close in afterAll
//   const { page, problems } = await openPage(browser, 'sample/', { colorScheme: 'dark' });
//   await page.waitForLoadState('networkidle');
//   expect(await problems()).toEqual(NO_PROBLEMS);               // errors, CSP, other hosts
//   expect(await runAxe(page)).toEqual([]);                      // WCAG 2.2 AA
//
// Paths are relative to the site's base ("" is the home page, "sample/" an article), so the
// tests pass whatever BASE_PATH the site was built for.
import AxeBuilder from '@axe-core/playwright';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page, type Response } from 'playwright-core';
import { inject } from 'vitest';

/** Everything a page did that a test should normally fail on. */
export interface Problems {
  /** Console messages of type "error" (CSP reports are in `cspViolations` instead). */
  consoleErrors: string[];
  /** Uncaught exceptions and unhandled rejections in the page. */
  pageErrors: string[];
  /** Content-Security-Policy violations, from the console and from `securitypolicyviolation` events. */
  cspViolations: string[];
  /** Requests to any host other than the preview server's; they were aborted. */
  externalRequests: string[];
}

/** What `problems()` returns for a clean page: `expect(await problems()).toEqual(NO_PROBLEMS)`. */
export const NO_PROBLEMS: Readonly<Problems> = Object.freeze({
  consoleErrors: [],
  pageErrors: [],
  cspViolations: [],
  externalRequests: [],
});

export interface PageOptions {
  colorScheme?: 'light' | 'dark';
  reducedMotion?: 'reduce' | 'no-preference';
  /** Default 1280×800. */
  viewport?: { width: number; height: number };
  /** Default true. */
  javaScriptEnabled?: boolean;
}

export interface OpenedPage {
  page: Page;
  context: BrowserContext;
  /** The response of the first navigation (null only for same-document navigations). */
  response: Response | null;
  /** Copies of the problems collected so far, in this context across navigations. */
  problems: () => Promise<Problems>;
}

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

const CSP_TEXT = /Content Security Policy|Refused to/;

/** The built assets already fetched by this test file, by URL (see `openPage`). */
const assetCache = new Map<string, { status: number; headers: Record<string, string>; body: Buffer }>();
const CSP_BINDING = '__e2eReportCspViolation';

/** The site root as served by the preview (base path included, ends in "/"). */
export function siteURL(): string {
  return inject('baseURL');
}

/** Absolute URL of a page given relative to the site base: pageURL('sample/'). */
export function pageURL(pagePath: string): string {
  return new URL(pagePath.replace(/^\/+/, ''), siteURL()).href;
}

/** Launches headless Chromium (the one global setup found). Close it in afterAll. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: inject('browserPath'), headless: true, args: CHROMIUM_ARGS });
}

/**
 * Opens `pagePath` (relative to the site base) in a new context of `browser`, after attaching
 * listeners that collect console errors, page errors, CSP violations and requests to other hosts
 * (which are aborted, so nothing leaves the machine). Resolves once the `load` event has fired.
 * Close the returned context (or the browser) when done.
 */
export async function openPage(
  browser: Browser,
  pagePath: string,
  options: PageOptions = {},
): Promise<OpenedPage> {
  const context = await browser.newContext({
    colorScheme: options.colorScheme ?? 'light',
    reducedMotion: options.reducedMotion ?? 'no-preference',
    viewport: options.viewport ?? { width: 1280, height: 800 },
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  });
  const found: Problems = { consoleErrors: [], pageErrors: [], cspViolations: [], externalRequests: [] };
  const previewHost = new URL(siteURL()).host;

  await context.route(
    (url) => url.host !== previewHost && /^(https?|wss?):$/.test(url.protocol),
    async (route) => {
      found.externalRequests.push(`${route.request().method()} ${route.request().url()}`);
      await route.abort('blockedbyclient');
    },
  );
  // The built assets are content-hashed: a static host serves them as immutable, so a browser
  // fetches each once. Routing turns the browser's cache off, so this file keeps them instead:
  // each is fetched from the server once, then served from memory (headers included).
  await context.route(
    (url) => url.host === previewHost && url.pathname.includes('/_astro/'),
    async (route) => {
      const url = route.request().url();
      try {
        let kept = assetCache.get(url);
        if (!kept) {
          const response = await route.fetch();
          kept = { status: response.status(), headers: response.headers(), body: await response.body() };
          if (response.ok()) assetCache.set(url, kept);
        }
        await route.fulfill(kept);
      } catch {
        // The test closed the page while the asset was on its way: nothing is waiting for it.
      }
    },
  );
  await context.exposeBinding(CSP_BINDING, (_source, report: string) => {
    found.cspViolations.push(`[event] ${report}`);
  });
  // Init scripts run in every document before the page's own scripts, and CSP does not apply.
  await context.addInitScript((binding: string) => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const where = event.sourceFile ? ` at ${event.sourceFile}:${event.lineNumber}` : '';
      const sample = event.sample ? ` "${event.sample}"` : '';
      const report = `${event.effectiveDirective} blocked ${event.blockedURI || 'inline'}${where}${sample}`;
      const send = (window as unknown as Record<string, unknown>)[binding];
      if (typeof send === 'function') void send(report);
    });
  }, CSP_BINDING);

  const page = await context.newPage();
  page.on('console', (message) => {
    const text = message.text();
    if (CSP_TEXT.test(text)) found.cspViolations.push(`[console] ${text}`);
    // Our own abort of a request to another host; already in externalRequests.
    else if (text.includes('net::ERR_BLOCKED_BY_CLIENT')) return;
    else if (message.type() === 'error') {
      const { url, lineNumber } = message.location();
      found.consoleErrors.push(url ? `${text} (${url}:${lineNumber})` : text);
    }
  });
  page.on('pageerror', (error) => {
    found.pageErrors.push(error.stack ?? String(error));
  });

  const response = await page.goto(pageURL(pagePath), { waitUntil: 'load' });

  const problems = async (): Promise<Problems> => {
    // A round trip to the page delivers any binding calls (CSP reports) still in flight.
    await page.evaluate(() => 0).catch(() => undefined);
    return {
      consoleErrors: [...found.consoleErrors],
      pageErrors: [...found.pageErrors],
      cspViolations: [...found.cspViolations],
      externalRequests: [...found.externalRequests],
    };
  };
  return { page, context, response, problems };
}

/**
 * Every page of the build, as paths relative to the site base, sorted: "" for dist/index.html,
 * "sample/" for dist/sample/index.html, "404.html" for dist/404.html.
 */
export function pagePaths(distDir: string): string[] {
  const paths: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && entry.name.endsWith('.html')) {
        const relative = path.relative(distDir, full).split(path.sep).join('/');
        paths.push(entry.name === 'index.html' ? relative.slice(0, -'index.html'.length) : relative);
      }
    }
  };
  walk(distDir);
  return paths.sort();
}

/** WCAG tags axe checks: 2.0, 2.1 and 2.2 at levels A and AA. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Runs axe on the page (or on the part matching `options.include`) and returns the violations,
 * one compact line each ("rule (impact): help — targets"), so `toEqual([])` prints them readably.
 */
export async function runAxe(page: Page, options: { include?: string } = {}): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags(AXE_TAGS);
  if (options.include) builder = builder.include(options.include);
  const { violations } = await builder.analyze();
  return violations.map((violation) => {
    const targets = violation.nodes.map((node) => node.target.join(' ')).slice(0, 5);
    const more =
      violation.nodes.length > targets.length ? ` (+${violation.nodes.length - targets.length})` : '';
    return `${violation.id} (${violation.impact ?? 'n/a'}): ${violation.help} — ${targets.join(', ')}${more}`;
  });
}

/** Opens every <details> on the page the way a reader does, by clicking its summary. */
export async function openEveryDisclosure(page: Page): Promise<void> {
  const closed = page.locator('details:not([open]) > summary');
  while ((await closed.count()) > 0) await closed.first().click();
}

/** The number field of a widget by its accessible name ("Images", "Batch size"). */
export function numberInput(page: Page, name: string) {
  return page.getByRole('spinbutton', { name, exact: true });
}
