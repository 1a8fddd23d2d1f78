/**
 * Number formatting shared by prose, KaTeX, charts and outputs. Deterministic (no locale
 * lookups), so server and browser always print the same digits.
 */

/** "1234567" → "1,234,567" (a plain loop: this runs for every number on every slider step). */
function groupDigits(digits: string, separator: string): string {
  const head = digits.length % 3 || 3;
  let grouped = digits.slice(0, head);
  for (let i = head; i < digits.length; i += 3) grouped += separator + digits.slice(i, i + 3);
  return grouped;
}

function splitNumber(value: number): { sign: string; whole: string; fraction: string } {
  // Safe integers print without an exponent; toFixed covers larger whole numbers.
  const magnitude = Math.abs(value);
  const text = Number.isSafeInteger(magnitude)
    ? String(magnitude)
    : Number.isInteger(value)
      ? magnitude.toFixed(0)
      : String(magnitude);
  const [whole = '0', fraction = ''] = text.split('.');
  return { sign: value < 0 ? '−' : '', whole, fraction };
}

/** 90000 → "90,000"; 12.5 → "12.5". */
export function formatCount(value: number): string {
  // The common case, a whole non-negative count: no splitting (this runs on every slider step).
  if (value >= 0 && Number.isSafeInteger(value))
    return value < 1000 ? String(value) : groupDigits(String(value), ',');
  const { sign, whole, fraction } = splitNumber(value);
  return `${sign}${groupDigits(whole, ',')}${fraction ? `.${fraction}` : ''}`;
}

/** 90000 → "90{,}000", the TeX form that keeps KaTeX from spacing the comma as punctuation. */
export function texCount(value: number): string {
  const { sign, whole, fraction } = splitNumber(value);
  return `${sign ? '-' : ''}${groupDigits(whole, '{,}')}${fraction ? `.${fraction}` : ''}`;
}

/** 1 → "1 image", 2 → "2 images": a count with its noun, grouped for reading. */
export function countWithNoun(value: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(value)} ${value === 1 ? singular : plural}`;
}

/** The nouns a count may read with: "batch"/"batches", and a phrase for none ("no batch at all"). */
export interface CountWords {
  one?: string | undefined;
  many?: string | undefined;
  zero?: string | undefined;
}

/**
 * The words a count reads as in a sentence: "750 batches", "1 batch", the zero phrase where one
 * is given, or the bare text (`text` is the count as printed, or why there is none).
 */
export function countPhrase(value: number | null, text: string, words: CountWords): string {
  if (value === null) return text;
  if (value === 0 && words.zero) return words.zero;
  if (!words.one || !words.many) return text;
  return `${text} ${value === 1 ? words.one : words.many}`;
}
