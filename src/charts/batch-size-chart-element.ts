/**
 * The batch-size sweep's custom element, <batch-size-chart> (loaded when the chart comes near
 * the screen, see src/client/lazy.ts).
 */
import { describeBatchSizeChart, describeBatchSizeText } from './batch-size-chart';
import { ChartElement, defineChart } from './chart-element';
import type { TrainingPlan } from '../lib/types';

class BatchSizeChartElement extends ChartElement {
  // The drawing does not depend on the number of epochs.
  protected override renderKey(plan: TrainingPlan) {
    return JSON.stringify({ ...plan.inputs, epochs: 0 });
  }

  protected describe(plan: TrainingPlan) {
    return describeBatchSizeChart(plan, { width: this.width, id: this.chartId });
  }

  protected describeText(plan: TrainingPlan) {
    return describeBatchSizeText(plan);
  }
}

defineChart('batch-size-chart', BatchSizeChartElement);
