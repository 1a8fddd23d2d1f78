/**
 * Axes, grids and text helpers shared by the charts: every function returns SVG nodes,
 * so an axis is part of the chart's description rather than something drawn into a DOM.
 * Positions come from the chart's d3 scales; the tick values are chosen by the chart.
 */
import { formatCount } from '../lib/format';
import type { PositionScale } from './scales';
import { px, svg, svgText, type SvgNode } from './svg';

/** Font sizes in user units (≈ CSS px once the viewBox matches the figure's width). */
export const FONT_SIZE = 12;
export const LABEL_FONT_SIZE = 13;

/** A generous estimate of a label's width in the UI font (digits and lower-case letters). */
export function textWidth(text: string, fontSize = FONT_SIZE): number {
  return text.length * fontSize * 0.62;
}

// "bn", not "B": on a chart of batches, "120B" could be read as 120 batches.
const UNITS: [number, string][] = [
  [1e12, 'tn'],
  [1e9, 'bn'],
  [1e6, 'M'],
];

/**
 * A tick label: grouped digits below a million ("250,000"), a short form above
 * ("1.5M", "20bn", "9,000tn"). Tick values are positions on an axis, not counts.
 */
export function tickLabel(value: number): string {
  for (const [size, unit] of UNITS) {
    if (Math.abs(value) >= size) return `${formatCount(Number((value / size).toPrecision(6)))}${unit}`;
  }
  return formatCount(value);
}

/**
 * The same axis is often drawn again on the next slider step. Handing back the very same
 * (immutable) node lets the patcher skip the whole group. A small memo keyed by everything
 * the group shows, so it changes nothing but speed.
 */
const axisNodes = new Map<string, SvgNode>();
const MAX_AXIS_NODES = 32;

function reuse(key: string, build: () => SvgNode): SvgNode {
  const known = axisNodes.get(key);
  if (known) return known;
  const node = build();
  if (axisNodes.size >= MAX_AXIS_NODES) axisNodes.clear();
  axisNodes.set(key, node);
  return node;
}

/** Horizontal grid lines at `ticks`, as one path across the plot. */
export function horizontalGrid(
  y: PositionScale,
  values: readonly number[],
  left: number,
  right: number,
  className = 'chart-grid',
): SvgNode {
  const d = values.map((value) => `M${px(left)},${px(y(value))}H${px(right)}`).join('');
  return svg('path', { class: className, d });
}

/** Vertical grid lines at `ticks`, as one path across the plot. */
export function verticalGrid(
  x: PositionScale,
  values: readonly number[],
  top: number,
  bottom: number,
  className = 'chart-grid',
): SvgNode {
  const d = values.map((value) => `M${px(x(value))},${px(top)}V${px(bottom)}`).join('');
  return svg('path', { class: className, d });
}

/** The bottom axis: a baseline, one path of tick marks, and a label per tick (kept inside 0 … width). */
export function bottomAxis(
  x: PositionScale,
  values: readonly number[],
  y: number,
  width: number,
  format: (value: number) => string = tickLabel,
): SvgNode {
  const [left = 0, right = 0] = x.range();
  const marks = values.map((value) => `M${px(x(value))},${px(y)}v5`).join('');
  const labels = values.map((value) => {
    const label = format(value);
    const half = textWidth(label) / 2;
    return { label, at: px(Math.min(width - half, Math.max(half, x(value)))) };
  });
  const domain = `M${px(left)},${px(y)}H${px(right)}`;
  const key = `x|${domain}|${marks}|${labels.map(({ label, at }) => `${at}:${label}`).join('|')}`;
  return reuse(key, () =>
    svg('g', { class: 'chart-axis chart-axis-x' }, [
      svg('path', { class: 'chart-domain', d: domain }),
      svg('path', { class: 'chart-tick', d: marks }),
      ...labels.map(({ label, at }) =>
        svgText('text', { x: at, y: px(y + 8), dy: '0.71em', 'text-anchor': 'middle' }, label),
      ),
    ]),
  );
}

/** The x at which a left-aligned label of `text` starts, near `preferred`, kept inside 0 … width. */
export function clampLabel(text: string, preferred: number, width: number, fontSize = FONT_SIZE): number {
  return Math.max(0, Math.min(width - textWidth(text, fontSize), preferred));
}

/** The left axis: labels at the ticks, right-aligned just left of the plot (the grid marks the values). */
export function leftAxis(
  y: PositionScale,
  values: readonly number[],
  x: number,
  format: (value: number) => string = tickLabel,
): SvgNode {
  const labels = values.map((value) => ({ label: format(value), at: px(y(value)) }));
  const key = `y|${px(x - 6)}|${labels.map(({ label, at }) => `${at}:${label}`).join('|')}`;
  return reuse(key, () =>
    svg(
      'g',
      { class: 'chart-axis chart-axis-y' },
      labels.map(({ label, at }) =>
        svgText('text', { x: px(x - 6), y: at, dy: '0.32em', 'text-anchor': 'end' }, label),
      ),
    ),
  );
}

/** An axis title in the Observable Plot manner: "↑ Batches" top left, "Epoch →" bottom right. */
export function axisTitle(text: string, x: number, y: number, anchor: 'start' | 'end'): SvgNode {
  return svgText('text', { class: 'chart-axis-title', x: px(x), y: px(y), 'text-anchor': anchor }, text);
}

/** The widest of a set of labels, estimated. */
export function widestLabel(labels: readonly string[], fontSize = FONT_SIZE): number {
  return labels.reduce((widest, label) => Math.max(widest, textWidth(label, fontSize)), 0);
}
