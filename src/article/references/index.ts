/**
 * The article's citation registry: every outside fact the chapters state (a framework's rule, a
 * dataset's size, a throughput, a finding about batch sizes) cites one of these entries by id.
 * Ids are unique across the topic files; tests/unit/article-data.test.ts checks it.
 */
import { CLINICAL_REFERENCES } from './clinical';
import { FRAMEWORK_REFERENCES } from './frameworks';
import { LEARNING_REFERENCES } from './learning';
import { LOADER_REFERENCES } from './loaders';
import { REPRODUCTION_REFERENCES } from './reproduction';
import { TEACHING_REFERENCES } from './teaching';
import { THROUGHPUT_REFERENCES } from './throughput';
import { VALIDATION_REFERENCES } from './validation';
import type { Reference } from './types';

export type { Reference } from './types';
export { CLINICAL_REFERENCES, type ClinicalReferenceId } from './clinical';
export { FRAMEWORK_REFERENCES, type FrameworkReferenceId } from './frameworks';
export { LEARNING_REFERENCES, type LearningReferenceId } from './learning';
export { THROUGHPUT_REFERENCES, type ThroughputReferenceId } from './throughput';

/** The topic files, in the order their entries are merged (for tests that check ids do not collide). */
export const REFERENCE_GROUPS: Readonly<Record<string, Readonly<Record<string, Reference>>>> = {
  frameworks: FRAMEWORK_REFERENCES,
  learning: LEARNING_REFERENCES,
  clinical: CLINICAL_REFERENCES,
  throughput: THROUGHPUT_REFERENCES,
  validation: VALIDATION_REFERENCES,
  loaders: LOADER_REFERENCES,
  reproduction: REPRODUCTION_REFERENCES,
  teaching: TEACHING_REFERENCES,
};

export type ReferenceId =
  | keyof typeof FRAMEWORK_REFERENCES
  | keyof typeof LEARNING_REFERENCES
  | keyof typeof CLINICAL_REFERENCES
  | keyof typeof THROUGHPUT_REFERENCES
  | keyof typeof VALIDATION_REFERENCES
  | keyof typeof LOADER_REFERENCES
  | keyof typeof REPRODUCTION_REFERENCES
  | keyof typeof TEACHING_REFERENCES;

export const REFERENCES: Readonly<Record<string, Reference>> = Object.freeze({
  ...FRAMEWORK_REFERENCES,
  ...LEARNING_REFERENCES,
  ...CLINICAL_REFERENCES,
  ...THROUGHPUT_REFERENCES,
  ...VALIDATION_REFERENCES,
  ...LOADER_REFERENCES,
  ...REPRODUCTION_REFERENCES,
  ...TEACHING_REFERENCES,
});
