/**
 * Batches over epochs: the lines, the end annotation, the readout, the keyboard cursor and
 * the table, every number checked against the engine.
 */
import { describe, expect, test } from 'vitest';
import {
  describeEpochsChart,
  epochAtPosition,
  epochReadout,
  nextEpoch,
  stepsDiffer,
  tableEpochs,
} from '../../src/charts/epochs-chart';
import { renderSvgToString } from '../../src/charts/svg';
import { countsAtEpoch, formatCount } from '../../src/lib';
import { byClass, find } from './chart-helpers';
import { inputsFor, planFor } from '../support/plans';

/** The vertices of an "M…L…" path. */
function pathPoints(d: string): [number, number][] {
  return [...d.matchAll(/[ML]([-\d.]+),([-\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

const worked = planFor(inputsFor('pytorch'));
const accumulated = planFor(inputsFor('pytorch', { accumulationSteps: 4, images: 48_100 }));

describe('the worked case', () => {
  const chart = describeEpochsChart(worked, { width: 640 });

  test('the description says how batches grow, in the engine’s numbers', () => {
    expect(chart.description).toBe(
      `Cumulative batches rise by ${formatCount(worked.batchesPerEpoch)} per epoch to ${formatCount(worked.totalBatches)} after ${formatCount(worked.inputs.epochs)} epochs.`,
    );
  });

  test('one line, annotated with the total at the end', () => {
    expect(find(chart.svg, byClass('chart-line-batches'))).toHaveLength(1);
    expect(find(chart.svg, byClass('chart-line-steps'))).toHaveLength(0);
    const labels = find(chart.svg, byClass('chart-label-batches'));
    expect(labels.map((l) => l.text)).toEqual([`${formatCount(worked.totalBatches)} batches`]);
  });

  test('the batches line, straight, is drawn from the origin to the end dot with no points between', () => {
    const [line] = find(chart.svg, byClass('chart-line-batches'));
    const points = pathPoints(String(line?.attrs['d']));
    expect(points).toHaveLength(2);
    const dots = find(chart.svg, byClass('chart-dot-batches'));
    const end = dots[dots.length - 1];
    expect(points[1]).toEqual([Number(end?.attrs['cx']), Number(end?.attrs['cy'])]);
  });

  test('the table samples at most 25 epochs, 0 and E among them, with the engine’s counts', () => {
    const { rows, columns } = chart.table;
    expect(columns).toEqual(['Epoch', 'Cumulative batches']);
    expect(rows.length).toBeLessThanOrEqual(25);
    expect(rows[0]).toEqual(['0', '0']);
    expect(rows[rows.length - 1]).toEqual([
      formatCount(worked.inputs.epochs),
      formatCount(worked.totalBatches),
    ]);
    for (const [epoch, batches] of rows) {
      const e = Number(epoch?.replaceAll(',', ''));
      expect(batches).toBe(formatCount(countsAtEpoch(worked, e).batches));
    }
  });
});

describe('with gradient accumulation', () => {
  const chart = describeEpochsChart(accumulated, { width: 640 });

  test('draws optimizer steps as a second line with its own end label', () => {
    expect(stepsDiffer(accumulated)).toBe(true);
    expect(find(chart.svg, byClass('chart-line-steps'))).toHaveLength(1);
    expect(find(chart.svg, byClass('chart-label-steps')).map((l) => l.text)).toEqual([
      `${formatCount(accumulated.totalOptimizerSteps)} optimizer steps`,
    ]);
  });

  test('the description and table carry the optimizer steps', () => {
    expect(chart.description).toContain(formatCount(accumulated.optimizerStepsPerEpoch ?? NaN));
    expect(chart.description).toContain(formatCount(accumulated.totalOptimizerSteps));
    expect(chart.table.columns).toEqual(['Epoch', 'Cumulative batches', 'Optimizer steps']);
    const last = chart.table.rows[chart.table.rows.length - 1];
    expect(last?.[2]).toBe(formatCount(accumulated.totalOptimizerSteps));
  });

  test('DeepSpeed’s varying steps per epoch are described without a per-epoch figure', () => {
    const deepspeed = planFor(inputsFor('deepspeed', { accumulationSteps: 7, images: 48_100 }));
    expect(deepspeed.optimizerStepsPerEpoch).toBeNull();
    const { description } = describeEpochsChart(deepspeed, { width: 640 });
    expect(description).toContain(formatCount(deepspeed.totalOptimizerSteps));
    expect(description).toContain('varying');
  });
});

describe('the readout', () => {
  test('says the counts at an epoch, from countsAtEpoch', () => {
    const at = countsAtEpoch(worked, 37);
    expect(epochReadout(worked, 37)).toBe(`Epoch 37: ${formatCount(at.batches)} batches`);
    expect(epochReadout(worked, 1)).toBe(`Epoch 1: ${formatCount(worked.batchesPerEpoch)} batches`);
    const steps = countsAtEpoch(accumulated, 5);
    expect(epochReadout(accumulated, 5)).toBe(
      `Epoch 5: ${formatCount(steps.batches)} batches, ${formatCount(steps.optimizerSteps)} optimizer steps`,
    );
  });

  test('clamps epochs outside 0 … E', () => {
    expect(epochReadout(worked, -3)).toBe('Epoch 0: 0 batches');
    expect(epochReadout(worked, 1e9)).toBe(
      `Epoch ${formatCount(worked.inputs.epochs)}: ${formatCount(worked.totalBatches)} batches`,
    );
  });

  test('a cursor draws a rule and a dot at the engine’s count', () => {
    const chart = describeEpochsChart(worked, { width: 640, cursor: 37 });
    expect(find(chart.svg, byClass('chart-cursor'))).toHaveLength(1);
    expect(find(chart.svg, byClass('chart-dot-batches'))).toHaveLength(2);
    expect(describeEpochsChart(worked, { width: 640 }).svg).not.toEqual(chart.svg);
  });
});

describe('pointer and keyboard', () => {
  test('the left and right ends of the chart are epochs 0 and E', () => {
    expect(epochAtPosition(worked, 640, 0)).toBe(0);
    expect(epochAtPosition(worked, 640, 640)).toBe(worked.inputs.epochs);
    const middle = epochAtPosition(worked, 640, 340);
    expect(middle).toBeGreaterThan(0);
    expect(middle).toBeLessThan(worked.inputs.epochs);
  });

  test('the cursor under the pointer is where the chart draws that epoch', () => {
    const chart = describeEpochsChart(worked, { width: 500, cursor: 37 });
    const [rule] = find(chart.svg, byClass('chart-cursor'));
    const x = Number(/^M([\d.]+),/.exec(String(rule?.attrs['d']))?.[1]);
    expect(epochAtPosition(worked, 500, x)).toBe(37);
  });

  test.each([
    ['ArrowRight', 10, 11],
    ['ArrowUp', 10, 11],
    ['ArrowLeft', 10, 9],
    ['ArrowDown', 0, 0],
    ['ArrowRight', 120, 120],
    ['PageUp', 10, 22],
    ['PageDown', 5, 0],
    ['Home', 60, 0],
    ['End', 3, 120],
  ])('%s from epoch %i of 120 goes to %i', (key, from, to) => {
    expect(nextEpoch(key, from, 120)).toBe(to);
  });

  test('other keys are left to the page', () => {
    expect(nextEpoch('Tab', 3, 120)).toBeUndefined();
    expect(nextEpoch('a', 3, 120)).toBeUndefined();
  });
});

describe('tableEpochs', () => {
  test.each([1, 2, 7, 24, 25, 120, 121, 999, 1_000, 12_345, 100_000])('E = %i', (epochs) => {
    const picked = tableEpochs(epochs);
    expect(picked[0]).toBe(0);
    expect(picked[picked.length - 1]).toBe(epochs);
    expect(picked.length).toBeLessThanOrEqual(26);
    expect(new Set(picked).size).toBe(picked.length);
    expect([...picked].sort((a, b) => a - b)).toEqual(picked);
  });

  test('every epoch when there are few', () => {
    expect(tableEpochs(3)).toEqual([0, 1, 2, 3]);
  });
});

test('100,000 epochs render with a thinned series and round ticks', () => {
  const plan = planFor(inputsFor('pytorch', { epochs: 100_000 }));
  const markup = renderSvgToString(describeEpochsChart(plan, { width: 320 }).svg);
  expect(markup).toContain(`${formatCount(plan.totalBatches)} batches`);
  expect(markup.length).toBeLessThan(60_000);
});

describe('a run with no batch', () => {
  const plan = planFor(inputsFor('pytorch', { images: 100, batchSize: 128, epochs: 10, lastBatch: 'drop' }));
  const chart = describeEpochsChart(plan, { width: 320, cursor: 4 });

  test('shows an empty state that says why, not a line on an axis from 0 to 1', () => {
    expect(find(chart.svg, byClass('chart-line'))).toEqual([]);
    expect(find(chart.svg, byClass('chart-grid'))).toEqual([]);
    const texts = find(chart.svg, byClass('chart-empty')).map((node) => node.text);
    expect(texts).toEqual([
      'No batches: 0 in each of the 10 epochs.',
      'Every image is skipped; see why below.',
    ]);
    expect(chart.description).toContain('No batch in any of the 10 epochs');
    expect(chart.description).toContain('To train, keep the last batch, or use batches of at most 100.');
    expect(renderSvgToString(chart.svg)).not.toMatch(/NaN|Infinity|undefined/);
  });

  test('the readout, the cursor and the table still answer, with zeros', () => {
    expect(epochReadout(plan, 4)).toBe('Epoch 4: 0 batches');
    expect(epochAtPosition(plan, 320, 160)).toBeGreaterThanOrEqual(0);
    expect(chart.table.rows.every((row) => row[1] === '0')).toBe(true);
    expect(chart.table.rows.map((row) => row[0])).toEqual([
      '0',
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '10',
    ]);
  });
});
