/**
 * Real diabetic-retinopathy datasets, as one-click presets for the widgets (batch-arithmetic
 * docs/datasets.md, DDR checked against its paper's abstract). Pure TypeScript: no DOM.
 */
import { formatCount } from './format';
import { inputsToParams } from './inputs';
import type { TrainingInputs } from './types';

/** What a dataset's count is. */
export type DatasetCountKind = 'train-split' | 'whole-set' | 'development-set';

export const COUNT_KIND_TEXT: Readonly<Record<DatasetCountKind, string>> = Object.freeze({
  'train-split': 'training split',
  'whole-set': 'whole set',
  'development-set': 'development set',
});

export interface Dataset {
  /** Stable id, e.g. "aptos-2019". */
  id: string;
  /** Short name for buttons, e.g. "APTOS 2019". */
  name: string;
  /** Full name for the table. */
  fullName: string;
  /** The images the preset loads. */
  images: number;
  /** What that count is. */
  countKind: DatasetCountKind;
  /** One or two sentences for readers. */
  description: string;
  /** Ids of its sources in the article's reference registry (src/article/references), the main one first. */
  references: readonly string[];
  /** What could not be confirmed about this entry (plain text); empty when nothing. */
  unconfirmed: string;
}

export const DATASETS: readonly Dataset[] = Object.freeze([
  {
    id: 'gulshan-2016',
    name: 'Gulshan et al. 2016',
    fullName: 'Development set of Gulshan et al., JAMA 2016',
    images: 128_175,
    countKind: 'development-set',
    description:
      'The images Google’s screening model was developed on, each graded 3 to 7 times by a panel of 54 US ophthalmologists; it was then validated on EyePACS-1 (9,963 images) and Messidor-2 (1,748). Not public.',
    references: ['gulshan-2016'],
    unconfirmed:
      'The count is from the paper’s key points and abstract; the patient counts and the network’s input size were not confirmed here.',
  },
  {
    id: 'kaggle-dr-2015',
    name: 'EyePACS (Kaggle 2015)',
    fullName: 'EyePACS: Kaggle Diabetic Retinopathy Detection (2015)',
    images: 35_126,
    countKind: 'train-split',
    description:
      'A left and a right eye per subject, graded 0 to 4. The competition’s test split holds 53,576 more images (88,702 in all).',
    references: ['kaggle-dr-2015', 'tfds-diabetic-retinopathy'],
    unconfirmed: '',
  },
  {
    id: 'ddr',
    name: 'DDR',
    fullName: 'DDR (Li et al. 2019)',
    images: 13_673,
    countKind: 'whole-set',
    description:
      'Fundus images from 9,598 patients in China, in six classes (five grades and ungradable); 757 of them have lesion annotations.',
    references: ['ddr-2019', 'ddr-dataset'],
    unconfirmed:
      'The often-quoted split of 6,835 training, 2,733 validation and 4,105 test images adds up to 13,673 but is not in the abstract or the dataset’s README, so the preset uses the whole set.',
  },
  {
    id: 'aptos-2019',
    name: 'APTOS 2019',
    fullName: 'APTOS 2019 Blindness Detection (Kaggle)',
    images: 3_662,
    countKind: 'train-split',
    description:
      'Images from Aravind Eye Hospital in India, graded 0 to 4; 1,928 more formed the public test set, and about 11,000 a hidden one.',
    references: ['aptos-2019'],
    unconfirmed:
      'The counts come from a write-up of the competition’s top solutions; the Kaggle data page itself was not read here.',
  },
  {
    id: 'messidor-2',
    name: 'Messidor-2',
    fullName: 'Messidor-2',
    images: 1_748,
    countKind: 'whole-set',
    description:
      'Examinations of two macula-centred photographs each, one per eye; used by Gulshan et al. for validation.',
    references: ['messidor-2', 'gulshan-2016'],
    unconfirmed:
      'The count is from Gulshan et al. 2016; the ADCIS page was not read here, and 874 examinations is 1,748 ÷ 2.',
  },
  {
    id: 'messidor',
    name: 'Messidor',
    fullName: 'Messidor',
    images: 1_200,
    countKind: 'whole-set',
    description:
      'From three ophthalmology departments in France, in three sets of 400, taken with a Topcon TRC NW6 at 45°.',
    references: ['messidor-2014', 'messidor-adcis'],
    unconfirmed: '',
  },
  {
    id: 'idrid',
    name: 'IDRiD',
    fullName: 'IDRiD: Indian Diabetic Retinopathy Image Dataset',
    images: 516,
    countKind: 'whole-set',
    description:
      'From an eye clinic in Nanded, India: 4288 × 2848-pixel photographs from a Kowa VX-10α at 50°, all graded; 81 have pixel-level lesion masks.',
    references: ['idrid-challenge', 'idrid-2018'],
    unconfirmed:
      'The grading split of 413 training and 103 test images is widely used but is not in the official page’s text read here, so the preset uses all 516.',
  },
]);

export function findDataset(id: string): Dataset | undefined {
  return DATASETS.find((dataset) => dataset.id === id);
}

/** The dataset whose preset count is `images`, if any (which preset button is pressed). */
export function datasetForImages(images: number): Dataset | undefined {
  return DATASETS.find((dataset) => dataset.images === images);
}

/** "Load APTOS 2019: 3,662 images". */
export function presetLabel(dataset: Dataset): string {
  return `Load ${dataset.name}: ${formatCount(dataset.images)} images`;
}

/** "3,662 images (training split)". */
export function datasetCountText(dataset: Dataset): string {
  return `${formatCount(dataset.images)} images (${COUNT_KIND_TEXT[dataset.countKind]})`;
}

/** The query string ("?images=3662&batch=64…") that opens a page with this preset over `inputs`. */
export function presetSearch(inputs: TrainingInputs, dataset: Dataset): string {
  return `?${inputsToParams({ ...inputs, images: dataset.images }).toString()}`;
}

/** The parts of a reference a short citation needs (src/article/references' `Reference` has them). */
export interface CitableSource {
  authors?: string;
  publisher: string;
  title: string;
}

/**
 * A short citation for a link's text: "Gulshan et al., Development and Validation of …",
 * "NVIDIA, ResNet50 v1.5 for PyTorch (…)". A list of several people becomes the first one's
 * surname and "et al."; a single author or body is kept; without authors, the publisher.
 */
export function shortCitation(source: CitableSource): string {
  const authors = source.authors?.trim();
  let who = source.publisher;
  if (authors) {
    const first = authors.split(',')[0]?.trim() ?? authors;
    who =
      authors.includes(',') && !first.includes('et al.')
        ? `${first.split(' ').pop() ?? first} et al.`
        : first;
  }
  return `${who}, ${source.title}`;
}
