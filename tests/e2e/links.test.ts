// Every internal link of the built site resolves: each href, src and srcset on every page points
// at a file of the build, and each #anchor at an element with that id on the page it names.
// Read from dist/ as served (the base path included), without a browser.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, inject, test } from 'vitest';
import { pagePaths } from './browser';

const distDir = inject('distDir');
const base = new URL(inject('baseURL')).pathname; // "/" or "/x/y/"
const pages = pagePaths(distDir);

function fileOfPage(pagePath: string): string {
  return path.join(distDir, pagePath.endsWith('/') || pagePath === '' ? `${pagePath}index.html` : pagePath);
}

function decode(text: string): string {
  return text
    .replace(/&amp;/g, '&')
    .replace(/&#38;/g, '&')
    .replace(/&quot;/g, '"');
}

/** The built file a site path names, or null: "/x/" → x/index.html, "/og.png" → og.png. */
function resolve(sitePath: string): string | null {
  if (!sitePath.startsWith(base)) return null;
  const relative = decodeURIComponent(sitePath.slice(base.length));
  const candidates = [path.join(distDir, relative), path.join(distDir, relative, 'index.html')];
  return candidates.find((file) => existsSync(file) && statSync(file).isFile()) ?? null;
}

const idsCache = new Map<string, Set<string>>();
function idsOf(file: string): Set<string> {
  let ids = idsCache.get(file);
  if (!ids) {
    const html = readFileSync(file, 'utf8');
    ids = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((match) => decode(match[1] ?? '')));
    idsCache.set(file, ids);
  }
  return ids;
}

test('every internal link and anchor of every page resolves', () => {
  const broken: string[] = [];
  let checked = 0;
  for (const pagePath of pages) {
    const file = fileOfPage(pagePath);
    const html = readFileSync(file, 'utf8');
    const pageURL = new URL(`${base}${pagePath}`, 'http://site.invalid');
    const targets = [
      ...[...html.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((match) => match[1] ?? ''),
      ...[...html.matchAll(/\ssrcset="([^"]*)"/g)].flatMap((match) =>
        (match[1] ?? '').split(',').map((part) => part.trim().split(/\s+/)[0] ?? ''),
      ),
    ];
    for (const raw of targets) {
      const target = decode(raw);
      if (target === '' || /^(mailto|data|javascript):/.test(target)) continue;
      const url = new URL(target, pageURL);
      if (url.host !== 'site.invalid') continue; // Other sites: sources, licences.
      checked += 1;
      const resolved = resolve(url.pathname);
      if (!resolved) {
        broken.push(`/${pagePath}: ${target} (no such file)`);
        continue;
      }
      const anchor = decodeURIComponent(url.hash.slice(1));
      if (anchor && resolved.endsWith('.html') && !idsOf(resolved).has(anchor)) {
        broken.push(`/${pagePath}: ${target} (no element with id "${anchor}")`);
      }
    }
  }
  expect(checked).toBeGreaterThan(pages.length);
  expect(broken).toEqual([]);
});
