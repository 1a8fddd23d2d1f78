/**
 * The browser half of a chart (imported only by the components' processed scripts): a
 * custom element that follows the page's training state and, on every change, describes
 * the chart again and patches the server-rendered SVG, caption and table to match.
 */
import { drawWhenNear, setText, type NearScreenDrawing } from '../client/dom';
import { subscribe } from '../client/training-state';
import type { TrainingPlan } from '../lib/types';
import { patchSvg } from './svg';
import { patchTable, tableToCsv } from './table';
import { DEFAULT_CHART_WIDTH, chartWidth, type ChartDescription, type ChartText } from './types';

export abstract class ChartElement extends HTMLElement {
  protected plan: TrainingPlan | undefined;
  /** The viewBox width of the last render: the plot's CSS width, so text keeps its size. */
  protected width = DEFAULT_CHART_WIDTH;
  private unsubscribe: (() => void) | undefined;
  private resizeObserver: ResizeObserver | undefined;
  private resizeFrame = 0;

  /** Off screen nothing is redrawn: the latest drawing waits until the plot comes near or is printed. */
  private drawing: NearScreenDrawing | undefined;
  /** The words whose table is not yet written (its <details> is closed); built when it opens. */
  private pendingTable: ChartText | undefined;

  /** The chart for a plan at the current width (and any state of the element). */
  protected abstract describe(plan: TrainingPlan): ChartDescription;
  /** The chart's words alone, for updates while it is off screen. */
  protected abstract describeText(plan: TrainingPlan): ChartText;

  /**
   * What the drawing depends on, as a string; a render whose key has not changed is skipped.
   * Undefined (the default) redraws on every change. Charts that do not depend on the number
   * of epochs, say, leave it out of their key, so the epochs slider does not redraw them.
   */
  protected renderKey(_plan: TrainingPlan): string | undefined {
    return undefined;
  }
  private lastKey: string | undefined;

  /** Called after each render, for parts outside the description (e.g. a readout). */
  protected afterRender(): void {}

  protected get chartId(): string {
    return this.dataset['chartId'] ?? this.localName;
  }

  /** Elements found once per connection: every slider step renders, and lookups add up. */
  private found = new Map<string, Element | null>();

  /** The first element matching `selector` inside the chart, looked up once. */
  protected find<T extends Element>(selector: string): T | null {
    if (!this.found.has(selector)) this.found.set(selector, this.querySelector(selector));
    return this.found.get(selector) as T | null;
  }

  protected get plot(): HTMLElement | null {
    return this.find<HTMLElement>('[data-chart-plot]');
  }

  protected get svgElement(): SVGSVGElement | null {
    return this.find<SVGSVGElement>('[data-chart-plot] > svg');
  }

  private measure(): number {
    const width = this.plot?.clientWidth ?? 0;
    return width > 0 ? chartWidth(width) : this.width;
  }

  connectedCallback(): void {
    this.width = this.measure();
    const plot = this.plot;
    // Before this element's own print listener: a waiting drawing is drawn, then its table written.
    if (plot) this.drawing = drawWhenNear(plot);
    this.details?.addEventListener('toggle', this.onToggle);
    // Print opens every table: the ones written only on opening are brought up to date first.
    window.addEventListener('beforeprint', this.onBeforePrint);
    const download = this.find<HTMLButtonElement>('[data-chart-csv]');
    if (download) {
      download.hidden = false;
      download.addEventListener('click', this.onDownload);
    }
    this.unsubscribe = subscribe((state) => {
      this.plan = state.plan;
      this.render();
    });
    if (plot && typeof ResizeObserver === 'function') {
      this.resizeObserver = new ResizeObserver(() => {
        // Re-lay out in the next frame: never inside the observer's own layout pass.
        cancelAnimationFrame(this.resizeFrame);
        this.resizeFrame = requestAnimationFrame(() => {
          const width = this.measure();
          if (width !== this.width) {
            this.width = width;
            this.render();
          }
        });
      });
      this.resizeObserver.observe(plot);
    }
  }

  disconnectedCallback(): void {
    this.details?.removeEventListener('toggle', this.onToggle);
    window.removeEventListener('beforeprint', this.onBeforePrint);
    this.find('[data-chart-csv]')?.removeEventListener('click', this.onDownload);
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.resizeObserver?.disconnect();
    this.resizeObserver = undefined;
    this.drawing?.stop();
    this.drawing = undefined;
    cancelAnimationFrame(this.resizeFrame);
    this.found.clear();
  }

  /**
   * Describes the chart for the current plan and patches the page to match. Off screen nothing
   * is written until the chart comes near the viewport or the page is printed: its drawing,
   * words and table are a chart's worth of work on every slider step.
   */
  protected render(): void {
    if (this.drawing) this.drawing.request(this.draw);
    else this.draw();
  }

  private draw = (): void => {
    if (!this.plan) return;
    const key = this.renderKey(this.plan);
    const fullKey = key === undefined ? undefined : `${this.width}|${key}`;
    if (fullKey !== undefined && fullKey === this.lastKey) return;
    this.lastKey = fullKey;
    const text = this.describe(this.plan);
    const svg = this.svgElement;
    if (svg) patchSvg(svg, text.svg);
    setText(this.find('[data-chart-title]'), text.title);
    setText(this.find('[data-chart-description]'), text.description);
    this.pendingTable = text;
    if (this.details?.open !== false) this.writeTable();
    this.afterRender();
  };

  /** The table twin is written when its <details> is open, or as it opens. */
  private writeTable(): void {
    const table = this.find<HTMLTableElement>('[data-chart-table]');
    if (table && this.pendingTable) patchTable(table, this.pendingTable.table);
    this.pendingTable = undefined;
  }

  /** Saves the data of the current state as a CSV file (a sandboxed frame may refuse downloads). */
  private onDownload = (): void => {
    if (!this.plan) return;
    const csv = tableToCsv(this.describeText(this.plan).table);
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const link = this.ownerDocument.createElement('a');
    link.href = url;
    link.download = `${this.chartId}.csv`;
    link.hidden = true;
    this.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };

  private onBeforePrint = (): void => {
    if (this.pendingTable) this.writeTable();
  };

  private onToggle = (): void => {
    if (this.details?.open) this.writeTable();
  };

  private get details(): HTMLDetailsElement | null {
    return this.find<HTMLDetailsElement>('details[data-chart-data]');
  }

  protected setText(selector: string, text: string): void {
    setText(this.find(selector), text);
  }
}

/** Defines a chart element once (a second definition would throw). */
export function defineChart(name: string, element: CustomElementConstructor): void {
  if (!customElements.get(name)) customElements.define(name, element);
}
