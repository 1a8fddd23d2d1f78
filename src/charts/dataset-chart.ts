/**
 * The dataset as batches: one device's share of the training images in reading order, cut
 * into batches of B; the last partial batch highlighted, dropped images greyed, repeated
 * (padding) images marked, and one lane per device when there are several. One cell stands
 * for many images when the data set is large, so at most MAX_CELLS cells are drawn.
 *
 * Every count printed comes from the plan. The only arithmetic here is layout: how many
 * images a cell stands for, and where the plan's skipped and repeated images are drawn.
 */
import { countWithNoun, formatCount } from '../lib/format';
import {
  deviceEpoch,
  fullBatchesPerEpoch,
  imagesLeftOutBeforeSharding,
  repeatsInDroppedBatches,
} from '../lib/training';
import type { TrainingPlan } from '../lib/types';
import { textWidth } from './axes';
import { emptyReason } from './empty';
import { chartFrame } from './frame';
import { px, svg, svgText, type SvgNode } from './svg';
import { chartWidth, type ChartDescription, type ChartOptions, type ChartText } from './types';

export const DATASET_CHART_ID = 'dataset-chart';
/** The most cells the chart draws, over all lanes. */
export const MAX_CELLS = 300;
/** The most device lanes drawn; beyond it the first ones and the last one stand for the rest. */
export const MAX_LANES = 8;

export type CellCategory = 'batch-a' | 'batch-b' | 'last' | 'skipped' | 'repeated';
const CATEGORIES: readonly CellCategory[] = ['batch-a', 'batch-b', 'last', 'skipped', 'repeated'];

/** One drawn lane: a device (1-based number) or the images no device was dealt. */
export interface Lane {
  label: string;
  /** Image slots in the lane's full batches, last partial batch, and skipped tail. */
  full: number;
  partial: number;
  skipped: number;
  /** How many of the lane's last slots are drawn as repeated images. */
  repeated: number;
}

export interface DatasetLayout {
  lanes: Lane[];
  /** Devices not drawn (the note "+N more devices" stands for them, before the last lane). */
  hiddenDevices: number;
  /** Images one cell stands for. */
  imagesPerCell: number;
  /** Cells drawn over all lanes. */
  cellCount: number;
}

/** The divisors of n in ascending order (n ≤ 10⁶, so at most a thousand trial divisions). */
function divisors(n: number): number[] {
  const small: number[] = [];
  const large: number[] = [];
  for (let d = 1; d * d <= n; d += 1) {
    if (n % d === 0) {
      small.push(d);
      if (d * d !== n) large.unshift(n / d);
    }
  }
  return [...small, ...large];
}

function laneCells(lane: Lane, perCell: number): number {
  return (
    Math.ceil(lane.full / perCell) + Math.ceil(lane.partial / perCell) + Math.ceil(lane.skipped / perCell)
  );
}

/**
 * Images per cell: a divisor of B (so each batch is a whole number of cells) or a round
 * multiple of B (so each cell is a whole number of batches), the smallest that keeps the
 * drawing within MAX_CELLS.
 */
function imagesPerCell(lanes: readonly Lane[], batchSize: number): number {
  const total = lanes.reduce((sum, lane) => sum + lane.full + lane.partial + lane.skipped, 0);
  const least = Math.max(1, Math.ceil(total / MAX_CELLS));
  const candidates = divisors(batchSize).filter((d) => d >= least);
  for (
    let magnitude = 1;
    candidates.length === 0 || candidates[candidates.length - 1]! < total;
    magnitude *= 10
  ) {
    for (const m of [1, 2, 5])
      if (batchSize * m * magnitude > batchSize) candidates.push(batchSize * m * magnitude);
  }
  const count = (perCell: number) => lanes.reduce((sum, lane) => sum + laneCells(lane, perCell), 0);
  return (
    candidates.find((perCell) => count(perCell) <= MAX_CELLS) ?? (candidates[candidates.length - 1] as number)
  );
}

/**
 * Where the plan's images go in the drawing: the lanes drawn, and how many images a cell
 * stands for. Skipped and repeated images are placed the way the framework's sampler places
 * them (padding at the end of the last devices' lists; accelerate's repeats fill whole
 * batches); their totals are the plan's.
 */
