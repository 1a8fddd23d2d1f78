// d3-interpolate's own build, read by charts-interpolate.test.ts to compare the stand-in with it
// (the bare name resolves to the stand-in, src/charts/interpolate-numbers.ts).
declare module '*/d3-interpolate/dist/d3-interpolate.mjs' {
  type Interpolator = (t: number) => number;
  export function interpolate(a: number, b: number): Interpolator;
  export function interpolateNumber(a: number, b: number): Interpolator;
  export function interpolateRound(a: number, b: number): Interpolator;
  export function piecewise(make: (a: number, b: number) => Interpolator, values: number[]): Interpolator;
}
