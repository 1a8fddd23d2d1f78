/**
 * Sources for splitting off validation data by group (patient-level splits): what the
 * framework references do not cover.
 */
import type { Reference } from './types';

export const VALIDATION_REFERENCES = {
  'sklearn-group-shuffle-split': {
    id: 'sklearn-group-shuffle-split',
    title: 'sklearn.model_selection.GroupShuffleSplit',
    authors: 'scikit-learn developers',
    publisher: 'scikit-learn documentation',
    url: 'https://scikit-learn.org/stable/modules/generated/sklearn.model_selection.GroupShuffleSplit.html',
    note: 'Random train/test splits by a group label given for each sample; test_size and train_size count groups, not samples.',
  },
} as const satisfies Record<string, Reference>;

export type ValidationReferenceId = keyof typeof VALIDATION_REFERENCES;
