// The performance budgets, measured and judged: `npm run bench` (kept out of `npm test`: timings
// on shared machines are noisy). For every built page (each index.html under dist/):
//  1. the JavaScript on first load, gzip-compressed, read from dist/ (the page's module scripts
//     and everything they import statically; see page-js.mjs);
//  2. its layout shift (CLS) and largest contentful paint on a phone with the CPU slowed 4×,
//     scrolled through so that widgets loaded on approach count too, and its weight by kind;
//  3. Lighthouse 12 (mobile preset, default throttling): performance, accessibility, best
//     practices and SEO, over HTTP/2 and TLS as static hosts serve (with a certificate made for
//     the run by openssl; HTTP/1.1 where openssl is missing), each category's median score over
//     three runs a page, as Lighthouse's documentation advises for scores that vary from run to
//     run.
// And, on the playground, the JavaScript loaded once every chart has drawn, and the keypress →
// last DOM change latency of each slider; on a chapter (/the-case/), of the in-text number.
// It builds the site (unless BENCH_SKIP_BUILD is set), copies dist/ aside and serves the copy
// on 127.0.0.1 as a static host would (so a rebuild meanwhile changes nothing), drives Chromium, prints a table of every budget with pass or FAIL, writes bench-results/bench.json
// ({ figure, budget, pass } for each) and exits non-zero when a budget fails.
//
// Environment: BENCH_SKIP_BUILD=1 (use the build as it is), BENCH_DIST (the build to measure,
// dist/ by default), BENCH_PRESSES (keypresses per
// direction, 30), BENCH_LIGHTHOUSE=0 (skip Lighthouse), BENCH_LIGHTHOUSE_RUNS (runs a page, 3),
// BENCH_PAGES=/,/the-case/ (only these pages for the per-page figures).
import { spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createSecureServer } from 'node:http2';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { findOrInstallBrowser } from '../support/find-browser.mjs';
import { builtPages, pageJs } from './page-js.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const builtDist = process.env.BENCH_DIST ?? join(root, 'dist');
const KB = 1024;
const BUDGET = {
  /** First-load JavaScript of every page (issue 9: 20 KB, down from issue 6's 25 KB). */
  firstLoadGzip: 20 * KB,
  /** All JavaScript once every chart on the playground has drawn. */
  allChartsGzip: 45 * KB,
  /** Keypress → last DOM change, CPU slowed 4×, on a phone (issue 9: 6 / 12 ms, down from 8 / 16). */
  medianMs: 6,
  p95Ms: 12,
  /** No layout shift anywhere: below what anyone could see. */
  cls: 0.01,
  /** A good largest contentful paint (Core Web Vitals), on a phone with the CPU slowed 4×. */
  lcpMs: 2500,
  /** Each Lighthouse category. */
  lighthouse: 100,
};
const CPU_SLOWDOWN = 4;
const PRESSES_PER_DIRECTION = Number(process.env.BENCH_PRESSES ?? 30);
const PHONE = { width: 390, height: 844 };
const PLAYGROUND = 'playground/';
const CHAPTER = 'the-case/';
const CHARTS = ['epochs-chart', 'batch-size-chart', 'dataset-chart'];
const SLIDERS = ['Images slider', 'Batch size slider', 'Epochs slider'].map((name) => ({
  name,
  locate: (page) => page.getByRole('slider', { name, exact: true }),
  read: (element) => element.inputValue(),
  keys: ['ArrowRight', 'ArrowLeft'],
}));
const IN_TEXT_NUMBER = {
  name: 'In-text number of images',
  locate: (page) => page.locator('.prose [data-num-for="images"] [role="spinbutton"]').first(),
  read: (element) => element.getAttribute('aria-valuenow'),
  keys: ['ArrowUp', 'ArrowDown'],
};
const LATENCY_CASES = [
  { id: 'playground, phone', page: PLAYGROUND, viewport: PHONE, controls: SLIDERS, budget: true },
  {
    id: 'playground at the extremes, phone',
    page: `${PLAYGROUND}?images=1000000000&batch=1&epochs=100000&devices=4096`,
    viewport: PHONE,
    controls: SLIDERS,
    budget: true,
  },
  {
    id: 'embedded calculator, phone',
    page: 'embed/calculator/',
    viewport: PHONE,
    controls: SLIDERS,
    budget: true,
  },
  {
    id: 'chapter /the-case/, phone',
    page: CHAPTER,
    viewport: PHONE,
    controls: [IN_TEXT_NUMBER],
    budget: true,
  },
  {
    id: 'playground, 1200×5000, every widget on screen (stress case)',
    page: PLAYGROUND,
    viewport: { width: 1200, height: 5000 },
    controls: SLIDERS,
    budget: false,
  },
];
const LIGHTHOUSE_CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
/** Runs a page; each category's median score is judged (Lighthouse's docs: a median of runs varies far less than one run). */
const LIGHTHOUSE_RUNS = Math.max(1, Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 3));

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function basePath() {
  const trimmed = (process.env.BASE_PATH ?? '/').trim().replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '/' : `/${trimmed}/`;
}

