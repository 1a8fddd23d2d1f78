// The embed routes as a course page uses them: framed by a host page served from a SECOND local
// origin (a node:http server on another 127.0.0.1 port, started here), sandboxed
// (`sandbox="allow-scripts"`, opaque origin) and not. Each embed renders the state of its URL,
// with no error; the host's script (the one the dialog offers) resizes the frame from its
// messages and ignores forged and malformed ones; each `controls` mode hides what it should;
// the notice stays when the scripts cannot load; the Share / embed dialog, the link and the
// figure downloads carry the state. Expected values come from the engine, never typed here.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync, inflateSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { describeBatchSizeText } from '../../src/charts/batch-size-chart';
import { describeDatasetText } from '../../src/charts/dataset-chart';
import { describeEpochsText } from '../../src/charts/epochs-chart';
import { tableToCsv } from '../../src/charts/table';
import {
  DEFAULT_INPUTS,
  compareFrameworks,
  comparisonText,
  derivationSpeech,
  formatCount,
  quantity,
} from '../../src/lib';
import {
  EMBED_INFO,
  EMBED_WIDGETS,
  MAX_FRAME_HEIGHT,
  RESIZE_TYPE,
  frameHeight,
  parentScript,
  setupText,
  type EmbedWidget,
} from '../../src/lib/embed';
import { planFor } from '../support/plans';
import { launchBrowser, pageURL, siteURL } from './browser';

const INPUTS = {
  ...DEFAULT_INPUTS,
  images: 35_126,
  batchSize: 32,
  epochs: 50,
  devices: 4,
  lastBatch: 'drop' as const,
};
const STATE = 'images=35126&batch=32&epochs=50&devices=4&last=drop';
const PLAN = planFor(INPUTS);
const previewOrigin = new URL(siteURL()).origin;

let browser: Browser;
let host: Server;
let hostOrigin: string;
/** The host pages, by path: each request to /page/<n> serves hostPages[n]. */
const hostPages: string[] = [];

