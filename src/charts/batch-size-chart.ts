/**
 * Batch size sweep: batches per epoch against batch size on a log₂ axis, from the engine's
 * `batchSizeSweep`. Keep is a step line; drop is a second, dashed step line where the
 * framework can drop and the two differ. The current batch size is a labelled dot. Scales
 * from d3-scale (`scaleLog`), lines from d3-shape (`line` with `curveStepAfter`).
 */
import { countWithNoun, formatCount } from '../lib/format';
import { FRAMEWORK_INFO } from '../lib/inputs';
import { batchSizeSweep, type SweepPoint } from '../lib/training';
import type { TrainingPlan } from '../lib/types';
import {
  LABEL_FONT_SIZE,
  axisTitle,
  bottomAxis,
  clampLabel,
  horizontalGrid,
  leftAxis,
  textWidth,
  tickLabel,
  verticalGrid,
  widestLabel,
} from './axes';
import { emptyReason } from './empty';
import { chartFrame } from './frame';
import { curveStepAfter, line } from 'd3-shape';
import { logScale, powerTicks } from './scales';
import { px, svg, svgText, type SvgNode } from './svg';
import {
  chartWidth,
  type ChartDescription,
  type ChartOptions,
  type ChartTable,
  type ChartText,
} from './types';

export const BATCH_SIZE_CHART_ID = 'batch-size-chart';

/** Whether the drop line is drawn: the framework can drop, and drop differs from keep somewhere. */
export function showsDrop(plan: TrainingPlan, sweep: readonly SweepPoint[]): boolean {
  return FRAMEWORK_INFO[plan.inputs.framework].dropUnavailable === '' && sweep.some((p) => p.keep !== p.drop);
}

function isPowerOfTwo(value: number): boolean {
  return Number.isInteger(Math.log2(value));
}

/**
 * The staircase of one policy: each batch size's count held until the next size. Drop has no
 * batches (and no place on a log axis) once B exceeds the images: those trailing sizes are
 * left out, so the line ends at the last size that still makes a batch.
 */
function stepPath(
  sweep: readonly SweepPoint[],
  x: (value: number) => number,
  y: (value: number) => number,
  key: 'keep' | 'drop',
): string {
  const path = line<SweepPoint>()
    .x((point) => x(point.batchSize))
    .y((point) => y(point[key]))
    .curve(curveStepAfter)
    .digits(1);
  return path(sweep.filter((point) => point[key] >= 1)) ?? '';
}

