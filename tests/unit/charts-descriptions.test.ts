/**
 * Every chart description, for the worked case and for extreme plans: well-formed text (no
 * NaN, undefined or Infinity), within the node budget, and worded with the plan's own numbers.
 */
import { describe, expect, test } from 'vitest';
import { describeBatchSizeChart } from '../../src/charts/batch-size-chart';
import { describeDatasetChart } from '../../src/charts/dataset-chart';
import { describeEpochsChart } from '../../src/charts/epochs-chart';
import { countNodes, renderSvgToString } from '../../src/charts/svg';
import {
  MAX_CHART_WIDTH,
  MIN_CHART_WIDTH,
  type ChartDescription,
  type ChartOptions,
} from '../../src/charts/types';
import { formatCount, type TrainingPlan } from '../../src/lib';
import { inputsFor, planFor } from '../support/plans';

const NODE_BUDGET = 300;

const CHART_PLANS: [string, TrainingPlan][] = [
  ['the worked case', planFor(inputsFor('pytorch'))],
  ['one image', planFor(inputsFor('pytorch', { images: 1 }))],
  ['10⁹ images in batches of 1', planFor(inputsFor('pytorch', { images: 1_000_000_000, batchSize: 1 }))],
  ['a batch larger than the data', planFor(inputsFor('pytorch', { images: 10, batchSize: 1_000_000 }))],
  ['4,096 devices', planFor(inputsFor('pytorch', { devices: 4_096 }))],
  ['4,096 devices with accelerate', planFor(inputsFor('hf-trainer', { devices: 4_096, images: 1_000_003 }))],
  [
    '9 devices with accelerate, drop',
    planFor(inputsFor('hf-trainer', { devices: 9, images: 10_007, lastBatch: 'drop' })),
  ],
  ['drop with skipped images', planFor(inputsFor('pytorch', { images: 48_010, lastBatch: 'drop' }))],
  ['drop on 8 devices', planFor(inputsFor('pytorch', { images: 48_010, devices: 8, lastBatch: 'drop' }))],
  ['keep with a partial last batch', planFor(inputsFor('pytorch', { images: 48_010 }))],
  ['gradient accumulation', planFor(inputsFor('pytorch', { accumulationSteps: 4, images: 48_100 }))],
  [
    'DeepSpeed with uneven accumulation',
    planFor(inputsFor('deepspeed', { accumulationSteps: 7, images: 48_100 })),
  ],
  ['100,000 epochs', planFor(inputsFor('pytorch', { epochs: 100_000 }))],
  [
    'the largest everything',
    planFor(
      inputsFor('pytorch', { images: 1_000_000_000, batchSize: 1_000_000, epochs: 100_000, devices: 4_096 }),
    ),
  ],
  [
    'Keras with a validation split',
    planFor(inputsFor('keras', { validationPercent: 20, images: 35_126, batchSize: 32 })),
  ],
  ['fastai (drops by default)', planFor(inputsFor('fastai', { images: 35_126, batchSize: 48 }))],
];

const CHARTS: [string, (plan: TrainingPlan, options: ChartOptions) => ChartDescription][] = [
  ['epochs', describeEpochsChart],
  ['batch size', describeBatchSizeChart],
  ['dataset', describeDatasetChart],
];

function allText(chart: ChartDescription): string {
  return [
    renderSvgToString(chart.svg),
    chart.title,
    chart.description,
    chart.table.caption,
    ...chart.table.columns,
    ...chart.table.rows.flat(),
  ].join('\n');
}

describe.each(CHARTS)('the %s chart', (_name, describeChart) => {
  test.each(CHART_PLANS)('is well formed for %s', (_label, plan) => {
    for (const width of [MIN_CHART_WIDTH, 320, 640, MAX_CHART_WIDTH]) {
      const chart = describeChart(plan, { width });
      const text = allText(chart);
      expect(text).not.toMatch(/NaN|undefined|Infinity|null/);
      expect(countNodes(chart.svg), `nodes at width ${width}`).toBeLessThanOrEqual(NODE_BUDGET);
      expect(chart.svg.attrs['viewBox']).toMatch(/^0 0 \d+ \d+$/);
      expect(chart.title.length).toBeGreaterThan(0);
      expect(chart.description).toMatch(/\.$/);
      for (const row of chart.table.rows) expect(row).toHaveLength(chart.table.columns.length);
    }
  });

  test.each(CHART_PLANS)('names its <title> and <desc> for %s', (_label, plan) => {
    const chart = describeChart(plan, { width: 640, id: 'fig-7' });
    expect(chart.svg.attrs['role']).toBe('img');
    expect(chart.svg.attrs['aria-labelledby']).toBe('fig-7-title fig-7-desc');
    const [title, desc] = chart.svg.children ?? [];
    expect(title).toMatchObject({ tag: 'title', attrs: { id: 'fig-7-title' }, text: chart.title });
    expect(desc).toMatchObject({ tag: 'desc', attrs: { id: 'fig-7-desc' }, text: chart.description });
  });

  test('keeps no inline style attribute', () => {
    for (const [, plan] of CHART_PLANS) {
      expect(renderSvgToString(describeChart(plan, { width: 640 }).svg)).not.toMatch(/\sstyle=/);
    }
  });

  test('is the same description every time (no hidden state)', () => {
    const [, plan] = CHART_PLANS[0] as [string, TrainingPlan];
    expect(describeChart(plan, { width: 500 })).toEqual(describeChart(plan, { width: 500 }));
  });
});

describe('the words follow the plan', () => {
  test.each(CHART_PLANS)('epochs chart for %s', (_label, plan) => {
    const { description, title } = describeEpochsChart(plan, { width: 640 });
    expect(title).toContain(formatCount(plan.inputs.epochs));
    expect(description).toContain(formatCount(plan.batchesPerEpoch));
    expect(description).toContain(formatCount(plan.totalBatches));
    if (plan.totalOptimizerSteps !== plan.totalBatches) {
      expect(description).toContain(formatCount(plan.totalOptimizerSteps));
    }
  });

  test.each(CHART_PLANS)('batch size chart for %s', (_label, plan) => {
    const { description } = describeBatchSizeChart(plan, { width: 640 });
    expect(description).toContain(formatCount(plan.trainingImages));
    expect(description).toContain(`At batch size ${formatCount(plan.inputs.batchSize)}`);
    expect(description).toContain(formatCount(plan.batchesPerEpoch));
  });

  test.each(CHART_PLANS)('dataset chart for %s', (_label, plan) => {
    const { description, title } = describeDatasetChart(plan, { width: 640 });
    expect(title).toContain(formatCount(plan.inputs.batchSize));
    expect(description).toContain(formatCount(plan.trainingImages));
    expect(description).toContain(formatCount(plan.batchesPerEpoch));
    if (plan.lastBatchSize < plan.inputs.batchSize)
      expect(description).toContain(formatCount(plan.lastBatchSize));
    if (plan.imagesSkippedPerEpoch > 0)
      expect(description).toContain(formatCount(plan.imagesSkippedPerEpoch));
    if (plan.imagesRepeatedPerEpoch > 0)
      expect(description).toContain(formatCount(plan.imagesRepeatedPerEpoch));
    if (plan.inputs.devices > 1) expect(description).toContain(formatCount(plan.imagesPerDevice));
  });
});