async function waitFor(url, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`No answer at ${url}`);
}

function quantile(sorted, q) {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index];
}

const round = (value, digits = 2) => Number(value.toFixed(digits));

/** Keypress → last DOM change for each control, CPU slowed, in one viewport. */
async function measureLatency(browser, pageUrl, viewport, controls) {
  const context = await browser.newContext({ viewport, isMobile: viewport.width < 500, hasTouch: false });
  const page = await context.newPage();
  await page.goto(pageUrl, { waitUntil: 'networkidle' });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  await page.evaluate(() => {
    const probe = { start: 0, last: 0 };
    window.__benchProbe = probe;
    document.addEventListener('keydown', () => ((probe.start = performance.now()), (probe.last = 0)), true);
    new MutationObserver(() => (probe.last = performance.now())).observe(document.documentElement, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
    });
  });
  const figures = {};
  for (const control of controls) {
    const element = control.locate(page);
    await element.focus();
    // Code loaded on approach (the control scrolled into view) is in before the first press.
    await page.waitForLoadState('networkidle');
    const samples = [];
    for (const key of control.keys) {
      for (let i = 0; i < PRESSES_PER_DIRECTION; i += 1) {
        const before = await control.read(element);
        await page.keyboard.press(key);
        // Let every frame the keypress scheduled run before reading the last mutation.
        const elapsed = await page.evaluate(
          () =>
            new Promise((resolve) =>
              requestAnimationFrame(() =>
                requestAnimationFrame(() =>
                  setTimeout(() => {
                    const probe = window.__benchProbe;
                    resolve(probe.last > 0 ? probe.last - probe.start : 0);
                  }, 30),
                ),
              ),
            ),
        );
        // A press at the end of the track changes nothing: it would only flatter the median.
        if ((await control.read(element)) !== before) samples.push(elapsed);
      }
    }
    samples.sort((a, b) => a - b);
    figures[control.name] = {
      samples: samples.length,
      medianMs: round(quantile(samples, 0.5)),
      p95Ms: round(quantile(samples, 0.95)),
      maxMs: round(samples[samples.length - 1] ?? NaN),
    };
  }
  await context.close();
  return figures;
}

/** Scrolls a page to its end and back, a screen at a time, letting each step settle. */
async function scrollThrough(page) {
  await page.evaluate(async () => {
    for (let y = 0; y < document.documentElement.scrollHeight; y += Math.round(window.innerHeight * 0.7)) {
      window.scrollTo(0, y);
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 80)));
    }
  });
}

/** Bytes by kind (gzip), CLS and LCP of one page load on a phone with a slowed CPU. */
async function measurePage(browser, pageUrl) {
  const context = await browser.newContext({ viewport: PHONE, isMobile: true });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  const bytes = {};
  const pending = [];
  page.on('response', (response) => {
    const kind = response.request().resourceType();
    pending.push(
      response
        .body()
        .then((body) => (bytes[kind] = (bytes[kind] ?? 0) + gzipSync(body, { level: 9 }).length))
        .catch(() => undefined),
    );
  });
  await page.addInitScript(() => {
    const vitals = { cls: 0, lcp: 0 };
    window.__benchVitals = vitals;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) vitals.cls += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) vitals.lcp = entry.startTime;
    }).observe({ type: 'largest-contentful-paint', buffered: true });
  });
  await page.goto(pageUrl, { waitUntil: 'networkidle' });
  // Widgets loaded and drawn as they come near count towards the shifts.
  await scrollThrough(page);
  await page.waitForLoadState('networkidle');
  await Promise.all(pending);
  const vitals = await page.evaluate(() => window.__benchVitals);
  await context.close();
  return {
    bytesGzip: bytes,
    totalGzip: Object.values(bytes).reduce((sum, value) => sum + value, 0),
    cls: round(vitals.cls, 4),
    lcpMs: Math.round(vitals.lcp),
  };
}