export function datasetLayout(plan: TrainingPlan): DatasetLayout {
  const { batchSize, devices } = plan.inputs;
  const lane = (device: number): Lane => {
    const share = deviceEpoch(plan, device);
    return {
      label: `Device ${formatCount(device)}`,
      full: share.imagesInFullBatches,
      partial: share.partialBatchImages,
      skipped: share.skipped,
      repeated: share.repeated,
    };
  };
  const leftOut = imagesLeftOutBeforeSharding(plan);
  const numbers =
    devices <= MAX_LANES
      ? Array.from({ length: devices }, (_, i) => i + 1)
      : [...Array.from({ length: MAX_LANES - 1 }, (_, i) => i + 1), devices];
  const lanes = numbers.map(lane);
  if (leftOut > 0) lanes.push({ label: 'Left out', full: 0, partial: 0, skipped: leftOut, repeated: 0 });
  const perCell = imagesPerCell(lanes, batchSize);
  return {
    lanes,
    hiddenDevices: devices - numbers.length,
    imagesPerCell: perCell,
    cellCount: lanes.reduce((sum, l) => sum + laneCells(l, perCell), 0),
  };
}

interface Cell {
  category: CellCategory;
  /** Share of the cell filled (a partial cell at a segment's end is drawn narrower). */
  fill: number;
}

/** The cells of a lane in reading order. */
function cellsOf(lane: Lane, perCell: number, batchSize: number): Cell[] {
  const cells: Cell[] = [];
  const total = lane.full + lane.partial + lane.skipped;
  const repeatFrom = total - lane.repeated;
  const segment = (start: number, length: number, category: (slot: number) => CellCategory) => {
    for (let slot = start; slot < start + length; slot += perCell) {
      const end = Math.min(slot + perCell, start + length);
      cells.push({ category: end > repeatFrom ? 'repeated' : category(slot), fill: (end - slot) / perCell });
    }
  };
  const alternate = perCell <= batchSize;
  segment(0, lane.full, (slot) =>
    alternate && Math.floor(slot / batchSize) % 2 === 1 ? 'batch-b' : 'batch-a',
  );
  segment(lane.full, lane.partial, () => 'last');
  segment(lane.full + lane.partial, lane.skipped, () => 'skipped');
  return cells;
}

interface LegendItem {
  category: CellCategory | 'scale';
  label: string;
}

function legendItems(plan: TrainingPlan, layout: DatasetLayout): LegendItem[] {
  const { batchSize } = plan.inputs;
  const perCell = layout.imagesPerCell;
  const items: LegendItem[] = [];
  const hasFull = plan.lastBatchSize === batchSize || plan.batchesPerEpoch > 1;
  if (hasFull) items.push({ category: 'batch-a', label: `Full batch: ${countWithNoun(batchSize, 'image')}` });
  if (plan.batchesPerEpoch > 0 && plan.lastBatchSize < batchSize) {
    items.push({ category: 'last', label: `Last batch: ${countWithNoun(plan.lastBatchSize, 'image')}` });
  }
  if (plan.imagesSkippedPerEpoch > 0) {
    items.push({
      category: 'skipped',
      label: `Skipped: ${countWithNoun(plan.imagesSkippedPerEpoch, 'image')}`,
    });
  }
  if (plan.imagesRepeatedPerEpoch > 0) {
    items.push({
      category: 'repeated',
      label: `Repeated: ${countWithNoun(plan.imagesRepeatedPerEpoch, 'image')}`,
    });
  }
  let scale = `1 cell = ${countWithNoun(perCell, 'image')}`;
  if (perCell > batchSize) scale += ` (${formatCount(perCell / batchSize)} batches)`;
  else if (perCell === batchSize) scale += ' (1 batch)';
  items.push({ category: 'scale', label: scale });
  return items;
}

const SWATCH = 10;

/** The legend, wrapped into lines within the width; returns its nodes and height. */
function legend(items: readonly LegendItem[], width: number): { nodes: SvgNode[]; height: number } {
  const nodes: SvgNode[] = [];
  const lineHeight = 20;
  let x = 0;
  let y = 0;
  for (const item of items) {
    const swatch = item.category === 'scale' ? 0 : SWATCH + 6;
    const itemWidth = swatch + textWidth(item.label) + 16;
    if (x > 0 && x + itemWidth > width) {
      x = 0;
      y += lineHeight;
    }
    if (item.category !== 'scale') {
      nodes.push(
        svg('rect', {
          class: `chart-cell chart-cell-${item.category}`,
          x: px(x),
          y: px(y + 3),
          width: SWATCH,
          height: SWATCH,
        }),
      );
    }
    nodes.push(
      svgText(
        'text',
        {
          class: item.category === 'scale' ? 'chart-legend-scale' : 'chart-legend-label',
          x: px(x + swatch),
          y: px(y + 8),
          dy: '0.32em',
        },
        item.label,
      ),
    );
    x += itemWidth;
  }
  return { nodes, height: y + lineHeight };
}

