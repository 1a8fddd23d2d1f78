// Every chapter through Astro's Container API, as its page renders it: the chapter's preset in
// the page state, its citations numbered, the MDX components handed in. Each number in the prose
// must be the engine's for the chapter's state, and each citation and glossary term must resolve.
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { getContainerRenderer } from '@astrojs/mdx/container-renderer';
import { loadRenderers } from 'astro:container';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { MDX_COMPONENTS } from '../../src/article/mdx-components';
import { setCitationOrder } from '../../src/article/page-notes';
import { setPageInputs } from '../../src/article/page-state';
import { citedIds } from '../../src/article/text';
import { GLOSSARY } from '../../src/article/glossary';
import { REFERENCES } from '../../src/article/references';
import {
  DEFAULT_INPUTS,
  computeTraining,
  quantity,
  type QuantityId,
  type TrainingInputs,
} from '../../src/lib';

interface ChapterModule {
  default: Parameters<AstroContainer['renderToString']>[0];
  frontmatter: { chapter: number; title: string; preset?: Partial<TrainingInputs> };
}

const modules = import.meta.glob<ChapterModule>('../../content/chapters/*.mdx', { eager: true });
const chapters = Object.entries(modules).map(([file, module]) => ({
  file,
  module,
  body: readFileSync(new URL(file, import.meta.url), 'utf8'),
}));

async function renderChapter(module: ChapterModule, body: string): Promise<string> {
  const renderers = await loadRenderers([getContainerRenderer()]);
  const container = await AstroContainer.create({ renderers });
  const locals: Record<string, unknown> = {};
  setPageInputs(locals, module.frontmatter.preset ?? {});
  setCitationOrder(locals, citedIds(body));
  return container.renderToString(module.default, {
    locals,
    props: { components: MDX_COMPONENTS },
    request: new Request('http://localhost/chapter/'),
  });
}

/** Attributes of every element with `data-live-count`, read from the HTML. */
function liveCounts(
  html: string,
): { quantity: string; value: string | undefined; set: string | undefined; text: string }[] {
  const counts = [];
  for (const match of html.matchAll(/<(span|strong)\b([^>]*\bdata-live-count\b[^>]*)>([^<]*)</g)) {
    const attributes = match[2] ?? '';
    const read = (name: string) =>
      new RegExp(`\\b${name}="([^"]*)"`)
        .exec(attributes)?.[1]
        ?.replace(/&quot;/g, '"')
        .replace(/&#34;/g, '"');
    counts.push({
      quantity: read('data-quantity') ?? '',
      value: read('data-value'),
      set: read('data-set'),
      text: match[3] ?? '',
    });
  }
  return counts;
}

test('there are chapters, numbered 1, 2, 3 … without gaps', () => {
  const numbers = chapters.map(({ module }) => module.frontmatter.chapter).sort((a, b) => a - b);
  expect(numbers.length).toBeGreaterThan(0);
  expect(numbers).toEqual(numbers.map((_, index) => index + 1));
});

describe.each(chapters.map((chapter) => ({ ...chapter, name: chapter.file.replace(/^.*\//, '') })))(
  '$name',
  ({ module, body }) => {
    test('renders, and every live count is the engine’s for the chapter’s state', async () => {
      const html = await renderChapter(module, body);
      expect(html).not.toMatch(/\b(NaN|Infinity|undefined)\b/);
      const inputs = { ...DEFAULT_INPUTS, ...module.frontmatter.preset };
      const counts = liveCounts(html);
      // Each <Count> (but a fixed one) and each <Predict> is a live count.
      const live = (body.match(/<Count\b[^>]*>|<Predict\b/g) ?? []).filter((tag) => !/\bfixed\b/.test(tag));
      expect(counts.length).toBe(live.length);
      for (const count of counts) {
        const set = count.set ? (JSON.parse(count.set) as Partial<TrainingInputs>) : {};
        const computed = computeTraining({ ...inputs, ...set });
        if (!computed.ok) throw new Error(`${count.quantity} with ${count.set}: refused`);
        const expected = quantity(computed.value, count.quantity as QuantityId);
        expect(count.value, `${count.quantity} ${count.set ?? ''}`).toBe(
          expected.value === null ? undefined : String(expected.value),
        );
        // The words hold the number, unless a zero reads as words ("no batch at all").
        if (expected.value !== null && /\d/.test(count.text)) expect(count.text).toContain(expected.text);
      }
    });

    test('every citation and glossary term resolves', () => {
      for (const id of citedIds(body)) expect(REFERENCES[id], `reference ${id}`).toBeDefined();
      for (const match of body.matchAll(/<Term\b[^>]*\bid=["']([^"']+)["']/g)) {
        expect(GLOSSARY[match[1] ?? ''], `glossary term ${match[1]}`).toBeDefined();
      }
    });
  },
);

// MDX ends a paragraph at a line that starts with a component tag, so an inline number or term
// at the start of a line silently splits the sentence in two. Chapters keep each paragraph on
// one line; this catches a paragraph broken that way.
test.each(chapters.map(({ file, body }) => ({ name: file.replace(/^.*\//, ''), body })))(
  '$name: no inline component starts a line',
  ({ body }) => {
    const offending = body
      .split('\n')
      .map((line, index) => ({ line, number: index + 1 }))
      .filter(({ line }) => /^\s*<(Count|Value|Num|Term|Cite|Try)\b/.test(line));
    expect(offending).toEqual([]);
  },
);
