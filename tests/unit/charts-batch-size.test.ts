/**
 * Batch size sweep: keep and drop step lines from the engine's sweep, the current batch
 * size marked, powers of two on the axis and in the table.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { describeBatchSizeChart, roundUp125, showsDrop } from '../../src/charts/batch-size-chart';
import { FRAMEWORK_INFO, batchSizeSweep, formatCount } from '../../src/lib';
import { byClass, find } from './chart-helpers';
import { inputsFor, planFor } from '../support/plans';

const number = (text: string) => Number(text.replace(/ \(current\)$/, '').replaceAll(',', ''));

const worked = planFor(inputsFor('pytorch'));

describe('the worked case', () => {
  const chart = describeBatchSizeChart(worked, { width: 640 });
  const sweep = batchSizeSweep(worked);

  test('keep is a step line, and drop a second one because they differ', () => {
    expect(showsDrop(worked, sweep)).toBe(true);
    const keep = find(chart.svg, byClass('chart-line-keep')).filter((n) => String(n.attrs['d']).length > 20);
    const drop = find(chart.svg, byClass('chart-line-drop')).filter((n) => String(n.attrs['d']).length > 20);
    expect(keep).toHaveLength(1);
    expect(drop).toHaveLength(1);
    // A step line: one level per distinct count, from batch size 1 to the end of the sweep.
    // The corners of the path "M x,y H x V y H x …", in order.
    const points: number[][] = [];
    let corner = [0, 0];
    for (const [, command, a, b] of String(keep[0]?.attrs['d']).matchAll(
      /([MLHV])([-\d.]+)(?:,([-\d.]+))?/g,
    )) {
      if (command === 'M' || command === 'L') corner = [Number(a), Number(b)];
      if (command === 'H') corner = [Number(a), corner[1] as number];
      if (command === 'V') corner = [corner[0] as number, Number(a)];
      points.push(corner);
    }
    expect(new Set(points.map(([, y]) => y)).size).toBe(new Set(sweep.map((p) => p.keep)).size);
    for (let i = 1; i < points.length; i += 1) {
      const [x0, y0] = points[i - 1] as number[];
      const [x1, y1] = points[i] as number[];
      expect(x0 === x1 || y0 === y1, 'only horizontal and vertical moves').toBe(true);
      expect(x1).toBeGreaterThanOrEqual(x0 as number);
    }
  });

  test('the current batch size is marked and labelled with the plan’s count', () => {
    expect(find(chart.svg, byClass('chart-dot-current'))).toHaveLength(1);
    const labels = find(chart.svg, (n) => n.text?.includes('per epoch') === true && n.tag === 'text');
    expect(labels.map((l) => l.text)).toContain(
      `${formatCount(worked.inputs.batchSize)} → ${formatCount(worked.batchesPerEpoch)} per epoch`,
    );
  });

  test('x ticks are powers of two', () => {
    const [axis] = find(chart.svg, byClass('chart-axis-x'));
    const ticks = (axis?.children ?? []).filter((n) => n.tag === 'text').map((n) => number(n.text ?? ''));
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    for (const tick of ticks) expect(Number.isInteger(Math.log2(tick))).toBe(true);
  });

  test('the table lists the sweep at powers of two, keep and drop, and the current size', () => {
    expect(chart.table.columns).toHaveLength(3);
    const byBatch = new Map(sweep.map((p) => [p.batchSize, p]));
    for (const [size, keep, drop] of chart.table.rows) {
      const point = byBatch.get(number(size ?? ''));
      expect(point).toBeDefined();
      expect(keep).toBe(formatCount(point?.keep ?? NaN));
      expect(drop).toBe(formatCount(point?.drop ?? NaN));
    }
    const sizes = chart.table.rows.map(([size]) => size);
    expect(sizes).toContain(`${formatCount(worked.inputs.batchSize)} (current)`);
    expect(sizes[0]).toBe('1');
    expect(chart.table.rows.length).toBeLessThanOrEqual(25);
  });
});

test('no drop line where the framework cannot drop (Keras)', () => {
  const plan = planFor(inputsFor('keras', { images: 48_010 }));
  expect(FRAMEWORK_INFO.keras.dropUnavailable).not.toBe('');
  const chart = describeBatchSizeChart(plan, { width: 640 });
  expect(find(chart.svg, byClass('chart-line-drop'))).toHaveLength(0);
  expect(chart.table.columns).toEqual(['Batch size', 'Batches per epoch']);
  expect(chart.description).not.toContain('dropped');
});

test('no drop line where keep and drop agree everywhere (one image)', () => {
  const plan = planFor(inputsFor('pytorch', { images: 1, batchSize: 1 }));
  const sweep = batchSizeSweep(plan);
  expect(sweep.every((p) => p.keep === p.drop)).toBe(true);
  expect(showsDrop(plan, sweep)).toBe(false);
});

test('on several devices the counts are per device', () => {
  const plan = planFor(inputsFor('pytorch', { devices: 8 }));
  const chart = describeBatchSizeChart(plan, { width: 640 });
  const sweep = batchSizeSweep(plan);
  expect(chart.description).toContain(`shared by ${formatCount(8)} devices`);
  expect(chart.description).toContain(formatCount(sweep[0]?.keep ?? NaN));
  expect(chart.table.caption).toContain('per device');
});

test('a batch size that is not a power of two is still in the table, marked current', () => {
  const plan = planFor(inputsFor('pytorch', { batchSize: 100 }));
  const chart = describeBatchSizeChart(plan, { width: 640 });
  const row = chart.table.rows.find(([size]) => size === '100 (current)');
  expect(row?.[1]).toBe(formatCount(plan.batchesPerEpoch));
});

test('the dot label stays inside the chart at every width and batch size', () => {
  for (const batchSize of [1, 64, 47_999, 1_000_000]) {
    const plan = planFor(inputsFor('pytorch', { batchSize }));
    for (const width of [280, 320, 640, 960]) {
      const chart = describeBatchSizeChart(plan, { width });
      const [label] = find(chart.svg, (n) => n.tag === 'text' && n.text?.includes(' → ') === true);
      const x = Number(label?.attrs['x']);
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(width);
    }
  }
});

describe('the y axis top', () => {
  test('is the next 1, 2 or 5 × 10ᵏ, so it stays put while the images move a little', () => {
    expect([1, 2, 3, 10, 1000, 1001, 48_000, 48_900, 9_999_999].map(roundUp125)).toEqual([
      1, 2, 5, 10, 1000, 2000, 50_000, 50_000, 10_000_000,
    ]);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000_000 }), (value) => {
        const top = roundUp125(value);
        expect(top).toBeGreaterThanOrEqual(value);
        expect(top).toBeLessThan(2.5 * value);
        expect(String(top)).toMatch(/^[125]0*$/);
      }),
    );
  });
});

describe('a run with no batch (drop, and B larger than the images)', () => {
  const plan = planFor(inputsFor('pytorch', { images: 100, batchSize: 128, epochs: 10, lastBatch: 'drop' }));
  const chart = describeBatchSizeChart(plan, { width: 320 });

  test('the current batch size is a hollow dot on the axis, labelled as no batch', () => {
    const [dot] = find(chart.svg, byClass('chart-dot-current'));
    expect(String(dot?.attrs['class'])).toContain('chart-dot-empty');
    const labels = find(chart.svg, byClass('chart-label')).map((node) => node.text);
    expect(labels).toEqual(['128 → no batch (all dropped)']);
  });

  test('the description says why, and what to change', () => {
    expect(chart.description).toContain(
      'At batch size 128, with the last partial batch dropped, there is no batch at all',
    );
    expect(chart.description).toContain('batches of at most 100');
    expect(JSON.stringify(chart.svg)).not.toMatch(/NaN|Infinity|undefined/);
    // The sweep's table still gives both policies at the current size: 1 kept, 0 dropped.
    expect(chart.table.rows.find((row) => row[0] === '128 (current)')).toEqual(['128 (current)', '1', '0']);
  });
});