/** The smallest 1, 2 or 5 × 10ᵏ at or above `value` (value ≥ 1). */
export function roundUp125(value: number): number {
  let power = 10 ** Math.floor(Math.log10(value));
  // Math.log10 can land just below an exact power of ten.
  if (power * 10 <= value) power *= 10;
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

/** The key to the two lines, in one row (two when narrow) above the plot; returns its height. */
function legend(width: number): { node: SvgNode; height: number } {
  const items: [string, string][] = [
    ['chart-line-keep', 'Last batch kept'],
    ['chart-line-drop', 'Last batch dropped'],
  ];
  const itemWidth = (label: string) => 32 + textWidth(label) + 16;
  const oneRow = items.reduce((sum, [, label]) => sum + itemWidth(label), 0) <= width;
  const nodes: SvgNode[] = [];
  let x = 0;
  let y = 8;
  for (const [className, label] of items) {
    nodes.push(
      svg('path', { class: `chart-line ${className}`, d: `M${px(x)},${px(y)}h24` }),
      svgText('text', { class: 'chart-legend-label', x: px(x + 30), y: px(y), dy: '0.32em' }, label),
    );
    if (oneRow) x += itemWidth(label);
    else y += 18;
  }
  return { node: svg('g', { class: 'chart-legend' }, nodes), height: oneRow ? 22 : 40 };
}

/** The chart's title, description and table, without the SVG (every count from the sweep or the plan). */
export function describeBatchSizeText(plan: TrainingPlan, sweep = batchSizeSweep(plan)): ChartText {
  const first = sweep[0] as SweepPoint;
  const last = sweep[sweep.length - 1] as SweepPoint;
  const drop = showsDrop(plan, sweep);
  const { batchSize, devices } = plan.inputs;
  const perDevice = devices > 1 ? ' per device' : '';
  const training = countWithNoun(plan.trainingImages, 'training image');
  const title = `Batches per epoch for batch sizes 1 to ${formatCount(last.batchSize)}`;
  let description =
    `With ${training}${devices > 1 ? ` shared by ${formatCount(devices)} devices` : ''}, batches per epoch${perDevice} ` +
    `fall from ${formatCount(first.keep)} at batch size ${formatCount(first.batchSize)} to ${formatCount(last.keep)} at ${formatCount(last.batchSize)}. ` +
    (plan.batchesPerEpoch === 0
      ? `At batch size ${formatCount(batchSize)}, with the last partial batch dropped, there is no batch at all: ${emptyReason(plan)}`
      : `At batch size ${formatCount(batchSize)} there ${plan.batchesPerEpoch === 1 ? 'is' : 'are'} ${countWithNoun(plan.batchesPerEpoch, 'batch', 'batches')} per epoch.`);
  if (drop) description += ' The dashed line shows the same with the last partial batch dropped.';

  const table = (): ChartTable => {
    const rows = sweep
      .filter((p) => isPowerOfTwo(p.batchSize) || p.batchSize === batchSize)
      .map((p) => {
        const size = `${formatCount(p.batchSize)}${p.batchSize === batchSize ? ' (current)' : ''}`;
        return drop ? [size, formatCount(p.keep), formatCount(p.drop)] : [size, formatCount(p.keep)];
      });
    const columns = drop
      ? ['Batch size', 'Batches per epoch, last batch kept', 'Batches per epoch, last batch dropped']
      : ['Batch size', 'Batches per epoch'];
    return { caption: `Batches per epoch${perDevice} by batch size, with ${training}`, columns, rows };
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

/** The chart for a plan: SVG tree, title, description and data table. */
export function describeBatchSizeChart(plan: TrainingPlan, options: ChartOptions): ChartDescription {
  const sweep = batchSizeSweep(plan);
  const last = sweep[sweep.length - 1] as SweepPoint;
  const drop = showsDrop(plan, sweep);
  const { batchSize, devices } = plan.inputs;

  // Layout.
  const width = chartWidth(options.width);
  const height = Math.round(Math.min(320, Math.max(220, width * 0.5)));
  const key = drop ? legend(width) : undefined;
  const keyHeight = key?.height ?? 0;
  const top = keyHeight + 28;
  const bottom = height + keyHeight - 42;
  const right = width - 14;
  // The top of the axis is the next 1, 2 or 5 × 10ᵏ above the most batches: the axis, grid and
  // labels stay put while a slider moves the images, so only the lines need redrawing.
  const yMax = roundUp125(Math.max(2, ...sweep.map((p) => p.keep)));
  const xMax = Math.max(2, last.batchSize);
  const y = logScale(10, [1, yMax], [bottom, top]);
  let yTicks = powerTicks(y, Math.floor((bottom - top) / 26));
  // Fewer than three decades: label 1, 2, 5, 10, 20, 50 … as well.
  if (yTicks.length < 3) yTicks = yTicks.flatMap((p) => [p, 2 * p, 5 * p]).filter((v) => v <= yMax);
  const left = Math.max(28, Math.ceil(widestLabel(yTicks.map(tickLabel)) + 12));
  const x = logScale(2, [1, xMax], [left, right]);
  const allPowers = powerTicks(x, Infinity);
  const xLabelWidth = textWidth(formatCount(allPowers[allPowers.length - 1] ?? 1)) + 14;
  const xTicks = powerTicks(x, Math.max(2, Math.floor((right - left) / xLabelWidth)));

  // The current batch size, on the line of the policy in use.
  const dotX = x(batchSize);
  const dotY = y(Math.max(1, plan.batchesPerEpoch));
  // With no batch at all (drop, B larger than the data) the dot sits on the axis, hollow,
  // and its label says so: a log axis has no place for 0.
  const empty = plan.batchesPerEpoch === 0;
  const label = empty
    ? `${formatCount(batchSize)} → no batch (all dropped)`
    : `${formatCount(batchSize)} → ${formatCount(plan.batchesPerEpoch)} per epoch`;
  const labelWidth = textWidth(label, LABEL_FONT_SIZE);
  // Right of the dot if it fits, else left of it if that fits, else as near as the plot allows.
  let labelX = dotX + 8;
  if (labelX + labelWidth > right)
    labelX = dotX - 8 - labelWidth >= left ? dotX - 8 - labelWidth : width - labelWidth;
  labelX = Math.max(left, clampLabel(label, labelX, width, LABEL_FONT_SIZE));
  const labelAbove = dotY - 22 >= top;

  const perDevice = devices > 1 ? ' per device' : '';
  const marks: SvgNode[] = [
    verticalGrid(x, allPowers, top, bottom, 'chart-grid chart-grid-minor'),
    horizontalGrid(y, yTicks, left, right),
    leftAxis(y, yTicks, left),
    bottomAxis(x, xTicks, bottom, width, formatCount),
    axisTitle(`↑ Batches per epoch${perDevice}`, 0, keyHeight + 14, 'start'),
    axisTitle('Batch size (log scale) →', width, bottom + 38, 'end'),
    svg('path', { class: 'chart-line chart-line-keep', d: stepPath(sweep, x, y, 'keep') }),
  ];
  if (key) {
    marks.push(svg('path', { class: 'chart-line chart-line-drop', d: stepPath(sweep, x, y, 'drop') }));
    marks.push(key.node);
  }
  marks.push(
    svg('path', { class: 'chart-guide', d: `M${px(dotX)},${px(bottom)}V${px(dotY)}` }),
    svg('circle', {
      class: `chart-dot chart-dot-current${empty ? ' chart-dot-empty' : ''}`,
      cx: px(dotX),
      cy: px(empty ? bottom : dotY),
      r: 5,
    }),
    svgText(
      'text',
      {
        class: 'chart-label chart-halo',
        x: px(labelX),
        y: px(labelAbove ? dotY - 10 : dotY + 20),
      },
      label,
    ),
  );

  const text = describeBatchSizeText(plan, sweep);
  return {
    svg: chartFrame(
      'batch-size',
      options.id ?? BATCH_SIZE_CHART_ID,
      { width, height: height + keyHeight },
      text.title,
      text.description,
      marks,
    ),
    title: text.title,
    description: text.description,
    get table() {
      return text.table;
    },
  };
}