/**
 * The JavaScript a phone has loaded once every chart of the playground has drawn: each chart is
 * brought on screen in turn, as a reader who looks at the charts would (the widgets within a
 * screen of a chart load too). `wholePage` is what it has loaded after then scrolling through the
 * rest of the page as well (every widget of the playground: setup code, estimator, presets …),
 * printed for information.
 */
async function measureAllCharts(browser, pageUrl) {
  const context = await browser.newContext({ viewport: PHONE, isMobile: true });
  const page = await context.newPage();
  const scripts = new Map();
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    scripts.set(
      response.url(),
      response.body().catch(() => Buffer.alloc(0)),
    );
  });
  const total = async () => {
    const files = [];
    for (const [url, body] of scripts) {
      const text = await body;
      files.push({
        file: new URL(url).pathname,
        raw: text.length,
        gzip: gzipSync(text, { level: 9 }).length,
      });
    }
    files.sort((a, b) => b.gzip - a.gzip);
    return { files, gzip: files.reduce((sum, file) => sum + file.gzip, 0) };
  };
  await page.goto(pageUrl, { waitUntil: 'networkidle' });
  for (const name of CHARTS) {
    await page.locator(name).first().scrollIntoViewIfNeeded();
    await page.waitForFunction((tag) => customElements.get(tag) !== undefined, name);
    await page.waitForLoadState('networkidle');
  }
  const charts = await total();
  await scrollThrough(page);
  await page.waitForLoadState('networkidle');
  const wholePage = await total();
  await context.close();
  return { ...charts, wholePage: { gzip: wholePage.gzip, files: wholePage.files.length } };
}

/** A Lighthouse run's score (0–100) in one category; NaN if it has none. */
function scoreOf(run, category) {
  const score = run.categories[category]?.score;
  return score == null ? NaN : Math.round(score * 100);
}

/** Lighthouse's four scores (0–100) for each page, each the median of its runs, over one Chromium. */
async function runLighthouse(executablePath, urls) {
  const { default: lighthouse } = await import('lighthouse');
  const port = await freePort();
  const profile = mkdtempSync(join(tmpdir(), 'hmb-lighthouse-'));
  const chrome = spawn(
    executablePath,
    [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--no-first-run',
      '--no-default-browser-check',
      // The bench's own certificate for 127.0.0.1, made for this run (serveSecure).
      '--ignore-certificate-errors',
      `--remote-debugging-port=${port}`,
      `--user-data-dir=${profile}`,
      'about:blank',
    ],
    { stdio: 'ignore' },
  );
  const results = {};
  try {
    await waitFor(`http://127.0.0.1:${port}/json/version`, 30_000);
    for (const url of urls) {
      const runs = [];
      for (let run = 0; run < LIGHTHOUSE_RUNS; run++) {
        const result = await lighthouse(url, {
          port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: LIGHTHOUSE_CATEGORIES,
        });
        if (result?.lhr) runs.push(result.lhr);
      }
      // Each category's median score; the audits below full marks are read from the run whose
      // performance is that median (the first, if several).
      const scores = {};
      for (const id of LIGHTHOUSE_CATEGORIES)
        scores[id] = quantile(
          runs.map((run) => scoreOf(run, id)).sort((a, b) => a - b),
          0.5,
        );
      const performanceRuns = runs.map((run) => scoreOf(run, 'performance'));
      const lhr = runs.find((run) => scoreOf(run, 'performance') === scores.performance) ?? runs[0];
      const failing = [];
      for (const id of LIGHTHOUSE_CATEGORIES) {
        for (const ref of lhr?.categories[id]?.auditRefs ?? []) {
          const audit = lhr.audits[ref.id];
          if (ref.weight > 0 && audit && audit.score !== null && audit.score < 1) {
            failing.push({
              category: id,
              audit: ref.id,
              score: audit.score,
              value: audit.displayValue ?? '',
            });
          }
        }
      }
      results[url] = { scores, performanceRuns, failing, runtimeError: lhr?.runtimeError?.message };
    }
  } finally {
    chrome.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 500));
    rmSync(profile, { recursive: true, force: true });
  }
  return results;
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
};

