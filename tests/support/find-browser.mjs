#!/usr/bin/env node
// Finds a Chromium for the browser tests, installing one if the machine has none.
//
//   node tests/support/find-browser.mjs      prints the executable path (runs on Node 20 and later)
//   import { findOrInstallBrowser } from './tests/support/find-browser.mjs'
//
// Search order:
//   1. $CHROMIUM_PATH, if it names an executable file;
//   2. a Chromium installed by Playwright ($PLAYWRIGHT_BROWSERS_PATH or ~/.cache/ms-playwright);
//   3. a system browser: /usr/bin/chromium, chromium-browser, google-chrome, google-chrome-stable,
//      then the same names on $PATH.
// If none is found: as root on Debian or Ubuntu, `apt-get update` and `apt-get install -y chromium`;
// anywhere else, or when apt gave no working browser (Ubuntu's package is only a stub for the snap,
// which does not run in containers), `npx playwright-core install chromium`. Each install is
// followed by another search. Every candidate must answer `--version`, which weeds out such stubs.
// Only Node built-ins are used, so this file also runs before `npm install` has finished.

import { spawnSync } from 'node:child_process';
import {
  accessSync,
  constants,
  existsSync,
  readdirSync,
  readFileSync,
  realpathSync,
  statSync,
} from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SYSTEM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];
const SYSTEM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/** @param {string | undefined} file */
function isExecutable(file) {
  if (!file) return false;
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The browser's version line ("Chromium 156.0.8078.108 …"), or undefined if it does not start.
 * @param {string} file
 */
function browserVersion(file) {
  const result = spawnSync(file, ['--version'], { encoding: 'utf8', timeout: 15_000 });
  if (result.status !== 0) return undefined;
  const line = (result.stdout || '').split('\n').find((l) => /chrom/i.test(l));
  return line?.trim();
}

/** Executables named `name` on $PATH, like `which -a`. @param {string} name */
function onPath(name) {
  return (process.env.PATH || '')
    .split(path.delimiter)
    .filter(Boolean)
    .map((dir) => path.join(dir, name))
    .filter(isExecutable);
}

/** Chromium builds under a Playwright browsers folder, newest revision first. @param {string} root */
function playwrightBuilds(root) {
  /** @type {string[]} */
  const found = [];
  let entries;
  try {
    entries = readdirSync(root);
  } catch {
    return found;
  }
  const revision = (/** @type {string} */ name) => Number(name.split('-').pop()) || 0;
  for (const dir of entries
    .filter((e) => /^chromium-\d+$/.test(e))
    .sort((a, b) => revision(b) - revision(a))) {
    let subdirs;
    try {
      subdirs = readdirSync(path.join(root, dir));
    } catch {
      continue;
    }
    for (const sub of subdirs.filter((s) => s.startsWith('chrome-linux'))) {
      found.push(path.join(root, dir, sub, 'chrome'));
    }
  }
  return found;
}

/** @returns {Promise<Array<{ file: string, how: string }>>} candidates in priority order */
async function candidates() {
  /** @type {Array<{ file: string, how: string }>} */
  const list = [];
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) list.push({ file: path.resolve(fromEnv), how: 'from $CHROMIUM_PATH' });

  try {
    const { chromium } = await import('playwright-core');
    list.push({ file: chromium.executablePath(), how: 'installed by Playwright' });
  } catch {
    // playwright-core missing, or no build for this platform: fall through to the folders.
  }
  const roots = [process.env.PLAYWRIGHT_BROWSERS_PATH, path.join(homedir(), '.cache', 'ms-playwright')];
  for (const root of roots) {
    if (root && root !== '0') {
      for (const file of playwrightBuilds(root))
        list.push({ file, how: `installed by Playwright in ${root}` });
    }
  }

  for (const file of SYSTEM_PATHS) list.push({ file, how: 'system browser' });
  for (const name of SYSTEM_NAMES) {
    for (const file of onPath(name)) list.push({ file, how: `system browser on $PATH (${name})` });
  }
  return list;
}

