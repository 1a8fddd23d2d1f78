/**
 * The dataset as batches: the cell factor keeps the drawing small at any size, the cells
 * follow the plan's batches, and legend, description and table carry the plan's counts.
 */
import { describe, expect, test } from 'vitest';
import { MAX_CELLS, MAX_LANES, datasetLayout, describeDatasetChart } from '../../src/charts/dataset-chart';
import { formatCount, type TrainingPlan } from '../../src/lib';
import { byClass, find } from './chart-helpers';
import { inputsFor, planFor } from '../support/plans';

/** Cells drawn per category (each cell is one closed subpath of its category's path). */
function cellsByCategory(plan: TrainingPlan, width = 640): Record<string, number> {
  const chart = describeDatasetChart(plan, { width });
  const [group] = find(chart.svg, byClass('chart-cells'));
  const counts: Record<string, number> = {};
  for (const path of group?.children ?? []) {
    const category = String(path.attrs['class']).replace('chart-cell chart-cell-', '');
    counts[category] = String(path.attrs['d']).match(/z/g)?.length ?? 0;
  }
  return counts;
}

const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

const plans: [string, TrainingPlan][] = [
  ['the worked case', planFor(inputsFor('pytorch'))],
  ['one image', planFor(inputsFor('pytorch', { images: 1 }))],
  ['10⁹ images in batches of 1', planFor(inputsFor('pytorch', { images: 1_000_000_000, batchSize: 1 }))],
  [
    '10⁹ images in batches of 999,983',
    planFor(inputsFor('pytorch', { images: 1_000_000_000, batchSize: 999_983 })),
  ],
  ['B > N', planFor(inputsFor('pytorch', { images: 10, batchSize: 64 }))],
  ['4,096 devices', planFor(inputsFor('pytorch', { devices: 4_096 }))],
  [
    '4,096 devices, 10⁹ images',
    planFor(inputsFor('pytorch', { devices: 4_096, images: 1_000_000_000, batchSize: 7 })),
  ],
  ['accelerate, 5 devices', planFor(inputsFor('hf-trainer', { devices: 5, images: 48_010 }))],
  [
    'accelerate, 9 devices, drop',
    planFor(inputsFor('hf-trainer', { devices: 9, images: 10_007, lastBatch: 'drop' })),
  ],
  ['drop', planFor(inputsFor('pytorch', { images: 48_010, lastBatch: 'drop' }))],
  ['drop on 3 devices', planFor(inputsFor('pytorch', { images: 48_010, devices: 3, lastBatch: 'drop' }))],
  ['keep, partial', planFor(inputsFor('pytorch', { images: 48_010 }))],
];

describe.each(plans)('%s', (_label, plan) => {
  const layout = datasetLayout(plan);
  const chart = describeDatasetChart(plan, { width: 640 });

  test(`draws at most ${MAX_CELLS} cells, as the layout counted`, () => {
    expect(layout.cellCount).toBeLessThanOrEqual(MAX_CELLS);
    for (const width of [280, 640, 960]) expect(total(cellsByCategory(plan, width))).toBe(layout.cellCount);
  });

  test('one cell stands for a whole number of batches or a whole fraction of one', () => {
    const { imagesPerCell } = layout;
    const { batchSize } = plan.inputs;
    expect(Number.isInteger(imagesPerCell)).toBe(true);
    expect(imagesPerCell >= batchSize ? imagesPerCell % batchSize : batchSize % imagesPerCell).toBe(0);
  });

  test('the legend says how many images a cell stands for', () => {
    const texts = find(chart.svg, (n) => n.tag === 'text').map((n) => n.text);
    const unit = layout.imagesPerCell === 1 ? 'image' : 'images';
    expect(texts.some((t) => t?.startsWith(`1 cell = ${formatCount(layout.imagesPerCell)} ${unit}`))).toBe(
      true,
    );
  });

  test('lanes: one per device up to 8, then the first ones, the last, and a note', () => {
    const devices = plan.inputs.devices;
    const deviceLanes = layout.lanes.filter((lane) => lane.label.startsWith('Device'));
    expect(deviceLanes).toHaveLength(Math.min(devices, MAX_LANES));
    expect(deviceLanes[deviceLanes.length - 1]?.label).toBe(`Device ${formatCount(devices)}`);
    const notes = find(chart.svg, byClass('chart-note')).map((n) => n.text);
    if (devices > MAX_LANES) {
      const hidden = devices - MAX_LANES;
      expect(notes.join(' ')).toBe(
        `+${formatCount(hidden)} more device${hidden === 1 ? '' : 's'}, the same batches`,
      );
    } else expect(notes).toEqual([]);
  });

  test('the drawn images add up to the plan’s', () => {
    const drawnSkipped = layout.lanes.reduce((sum, lane) => sum + lane.skipped, 0);
    const drawnRepeated = layout.lanes.reduce((sum, lane) => sum + lane.repeated, 0);
    for (const lane of layout.lanes.filter((l) => l.label.startsWith('Device'))) {
      expect(lane.full + lane.partial).toBe(plan.imagesPerDevice);
      expect(lane.partial).toBe(plan.lastBatchSize < plan.inputs.batchSize ? plan.lastBatchSize : 0);
    }
    if (layout.hiddenDevices === 0) {
      expect(drawnSkipped).toBe(plan.imagesSkippedPerEpoch);
      expect(drawnRepeated).toBe(plan.imagesRepeatedPerEpoch);
    } else {
      expect(drawnSkipped).toBeLessThanOrEqual(plan.imagesSkippedPerEpoch);
      expect(drawnRepeated).toBeLessThanOrEqual(plan.imagesRepeatedPerEpoch);
    }
  });

  test('categories appear exactly when the plan has them', () => {
    const cells = cellsByCategory(plan);
    expect(cells['last'] !== undefined).toBe(plan.lastBatchSize < plan.inputs.batchSize);
    expect(cells['skipped'] !== undefined).toBe(plan.imagesSkippedPerEpoch > 0);
    if (layout.hiddenDevices === 0)
      expect(cells['repeated'] !== undefined).toBe(plan.imagesRepeatedPerEpoch > 0);
  });
});