/** Text is sent compressed, as every static host sends it (gzip where the browser accepts it). */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.txt', '.xml']);
const gzipped = new Map();

/**
 * Answers for `directory` under `base` as a static host does: `/x/` is `/x/index.html`, else
 * 404.html, text gzip-compressed when the request accepts it (a page's transfer size is what a
 * reader's network carries, and what Lighthouse's simulated network is charged).
 */
function staticHandler(directory, base) {
  return (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    let file;
    if (path.startsWith(base)) {
      const relative = normalize(path.slice(base.length)).replace(/^(\.\.[/\\])+/, '');
      file = join(directory, relative);
      if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    }
    const found = file && existsSync(file) && statSync(file).isFile();
    const served = found ? file : join(directory, '404.html');
    const headers = {
      'Content-Type': TYPES[extname(served)] ?? 'application/octet-stream',
      'Access-Control-Allow-Origin': '*',
      Vary: 'Accept-Encoding',
    };
    const acceptsGzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
    if (acceptsGzip && COMPRESSIBLE.has(extname(served))) {
      if (!gzipped.has(served)) gzipped.set(served, gzipSync(readFileSync(served), { level: 6 }));
      response.writeHead(found ? 200 : 404, { ...headers, 'Content-Encoding': 'gzip' });
      response.end(gzipped.get(served));
      return;
    }
    response.writeHead(found ? 200 : 404, headers);
    response.end(readFileSync(served));
  };
}

