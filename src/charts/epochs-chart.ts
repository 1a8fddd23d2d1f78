/**
 * Batches over epochs: cumulative batches on one device from epoch 0 to E, and optimizer
 * steps as a second line when gradient accumulation makes them differ. Every count comes
 * from the engine (`countsAtEpoch`); this module only lays them out, with d3-scale's linear
 * scales and d3-shape's `line`. A straight series is drawn as what it is, its two ends; one
 * that bends (DeepSpeed carrying leftover micro-batches into the next epoch) is sampled at
 * every epoch, or at one epoch per pixel of the plot when there are more epochs than pixels,
 * so 100,000 epochs cost what a few hundred do.
 */
import { countWithNoun, formatCount } from '../lib/format';
import { countsAtEpoch } from '../lib/training';
import type { EpochPoint, TrainingPlan } from '../lib/types';
import { curveLinear, line } from 'd3-shape';
import { scaleLinear, type ScaleLinear } from 'd3-scale';
import {
  LABEL_FONT_SIZE,
  axisTitle,
  bottomAxis,
  clampLabel,
  horizontalGrid,
  leftAxis,
  textWidth,
  tickLabel,
  widestLabel,
} from './axes';
import { emptyReason } from './empty';
import { chartFrame } from './frame';
import { integerTicks, niceLinear } from './scales';
import { px, svg, svgText, type SvgNode } from './svg';
import {
  chartWidth,
  type ChartDescription,
  type ChartOptions,
  type ChartTable,
  type ChartText,
} from './types';

export interface EpochsChartOptions extends ChartOptions {
  /** An epoch to mark with a cursor (clamped to 0 … E), or undefined for none. */
  cursor?: number | undefined;
}

export const EPOCHS_CHART_ID = 'epochs-chart';
const MAX_TABLE_ROWS = 25;

/**
 * True when optimizer steps differ from batches (gradient accumulation). Both counts start at
 * 0 and steps never outrun batches; with accumulation they fall behind from the first window
 * on and never catch up, so they differ somewhere exactly when their totals differ.
 */
export function stepsDiffer(plan: TrainingPlan): boolean {
  return plan.totalOptimizerSteps !== plan.totalBatches;
}

type Linear = ScaleLinear<number, number, never>;