function describeWords(plan: TrainingPlan, layout: DatasetLayout): { title: string; description: string } {
  const { batchSize, devices } = plan.inputs;
  const training = countWithNoun(plan.trainingImages, 'training image');
  const partial = plan.lastBatchSize < batchSize;
  const last = countWithNoun(plan.lastBatchSize, 'image');
  let batches: string;
  if (plan.batchesPerEpoch === 0) {
    return {
      title: `The dataset as batches of ${formatCount(batchSize)}: no batch at all`,
      description: `${emptyReason(plan)} One cell stands for ${countWithNoun(layout.imagesPerCell, 'image')}.`,
    };
  }
  if (plan.batchesPerEpoch === 1) {
    batches = partial
      ? `a single batch of ${last}, short of the batch size of ${formatCount(batchSize)}`
      : `a single full batch of ${formatCount(batchSize)}`;
  } else {
    batches = `${countWithNoun(plan.batchesPerEpoch, 'batch', 'batches')} of ${formatCount(batchSize)}${partial ? `, the last one holding ${last}` : ', every one full'}`;
  }
  let description =
    devices > 1
      ? `${training} shared by ${formatCount(devices)} devices: each takes ${countWithNoun(plan.imagesPerDevice, 'image')} per epoch in ${batches}.`
      : `${training} in ${batches}.`;
  if (plan.imagesSkippedPerEpoch > 0) {
    description += ` Dropping the last partial batch leaves out ${countWithNoun(plan.imagesSkippedPerEpoch, 'image')} each epoch.`;
  }
  if (plan.imagesRepeatedPerEpoch > 0) {
    description += ` ${countWithNoun(plan.imagesRepeatedPerEpoch, 'image is', 'images are')} repeated so that every device gets the same count${repeatsInDroppedBatches(plan) > 0 ? ', in the dropped batches, so none is seen twice' : ''}.`;
  }
  description += ` One cell stands for ${countWithNoun(layout.imagesPerCell, 'image')}.`;
  return { title: `The dataset as batches of ${formatCount(batchSize)}`, description };
}

function tableOf(plan: TrainingPlan): ChartDescription['table'] {
  const { devices } = plan.inputs;
  const perDevice = [
    formatCount(plan.batchesPerEpoch),
    formatCount(fullBatchesPerEpoch(plan)),
    formatCount(plan.lastBatchSize),
  ];
  const columns = [
    'Device',
    'Batches',
    'Full batches',
    'Last batch size',
    'Images skipped',
    'Images repeated',
  ];
  const totals = [formatCount(plan.imagesSkippedPerEpoch), formatCount(plan.imagesRepeatedPerEpoch)];
  if (devices === 1) {
    return { caption: 'One epoch on one device', columns, rows: [['Device 1', ...perDevice, ...totals]] };
  }
  return {
    caption: `One epoch on ${formatCount(devices)} devices: the batches of each device, and the images skipped and repeated over all of them`,
    columns,
    rows: [
      [`Each of the ${formatCount(devices)} devices`, ...perDevice, '—', '—'],
      [`All ${formatCount(devices)} devices`, '—', '—', '—', ...totals],
    ],
  };
}

/** The chart's title, description and table, without the SVG. */
export function describeDatasetText(plan: TrainingPlan): ChartText {
  const { title, description } = describeWords(plan, datasetLayout(plan));
  return {
    title,
    description,
    get table() {
      return tableOf(plan);
    },
  };
}

/**
 * Where the cells are drawn, for overlays (the epoch player's cursor): cell i of a lane sits at
 * x = labelWidth + (i mod columns)·pitch, y = top + ⌊i / columns⌋·pitch, size × size; a lane's
 * full batches take cells from 0, its partial batch starts on a cell of its own.
 */
export interface DatasetGeometry {
  labelWidth: number;
  pitch: number;
  size: number;
  columns: number;
  imagesPerCell: number;
  lanes: { top: number; full: number; partial: number }[];
}

