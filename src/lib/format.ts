/**
 * Number formatting shared by prose, KaTeX, charts and outputs. Deterministic (no locale
 * lookups), so server and browser always print the same digits.
 */

function groupDigits(digits: string, separator: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

function splitNumber(value: number): { sign: string; whole: string; fraction: string } {
  const text = Number.isInteger(value) ? Math.abs(value).toFixed(0) : String(Math.abs(value));
  const [whole = '0', fraction = ''] = text.split('.');
  return { sign: value < 0 ? '−' : '', whole, fraction };
}

/** 90000 → "90,000"; 12.5 → "12.5". */
export function formatCount(value: number): string {
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
