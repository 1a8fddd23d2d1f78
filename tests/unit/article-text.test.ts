import { describe, expect, test } from 'vitest';
import { citedIds, proseOf, readingMinutes, termIds, wordCount } from '../../src/article/text';
import { ogImageSvg } from '../../src/article/og-image';
import { DEFAULT_INPUTS, computeTraining } from '../../src/lib';

describe('reading a chapter’s source', () => {
  const body = [
    "import X from './x';",
    '',
    'You have <Num field="images" /> retinal images<Cite id="kaggle-dr-2015" />.',
    '',
    '$$ b = \\lceil N/B \\rceil $$',
    '',
    'A <Term id="batch">batch</Term> and an <Term id="epoch">epoch</Term><Cite id="goodfellow-2016-minibatch kaggle-dr-2015" />.',
    '',
    '<Calculator id="case" fields={[\'images\']} />',
    '',
    'Once more, a <Term id="batch">batch</Term><Cite id="pytorch-dataloader" />.',
  ].join('\n');

  test('citations in order of first appearance, each once, several ids in one tag', () => {
    expect(citedIds(body)).toEqual(['kaggle-dr-2015', 'goodfellow-2016-minibatch', 'pytorch-dataloader']);
  });

  test('glossary terms in order of first use', () => {
    expect(termIds(body)).toEqual(['batch', 'epoch']);
  });

  test('prose keeps the words inside tags and drops imports and tags', () => {
    const prose = proseOf(body);
    expect(prose).not.toContain('import');
    expect(prose).not.toContain('<');
    expect(prose).toContain('batch');
    expect(prose).toContain('retinal images');
  });

  test('words and minutes: counted by hand', () => {
    expect(wordCount('One two three.\n\nFour <Term id="x">five</Term>.')).toBe(5);
    expect(readingMinutes('word ')).toBe(1);
    expect(readingMinutes('word '.repeat(1000))).toBe(5);
  });
});

test('the link-preview image states the worked case and its answer', () => {
  const computed = computeTraining(DEFAULT_INPUTS);
  if (!computed.ok) throw new Error('worked case refused');
  const svg = ogImageSvg(computed.value);
  expect(svg).toContain('48,000 retinal images · batches of 64 · 120 epochs');
  expect(svg).toContain('750 batches per epoch, 90,000 in all');
  expect(svg.match(/<rect /g)?.length).toBe(2 + 300);
});
