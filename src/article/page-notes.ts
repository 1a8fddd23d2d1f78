/**
 * Per-page bookkeeping for the article's components while a page renders on the server:
 * citation numbers (set once by the chapter page from its source) and counters that give
 * each occurrence of a component a unique id.
 */
type Locals = Record<string, unknown>;

const CITATIONS = 'howManyBatchesCitations';
const COUNTERS = 'howManyBatchesCounters';

/** Numbers the page's sources 1, 2, 3 … in the order given (their first citation). */
export function setCitationOrder(locals: object, ids: readonly string[]): void {
  (locals as Locals)[CITATIONS] = new Map(ids.map((id, index) => [id, index + 1]));
}

/** The number of a source on this page; throws for a source the page did not register. */
export function citationNumber(locals: object, id: string): number {
  const numbers = (locals as Locals)[CITATIONS] as Map<string, number> | undefined;
  const number = numbers?.get(id);
  if (number === undefined) throw new Error(`<Cite id="${id}">: not found in this page's citations`);
  return number;
}

/** 1, 2, 3 … for successive calls with the same key on one page. */
export function nextOccurrence(locals: object, key: string): number {
  const counters = ((locals as Locals)[COUNTERS] ??= new Map<string, number>()) as Map<string, number>;
  const next = (counters.get(key) ?? 0) + 1;
  counters.set(key, next);
  return next;
}
