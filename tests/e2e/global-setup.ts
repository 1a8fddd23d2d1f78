// Global setup of the e2e project: finds Chromium, serves the built site with `astro preview`
// on a free port of 127.0.0.1, and hands `baseURL`, `browserPath` and `distDir` to the tests
// (read them with `inject()` from 'vitest', or use the helpers in ./browser.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TestProject } from 'vitest/node';
import { findOrInstallBrowser } from '../support/find-browser.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The site root as served by the preview, base path included, ending in "/". */
    baseURL: string;
    /** Absolute path of the Chromium executable. */
    browserPath: string;
    /** Absolute path of the build output, `dist/`. */
    distDir: string;
  }
}

const HOST = '127.0.0.1';
const START_TIMEOUT_MS = 60_000;

/** "/" or "/x/y/": the same normalisation as astro.config.mjs applies to BASE_PATH. */
function basePath(value = '/'): string {
  const trimmed = value.trim().replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '/' : `/${trimmed}/`;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Stops the preview and everything it started (it runs in its own process group). */
async function stop(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (child.exitCode !== null || child.signalCode !== null || pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-pid, name);
    } catch {
      child.kill(name);
    }
  };
  signal('SIGTERM');
  // A timer that is cleared, not left pending: a pending one would hold Vitest open for 5 s.
  const timer = setTimeout(() => signal('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = path.resolve(project.config.root);
  const distDir = path.join(root, 'dist');
  if (!existsSync(distDir) || !readdirSync(distDir).some((name) => name.endsWith('.html'))) {
    throw new Error(`No build output in ${distDir}: run astro build first (npm run test:e2e does both).`);
  }

  const browserPath = await findOrInstallBrowser({ log: (line: string) => console.log(line) });

  const port = await freePort();
  const base = basePath(process.env.BASE_PATH);
  const bin = path.join(root, 'node_modules', '.bin');
  const astro = path.join(bin, process.platform === 'win32' ? 'astro.cmd' : 'astro');
  const child = spawn(astro, ['preview', '--host', HOST, '--port', String(port), '--ignore-lock'], {
    cwd: root,
    // Own process group, so teardown can stop the server and anything it spawned.
    detached: process.platform !== 'win32',
    shell: process.platform === 'win32',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      // node_modules/.bin first: astro's `#!/usr/bin/env node` must find the node@24 package.
      PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`,
      // Never detach into the background (Astro does when it thinks an agent runs it).
      ASTRO_PREVIEW_BACKGROUND: '0',
      ASTRO_DEV_BACKGROUND: '0',
      ASTRO_TELEMETRY_DISABLED: '1',
      ASTRO_DISABLE_UPDATE_CHECK: '1',
      NO_COLOR: '1',
    },
  });
  const killOnExit = () => {
    if (child.pid !== undefined && child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }
  };
  process.once('exit', killOnExit);

  // Keep the server's output for error messages; the preview may also pick another port.
  let output = '';
  let servedPort = port;
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8_000);
    const match = /Local\s+http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
    if (match?.[1]) servedPort = Number(match[1]);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let exitedEarly = false;
  child.once('exit', () => {
    exitedEarly = true;
  });

  const teardown = async () => {
    process.off('exit', killOnExit);
    await stop(child);
  };

  const url = () => `http://${HOST}:${servedPort}${base}`;
  /** Undefined once the site answers 200, else what went wrong. */
  const probe = async (): Promise<string | undefined> => {
    try {
      const response = await fetch(url(), { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      return response.ok ? undefined : `HTTP ${response.status}`;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  };
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (exitedEarly) {
      throw new Error(`astro preview exited before serving the site.\n--- its output ---\n${output}`);
    }
    const problem = await probe();
    if (problem === undefined) break;
    if (Date.now() > deadline) {
      await teardown();
      throw new Error(
        `astro preview did not serve ${url()} within ${START_TIMEOUT_MS / 1000} s (${problem}). ` +
          `Was dist/ built with the same BASE_PATH (now "${base}")?\n--- its output ---\n${output}`,
      );
    }
    await sleep(200);
  }

  const baseURL = url();
  console.log(`Preview of ${distDir} at ${baseURL}`);
  project.provide('baseURL', baseURL);
  project.provide('browserPath', browserPath);
  project.provide('distDir', distDir);
  return teardown;
}
