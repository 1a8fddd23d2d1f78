// What JavaScript each built page loads, read from dist/ (no browser needed):
//  - first load: every `<script type="module" src>` of the page and, recursively, every module
//    those import statically (`import … from "./x.js"`, `import "./x.js"`), inline module scripts
//    counted too;
//  - everything: the same closure followed through dynamic `import("./x.js")` as well, i.e. what
//    the page has loaded once every widget on it has come near the screen.
// Sizes are summed per file, each gzip-compressed at level 9 (as a static host sends them).
//
//   npx node tests/bench/page-js.mjs        prints the table for the current dist/
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** Every built page: each index.html (and 404.html) under dist/, as a site path ("/", "/the-case/"). */
export function builtPages(distDir) {
  const pages = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const file = join(dir, name);
      if (statSync(file).isDirectory()) {
        if (name !== '_astro') walk(file);
      } else if (name === 'index.html' || (name === '404.html' && dir === distDir)) {
        const rel = relative(distDir, file).split(sep).join('/');
        pages.push({ path: name === '404.html' ? '/404.html' : `/${rel.replace(/index\.html$/, '')}`, file });
      }
    }
  };
  walk(distDir);
  return pages;
}

const STATIC_IMPORT = /(?:\bfrom\s*|\bimport\s*)["'`]([^"'`]+\.js)["'`]/g;
const DYNAMIC_IMPORT = /\bimport\(\s*["'`]([^"'`]+\.js)["'`]\s*\)/g;

function gzipSize(text) {
  return gzipSync(text, { level: 9 }).length;
}

/** The base path of the build ("/" or "/sub/"), to map `/sub/_astro/x.js` onto dist/_astro/x.js. */
function fileForSrc(distDir, base, src) {
  const path = src.startsWith(base) ? src.slice(base.length) : src.replace(/^\/+/, '');
  return join(distDir, ...path.split('/'));
}

/**
 * The JavaScript of one page: first load and all (dynamic imports followed), each as
 * { files: [{ file, raw, gzip }], raw, gzip }.
 */
export function pageJs(distDir, htmlFile, base = '/') {
  const html = readFileSync(htmlFile, 'utf8');
  const entries = [];
  const inline = [];
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    const attributes = match[1];
    if (/type\s*=\s*["']?application\/(ld\+)?json/.test(attributes)) continue;
    const src = /\bsrc\s*=\s*["']?([^"'\s>]+)/.exec(attributes)?.[1];
    if (src) entries.push(fileForSrc(distDir, base, src));
    else if (match[2].trim() !== '') inline.push(match[2]);
  }
  const walk = (followDynamic) => {
    const seen = new Set();
    const queue = [...entries];
    while (queue.length > 0) {
      const file = queue.shift();
      if (seen.has(file)) continue;
      seen.add(file);
      const text = readFileSync(file, 'utf8');
      const patterns = followDynamic ? [STATIC_IMPORT, DYNAMIC_IMPORT] : [STATIC_IMPORT];
      for (const pattern of patterns)
        for (const [, spec] of text.matchAll(pattern))
          if (spec.startsWith('.')) queue.push(join(dirname(file), ...spec.split('/')));
    }
    const files = [...seen].map((file) => {
      const text = readFileSync(file, 'utf8');
      return {
        file: posix.join(base, relative(distDir, file).split(sep).join('/')),
        raw: Buffer.byteLength(text),
        gzip: gzipSize(text),
      };
    });
    for (const [index, text] of inline.entries())
      files.push({
        file: `(inline script ${index + 1})`,
        raw: Buffer.byteLength(text),
        gzip: gzipSize(text),
      });
    files.sort((a, b) => b.gzip - a.gzip);
    return {
      files,
      raw: files.reduce((sum, file) => sum + file.raw, 0),
      gzip: files.reduce((sum, file) => sum + file.gzip, 0),
    };
  };
  return { firstLoad: walk(false), all: walk(true) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const distDir = process.env.DIST_DIR ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist');
  const verbose = process.argv.includes('-v');
  for (const page of builtPages(distDir)) {
    const { firstLoad, all } = pageJs(distDir, page.file);
    const kb = (bytes) => (bytes / 1024).toFixed(1).padStart(5);
    console.log(
      `${page.path.padEnd(30)} first load ${kb(firstLoad.gzip)} KB in ${String(firstLoad.files.length).padStart(2)} files · all ${kb(all.gzip)} KB`,
    );
    if (verbose) for (const file of firstLoad.files) console.log(`    ${kb(file.gzip)} KB  ${file.file}`);
  }
}
