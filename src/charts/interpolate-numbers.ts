/**
 * What d3-scale needs of d3-interpolate, for numbers only. d3-scale's continuous scales import
 * `interpolate` (which also blends colours, dates, strings, arrays and objects, and so brings
 * d3-color with its 148 named colours), `interpolateNumber`, `interpolateRound` and `piecewise`.
 * Every range in these charts is a pair of pixel positions, so the build resolves the module
 * `d3-interpolate` to this one (astro.config.mjs): the same functions, the same arithmetic as
 * d3-interpolate 3 (src/number.js, src/round.js, src/piecewise.js) for numbers, 5 KB gzip less
 * chart code. A range of anything but numbers is refused loudly rather than drawn wrong.
 */
type Interpolator = (t: number) => number;

function numbers(a: unknown, b: unknown): [number, number] {
  if (typeof a !== 'number' || typeof b !== 'number') {
    throw new TypeError('The charts interpolate numbers only (see src/charts/interpolate-numbers.ts).');
  }
  return [a, b];
}

export function interpolateNumber(a: unknown, b: unknown): Interpolator {
  const [from, to] = numbers(a, b);
  return (t) => from * (1 - t) + to * t;
}

export function interpolateRound(a: unknown, b: unknown): Interpolator {
  const [from, to] = numbers(a, b);
  return (t) => Math.round(from * (1 - t) + to * t);
}

/** d3's generic `interpolate`, which for two numbers is `interpolateNumber`. */
export const interpolate = interpolateNumber;

/** d3's `piecewise`: one interpolator per pair of neighbouring values, chosen by t. */
export function piecewise(
  make: (a: unknown, b: unknown) => Interpolator,
  values: readonly unknown[],
): Interpolator {
  const n = values.length - 1;
  const parts = values.slice(1).map((value, i) => make(values[i], value));
  return (t) => {
    const i = Math.max(0, Math.min(n - 1, Math.floor((t *= n))));
    return parts[i]!(t - i);
  };
}
