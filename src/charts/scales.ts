/**
 * Position scales for the charts, from d3-scale: `scaleLinear` for epochs and counts,
 * `scaleLog` for batch sizes and batches per epoch. Pure functions of numbers, so the same
 * code lays a chart out on the server (build-time SVG) and in the browser. The only thing
 * written here is a tick policy d3 does not have: every k-th power of a log scale's base.
 */
import { scaleLinear, scaleLog, type ScaleLinear, type ScaleLogarithmic } from 'd3-scale';

/** A scale from data to pixels: d3's linear or log scale. */
export type PositionScale = ScaleLinear<number, number, never> | ScaleLogarithmic<number, number, never>;

/**
 * A linear scale from [0, stop] onto `range`, its top widened to a round value for about
 * `count` ticks (d3's `nice`); [0, 1] when `stop` is 0, so an empty chart still has an axis.
 */
export function niceLinear(stop: number, range: readonly [number, number], count: number) {
  return scaleLinear()
    .domain([0, stop > 0 ? stop : 1])
    .range(range)
    .nice(Math.max(1, count));
}

/** About `count` round tick values of a linear scale (d3's `ticks`), whole numbers only. */
export function integerTicks(scale: ScaleLinear<number, number, never>, count: number): number[] {
  return scale.ticks(Math.max(1, count)).filter(Number.isInteger);
}

/** A logarithmic scale in `base` (the positions depend only on ratios; the base sets the ticks). */
export function logScale(base: number, domain: readonly [number, number], range: readonly [number, number]) {
  return scaleLog().base(base).domain(domain).range(range);
}

/**
 * The powers of a log scale's base within its domain, at most about `maxCount` of them: every
 * k-th from the first (1, 4, 16, … rather than d3's 1, 2, 4, … or its sub-ticks at 2–9 × 10ᵏ).
 */
export function powerTicks(scale: ScaleLogarithmic<number, number, never>, maxCount: number): number[] {
  const base = scale.base();
  const [start, stop] = scale.domain() as [number, number];
  const first = Math.ceil(Math.log(start) / Math.log(base) - 1e-9);
  const last = Math.floor(Math.log(stop) / Math.log(base) + 1e-9);
  const all: number[] = [];
  for (let k = Math.max(0, first); k <= last; k += 1) all.push(base ** k);
  const every = Math.max(1, Math.ceil(all.length / Math.max(1, maxCount)));
  return all.filter((_, i) => i % every === 0);
}