/**
 * @param {(line: string) => void} log
 * @returns {Promise<{ file: string, how: string, version: string } | undefined>}
 */
async function search(log) {
  const seen = new Set();
  for (const { file, how } of await candidates()) {
    if (seen.has(file) || !isExecutable(file)) {
      if (how === 'from $CHROMIUM_PATH')
        log(`find-browser: $CHROMIUM_PATH=${file} is not an executable file`);
      continue;
    }
    seen.add(file);
    const version = browserVersion(file);
    if (version) return { file, how, version };
    // An explicit choice is honoured even if it cannot report its version.
    if (how === 'from $CHROMIUM_PATH') return { file, how, version: 'a browser of unknown version' };
    log(`find-browser: skipping ${file} (${how}): \`--version\` failed`);
  }
  return undefined;
}

/** @param {string} command @param {string[]} args @param {NodeJS.ProcessEnv} [env] */
function run(command, args, env = process.env) {
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env,
    shell: process.platform === 'win32',
  });
  return result.status === 0;
}

function osRelease() {
  try {
    return readFileSync('/etc/os-release', 'utf8');
  } catch {
    return '';
  }
}

/**
 * On Debian or Ubuntu as root: the distribution's package.
 * @param {(line: string) => void} log
 * @returns {string} what was done, for the log line, or '' where apt does not apply
 */
function installWithApt(log) {
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !existsSync('/etc/debian_version')) return '';
  log('find-browser: no Chromium found; installing the distribution package: apt-get install -y chromium');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (run('apt-get', ['update'], env) && run('apt-get', ['install', '-y', 'chromium'], env)) {
    return 'installed with apt-get install chromium';
  }
  log('find-browser: apt-get failed');
  return 'apt-get install chromium failed';
}

/**
 * Anywhere else, or where apt gave no working browser (Ubuntu's package is only a stub for
 * the snap, which does not run in containers): Playwright's own Chromium build.
 * @param {(line: string) => void} log
 * @returns {string} what was done, for the log line
 */
function installWithPlaywright(log) {
  const isRoot = process.getuid?.() === 0;
  const isUbuntu = /^(ID|ID_LIKE)=.*ubuntu/im.test(osRelease());
  // On Ubuntu as root, let Playwright install the shared libraries Chromium needs too.
  const args = [
    '--yes',
    'playwright-core',
    'install',
    ...(isRoot && isUbuntu ? ['--with-deps'] : []),
    'chromium',
  ];
  log(`find-browser: installing Chromium with: npx ${args.join(' ')}`);
  if (!run('npx', args)) log('find-browser: npx playwright-core install failed');
  return `installed with npx ${args.join(' ')}`;
}

/**
 * Returns the absolute path of a Chromium executable, installing one if none is found.
 * Logs one line saying which browser is used and how it was found (or installed).
 * @param {{ log?: (line: string) => void }} [options]
 * @returns {Promise<string>}
 */
export async function findOrInstallBrowser({ log = console.log } = {}) {
  let found = await search(log);
  let installed = '';
  if (!found) {
    installed = installWithApt(log);
    if (installed) found = await search(log);
  }
  if (!found) {
    installed = [installed, installWithPlaywright(log)].filter(Boolean).join('; ');
    found = await search(log);
  }
  if (!found) {
    throw new Error(
      'find-browser: no Chromium found and installing one did not work. ' +
        'Install Chromium or Chrome yourself and set CHROMIUM_PATH=/path/to/chrome.',
    );
  }
  const how = installed ? `${installed}, then found as ${found.how}` : found.how;
  log(`Browser for tests: ${found.version} at ${found.file} (${how})`);
  return found.file;
}

function isMain() {
  if (!process.argv[1]) return false;
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  findOrInstallBrowser({ log: (line) => console.error(line) }).then(
    (file) => console.log(file),
    (error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
