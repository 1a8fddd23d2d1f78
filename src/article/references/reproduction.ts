/**
 * Sources about reproducing the clinical study the article quotes: what a re-implementation on
 * public data could and could not match, and what it says about the original study's data.
 */
import type { Reference } from './types';

export const REPRODUCTION_REFERENCES = {
  'voets-2019-reproduction': {
    id: 'voets-2019-reproduction',
    title:
      'Reproduction study using public data of: Development and validation of a deep learning algorithm for detection of diabetic retinopathy in retinal fundus photographs',
    authors: 'Mike Voets, Kajsa Møllersen, Lars Ailo Bongo',
    publisher: 'PLOS ONE 14(6):e0217541',
    year: '2019',
    url: 'https://doi.org/10.1371/journal.pone.0217541',
    note: 'Re-implemented Gulshan et al. (2016) on the public Kaggle EyePACS data and a public distribution of Messidor-2, and could not reproduce the original results. States that the original study trained on non-public images from EyePACS and three hospitals in India, re-graded by ophthalmologists, while the public sets carry one grade per image.',
  },
} as const satisfies Record<string, Reference>;

export type ReproductionReferenceId = keyof typeof REPRODUCTION_REFERENCES;