interface EpochsLayout {
  width: number;
  height: number;
  x: Linear;
  y: Linear;
  xTicks: number[];
  yTicks: number[];
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** Scales and margins for a plan at a width: layout only, no counts. */
function layout(plan: TrainingPlan, requestedWidth: number): EpochsLayout {
  const width = chartWidth(requestedWidth);
  const height = Math.round(Math.min(320, Math.max(220, width * 0.5)));
  const top = 28;
  const bottom = height - 42;
  const right = width - 14;
  const yCount = Math.max(2, Math.floor((bottom - top) / 44));
  // Head room above the last point keeps its label inside the plot.
  const y = niceLinear(Math.max(plan.totalBatches, plan.totalOptimizerSteps) * 1.12, [bottom, top], yCount);
  const yTicks = integerTicks(y, yCount);
  // The margin grows in steps of 16: a label one digit wider (20,000 → 100,000) rarely moves
  // the plot, so a slider step redraws the lines, not every axis label.
  const left = Math.max(32, Math.ceil((widestLabel(yTicks.map(tickLabel)) + 12) / 16) * 16);
  const epochs = plan.inputs.epochs;
  // Clamped: a pointer beyond the plot reads as epoch 0 or E.
  const x = scaleLinear().domain([0, epochs]).range([left, right]).clamp(true);
  const widestX = textWidth(tickLabel(epochs)) + 16;
  const xTicks = integerTicks(x, Math.max(1, Math.floor((right - left) / Math.max(56, widestX))));
  return { width, height, x, y, xTicks, yTicks, top, bottom, left, right };
}

/** "Epoch 37: 27,750 batches" (and the optimizer steps when they differ), from the engine. */
export function epochReadout(plan: TrainingPlan, epoch: number): string {
  const point = countsAtEpoch(plan, epoch);
  const batches = `Epoch ${formatCount(point.epoch)}: ${countWithNoun(point.batches, 'batch', 'batches')}`;
  return stepsDiffer(plan) ? `${batches}, ${countWithNoun(point.optimizerSteps, 'optimizer step')}` : batches;
}

/** The epoch under a horizontal position in viewBox units (for the pointer readout). */
export function epochAtPosition(plan: TrainingPlan, width: number, position: number): number {
  const { x } = layout(plan, width);
  return Math.round(x.invert(position));
}

/** The epoch a key moves the cursor to, or undefined for keys the chart does not use. */
export function nextEpoch(key: string, epoch: number, epochs: number): number | undefined {
  const page = Math.max(1, Math.round(epochs / 10));
  const clamp = (value: number) => Math.min(epochs, Math.max(0, value));
  switch (key) {
    case 'ArrowRight':
    case 'ArrowUp':
      return clamp(epoch + 1);
    case 'ArrowLeft':
    case 'ArrowDown':
      return clamp(epoch - 1);
    case 'PageUp':
      return clamp(epoch + page);
    case 'PageDown':
      return clamp(epoch - page);
    case 'Home':
      return 0;
    case 'End':
      return epochs;
    default:
      return undefined;
  }
}

/** Epochs for the table: 0, a round step, …, and E, at most about 25 rows. */
export function tableEpochs(epochs: number): number[] {
  // The smallest step of 1, 2 or 5 times a power of ten that gives at most 24 intervals.
  let step = 1;
  for (let i = 0; epochs / step > MAX_TABLE_ROWS - 1; i += 1) {
    step = [1, 2, 5][i % 3]! * 10 ** Math.floor(i / 3);
  }
  const picked: number[] = [];
  for (let epoch = 0; epoch < epochs; epoch += step) picked.push(epoch);
  picked.push(epochs);
  return picked;
}

function perDevice(plan: TrainingPlan): string {
  const devices = plan.inputs.devices;
  return devices > 1 ? ` on each of the ${formatCount(devices)} devices` : '';
}

/** The chart's title, description and table, without the SVG. */
export function describeEpochsText(plan: TrainingPlan): ChartText {
  const { epochs, accumulationSteps } = plan.inputs;
  const differ = stepsDiffer(plan);
  const title = `Batches over ${countWithNoun(epochs, 'epoch')}`;
  let description =
    plan.totalBatches === 0
      ? `No batch in any of the ${countWithNoun(epochs, 'epoch')}: the count stays at 0. ${emptyReason(plan)}`
      : `Cumulative batches${perDevice(plan)} rise by ${formatCount(plan.batchesPerEpoch)} per epoch to ${formatCount(plan.totalBatches)} after ${countWithNoun(epochs, 'epoch')}.`;
  if (differ && plan.totalBatches > 0) {
    const window = `with gradient accumulation over ${countWithNoun(accumulationSteps, 'batch', 'batches')}`;
    description +=
      plan.optimizerStepsPerEpoch === null
        ? ` Optimizer steps, ${window}, reach ${formatCount(plan.totalOptimizerSteps)}, a varying number each epoch.`
        : ` Optimizer steps, ${window}, rise by ${formatCount(plan.optimizerStepsPerEpoch)} per epoch to ${formatCount(plan.totalOptimizerSteps)}.`;
  }
  const table = (): ChartTable => {
    const columns = differ
      ? ['Epoch', 'Cumulative batches', 'Optimizer steps']
      : ['Epoch', 'Cumulative batches'];
    const rows = tableEpochs(epochs).map((epoch) => {
      const point = countsAtEpoch(plan, epoch);
      const row = [formatCount(point.epoch), formatCount(point.batches)];
      if (differ) row.push(formatCount(point.optimizerSteps));
      return row;
    });
    const caption = `Cumulative batches${differ ? ' and optimizer steps' : ''}${perDevice(plan)}, by epoch`;
    return { caption, columns, rows };
  };
  // The table is built only when read: while its disclosure is closed, a slider step skips it.
  return {
    title,
    description,
    get table() {
      return table();
    },
  };
}

/**
 * The epochs a series is drawn through: its two ends when it is straight (batches always,
 * optimizer steps when each epoch adds the same number), else every epoch, or one epoch per
 * pixel of the plot's width when there are more epochs than pixels.
 */
export function seriesEpochs(
  plan: TrainingPlan,
  key: 'batches' | 'optimizerSteps',
  pixels: number,
): number[] {
  const epochs = plan.inputs.epochs;
  if (key === 'batches' || plan.optimizerStepsPerEpoch !== null) return [0, epochs];
  const samples = Math.min(epochs, Math.max(1, Math.ceil(pixels)));
  return Array.from({ length: samples + 1 }, (_, i) => Math.round((i * epochs) / samples));
}

function seriesPath(plan: TrainingPlan, l: EpochsLayout, key: 'batches' | 'optimizerSteps'): string {
  const points = seriesEpochs(plan, key, l.right - l.left).map((epoch) => countsAtEpoch(plan, epoch));
  const path = line<EpochPoint>()
    .x((point) => l.x(point.epoch))
    .y((point) => l.y(point[key]))
    .curve(curveLinear)
    .digits(1);
  return path(points) ?? '';
}

function endLabel(text: string, x: number, y: number, width: number, className: string): SvgNode {
  const size = LABEL_FONT_SIZE;
  return svgText(
    'text',
    {
      class: `chart-label chart-halo ${className}`,
      x: px(clampLabel(text, x - 8 - textWidth(text, size), width, size)),
      y: px(y - 8),
    },
    text,
  );
}

/**
 * The empty state: no line to draw (every count is 0), so the plot says why instead of
 * showing an axis from 0 to 1 with nothing on it. The epoch axis stays, for the cursor.
 */
function emptyChart(plan: TrainingPlan, l: EpochsLayout, text: ChartText, id: string): ChartDescription {
  const middle = (l.top + l.bottom) / 2;
  const lines = [
    `No batches: 0 in each of the ${countWithNoun(plan.inputs.epochs, 'epoch')}.`,
    'Every image is skipped; see why below.',
  ];
  const marks: SvgNode[] = [
    bottomAxis(l.x, l.xTicks, l.bottom, l.width),
    axisTitle('Epoch →', l.width, l.height - 4, 'end'),
    ...lines.map((line, i) =>
      svgText(
        'text',
        {
          class: `chart-empty${i === 0 ? ' chart-label' : ''}`,
          x: px(l.width / 2),
          y: px(middle - 10 + i * 22),
          'text-anchor': 'middle',
        },
        line,
      ),
    ),
  ];
  return {
    svg: chartFrame('epochs', id, l, text.title, text.description, marks),
    title: text.title,
    description: text.description,
    get table() {
      return text.table;
    },
  };
}

/** The chart for a plan: SVG tree, title, description and data table. */
export function describeEpochsChart(plan: TrainingPlan, options: EpochsChartOptions): ChartDescription {
  const l = layout(plan, options.width);
  const { x, y } = l;
  const epochs = plan.inputs.epochs;
  const differ = stepsDiffer(plan);
  const text = describeEpochsText(plan);
  const endX = x(epochs);

  if (plan.totalBatches === 0) return emptyChart(plan, l, text, options.id ?? EPOCHS_CHART_ID);

  const marks: SvgNode[] = [
    horizontalGrid(y, l.yTicks, l.left, l.right),
    leftAxis(y, l.yTicks, l.left),
    bottomAxis(x, l.xTicks, l.bottom, l.width),
    axisTitle(`↑ Cumulative batches${plan.inputs.devices > 1 ? ' per device' : ''}`, 0, 14, 'start'),
    axisTitle('Epoch →', l.width, l.height - 4, 'end'),
  ];
  if (differ) {
    marks.push(
      svg('path', {
        class: 'chart-line chart-line-steps',
        d: seriesPath(plan, l, 'optimizerSteps'),
      }),
    );
  }
  marks.push(svg('path', { class: 'chart-line chart-line-batches', d: seriesPath(plan, l, 'batches') }));

  if (options.cursor !== undefined) {
    const point = countsAtEpoch(plan, options.cursor);
    const cx = px(x(point.epoch));
    marks.push(svg('path', { class: 'chart-cursor', d: `M${cx},${px(l.top)}V${px(l.bottom)}` }));
    if (differ) {
      marks.push(
        svg('circle', { class: 'chart-dot chart-dot-steps', cx, cy: px(y(point.optimizerSteps)), r: 4 }),
      );
    }
    marks.push(svg('circle', { class: 'chart-dot chart-dot-batches', cx, cy: px(y(point.batches)), r: 4 }));
  }

  marks.push(
    svg('circle', { class: 'chart-dot chart-dot-batches', cx: px(endX), cy: px(y(plan.totalBatches)), r: 4 }),
  );
  marks.push(
    endLabel(
      countWithNoun(plan.totalBatches, 'batch', 'batches'),
      endX,
      y(plan.totalBatches),
      l.width,
      'chart-label-batches',
    ),
  );
  if (differ) {
    const stepsY = y(plan.totalOptimizerSteps);
    marks.push(svg('circle', { class: 'chart-dot chart-dot-steps', cx: px(endX), cy: px(stepsY), r: 4 }));
    marks.push(
      endLabel(
        countWithNoun(plan.totalOptimizerSteps, 'optimizer step'),
        endX,
        stepsY,
        l.width,
        'chart-label-steps',
      ),
    );
  }

  return {
    svg: chartFrame('epochs', options.id ?? EPOCHS_CHART_ID, l, text.title, text.description, marks),
    title: text.title,
    description: text.description,
    get table() {
      return text.table;
    },
  };
}
