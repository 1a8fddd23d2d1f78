/**
 * Where the charts put things, against positions worked out by hand from the layout (margins,
 * nice axis tops) and the plain formulas of a linear and a logarithmic axis, not from d3: a point
 * at a known value lands at a known pixel. And what a line costs: a straight series is its two
 * ends, a bending one at most a point per pixel of the plot.
 */
import { describe, expect, test } from 'vitest';
import { describeBatchSizeChart } from '../../src/charts/batch-size-chart';
import { describeEpochsChart, seriesEpochs } from '../../src/charts/epochs-chart';
import type { SvgNode } from '../../src/charts/svg';
import { planFor } from '../support/plans';
import { distanceToPolyline, parsePath } from './chart-geometry';
import { byClass, find } from './chart-helpers';
import { inputsFor } from '../support/plans';

function only(root: SvgNode, className: string): SvgNode {
  const found = find(root, byClass(className));
  expect(found, className).toHaveLength(1);
  return found[0] as SvgNode;
}

/** The vertices of a chart's line (the first path of that class: the legend's swatches come later). */
function vertices(root: SvgNode, className: string): [number, number][] {
  const subpaths = parsePath(String(find(root, byClass(className))[0]?.attrs['d']));
  expect(subpaths).toHaveLength(1);
  return subpaths[0] as [number, number][];
}

/** The distance from a pixel to a drawn line. */
function offLine(root: SvgNode, className: string, at: [number, number]): number {
  return distanceToPolyline(at, vertices(root, className));
}

describe('batches over epochs, the worked case at width 640', () => {
  // Height min(320, max(220, 640 / 2)) = 320; the plot runs from y = 28 to 320 − 42 = 278 and
  // from x = left to 640 − 14 = 626. The y axis tops 1.12 × 90,000 = 100,800 rounded up to a
  // multiple of its tick step 20,000: 120,000; its widest label "120,000" (7 characters at
  // 12 × 0.62 px, + 12) is 64.1 px, rounded up to a multiple of 16: left = 80.
  const plan = planFor(inputsFor('pytorch'));
  const chart = describeEpochsChart(plan, { width: 640 }).svg;
  const x = (epoch: number) => 80 + (epoch / 120) * (626 - 80);
  const y = (batches: number) => 278 - (batches / 120_000) * (278 - 28);

  test('the line runs from (0, 0) to (120 epochs, 90,000 batches), and is just that', () => {
    expect(vertices(chart, 'chart-line-batches')).toEqual([
      [80, 278],
      [626, 90.5],
    ]);
    expect(x(120)).toBe(626);
    expect(y(90_000)).toBe(90.5);
  });

  test('epoch 60 at 45,000 batches lands at (353, 184.25)', () => {
    expect([x(60), y(45_000)]).toEqual([353, 184.25]);
    expect(offLine(chart, 'chart-line-batches', [353, 184.25])).toBeLessThan(0.1);
    // A point 2 px off is off the line.
    expect(offLine(chart, 'chart-line-batches', [353, 186.25])).toBeGreaterThan(1);
  });

  test('the end dot, the y tick labels and the x tick marks sit at their values', () => {
    const end = find(chart, byClass('chart-dot-batches')).at(-1) as SvgNode;
    expect([end.attrs['cx'], end.attrs['cy']]).toEqual([626, 90.5]);
    const labels = find(chart, byClass('chart-axis-y'))[0]?.children ?? [];
    expect(labels.map((label) => [label.text, label.attrs['y']])).toEqual([
      ['0', 278],
      ['20,000', 236.3],
      ['40,000', 194.7],
      ['60,000', 153],
      ['80,000', 111.3],
      ['100,000', 69.7],
      ['120,000', 28],
    ]);
    const marks = find(chart, byClass('chart-tick'))[0]?.attrs['d'];
    const xs = parsePath(String(marks)).map((line) => line[0]?.[0]);
    // Ticks every 10 epochs (546 px for 120 epochs: 45.5 px each).
    expect(xs).toEqual(Array.from({ length: 13 }, (_, k) => 80 + k * 45.5));
  });

  test('the cursor at epoch 37 stands at x = 80 + 37/120 × 546 = 248.35', () => {
    const withCursor = describeEpochsChart(plan, { width: 640, cursor: 37 }).svg;
    const cursor = parsePath(String(only(withCursor, 'chart-cursor').attrs['d']))[0];
    expect(cursor?.[0]?.[0]).toBeCloseTo(248.35, 0);
    const dot = find(withCursor, byClass('chart-dot-batches'))[0] as SvgNode;
    // 37 × 750 = 27,750 batches.
    expect(Number(dot.attrs['cy'])).toBeCloseTo(y(27_750), 0);
  });
});

