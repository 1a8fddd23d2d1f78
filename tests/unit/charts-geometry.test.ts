/**
 * The charts show what they showed before their scales and paths came from D3: each chart at
 * each state is compared with the geometry recorded from the previous version
 * (fixtures/chart-geometry.json: the same elements, ticks and labels, positions within 0.5 px,
 * every path the same polyline within 0.5 px, however many points it is written with).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { describeBatchSizeChart } from '../../src/charts/batch-size-chart';
import { describeDatasetChart } from '../../src/charts/dataset-chart';
import { describeEpochsChart } from '../../src/charts/epochs-chart';
import type { SvgNode } from '../../src/charts/svg';
import type { TrainingPlan } from '../../src/lib';
import { planFor } from '../support/plans';
import {
  GEOMETRY_STATES,
  GEOMETRY_WIDTHS,
  chartGeometry,
  geometryDifferences,
  parsePath,
  polylineDistance,
  stateInputs,
  type Mark,
} from './chart-geometry';

const recorded = JSON.parse(
  readFileSync(new URL('./fixtures/chart-geometry.json', import.meta.url), 'utf8'),
) as Record<string, Mark[]>;

const charts: Record<string, (plan: TrainingPlan, width: number) => SvgNode> = {
  epochs: (plan, width) => describeEpochsChart(plan, { width }).svg,
  'batch-size': (plan, width) => describeBatchSizeChart(plan, { width }).svg,
  dataset: (plan, width) => describeDatasetChart(plan, { width }).svg,
};

describe.each(Object.entries(GEOMETRY_STATES))('%s', (name, state) => {
  const plan = planFor(stateInputs(state));
  for (const [chart, draw] of Object.entries(charts)) {
    test.each(GEOMETRY_WIDTHS)(`${chart} chart at width %i: the same as recorded`, (width) => {
      const key = `${chart} | ${name} | ${width}`;
      expect(recorded[key], key).toBeDefined();
      expect(geometryDifferences(recorded[key] as Mark[], chartGeometry(draw(plan, width)))).toEqual([]);
    });
  }
  test('epochs chart with the cursor at epoch 37: the same as recorded', () => {
    const key = `epochs cursor 37 | ${name} | 640`;
    const now = chartGeometry(describeEpochsChart(plan, { width: 640, cursor: 37 }).svg);
    expect(geometryDifferences(recorded[key] as Mark[], now)).toEqual([]);
  });
});

describe('the comparison can fail', () => {
  const marks = recorded['epochs | worked case | 640'] as Mark[];

  test('a line moved by a pixel is a difference; the same line written with more points is not', () => {
    expect(polylineDistance(parsePath('M0,0L100,50')[0]!, parsePath('M0,0L50,25L100,50')[0]!)).toBe(0);
    expect(
      polylineDistance(parsePath('M0,0L100,50')[0]!, parsePath('M0,0L50,26L100,50')[0]!),
    ).toBeGreaterThan(0.5);
    expect(parsePath('M0,0H10V5h-10z')).toEqual([
      [
        [0, 0],
        [10, 0],
        [10, 5],
        [0, 5],
        [0, 0],
      ],
    ]);
  });

  test('a moved label, a changed tick text or a missing element is reported', () => {
    const text = marks.findIndex((m) => m.tag === 'text' && m.at?.['x'] !== undefined);
    const moved = marks.map((m, i) => (i === text ? { ...m, at: { ...m.at, x: m.at!['x']! + 1 } } : m));
    expect(geometryDifferences(marks, moved)).toHaveLength(1);
    const renamed = marks.map((m, i) => (i === text ? { ...m, text: `${m.text}0` } : m));
    expect(geometryDifferences(marks, renamed)).toHaveLength(1);
    expect(geometryDifferences(marks, marks.slice(1)).length).toBeGreaterThan(0);
  });
});
