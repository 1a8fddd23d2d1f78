// The performance budgets, measured (not asserted): `npm run bench`.
//  1. JavaScript on first load of the page that holds every widget, gzip-compressed.
//  2. Keypress-to-last-DOM-change latency of each slider, with Chromium's CPU slowed 4×.
//  3. For information, each page's weight (gzip, by kind), layout shift (CLS) and largest
//     contentful paint on a phone with the CPU slowed 4×.
// It builds the site, serves it with `astro preview` on 127.0.0.1, drives Chromium, prints
// the figures against their budgets and writes them to bench-results/bench.json.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { findOrInstallBrowser } from '../support/find-browser.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PAGE = 'playground/';
const BUDGET_JS_GZIP = 25 * 1024;
const BUDGET_MEDIAN_MS = 8;
const BUDGET_P95_MS = 16;
const CPU_SLOWDOWN = 4;
const PRESSES_PER_DIRECTION = Number(process.env.BENCH_PRESSES ?? 30);
const SLIDERS = ['Images slider', 'Batch size slider', 'Epochs slider'];
const PAGES = ['', 'words/', 'playground/'];
const SCENARIOS = [
  { name: 'phone 390×844', budget: true, viewport: { width: 390, height: 844 } },
  {
    name: 'desktop 1200×5000, every chart on screen',
    budget: false,
    viewport: { width: 1200, height: 5000 },
  },
];

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
  throw new Error(`The preview server did not answer at ${url}`);
}

function quantile(sorted, q) {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index];
}

/** Keypress → last DOM change for each slider, CPU slowed, in one viewport. */
async function measureLatency(browser, pageUrl, viewport) {
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
  for (const name of SLIDERS) {
    const slider = page.getByRole('slider', { name, exact: true });
    await slider.focus();
    const samples = [];
    for (const key of ['ArrowRight', 'ArrowLeft']) {
      for (let i = 0; i < PRESSES_PER_DIRECTION; i += 1) {
        const before = await slider.inputValue();
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
        if ((await slider.inputValue()) !== before) samples.push(elapsed);
      }
    }
    samples.sort((a, b) => a - b);
    figures[name] = {
      samples: samples.length,
      medianMs: Number(quantile(samples, 0.5).toFixed(2)),
      p95Ms: Number(quantile(samples, 0.95).toFixed(2)),
      maxMs: Number(samples[samples.length - 1].toFixed(2)),
    };
  }
  await context.close();
  return figures;
}

/** Bytes by kind (gzip), CLS and LCP of one page load on a phone with a slowed CPU. */
async function measurePage(browser, pageUrl) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
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
  // Scroll through the page so that charts drawn on approach count towards the shifts.
  await page.evaluate(async () => {
    for (let y = 0; y < document.documentElement.scrollHeight; y += 600) {
      window.scrollTo(0, y);
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50)));
    }
  });
  await Promise.all(pending);
  const vitals = await page.evaluate(() => window.__benchVitals);
  await context.close();
  const total = Object.values(bytes).reduce((sum, value) => sum + value, 0);
  return {
    bytesGzip: bytes,
    totalGzip: total,
    cls: Number(vitals.cls.toFixed(4)),
    lcpMs: Math.round(vitals.lcp),
  };
}