/** The chart for a plan: SVG tree, title, description and data table (and where its cells are). */
export function describeDatasetChart(
  plan: TrainingPlan,
  options: ChartOptions,
): ChartDescription & { geometry: DatasetGeometry } {
  const width = chartWidth(options.width);
  const layout = datasetLayout(plan);
  const { batchSize } = plan.inputs;
  const { title, description } = describeWords(plan, layout);
  const { nodes: legendNodes, height: legendHeight } = legend(legendItems(plan, layout), width);

  const labelWidth =
    plan.inputs.devices > 1 || layout.lanes.length > 1
      ? Math.ceil(Math.max(...layout.lanes.map((lane) => textWidth(lane.label))) + 10)
      : 0;
  const pitch = layout.cellCount <= 100 ? 20 : layout.cellCount <= 300 ? 14 : 12;
  const size = pitch - 2;
  const columns = Math.max(1, Math.floor((width - labelWidth + 2) / pitch));

  const paths = new Map<CellCategory, string[]>(CATEGORIES.map((c) => [c, []]));
  /** Where each category's pen stands: the corner of its last cell. */
  const corners = new Map<CellCategory, [number, number]>();
  const fullWidth = px(size);
  const fullCell = `h${fullWidth}v${size}h${-fullWidth}z`;
  const laneNodes: SvgNode[] = [];
  const laneTops: number[] = [];
  let y = legendHeight + 10;
  if (plan.batchesPerEpoch === 0) {
    // The empty state says why in the drawing too: no batch, every image skipped.
    const lines = ['No batch at all: every image is skipped.', 'Nothing is trained.'];
    const oneLine = lines.join(' ');
    for (const line of textWidth(oneLine) <= width ? [oneLine] : lines) {
      laneNodes.push(svgText('text', { class: 'chart-empty', x: 0, y: px(y + 6), dy: '0.32em' }, line));
      y += 18;
    }
    y += 4;
  }
  layout.lanes.forEach((lane, index) => {
    if (layout.hiddenDevices > 0 && index === MAX_LANES - 1) {
      // "+4,088 more devices, the same batches", on two lines where one does not fit.
      const more = `+${countWithNoun(layout.hiddenDevices, 'more device', 'more devices')}`;
      const oneLine = `${more}, the same batches`;
      const lines = labelWidth + textWidth(oneLine) <= width ? [oneLine] : [`${more},`, 'the same batches'];
      for (const line of lines) {
        laneNodes.push(
          svgText('text', { class: 'chart-note', x: px(labelWidth), y: px(y + 6), dy: '0.32em' }, line),
        );
        y += 16;
      }
      y += 6;
    }
    if (labelWidth > 0) {
      laneNodes.push(
        svgText(
          'text',
          {
            class: 'chart-lane-label',
            x: px(labelWidth - 8),
            y: px(y + size / 2),
            dy: '0.32em',
            'text-anchor': 'end',
          },
          lane.label,
        ),
      );
    }
    laneTops.push(y);
    const cells = cellsOf(lane, layout.imagesPerCell, batchSize);
    cells.forEach((cell, i) => {
      const cx = px(labelWidth + (i % columns) * pitch);
      const cy = px(y + Math.floor(i / columns) * pitch);
      const w = px(size * Math.max(0.4, Math.min(1, cell.fill)));
      const path = paths.get(cell.category);
      if (!path) return;
      // After "z" the pen is back at the cell's corner: the next cell on the same row is a short
      // relative move, and a full cell is the same text every time (cheap to build and to parse).
      const last = corners.get(cell.category);
      const move = last && last[1] === cy ? `m${px(cx - last[0])},0` : `M${cx},${cy}`;
      corners.set(cell.category, [cx, cy]);
      path.push(w === fullWidth ? `${move}${fullCell}` : `${move}h${w}v${size}h${-w}z`);
    });
    y += Math.max(1, Math.ceil(cells.length / columns)) * pitch + 10;
  });

  const cellNodes = CATEGORIES.filter((c) => (paths.get(c) ?? []).length > 0).map((c) =>
    svg('path', { class: `chart-cell chart-cell-${c}`, d: (paths.get(c) ?? []).join('') }),
  );

  const marks: SvgNode[] = [
    svg('g', { class: 'chart-legend' }, legendNodes),
    svg('g', { class: 'chart-cells' }, cellNodes),
    ...laneNodes,
  ];
  return {
    svg: chartFrame(
      'dataset',
      options.id ?? DATASET_CHART_ID,
      { width, height: y },
      title,
      description,
      marks,
    ),
    title,
    description,
    get table() {
      return tableOf(plan);
    },
    geometry: {
      labelWidth,
      pitch,
      size,
      columns,
      imagesPerCell: layout.imagesPerCell,
      lanes: layout.lanes.map((lane, i) => ({
        top: laneTops[i] ?? 0,
        full: lane.full,
        partial: lane.partial,
      })),
    },
  };
}
