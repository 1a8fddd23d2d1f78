/**
 * The components a chapter's MDX may use without importing them: the page hands them to
 * <Content components={…} />, so the chapters hold prose and component tags, no code.
 */
import Count from '../components/Count.astro';
import Value from '../components/article/Value.astro';
import Num from '../components/article/Num.astro';
import Try from '../components/article/Try.astro';
import Predict from '../components/article/Predict.astro';
import Cite from '../components/article/Cite.astro';
import Term from '../components/article/Term.astro';
import ResetChapter from '../components/article/ResetChapter.astro';
import Calculator from '../components/article/widgets/Calculator.astro';
import Derivation from '../components/article/widgets/Derivation.astro';
import FrameworkTable from '../components/article/widgets/FrameworkTable.astro';
import EpochChart from '../components/article/widgets/EpochChart.astro';
import BatchSizeChart from '../components/article/widgets/BatchSizeChart.astro';
import DatasetChart from '../components/article/widgets/DatasetChart.astro';
import SetupCode from '../components/SetupCode.astro';
import HoursEstimator from '../components/HoursEstimator.astro';
import DatasetPresets from '../components/DatasetPresets.astro';
import ExerciseSet from '../components/ExerciseSet.astro';

export const MDX_COMPONENTS = {
  Count,
  Value,
  Num,
  Try,
  Predict,
  Cite,
  Term,
  ResetChapter,
  Calculator,
  Derivation,
  FrameworkTable,
  EpochChart,
  BatchSizeChart,
  DatasetChart,
  SetupCode,
  HoursEstimator,
  DatasetPresets,
  ExerciseSet,
};
