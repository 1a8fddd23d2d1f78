/**
 * The dataset-as-batches chart's custom element, <dataset-chart> (loaded when the chart comes
 * near the screen, see src/client/lazy.ts).
 */
import { ChartElement, defineChart } from './chart-element';
import { describeDatasetChart, describeDatasetText } from './dataset-chart';
import type { TrainingPlan } from '../lib/types';

class DatasetChartElement extends ChartElement {
  // The drawing does not depend on the number of epochs.
  protected override renderKey(plan: TrainingPlan) {
    return JSON.stringify({ ...plan.inputs, epochs: 0 });
  }

  protected describe(plan: TrainingPlan) {
    return describeDatasetChart(plan, { width: this.width, id: this.chartId });
  }

  protected describeText(plan: TrainingPlan) {
    return describeDatasetText(plan);
  }
}

defineChart('dataset-chart', DatasetChartElement);
