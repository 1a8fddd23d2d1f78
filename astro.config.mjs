// @ts-check
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { satteri } from '@astrojs/markdown-satteri';
import { katexMath } from './src/plugins/satteri-katex.mjs';
import { noPreloadHelper } from './src/plugins/no-preload-helper.mjs';

/** A base path always starts and ends with one slash: "/", "/explainers/batches/". */
function normaliseBase(value = '/') {
  const trimmed = value.trim().replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '/' : `/${trimmed}/`;
}

/**
 * No list of preloads beside each dynamic import in the browser's code. Code for what is off
 * screen loads when it comes near (src/client/lazy.ts), ahead of need, so fetching a chunk's
 * imports one hop later costs nothing a reader sees, while the lists (every chunk name each
 * import needs) weighed about 0.7 KB gzip on a chapter's first load. Astro sets the option for
 * the whole build; the client environment is the one where it matters.
 * @returns {import('vite').Plugin}
 */
function noDynamicImportPreload() {
  return {
    name: 'how-many-batches:no-dynamic-import-preload',
    configEnvironment(name, config) {
      if (name !== 'client') return;
      config.build ??= {};
      config.build.modulePreload = false;
    },
  };
}

export default defineConfig({
  site: process.env.SITE_URL || 'http://localhost:4321',
  base: normaliseBase(process.env.BASE_PATH),
  trailingSlash: 'always',
  compressHTML: true,
  integrations: [mdx()],
  server: {
    // A page framed with sandbox="allow-scripts" has an opaque origin, so its module scripts
    // and fonts are CORS requests: the public assets must allow any origin (dev and preview
    // here; public/_headers and the README say the same for static hosts).
    headers: { 'Access-Control-Allow-Origin': '*' },
  },
  markdown: {
    syntaxHighlight: false,
    processor: satteri({
      features: { math: true, headingAttributes: true },
      mdastPlugins: [katexMath()],
    }),
  },
  build: {
    // Scoped styles of components used only inside MDX entries are inlined without a CSP
    // hash (stack notes §1.5): keep every stylesheet external, covered by 'self'.
    inlineStylesheets: 'never',
  },
  vite: {
    build: {
      // KaTeX's smallest fonts would otherwise become data: URLs that font-src 'self' blocks.
      assetsInlineLimit: 0,
      // One stylesheet for the whole site (11 KB gzip), cached once for every chapter, instead of
      // six or seven per page: each is a request that blocks the first paint (Lighthouse's
      // simulated first paint came out about 150 ms sooner on the pages measured).
      cssCodeSplit: false,
    },
    plugins: [noDynamicImportPreload(), noPreloadHelper()],
    resolve: {
      // d3-scale's interpolators for numbers only, without d3-color (src/charts/interpolate-numbers.ts).
      alias: [
        {
          find: /^d3-interpolate$/,
          replacement: fileURLToPath(new URL('./src/charts/interpolate-numbers.ts', import.meta.url)),
        },
      ],
    },
  },
  security: {
    csp: {
      directives: [
        "default-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
      ],
      // KaTeX lays math out with style="" attributes; allow attributes only, keep hashed <style>.
      styleDirective: {
        resources: ["'self'", { resource: "'unsafe-inline'", kind: 'attribute' }],
      },
    },
  },
});
