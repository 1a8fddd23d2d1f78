import type { SvgNode } from './svg';

export interface ChartOptions {
  /** Width of the viewBox in user units; the browser passes the figure's CSS width, so 1 unit ≈ 1 px. */
  width: number;
  /** Prefix for the ids of the chart's <title> and <desc> (unique per page). */
  id?: string;
}

/** A data table twin of a chart: plain text cells, rendered with textContent only. */
export interface ChartTable {
  caption: string;
  columns: string[];
  rows: string[][];
}

/** Everything a chart shows, as data: the SVG tree, its name and summary, and its table. */
export interface ChartDescription {
  svg: SvgNode;
  title: string;
  description: string;
  table: ChartTable;
}

/** A chart's words alone (cheap: no SVG), for charts that are off screen. */
export type ChartText = Omit<ChartDescription, 'svg'>;

/** The viewBox width used when the real width is not known (server rendering). */
export const DEFAULT_CHART_WIDTH = 640;
/** The narrowest and widest layouts; the SVG scales beyond them. */
export const MIN_CHART_WIDTH = 280;
export const MAX_CHART_WIDTH = 960;

/** A width the charts can lay out: finite, whole, within the supported range. */
export function chartWidth(width: number): number {
  if (!Number.isFinite(width)) return DEFAULT_CHART_WIDTH;
  return Math.min(MAX_CHART_WIDTH, Math.max(MIN_CHART_WIDTH, Math.round(width)));
}

/** The ids of a chart's <title> and <desc>. */
export function chartIds(id: string): { title: string; desc: string } {
  return { title: `${id}-title`, desc: `${id}-desc` };
}