// Astro's own entry, run by the Node that runs this script (the node@24 package under npm).
const astro = join(root, 'node_modules', 'astro', 'bin', 'astro.mjs');
if (!process.env.BENCH_SKIP_BUILD) {
  console.log('bench: building the site…');
  const build = spawnSync(process.execPath, [astro, 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const executablePath = await findOrInstallBrowser();
const port = await freePort();
const env = {
  ...process.env,
  ASTRO_PREVIEW_BACKGROUND: '0',
  ASTRO_DEV_BACKGROUND: '0',
  ASTRO_TELEMETRY_DISABLED: '1',
};
const server = spawn(
  process.execPath,
  [astro, 'preview', '--host', '127.0.0.1', '--port', String(port), '--ignore-lock'],
  {
    cwd: root,
    env,
    stdio: 'ignore',
    detached: true,
  },
);
const origin = `http://127.0.0.1:${port}`;
const url = `${origin}${basePath()}${PAGE}`;

let browser;
try {
  await waitFor(url);
  browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
  });

  // 1. JavaScript on first load.
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  const scripts = new Map();
  page.on('response', async (response) => {
    if (response.request().resourceType() !== 'script') return;
    try {
      scripts.set(response.url(), await response.body());
    } catch {
      // a response without a body (redirect) carries no script
    }
  });
  await page.goto(url, { waitUntil: 'networkidle' });
  const files = [...scripts].map(([scriptUrl, body]) => ({
    file: scriptUrl.replace(origin, ''),
    raw: body.length,
    gzip: gzipSync(body, { level: 9 }).length,
  }));
  const jsGzip = files.reduce((sum, file) => sum + file.gzip, 0);
  const jsRaw = files.reduce((sum, file) => sum + file.raw, 0);
  const katexShipped = files.some((file) => /katex/i.test(file.file));

  await context.close();

  // 2. Slider latency under a 4× slower CPU, in two viewports: a phone, the budget's case (charts
  // below the fold redraw as they scroll into view), and a desktop so tall that every chart is on
  // screen and redrawn on every keypress (a stress case no phone shows, printed for information).
  const latency = {};
  for (const scenario of SCENARIOS) {
    latency[scenario.name] = await measureLatency(browser, url, scenario.viewport);
  }

  // 3. Each page's weight and stability on a phone.
  const pages = {};
  for (const pagePath of PAGES)
    pages[`/${pagePath}`] = await measurePage(browser, `${origin}${basePath()}${pagePath}`);
  const verdict = (ok) => (ok ? 'within budget' : 'OVER BUDGET');
  console.log(`\nbench: ${url}`);
  console.log(`JavaScript on first load: ${files.length} files, ${jsRaw} B raw, ${jsGzip} B gzip`);
  for (const file of files) console.log(`  ${file.file}: ${file.raw} B raw, ${file.gzip} B gzip`);
  console.log(
    `  budget ${BUDGET_JS_GZIP} B gzip: ${verdict(jsGzip <= BUDGET_JS_GZIP)}; KaTeX shipped: ${katexShipped ? 'yes' : 'no'}`,
  );
  for (const scenario of SCENARIOS) {
    console.log(`Slider keypress → last DOM change, CPU slowed ${CPU_SLOWDOWN}×, ${scenario.name}:`);
    for (const [name, figures] of Object.entries(latency[scenario.name])) {
      const ok = figures.medianMs <= BUDGET_MEDIAN_MS && figures.p95Ms <= BUDGET_P95_MS;
      const against = scenario.budget
        ? `budget ${BUDGET_MEDIAN_MS} / ${BUDGET_P95_MS} ms: ${verdict(ok)}`
        : `stress case, for information: ${ok ? 'within' : 'over'} ${BUDGET_MEDIAN_MS} / ${BUDGET_P95_MS} ms`;
      console.log(
        `  ${name}: median ${figures.medianMs} ms, p95 ${figures.p95Ms} ms, max ${figures.maxMs} ms over ${figures.samples} presses that moved the slider (${against})`,
      );
    }
  }
  console.log(`Each page on a phone 390×844, CPU slowed ${CPU_SLOWDOWN}× (for information):`);
  for (const [pagePath, figures] of Object.entries(pages)) {
    const kinds = Object.entries(figures.bytesGzip)
      .map(([kind, size]) => `${kind} ${size} B`)
      .join(', ');
    console.log(
      `  ${pagePath}: ${figures.totalGzip} B gzip in all (${kinds}); CLS ${figures.cls}; LCP ${figures.lcpMs} ms`,
    );
  }
  mkdirSync(join(root, 'bench-results'), { recursive: true });
  writeFileSync(
    join(root, 'bench-results', 'bench.json'),
    `${JSON.stringify({ url, jsRaw, jsGzip, katexShipped, files, cpuSlowdown: CPU_SLOWDOWN, latency, pages }, null, 2)}\n`,
  );
  console.log('Figures written to bench-results/bench.json');
} finally {
  await browser?.close();
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    server.kill('SIGTERM');
  }
}
