/**
 * The batches-over-epochs chart's custom element, <epochs-chart> (loaded when the chart comes
 * near the screen, see src/client/lazy.ts): follows the page's state, with a cursor the reader
 * moves by pointer or keys.
 */
import { ChartElement, defineChart } from './chart-element';
import {
  describeEpochsChart,
  describeEpochsText,
  epochAtPosition,
  epochReadout,
  nextEpoch,
} from './epochs-chart';
import type { TrainingPlan } from '../lib/types';

class EpochsChartElement extends ChartElement {
  /** The epoch the reader picked, or undefined before any interaction (then the readout shows E). */
  private cursor: number | undefined;

  protected describe(plan: TrainingPlan) {
    if (this.cursor !== undefined) this.cursor = Math.min(this.cursor, plan.inputs.epochs);
    return describeEpochsChart(plan, { width: this.width, id: this.chartId, cursor: this.cursor });
  }

  protected describeText(plan: TrainingPlan) {
    return describeEpochsText(plan);
  }

  /** Whether the last render came from the reader moving the cursor (only then is it announced). */
  private cursorMoved = false;

  protected override afterRender(): void {
    if (!this.plan) return;
    // The readout speaks when the reader moves the cursor, not on every slider step: the
    // arithmetic's own live text already announces those.
    const readout = this.find('[data-chart-readout]');
    const live = this.cursorMoved ? 'polite' : 'off';
    if (readout && readout.getAttribute('aria-live') !== live) readout.setAttribute('aria-live', live);
    this.setText('[data-chart-readout]', epochReadout(this.plan, this.cursor ?? this.plan.inputs.epochs));
    this.cursorMoved = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const plot = this.plot;
    if (!plot) return;
    plot.addEventListener('pointermove', this.onPointer);
    plot.addEventListener('pointerdown', this.onPointer);
    plot.addEventListener('keydown', this.onKey);
  }

  override disconnectedCallback(): void {
    const plot = this.plot;
    plot?.removeEventListener('pointermove', this.onPointer);
    plot?.removeEventListener('pointerdown', this.onPointer);
    plot?.removeEventListener('keydown', this.onKey);
    super.disconnectedCallback();
  }

  private moveTo(epoch: number): void {
    if (epoch === this.cursor) return;
    this.cursor = epoch;
    this.cursorMoved = true;
    this.render();
    this.dispatchEvent(new CustomEvent('epoch-cursor', { bubbles: true, detail: { epoch } }));
  }

  private onPointer = (event: PointerEvent): void => {
    const svg = this.svgElement;
    if (!svg || !this.plan) return;
    const box = svg.getBoundingClientRect();
    if (box.width <= 0) return;
    const position = ((event.clientX - box.left) * this.width) / box.width;
    this.moveTo(epochAtPosition(this.plan, this.width, position));
  };

  private onKey = (event: KeyboardEvent): void => {
    if (!this.plan || event.altKey || event.ctrlKey || event.metaKey) return;
    const epochs = this.plan.inputs.epochs;
    const epoch = nextEpoch(event.key, this.cursor ?? epochs, epochs);
    if (epoch === undefined) return;
    event.preventDefault();
    this.moveTo(epoch);
  };
}

defineChart('epochs-chart', EpochsChartElement);