// Cell by cell, with rows worked by hand (docs/worked-cases.md, cases A and B).
test.each([
  ['case A', { images: 48_000 }, [['Device 1', '750', '750', '64', '0', '0']]],
  [
    'case B, kept: ⌈35,126 / 32⌉ = 1,098, the last of 22',
    { images: 35_126, batchSize: 32 },
    [['Device 1', '1,098', '1,097', '22', '0', '0']],
  ],
  [
    'case B, dropped: ⌊35,126 / 32⌋ = 1,097, 22 left out',
    { images: 35_126, batchSize: 32, lastBatch: 'drop' },
    [['Device 1', '1,097', '1,097', '32', '22', '0']],
  ],
  [
    'case B on 4 devices: 8,782 each (2 padding copies) = 274 × 32 + 14',
    { images: 35_126, batchSize: 32, devices: 4 },
    [
      ['Each of the 4 devices', '275', '274', '14', '—', '—'],
      ['All 4 devices', '—', '—', '—', '0', '2'],
    ],
  ],
  ['10 images in batches of 64: one partial batch', { images: 10 }, [['Device 1', '1', '0', '10', '0', '0']]],
] as const)('the table of %s', (_label, change, rows) => {
  const chart = describeDatasetChart(planFor(inputsFor('pytorch', change)), { width: 640 });
  expect(chart.table.columns).toEqual([
    'Device',
    'Batches',
    'Full batches',
    'Last batch size',
    'Images skipped',
    'Images repeated',
  ]);
  expect(chart.table.rows).toEqual(rows);
});

test('the worked case: full batches only, every batch alternating shade when a cell is at most a batch', () => {
  const plan = planFor(inputsFor('pytorch', { images: 4_800 }));
  const layout = datasetLayout(plan);
  expect(layout.imagesPerCell).toBeLessThanOrEqual(plan.inputs.batchSize);
  const cells = cellsByCategory(plan);
  expect(Object.keys(cells).sort()).toEqual(['batch-a', 'batch-b']);
  const cellsPerBatch = plan.inputs.batchSize / layout.imagesPerCell;
  expect(cells['batch-a']).toBe(Math.ceil(plan.batchesPerEpoch / 2) * cellsPerBatch);
});

test('the padding of DistributedSampler is drawn on the last devices', () => {
  const plan = planFor(inputsFor('pytorch', { images: 48_003, devices: 4 }));
  expect(plan.imagesRepeatedPerEpoch).toBeGreaterThan(0);
  const lanes = datasetLayout(plan).lanes;
  expect(lanes[0]?.repeated).toBe(0);
  expect(lanes[lanes.length - 1]?.repeated).toBe(1);
});

describe('a run with no batch (drop, and a batch larger than what a device gets)', () => {
  const cases = [
    [
      'one device: 100 images, batches of 128',
      inputsFor('pytorch', { images: 100, batchSize: 128, lastBatch: 'drop' }),
      'The 100 training images are fewer than one batch of 128',
      'batches of at most 100',
    ],
    [
      'DistributedSampler on 2 devices: 50 each, batches of 64',
      inputsFor('pytorch', { images: 100, batchSize: 64, devices: 2, lastBatch: 'drop' }),
      'Each of the 2 devices gets 50 images, fewer than one batch of 64',
      'batches of at most 50',
    ],
    [
      'accelerate on 2 devices: one full batch for 2 devices',
      inputsFor('hf-trainer', { images: 100, batchSize: 64, devices: 2, lastBatch: 'drop' }),
      'The 100 training images make fewer full batches of 64 than there are devices (2)',
      'batches of at most 50',
    ],
  ] as const;

  test.each(cases)(
    '%s: every image drawn as skipped, and the chart says why and what to do',
    (_label, inputs, why, fix) => {
      const plan = planFor(inputs);
      const chart = describeDatasetChart(plan, { width: 320 });
      const cells = cellsByCategory(plan, 320);
      expect(Object.keys(cells)).toEqual(['skipped']);
      const layout = datasetLayout(plan);
      expect(layout.lanes.reduce((sum, lane) => sum + lane.skipped, 0)).toBe(100);
      expect(chart.title).toBe(`The dataset as batches of ${inputs.batchSize}: no batch at all`);
      expect(chart.description).toContain(why);
      expect(chart.description).toContain(fix);
      const texts = find(chart.svg, (n) => n.tag === 'text').map((n) => n.text);
      expect(texts.join(' ')).toContain('No batch at all: every image is skipped.');
      // The legend names no batch that does not exist.
      expect(texts.some((text) => text?.startsWith('Full batch') || text?.startsWith('Last batch'))).toBe(
        false,
      );
      expect(texts).toContain('Skipped: 100 images');
      expect(chart.table.rows[0]?.slice(1, 4)).toEqual(['0', '0', '0']);
      expect(JSON.stringify(chart)).not.toMatch(/NaN|Infinity|undefined/);
    },
  );
});