/** Registers a host page (HTML) and returns its URL on the second origin. */
function hostPage(body: string): string {
  hostPages.push(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Course page</title></head><body>${body}</body></html>`,
  );
  return `${hostOrigin}/page/${hostPages.length - 1}`;
}

function frameTag(src: string, options: { sandboxed: boolean; height?: number; id?: string }): string {
  const sandbox = options.sandboxed ? ' sandbox="allow-scripts"' : '';
  const height = options.height ?? 300;
  return `<iframe id="${options.id ?? 'embed'}" src="${src}" title="Embed"${sandbox} width="640" height="${height}" style="width:640px;height:${height}px;border:0" data-how-many-batches></iframe>`;
}

interface Opened {
  page: Page;
  context: BrowserContext;
  errors: string[];
}

/** Opens a host page in a fresh context that collects errors from the page and its frames. */
async function openHost(url: string, options: { javaScriptEnabled?: boolean } = {}): Promise<Opened> {
  const context = await browser.newContext({
    viewport: { width: 900, height: 800 },
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    acceptDownloads: true,
  });
  const allowed = new Set([new URL(previewOrigin).host, new URL(hostOrigin).host]);
  await context.route(
    (target) => !allowed.has(target.host) && /^(https?|wss?):$/.test(target.protocol),
    (route) => route.abort('blockedbyclient'),
  );
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content Security Policy|Refused to/.test(message.text()))
      errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(url, { waitUntil: 'load' });
  return { page, context, errors };
}

async function embedFrame(page: Page, id = 'embed'): Promise<Frame> {
  const handle = await page.waitForSelector(`iframe#${id}`);
  const frame = await handle.contentFrame();
  if (!frame) throw new Error('no frame');
  await frame.waitForLoadState('load');
  return frame;
}

const frameHeightOf = (page: Page, id = 'embed') =>
  page.evaluate((frameId) => document.getElementById(frameId)?.getBoundingClientRect().height ?? 0, id);

const contentHeight = (frame: Frame) =>
  frame.evaluate(() => document.querySelector('[data-embed-root]')?.getBoundingClientRect().height ?? 0);

/** What the widget shows of the state, checked against the engine. */
async function expectState(frame: Frame, widget: EmbedWidget): Promise<void> {
  const text = (selector: string) => frame.locator(selector).first().textContent();
  switch (widget) {
    case 'calculator': {
      for (const id of ['batches-per-epoch', 'total-batches', 'last-batch-size'] as const) {
        await expect.poll(() => text(`output[data-quantity="${id}"]`)).toBe(quantity(PLAN, id).text);
      }
      const value = await frame.locator('output[data-quantity="total-batches"]').getAttribute('data-value');
      expect(value).toBe(String(quantity(PLAN, 'total-batches').value));
      break;
    }
    case 'arithmetic': {
      await expect.poll(() => text('[data-derivation-speech]')).toBe(derivationSpeech(PLAN.derivation));
      // Four devices and Drop need lines the embed did not render: they come from
      // /derivation-forms.json, a CORS request from a sandboxed frame's opaque origin.
      const shown = () =>
        frame.locator('live-derivation li[data-template]:not([hidden])').evaluateAll((items) =>
          items.map((item) => ({
            template: item.getAttribute('data-template'),
            slots: Object.fromEntries(
              [...item.querySelectorAll('[data-slot]')].map((slot) => [
                slot.getAttribute('data-slot') ?? '',
                slot.textContent?.trim(),
              ]),
            ),
          })),
        );
      await expect.poll(shown).toEqual(
        PLAN.derivation.map((step) => ({
          template: step.template,
          slots: Object.fromEntries(step.values.map((value, slot) => [String(slot), formatCount(value)])),
        })),
      );
      break;
    }
    case 'epochs-chart':
      await expect.poll(() => text('[data-chart-description]')).toBe(describeEpochsText(PLAN).description);
      break;
    case 'batch-size-chart':
      await expect.poll(() => text('[data-chart-description]')).toBe(describeBatchSizeText(PLAN).description);
      break;
    case 'dataset-chart':
      await expect.poll(() => text('[data-chart-description]')).toBe(describeDatasetText(PLAN).description);
      break;
    case 'frameworks': {
      const row = compareFrameworks(INPUTS).find((item) => item.framework === 'keras');
      if (!row) throw new Error('no Keras row');
      const cells = frame.locator('tr[data-framework="keras"] td');
      await expect.poll(() => cells.first().textContent()).toBe(comparisonText(row).counts[0]);
      break;
    }
  }
}

beforeAll(async () => {
  browser = await launchBrowser();
  host = createServer((request, response) => {
    const match = /^\/page\/(\d+)$/.exec(request.url ?? '');
    const body = match ? hostPages[Number(match[1])] : undefined;
    if (body === undefined) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(body);
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  hostOrigin = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (host ? host.close(() => resolve()) : resolve()));
});

describe.each(EMBED_WIDGETS.map((widget) => ({ widget })))(
  '/embed/$widget/ on another origin',
  ({ widget }) => {
    test.each([
      { sandboxed: true, label: 'sandboxed' },
      { sandboxed: false, label: 'unsandboxed' },
    ])(
      '$label: the state of its URL, no error, the frame sized by the host script',
      async ({ sandboxed }) => {
        const src = pageURL(`embed/${widget}/?${STATE}`);
        const url = hostPage(`${frameTag(src, { sandboxed })}\n${parentScript()}`);
        const { page, context, errors } = await openHost(url);
        try {
          const frame = await embedFrame(page);
          await expectState(frame, widget);
          await expect
            .poll(() => frame.evaluate(() => document.documentElement.classList.contains('embed-ready')))
            .toBe(true);
          expect(await frame.locator('[data-embed-notice]').isVisible()).toBe(false);
          // The host script set the frame to the content's height (300 px at first: far too short).
          await expect
            .poll(async () => Math.abs((await frameHeightOf(page)) - (await contentHeight(frame))))
            .toBeLessThan(2);
          expect(await frameHeightOf(page)).toBeGreaterThan(300);
          // "Open in the article": the playground with the same state, in a new tab.
          const open = frame.locator('[data-embed-open]');
          expect(await open.getAttribute('target')).toBe('_blank');
          const href = new URL((await open.getAttribute('href')) ?? '', src);
          expect(href.pathname).toBe(new URL(pageURL('playground/')).pathname);
          for (const [name, value] of new URLSearchParams(STATE))
            expect(href.searchParams.get(name)).toBe(value);
          expect(href.hash).toBe(`#${EMBED_INFO[widget].anchor}`);
          expect(errors).toEqual([]);
        } finally {
          await context.close();
        }
      },
    );
  },
);

describe('the host script', () => {
  test('ignores messages from other windows, other types, and heights that are not finite numbers', async () => {
    const forger = `<iframe id="forger" title="Another frame" sandbox="allow-scripts" srcdoc="<script>parent.postMessage({type: '${RESIZE_TYPE}', height: 2222}, '*')</script>"></iframe>`;
    const src = pageURL(`embed/calculator/?${STATE}`);
    const url = hostPage(`${frameTag(src, { sandboxed: true })}${forger}\n${parentScript()}`);
    const { page, context, errors } = await openHost(url);
    try {
      const frame = await embedFrame(page);
      await expect
        .poll(async () => Math.abs((await frameHeightOf(page)) - (await contentHeight(frame))))
        .toBeLessThan(2);
      const settled = await frameHeightOf(page);
      // From the host's own window and from another frame: not the embed's window.
      await page.evaluate((type) => window.postMessage({ type, height: 2500 }, '*'), RESIZE_TYPE);
      // From the embed's own window, but malformed.
      await frame.evaluate((type) => {
        const forged: unknown[] = [
          { type, height: '2600' },
          { type, height: Number.NaN },
          { type, height: Infinity },
          { type },
          { type: 'other:resize', height: 2700 },
          { subject: 'lti.frameResize', height: 2800 },
          'pymxPYMxhow-many-batchesxPYMxheightxPYMx2900',
          null,
        ];
        for (const data of forged) parent.postMessage(data, '*');
      }, RESIZE_TYPE);
      await page.waitForTimeout(300);
      expect(await frameHeightOf(page)).toBe(settled);
      expect(
        await page
          .locator('#forger')
          .boundingBox()
          .then((box) => box?.height),
      ).toBeLessThan(2000);
      // A well-formed but huge height from the embed's window is clamped.
      await frame.evaluate((type) => parent.postMessage({ type, height: 1e9 }, '*'), RESIZE_TYPE);
      await expect.poll(() => frameHeightOf(page)).toBe(MAX_FRAME_HEIGHT);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('the embed posts its height in the three forms, finite and clamped', async () => {
    const src = pageURL(`embed/epochs-chart/?${STATE}&childId=chart-1`);
    const url = hostPage(
      `${frameTag(src, { sandboxed: true })}<script>window.received = []; addEventListener('message', (e) => window.received.push(e.data));</script>`,
    );
    const { page, context } = await openHost(url);
    try {
      await embedFrame(page);
      await expect
        .poll(() => page.evaluate(() => (window as unknown as { received: unknown[] }).received.length))
        .toBeGreaterThanOrEqual(3);
      const received = await page.evaluate(() => (window as unknown as { received: unknown[] }).received);
      const own = received.find((data) => (data as { type?: string })?.type === RESIZE_TYPE) as {
        height: number;
      };
      expect(Number.isFinite(own.height)).toBe(true);
      expect(received).toContainEqual({ subject: 'lti.frameResize', height: own.height });
      expect(received).toContain(`pymxPYMxchart-1xPYMxheightxPYMx${own.height}`);
    } finally {
      await context.close();
    }
  });
});

describe('controls and theme', () => {
  const visibleControls = (frame: Frame) =>
    frame.evaluate(() => {
      const shown = (selector: string) =>
        [...document.querySelectorAll(selector)].filter((element) => element.getClientRects().length > 0)
          .length;
      return {
        sliders: shown('input[type="range"]'),
        advanced: shown('details.advanced'),
        inputs: shown('input, select'),
        counts: shown('output[data-quantity]'),
      };
    });

  test.each(['calculator', 'epochs-chart'] as const)(
    '%s: full, basic and none hide what they should',
    async (widget) => {
      const seen: Record<string, Awaited<ReturnType<typeof visibleControls>>> = {};
      for (const controls of ['full', 'basic', 'none']) {
        const src = pageURL(`embed/${widget}/?${STATE}&controls=${controls}`);
        const { page, context, errors } = await openHost(hostPage(frameTag(src, { sandboxed: true })));
        try {
          const frame = await embedFrame(page);
          await expectState(frame, widget);
          seen[controls] = await visibleControls(frame);
          expect(errors).toEqual([]);
        } finally {
          await context.close();
        }
      }
      expect(seen['full']?.sliders).toBe(3);
      expect(seen['full']?.advanced).toBe(1);
      expect(seen['basic']?.sliders).toBe(3);
      expect(seen['basic']?.advanced).toBe(0);
      expect(seen['none']?.inputs).toBe(0);
      if (widget === 'calculator') expect(seen['none']?.counts).toBeGreaterThan(0);
    },
  );

  test('theme=dark paints the embed dark whatever the system scheme', async () => {
    const src = pageURL(`embed/calculator/?${STATE}&theme=dark`);
    const { page, context } = await openHost(hostPage(frameTag(src, { sandboxed: true })));
    try {
      const frame = await embedFrame(page);
      await expectState(frame, 'calculator');
      const background = await frame.evaluate(() => getComputedStyle(document.body).backgroundColor);
      const [r = 255, g = 255, b = 255] = (background.match(/\d+/g) ?? []).map(Number);
      expect(r + g + b).toBeLessThan(150);
    } finally {
      await context.close();
    }
  });
});

describe('when the scripts cannot run, the embed says so', () => {
  test('without CORS on the assets (a sandboxed frame cannot load them): the notice stays', async () => {
    const src = pageURL(`embed/calculator/?${STATE}`);
    const { context } = await openHost(hostPage('<p>loading</p>'));
    const page = await context.newPage();
    // A host that serves the assets without Access-Control-Allow-Origin.
    await context.route(/\/_astro\/.*\.js$/, async (route) => {
      const response = await route.fetch();
      // Another origin named (the browser's interception would supply one if none were given).
      const headers = { ...response.headers(), 'access-control-allow-origin': 'https://elsewhere.example' };
      await route.fulfill({ response, headers });
    });
    try {
      await page.goto(hostPage(frameTag(src, { sandboxed: true })));
      const frame = await embedFrame(page);
      // Hidden while the script may still run (no layout shift on a good load), shown once a
      // script file fails to load.
      await expect.poll(() => frame.locator('[data-embed-notice]').isVisible()).toBe(true);
      expect(await frame.evaluate(() => document.documentElement.classList.contains('embed-ready'))).toBe(
        false,
      );
      expect(await frame.locator('[data-embed-notice]').textContent()).toMatch(/did not run/);
    } finally {
      await context.close();
    }
  });

  test('without JavaScript: the notice is shown', async () => {
    const { page, context } = await openHost(pageURL(`embed/dataset-chart/?${STATE}`), {
      javaScriptEnabled: false,
    });
    try {
      expect(await page.locator('[data-embed-notice]').isVisible()).toBe(true);
    } finally {
      await context.close();
    }
  });
});

describe('Share / embed, the link and the figures', () => {
  test('the dialog gives the link, a snippet that works on another origin, and the host script', async () => {
    const { page, context, errors } = await openHost(pageURL(`playground/?${STATE}`));
    try {
      const chart = page.locator('dataset-chart');
      await chart.getByRole('button', { name: 'Share / embed' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      expect(await dialog.getAttribute('aria-labelledby')).toBeTruthy();
      const link = new URL(await dialog.locator('[data-share-link]').inputValue());
      for (const [name, value] of new URLSearchParams(STATE)) expect(link.searchParams.get(name)).toBe(value);
      await dialog.getByLabel('No advanced settings').check();
      await dialog.getByLabel('Dark').check();
      const snippet = await dialog.locator('[data-share-snippet]').inputValue();
      const attributes = await page.evaluate((html) => {
        const frame = new DOMParser().parseFromString(html, 'text/html').querySelector('iframe');
        return frame ? Object.fromEntries([...frame.attributes].map((a) => [a.name, a.value])) : {};
      }, snippet);
      expect(attributes['title']).toBe(EMBED_INFO['dataset-chart'].title);
      expect(attributes['loading']).toBe('lazy');
      expect(attributes['sandbox']).toBe('allow-scripts allow-downloads');
      expect(attributes['height']).toBe(String(frameHeight('dataset-chart', 'basic')));
      const src = new URL(attributes['src'] ?? '');
      expect(src.pathname).toBe(new URL(pageURL('embed/dataset-chart/')).pathname);
      for (const [name, value] of new URLSearchParams(STATE)) expect(src.searchParams.get(name)).toBe(value);
      expect(src.searchParams.get('controls')).toBe('basic');
      expect(src.searchParams.get('theme')).toBe('dark');
      const script = await dialog.locator('[data-share-script]').inputValue();
      expect(script).toContain('event.source');
      // Copy: the clipboard is refused here (no permission granted), so the field is selected.
      await dialog.getByRole('button', { name: 'Copy the embed code' }).click();
      await expect.poll(() => dialog.locator('[data-share-status]').textContent()).toMatch(/copied|selected/);
      await page.keyboard.press('Escape');
      await expect.poll(() => dialog.isVisible()).toBe(false);

      // The teacher pastes both into a course page on another origin (the site's address rebased
      // onto the preview server, as the build's SITE_URL may name another host).
      const pasted = snippet
        .replace(new URL(siteURL()).origin, previewOrigin)
        .replace(/src="[^"]*"/, (match) =>
          match.replace(new URL(attributes['src'] ?? '').origin, previewOrigin),
        );
      const course = hostPage(`${pasted.replace('<iframe', '<iframe id="embed"')}\n${script}`);
      const hosted = await openHost(course);
      try {
        const frame = await embedFrame(hosted.page);
        await expectState(frame, 'dataset-chart');
        await expect
          .poll(async () => Math.abs((await frameHeightOf(hosted.page)) - (await contentHeight(frame))))
          .toBeLessThan(2);
        expect(hosted.errors).toEqual([]);
      } finally {
        await hosted.context.close();
      }
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('the SVG, PNG and CSV downloads carry the state', async () => {
    const { page, context, errors } = await openHost(pageURL(`playground/?${STATE}`));
    try {
      const chart = page.locator('epochs-chart');
      await chart.scrollIntoViewIfNeeded();
      await expect
        .poll(() => chart.locator('[data-chart-description]').textContent())
        .toBe(describeEpochsText(PLAN).description);
      const download = async (name: string) => {
        const [file] = await Promise.all([
          page.waitForEvent('download'),
          chart.getByRole('button', { name }).click(),
        ]);
        return { name: file.suggestedFilename(), data: readFileSync((await file.path()) ?? '') };
      };

      const svg = await download('Download the figure (SVG)');
      expect(svg.name).toBe('epochs-chart-35126-images-batch-32-50-epochs.svg');
      const parsed = await page.evaluate((text) => {
        const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
        const root = doc.documentElement;
        return {
          error: doc.querySelector('parsererror') !== null,
          tag: root.localName,
          title: root.querySelector(':scope > title')?.textContent ?? '',
          texts: [...root.querySelectorAll(':scope > text')].map((t) => t.textContent ?? '').join(' '),
          classes: root.querySelectorAll('[class]').length,
          styles: root.querySelectorAll('[style]').length,
          fonts: [
            ...new Set([...root.querySelectorAll('[font-family]')].map((e) => e.getAttribute('font-family'))),
          ],
          vars: text.includes('var(--'),
          background: root.querySelector(':scope > rect')?.getAttribute('fill'),
        };
      }, svg.data.toString('utf8'));
      const words = describeEpochsText(PLAN);
      expect(parsed.error).toBe(false);
      expect(parsed.tag).toBe('svg');
      expect(parsed.title).toBe(words.title);
      expect(parsed.texts.replace(/\s+/g, ' ')).toContain(words.description.split(' ').slice(0, 6).join(' '));
      expect(parsed.texts.replace(/\s+/g, ' ')).toContain(setupText(INPUTS).split(' ').slice(0, 5).join(' '));
      expect(parsed.texts).toContain('images=35126');
      expect(parsed.classes).toBe(0);
      expect(parsed.styles).toBe(0);
      expect(parsed.vars).toBe(false);
      expect(parsed.fonts).toEqual(['sans-serif']);
      const background = await page.evaluate(() => {
        const probe = document.createElement('span');
        probe.style.setProperty('color', 'var(--bg)');
        document.body.append(probe);
        const colour = getComputedStyle(probe).color;
        probe.remove();
        return colour;
      });
      expect(parsed.background).toBe(background);

      const png = await download('Download the figure (PNG)');
      expect(png.name).toBe('epochs-chart-35126-images-batch-32-50-epochs.png');
      expect(png.data.subarray(1, 4).toString('ascii')).toBe('PNG');
      const pngWidth = png.data.readUInt32BE(16);
      const svgWidth = Number(/<svg[^>]*\swidth="(\d+)"/.exec(svg.data.toString('utf8'))?.[1]);
      expect(pngWidth).toBe(svgWidth * 2);
      // The PNG's pixels decode (its IDAT chunks are one zlib stream): one filter byte and
      // four bytes (RGBA, 8 bits) per pixel, row by row.
      const idat: Buffer[] = [];
      for (let offset = 8; offset < png.data.length;) {
        const length = png.data.readUInt32BE(offset);
        const type = png.data.toString('ascii', offset + 4, offset + 8);
        if (type === 'IDAT') idat.push(png.data.subarray(offset + 8, offset + 8 + length));
        offset += 12 + length;
      }
      const pngHeight = png.data.readUInt32BE(20);
      expect(png.data[25], 'colour type RGBA').toBe(6);
      expect(inflateSync(Buffer.concat(idat)).length).toBe(pngHeight * (1 + pngWidth * 4));

      await chart.locator('summary', { hasText: 'Show the data' }).click();
      const csv = await download('Download the data (CSV)');
      expect(csv.data.toString('utf8')).toBe(tableToCsv(words.table));
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('discovery and budget', () => {
  test.each(EMBED_WIDGETS.map((widget) => ({ widget })))(
    "/embed/$widget/: the snippet's default height shows the whole widget at 640 px, in each controls mode",
    async ({ widget }) => {
      const context = await browser.newContext({ viewport: { width: 640, height: 600 } });
      try {
        const page = await context.newPage();
        for (const controls of ['full', 'basic', 'none'] as const) {
          await page.goto(pageURL(`embed/${widget}/?controls=${controls}`), { waitUntil: 'load' });
          await expect
            .poll(() => page.evaluate(() => document.documentElement.classList.contains('embed-ready')))
            .toBe(true);
          const height = await page.evaluate(
            () => document.querySelector('[data-embed-root]')?.getBoundingClientRect().height ?? Infinity,
          );
          expect(height, controls).toBeLessThanOrEqual(frameHeight(widget, controls));
        }
      } finally {
        await context.close();
      }
    },
  );

  test.each(EMBED_WIDGETS.map((widget) => ({ widget })))(
    '/embed/$widget/ links its oEmbed answer',
    async ({ widget }) => {
      const response = await fetch(pageURL(`embed/${widget}/`));
      const html = await response.text();
      const href = /<link rel="alternate" type="application\/json\+oembed" href="([^"]+)"/.exec(html)?.[1];
      expect(href).toBeDefined();
      const answer = (await (
        await fetch(pageURL(new URL(href ?? '').pathname.replace(new URL(siteURL()).pathname, '')))
      ).json()) as Record<string, unknown>;
      expect(answer['type']).toBe('rich');
      expect(answer['version']).toBe('1.0');
      expect(String(answer['html'])).toContain(`/embed/${widget}/?`);
      expect(answer['height']).toBe(frameHeight(widget));
    },
  );

  // Everything the browser fetched until the widget is live and the network is idle, gzip level 9
  // (as a static host sends it). The first load of every embed is within 20 KB (npm run bench); a
  // chart's own code (about 16 KB: d3-scale, d3-shape and the chart) follows at once, since the
  // chart is on screen, so the chart embeds are held to what they load in all, so that it does
  // not grow.
  const JS_BUDGET: Record<EmbedWidget, number> = {
    calculator: 20,
    arithmetic: 20,
    frameworks: 20,
    'epochs-chart': 36,
    'batch-size-chart': 36,
    'dataset-chart': 32,
  };
  test.each(EMBED_WIDGETS.map((widget) => ({ widget, budget: JS_BUDGET[widget] })))(
    '/embed/$widget/ loads at most $budget KB of JavaScript (gzip) until it is live',
    async ({ widget, budget }) => {
      const context = await browser.newContext({ viewport: { width: 640, height: 900 } });
      try {
        const page = await context.newPage();
        const sizes: Promise<number>[] = [];
        page.on('response', (response) => {
          if (/\.m?js(\?|$)/.test(new URL(response.url()).pathname))
            sizes.push(response.body().then((body) => gzipSync(body, { level: 9 }).length));
        });
        await page.goto(pageURL(`embed/${widget}/`), { waitUntil: 'networkidle' });
        await expect
          .poll(() => page.evaluate(() => document.documentElement.classList.contains('embed-ready')))
          .toBe(true);
        await page.waitForLoadState('networkidle');
        const total = (await Promise.all(sizes)).reduce((sum, size) => sum + size, 0);
        expect(sizes.length).toBeGreaterThan(0);
        expect(total / 1024).toBeLessThanOrEqual(budget);
      } finally {
        await context.close();
      }
    },
  );
});
