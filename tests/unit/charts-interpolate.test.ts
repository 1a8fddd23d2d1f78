// The numbers-only stand-in for d3-interpolate (src/charts/interpolate-numbers.ts) against
// d3-interpolate itself, read from its own file (the bare name resolves to the stand-in).
import fc from 'fast-check';
import { scaleLinear, scaleLog } from 'd3-scale';
import { describe, expect, test } from 'vitest';
import * as d3 from '../../node_modules/d3-interpolate/dist/d3-interpolate.mjs';
import {
  interpolate,
  interpolateNumber,
  interpolateRound,
  piecewise,
} from '../../src/charts/interpolate-numbers';

const finite = fc.double({ min: -1e9, max: 1e9, noNaN: true });
const unit = fc.double({ min: -0.5, max: 1.5, noNaN: true });

describe('the numbers-only interpolators', () => {
  test('give what d3-interpolate gives for numbers, bit for bit', () => {
    fc.assert(
      fc.property(finite, finite, unit, (a, b, t) => {
        expect(interpolateNumber(a, b)(t)).toBe(d3.interpolateNumber(a, b)(t));
        expect(interpolate(a, b)(t)).toBe(d3.interpolate(a, b)(t));
        expect(interpolateRound(a, b)(t)).toBe(d3.interpolateRound(a, b)(t));
      }),
    );
  });

  test('piecewise picks the segment as d3 does', () => {
    fc.assert(
      fc.property(fc.array(finite, { minLength: 2, maxLength: 6 }), unit, (values, t) => {
        expect(piecewise(interpolateNumber, values)(t)).toBe(d3.piecewise(d3.interpolateNumber, values)(t));
      }),
    );
  });

  test('is what the bare name d3-interpolate resolves to (the alias in astro.config.mjs)', async () => {
    const resolved: Record<string, unknown> = await import('d3-interpolate');
    expect(resolved['interpolate']).toBe(interpolate);
    expect(resolved['interpolateRound']).toBe(interpolateRound);
  });

  test('a known point: a quarter of the way from 0 to 10 is 2.5', () => {
    expect(interpolateNumber(0, 10)(0.25)).toBe(2.5);
    expect(interpolateRound(0, 10)(0.25)).toBe(3);
  });

  test('refuses anything but numbers instead of drawing it wrong', () => {
    expect(() => interpolate('red', 'blue')).toThrow(/numbers only/);
    expect(() => interpolateNumber(0, '10')).toThrow(/numbers only/);
  });

  test("d3-scale's scales, built on the stand-in, place known values at known pixels", () => {
    expect(scaleLinear().domain([0, 120]).range([40, 640])(60)).toBe(340);
    expect(scaleLinear().domain([0, 90_000]).range([300, 20]).rangeRound([300, 20])(45_000)).toBe(160);
    expect(scaleLog().base(2).domain([1, 1024]).range([0, 500])(32)).toBeCloseTo(250, 9);
  });
});
