/**
 * Pure helpers over a chapter's MDX source: how long it takes to read, which sources it cites
 * (in order of first citation) and which glossary terms it uses. They read the text only; no
 * count of training is computed here.
 */

/** Words a reader covers in a minute of careful, technical reading. */
export const WORDS_PER_MINUTE = 200;

/** The prose of an MDX body: imports, JSX tags, math and code removed, text inside tags kept. */
export function proseOf(body: string): string {
  return body
    .replace(/^(import|export) .*$/gm, ' ')
    .replace(/\$\$[\s\S]*?\$\$/g, ' formula ')
    .replace(/\$[^$\n]+\$/g, ' x ')
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/<[A-Z][\w.]*\b[^>]*\/>/g, ' 1,000 ')
    .replace(/<\/?[A-Za-z][^>]*>/g, ' ')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/[#*_`>|[\]()-]+/g, ' ');
}

export function wordCount(body: string): number {
  return proseOf(body)
    .split(/\s+/)
    .filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

/** Whole minutes, at least one. */
export function readingMinutes(body: string): number {
  return Math.max(1, Math.round(wordCount(body) / WORDS_PER_MINUTE));
}

/** The ids of `<Cite id="…" />` in order of first appearance. */
export function citedIds(body: string): string[] {
  const ids: string[] = [];
  for (const match of body.matchAll(/<Cite\b[^>]*\bids?=["']([^"']+)["']/g)) {
    for (const id of (match[1] ?? '').split(/[\s,]+/)) if (id && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

/** The ids of `<Term id="…">` in order of first appearance. */
export function termIds(body: string): string[] {
  const ids: string[] = [];
  for (const match of body.matchAll(/<Term\b[^>]*\bid=["']([^"']+)["']/g)) {
    const id = match[1] ?? '';
    if (id && !ids.includes(id)) ids.push(id);
  }
  return ids;
}
