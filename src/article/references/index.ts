/**
 * The article's citation registry: every outside fact the chapters state (a framework's rule, a
 * dataset's size, a throughput, a finding about batch sizes) cites one of these entries by id.
 */
import { CLINICAL_REFERENCES } from './clinical';
import { THROUGHPUT_REFERENCES } from './throughput';
import type { Reference } from './types';

export type { Reference } from './types';
export { CLINICAL_REFERENCES, type ClinicalReferenceId } from './clinical';
export { THROUGHPUT_REFERENCES, type ThroughputReferenceId } from './throughput';

export const REFERENCES: Readonly<Record<string, Reference>> = {
  ...CLINICAL_REFERENCES,
  ...THROUGHPUT_REFERENCES,
};