describe('a line that bends: DeepSpeed carrying micro-batches over', () => {
  // 100 images in batches of 8: 13 batches per epoch; windows of 5 micro-batches, never flushed
  // at an epoch's end, so after e epochs ⌊13e / 5⌋ optimizer steps: 0, 2, 5, 7, 10, 13, 15, …
  const plan = planFor(
    inputsFor('deepspeed', { images: 100, batchSize: 8, accumulationSteps: 5, epochs: 12 }),
  );
  const chart = describeEpochsChart(plan, { width: 640 }).svg;

  test('the steps line has a vertex at every epoch, at ⌊13e/5⌋ steps', () => {
    const points = vertices(chart, 'chart-line-steps');
    expect(points).toHaveLength(13);
    const expected = [0, 2, 5, 7, 10, 13, 15, 18, 20, 23, 26, 28, 31];
    // Both lines share the axes: batches run from 0 to 156 along a straight line from the first
    // vertex to the last; read the pixels of 0 and of 156 batches off it.
    const [start, end] = vertices(chart, 'chart-line-batches') as [[number, number], [number, number]];
    points.forEach(([px, py], epoch) => {
      expect(px).toBeCloseTo(start[0] + (epoch / 12) * (end[0] - start[0]), 0);
      expect(py).toBeCloseTo(start[1] + ((expected[epoch] as number) / 156) * (end[1] - start[1]), 0);
    });
  });
});

describe('what a line costs', () => {
  test('100,000 epochs: the batches line is two points, the bending steps line at most one per pixel', () => {
    const plan = planFor(inputsFor('deepspeed', { accumulationSteps: 7, epochs: 100_000 }));
    expect(plan.optimizerStepsPerEpoch).toBeNull();
    for (const width of [320, 640, 960]) {
      const chart = describeEpochsChart(plan, { width }).svg;
      expect(vertices(chart, 'chart-line-batches')).toHaveLength(2);
      expect(vertices(chart, 'chart-line-steps').length).toBeLessThanOrEqual(width + 1);
    }
    expect(seriesEpochs(plan, 'optimizerSteps', 500)).toHaveLength(501);
    expect(seriesEpochs(plan, 'batches', 500)).toEqual([0, 100_000]);
  });

  test('120 epochs and 100,000 epochs draw lines of the same size', () => {
    const size = (epochs: number) =>
      String(
        only(
          describeEpochsChart(planFor(inputsFor('hf-trainer', { accumulationSteps: 4, epochs })), {
            width: 640,
          }).svg,
          'chart-line-steps',
        ).attrs['d'],
      ).length;
    expect(size(100_000)).toBeLessThanOrEqual(size(120) + 8);
  });
});

describe('batches per epoch against batch size, the worked case at width 640', () => {
  // With the legend on one row (22 px) the plot runs from y = 50 to 320 + 22 − 42 = 300; the x
  // axis goes from batch size 1 to 2¹⁶ = 65,536 (the first power of 2 at or above 48,000), the
  // y axis from 1 to 50,000 (the next 1, 2 or 5 × 10ᵏ above 48,000 batches); the widest y label
  // "10,000" (6 × 7.44 px, + 12) puts the plot's left at 57, its right at 640 − 14 = 626.
  const plan = planFor(inputsFor('pytorch'));
  const chart = describeBatchSizeChart(plan, { width: 640 }).svg;
  const x = (size: number) => 57 + (Math.log2(size) / 16) * (626 - 57);
  const y = (batches: number) => 300 - (Math.log10(batches) / Math.log10(50_000)) * (300 - 50);

  test('batch size 64 at 750 batches per epoch: the dot at (270.4, 147.0)', () => {
    const dot = only(chart, 'chart-dot-current');
    expect(x(64)).toBeCloseTo(270.375, 3);
    expect(Number(dot.attrs['cx'])).toBeCloseTo(x(64), 1);
    expect(Number(dot.attrs['cy'])).toBeCloseTo(y(750), 1);
  });

  test('the kept line holds each count until the next batch size: 48,000 at 1, 24,000 from 2', () => {
    const points = vertices(chart, 'chart-line-keep');
    expect(points[0]).toEqual([57, Number(y(48_000).toFixed(1))]);
    // A level run to x(2), then down to 24,000 batches.
    expect(points[1]?.[0]).toBeCloseTo(x(2), 1);
    expect(points[1]?.[1]).toBeCloseTo(y(48_000), 1);
    expect(points[2]?.[1]).toBeCloseTo(y(24_000), 1);
    // Batch size 1,024 makes ⌈48,000 / 1,024⌉ = 47 batches, held until the next size of the
    // sweep (1,218): the line is there at 1,024 and at 1,100, and not a few batches off (52 or 43: 2 px away on this log axis).
    expect(offLine(chart, 'chart-line-keep', [x(1_024), y(47)])).toBeLessThan(0.1);
    expect(offLine(chart, 'chart-line-keep', [x(1_100), y(47)])).toBeLessThan(0.1);
    expect(offLine(chart, 'chart-line-keep', [x(1_100), y(52)])).toBeGreaterThan(1.5);
    expect(offLine(chart, 'chart-line-keep', [x(1_100), y(43)])).toBeGreaterThan(1.5);
    // The last step ends at batch size 65,536 with one batch, on the x axis.
    expect(points.at(-1)?.[0]).toBe(626);
    expect(points.at(-1)?.[1]).toBe(300);
  });

  test('the y labels are the powers of ten at their heights', () => {
    const labels = find(chart, byClass('chart-axis-y'))[0]?.children ?? [];
    expect(labels.map((label) => label.text)).toEqual(['1', '10', '100', '1,000', '10,000']);
    labels.forEach((label, k) => expect(Number(label.attrs['y'])).toBeCloseTo(y(10 ** k), 1));
  });
});
