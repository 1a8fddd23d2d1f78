import { describe, expect, it } from 'vitest';
import { GLOSSARY } from '../../src/article/glossary';
import { REFERENCE_GROUPS, REFERENCES } from '../../src/article/references';

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

describe('the reference registry', () => {
  const entries = Object.entries(REFERENCES);

  it('has the sources the chapters cite', () => {
    for (const id of ['pytorch-batch-sampler', 'pytorch-distributed-sampler', 'gulshan-2016', 'goyal-2017']) {
      expect(REFERENCES).toHaveProperty(id);
    }
  });

  it.each(entries)('%s: its id is its key, kebab-case', (key, reference) => {
    expect(reference.id).toBe(key);
    expect(key).toMatch(KEBAB);
  });

  it.each(entries)('%s: has a title, a publisher and an https URL', (_key, reference) => {
    expect(reference.title.trim()).not.toBe('');
    expect(reference.publisher.trim()).not.toBe('');
    const url = new URL(reference.url);
    expect(url.protocol).toBe('https:');
    expect(url.hostname).toContain('.');
    for (const field of ['authors', 'year', 'version', 'note'] as const) {
      const value = reference[field];
      if (value !== undefined) expect(value.trim(), field).not.toBe('');
    }
  });

  it('no id is defined in two topic files (the merge would hide one)', () => {
    const seen = new Map<string, string>();
    for (const [group, references] of Object.entries(REFERENCE_GROUPS)) {
      for (const id of Object.keys(references)) {
        expect(seen.get(id), `${id} is in ${group} and ${seen.get(id) ?? ''}`).toBeUndefined();
        seen.set(id, group);
      }
    }
    expect(seen.size).toBe(entries.length);
  });

  it('no two entries point at the same URL', () => {
    const urls = entries.map(([, reference]) => reference.url);
    expect(new Set(urls).size).toBe(urls.length);
  });

  it('a year is a four-digit year', () => {
    for (const [, reference] of entries) {
      if (reference.year !== undefined) expect(reference.year).toMatch(/^(19|20)\d\d$/);
    }
  });
});

describe('the glossary', () => {
  const entries = Object.entries(GLOSSARY);

  it('defines every term the article links', () => {
    const required = [
      'sample',
      'batch',
      'mini-batch',
      'batch-size',
      'iteration',
      'step',
      'optimizer-step',
      'epoch',
      'last-partial-batch',
      'drop-last',
      'effective-batch-size',
      'per-device-batch-size',
      'gradient-accumulation',
      'data-parallel',
      'distributed-sampler',
      'padding',
      'validation-split',
      'learning-rate-schedule',
      'warm-up',
      'throughput',
      'image-pass',
    ];
    expect(Object.keys(GLOSSARY)).toEqual(expect.arrayContaining(required));
  });

  it.each(entries)('%s: its id is its key, kebab-case', (key, entry) => {
    expect(entry.id).toBe(key);
    expect(key).toMatch(KEBAB);
  });

  it.each(entries)('%s: a term and a one-sentence definition', (_key, entry) => {
    expect(entry.term.trim()).not.toBe('');
    expect(entry.short.trim()).not.toBe('');
    // One plain sentence for the popover: it ends with a full stop and has no other sentence end.
    expect(entry.short).toMatch(/\.$/);
    expect(entry.short.slice(0, -1)).not.toMatch(/[.!?]\s+[A-Z]/);
    if (entry.more !== undefined) expect(entry.more.trim()).not.toBe('');
  });

  it.each(entries)('%s: every see-also resolves to another term, once', (key, entry) => {
    const seeAlso = entry.seeAlso ?? [];
    for (const id of seeAlso) {
      expect(GLOSSARY, `${key} → ${id}`).toHaveProperty(id);
      expect(id).not.toBe(key);
    }
    expect(new Set(seeAlso).size).toBe(seeAlso.length);
  });

  it('no two entries share a term', () => {
    const terms = entries.map(([, entry]) => entry.term.toLowerCase());
    expect(new Set(terms).size).toBe(terms.length);
  });
});