/** Serves `directory` over HTTP/1.1 on 127.0.0.1 (the browser tests of latency and vitals). */
function serveStatic(directory, base, port) {
  const server = createHttpServer(staticHandler(directory, base));
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

/**
 * Serves `directory` as static hosts serve sites today, over HTTP/2 and TLS (one connection that
 * carries every request at once), with a self-signed certificate for 127.0.0.1 made for this run
 * by openssl. Without openssl: undefined, and Lighthouse is served over HTTP/1.1 instead.
 */
function serveSecure(directory, base, port) {
  const folder = mkdtempSync(join(tmpdir(), 'hmb-bench-tls-'));
  const key = join(folder, 'key.pem');
  const cert = join(folder, 'cert.pem');
  const subject = ['-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'];
  const made = spawnSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', ...subject, '-keyout', key, '-out', cert],
    { stdio: 'ignore' },
  );
  const tls =
    made.status === 0 && existsSync(cert) ? { key: readFileSync(key), cert: readFileSync(cert) } : undefined;
  rmSync(folder, { recursive: true, force: true });
  if (!tls) return Promise.resolve(undefined);
  const server = createSecureServer({ allowHTTP1: true, ...tls }, staticHandler(directory, base));
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

// Astro's own entry, run by the Node that runs this script (the node@24 package under npm).
const astro = join(root, 'node_modules', 'astro', 'bin', 'astro.mjs');
if (!process.env.BENCH_SKIP_BUILD) {
  console.log('bench: building the site…');
  const build = spawnSync(process.execPath, [astro, 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// A copy of the build, so that a rebuild of dist/ while the bench runs changes nothing.
const dist = mkdtempSync(join(tmpdir(), 'hmb-bench-dist-'));
cpSync(builtDist, dist, { recursive: true });
const base = basePath();
const only = process.env.BENCH_PAGES?.split(',').map((path) => path.trim());
const pages = builtPages(dist).filter((page) => !only || only.includes(page.path));
const executablePath = await findOrInstallBrowser();
const port = await freePort();
const server = await serveStatic(dist, base, port);
const origin = `http://127.0.0.1:${port}`;
const urlFor = (path) => `${origin}${base}${path.replace(/^\//, '')}`;

/** Every budget judged: { id, kind, page, figure, unit, budget, pass, ... }. */
const budgets = [];
const judge = (entry) => budgets.push({ ...entry, pass: entry.figure <= entry.budget });
const judgeAtLeast = (entry) => budgets.push({ ...entry, atLeast: true, pass: entry.figure >= entry.budget });

let browser;
let secureServer;
let lighthouseProtocol;
let exitCode = 0;
try {
  await waitFor(urlFor(PLAYGROUND));
  browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
  });

  // 1. JavaScript on first load of every page, and all of it once loaded on approach.
  const javaScript = {};
  for (const page of pages) {
    const { firstLoad, all } = pageJs(dist, page.file, base);
    javaScript[page.path] = { firstLoad, all };
    judge({
      id: 'first-load JS (gzip)',
      page: page.path,
      figure: firstLoad.gzip,
      unit: 'B',
      budget: BUDGET.firstLoadGzip,
    });
  }
  const allCharts = await measureAllCharts(browser, urlFor(PLAYGROUND));
  judge({
    id: 'JS once every chart has drawn (gzip)',
    page: `/${PLAYGROUND}`,
    figure: allCharts.gzip,
    unit: 'B',
    budget: BUDGET.allChartsGzip,
  });

  // 2. Latency under a 4× slower CPU.
  const latency = {};
  for (const scenario of LATENCY_CASES) {
    latency[scenario.id] = await measureLatency(
      browser,
      urlFor(scenario.page),
      scenario.viewport,
      scenario.controls,
    );
    if (!scenario.budget) continue;
    for (const [name, figures] of Object.entries(latency[scenario.id])) {
      const page = `/${scenario.page}`;
      judge({
        id: `${name}: median`,
        case: scenario.id,
        page,
        figure: figures.medianMs,
        unit: 'ms',
        budget: BUDGET.medianMs,
      });
      judge({
        id: `${name}: p95`,
        case: scenario.id,
        page,
        figure: figures.p95Ms,
        unit: 'ms',
        budget: BUDGET.p95Ms,
      });
    }
  }

  // 3. Stability and paint of every page on a phone.
  const vitals = {};
  for (const page of pages) {
    vitals[page.path] = await measurePage(browser, urlFor(page.path));
    judge({ id: 'CLS, phone', page: page.path, figure: vitals[page.path].cls, unit: '', budget: BUDGET.cls });
    judge({
      id: 'LCP, phone, CPU 4×',
      page: page.path,
      figure: vitals[page.path].lcpMs,
      unit: 'ms',
      budget: BUDGET.lcpMs,
    });
  }
  await browser.close();
  browser = undefined;

  // 4. Lighthouse on every page.
  let lighthouse = {};
  if (process.env.BENCH_LIGHTHOUSE !== '0') {
    const securePort = await freePort();
    secureServer = await serveSecure(dist, base, securePort);
    const lighthouseOrigin = secureServer ? `https://127.0.0.1:${securePort}` : origin;
    const lighthouseUrl = (path) => `${lighthouseOrigin}${base}${path.replace(/^\//, '')}`;
    lighthouseProtocol = secureServer ? 'HTTP/2 over TLS' : 'HTTP/1.1 (no openssl for a certificate)';
    console.log(
      `bench: Lighthouse on ${pages.length} pages, ${LIGHTHOUSE_RUNS} runs each, over ${lighthouseProtocol}…`,
    );
    const byUrl = await runLighthouse(
      executablePath,
      pages.map((page) => lighthouseUrl(page.path)),
    );
    for (const page of pages) {
      const result = byUrl[lighthouseUrl(page.path)];
      lighthouse[page.path] = result;
      for (const category of LIGHTHOUSE_CATEGORIES) {
        judgeAtLeast({
          id: `Lighthouse ${category}`,
          page: page.path,
          figure: result.scores[category],
          unit: '',
          budget: BUDGET.lighthouse,
          failing: result.failing.filter((audit) => audit.category === category),
        });
      }
    }
  }

  // The table.
  const show = (entry) =>
    entry.unit === 'B'
      ? `${(entry.figure / KB).toFixed(1)} KB`
      : `${entry.figure}${entry.unit ? ` ${entry.unit}` : ''}`;
  const limit = (entry) =>
    `${entry.atLeast ? '≥' : '≤'} ${entry.unit === 'B' ? `${entry.budget / KB} KB` : `${entry.budget}${entry.unit ? ` ${entry.unit}` : ''}`}`;
  const rows = budgets.map((entry) => [
    entry.pass ? 'pass' : 'FAIL',
    entry.case ?? entry.page,
    entry.id,
    show(entry),
    limit(entry),
  ]);
  const header = ['', 'page', 'budget', 'measured', 'limit'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column].length)),
  );
  const line = (cells) => cells.map((cell, column) => cell.padEnd(widths[column])).join('  ');
  console.log(`\nbench: ${origin}${base} (CPU slowed ${CPU_SLOWDOWN}× for latency and vitals)`);
  console.log(line(header));
  console.log(line(widths.map((width) => '-'.repeat(width))));
  for (const row of rows) console.log(line(row));
  console.log('\nSlider and in-text number latency (median / p95 / max, presses that moved the value):');
  for (const [id, figures] of Object.entries(latency))
    for (const [name, figure] of Object.entries(figures))
      console.log(
        `  ${id} · ${name}: ${figure.medianMs} / ${figure.p95Ms} / ${figure.maxMs} ms over ${figure.samples}`,
      );
  console.log('\nJavaScript per page, gzip: first load · all (widgets loaded on approach):');
  for (const [path, figures] of Object.entries(javaScript))
    console.log(
      `  ${path}: ${(figures.firstLoad.gzip / KB).toFixed(1)} KB in ${figures.firstLoad.files.length} files · ${(figures.all.gzip / KB).toFixed(1)} KB`,
    );
  console.log(
    `  /${PLAYGROUND} on a phone once every chart has drawn: ${(allCharts.gzip / KB).toFixed(1)} KB in ${allCharts.files.length} files; scrolled through to its end, every widget loaded: ${(allCharts.wholePage.gzip / KB).toFixed(1)} KB in ${allCharts.wholePage.files} files`,
  );
  if (lighthouseProtocol) {
    console.log(`\nLighthouse performance, each run (the median is judged; over ${lighthouseProtocol}):`);
    for (const [path, result] of Object.entries(lighthouse))
      console.log(`  ${path}: ${result.performanceRuns.join(' · ')}`);
  }
  const lighthouseShort = Object.entries(lighthouse).filter(([, result]) => result.failing.length > 0);
  if (lighthouseShort.length > 0) {
    console.log('\nLighthouse audits below full marks:');
    for (const [path, result] of lighthouseShort)
      for (const audit of result.failing)
        console.log(`  ${path} ${audit.category}: ${audit.audit} (score ${audit.score}) ${audit.value}`);
  }
  const failed = budgets.filter((entry) => !entry.pass);
  mkdirSync(join(root, 'bench-results'), { recursive: true });
  writeFileSync(
    join(root, 'bench-results', 'bench.json'),
    `${JSON.stringify(
      {
        origin: `${origin}${base}`,
        cpuSlowdown: CPU_SLOWDOWN,
        pass: failed.length === 0,
        budgets,
        javaScript: Object.fromEntries(
          Object.entries(javaScript).map(([path, figures]) => [
            path,
            {
              firstLoadGzip: figures.firstLoad.gzip,
              allGzip: figures.all.gzip,
              firstLoadFiles: figures.firstLoad.files,
            },
          ]),
        ),
        allCharts,
        latency,
        vitals,
        lighthouseProtocol,
        lighthouseRuns: LIGHTHOUSE_RUNS,
        lighthouse,
      },
      null,
      2,
    )}\n`,
  );
  console.log(
    `\n${failed.length === 0 ? 'Every budget passes' : `${failed.length} of ${budgets.length} budgets FAIL`}; figures written to bench-results/bench.json`,
  );
  if (failed.length > 0) exitCode = 1;
} finally {
  await browser?.close();
  server.close();
  secureServer?.close();
  rmSync(dist, { recursive: true, force: true });
}
process.exit(exitCode);
