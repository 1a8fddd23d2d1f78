/**
 * Position scales for the charts: linear and logarithmic maps from data to pixels, with
 * ticks from d3-array (the same `ticks`/`nice` that d3-scale's linear scale calls).
 * d3-scale itself would bring d3-interpolate, d3-color and d3-format into the page's
 * bundle (about 11 KB gzip) for two one-line formulas, so the maps are written here.
 */
import { nice, ticks } from 'd3-array';
import type { Point } from './svg';

export type { Point };

export interface PositionScale {
  (value: number): number;
  domain: readonly [number, number];
  range: readonly [number, number];
  /** The data value at a pixel position (clamped to the domain). */
  invert(position: number): number;
}

function makeScale(
  domain: readonly [number, number],
  range: readonly [number, number],
  forward: (value: number) => number,
  backward: (value: number) => number,
): PositionScale {
  const [d0, d1] = [forward(domain[0]), forward(domain[1])];
  const [r0, r1] = range;
  const span = d1 - d0;
  const scale = ((value: number) =>
    span === 0 ? (r0 + r1) / 2 : r0 + ((forward(value) - d0) / span) * (r1 - r0)) as PositionScale;
  scale.domain = domain;
  scale.range = range;
  scale.invert = (position: number) => {
    const t = r1 === r0 ? 0 : Math.min(1, Math.max(0, (position - r0) / (r1 - r0)));
    return backward(d0 + t * span);
  };
  return scale;
}

const identity = (value: number) => value;

/** A linear scale from `domain` to `range`. */
export function linearScale(
  domain: readonly [number, number],
  range: readonly [number, number],
): PositionScale {
  return makeScale(domain, range, identity, identity);
}

/** A logarithmic scale (any base: the position only depends on the ratio). Domain values must be > 0. */
export function logScale(domain: readonly [number, number], range: readonly [number, number]): PositionScale {
  return makeScale(domain, range, Math.log, Math.exp);
}

/** About `count` round tick values from `start` to `stop`, whole numbers only. */
export function integerTicks(start: number, stop: number, count: number): number[] {
  return ticks(start, stop, Math.max(1, count)).filter(Number.isInteger);
}

/** [0, stop] widened to round values, for about `count` ticks. */
export function niceDomain(stop: number, count: number): [number, number] {
  const [, niceStop] = nice(0, stop, Math.max(1, count));
  return [0, niceStop > 0 ? niceStop : 1];
}

/** The powers of `base` within [start, stop], at most about `maxCount` of them (every k-th). */
export function powerTicks(base: number, start: number, stop: number, maxCount: number): number[] {
  const first = Math.ceil(Math.log(start) / Math.log(base) - 1e-9);
  const last = Math.floor(Math.log(stop) / Math.log(base) + 1e-9);
  const all: number[] = [];
  for (let k = Math.max(0, first); k <= last; k += 1) all.push(base ** k);
  const every = Math.max(1, Math.ceil(all.length / Math.max(1, maxCount)));
  return all.filter((_, i) => i % every === 0);
}

/**
 * Drops points that lie within `tolerance` (vertically, in pixels) of a straight line through
 * their neighbours, for x increasing: a straight run of a thousand epochs becomes one segment.
 * Linear time (a sleeve of admissible slopes from the last kept point).
 */
export function simplifyLine(points: readonly Point[], tolerance = 0.25): Point[] {
  if (points.length <= 2) return [...points];
  const kept: Point[] = [points[0] as Point];
  let [ax, ay] = points[0] as Point;
  let low = -Infinity;
  let high = Infinity;
  let previous = points[0] as Point;
  for (let i = 1; i < points.length; i += 1) {
    const point = points[i] as Point;
    const dx = point[0] - ax;
    const slope = dx > 0 ? (point[1] - ay) / dx : NaN;
    if (!(slope >= low && slope <= high)) {
      // The straight line from the anchor can no longer pass near every point: keep the last one.
      if (previous !== kept[kept.length - 1]) kept.push(previous);
      [ax, ay] = previous;
      low = -Infinity;
      high = Infinity;
      const ddx = point[0] - ax;
      if (ddx <= 0) {
        kept.push(point);
        [ax, ay] = point;
        previous = point;
        continue;
      }
    }
    const span = point[0] - ax;
    low = Math.max(low, (point[1] - tolerance - ay) / span);
    high = Math.min(high, (point[1] + tolerance - ay) / span);
    previous = point;
  }
  const last = points[points.length - 1] as Point;
  if (kept[kept.length - 1] !== last) kept.push(last);
  return kept;
}
