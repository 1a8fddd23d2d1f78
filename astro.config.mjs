// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { satteri } from '@astrojs/markdown-satteri';
import { katexMath } from './src/plugins/satteri-katex.mjs';

/** A base path always starts and ends with one slash: "/", "/explainers/batches/". */
function normaliseBase(value = '/') {
  const trimmed = value.trim().replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '/' : `/${trimmed}/`;
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
    // KaTeX's smallest fonts would otherwise become data: URLs that font-src 'self' blocks.
    build: { assetsInlineLimit: 0 },
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
