/**
 * The forms a derivation line can take, in words. Each template holds numbered slots `{{i}}`;
 * the engine fills them with numbers. The same lines' TeX is in derivation-tex.ts, apart, so
 * that the browser's code (which imports this module through the engine) never carries it:
 * pages render their own lines at build time with the slots marked, the build writes every
 * form once more to one static file for the lines a page does not have, and the browser only
 * changes the numbers in place (no KaTeX and no TeX shipped).
 */
import { formatCount } from './format';
import type { DerivationStep } from './types';

/** A line's form in words: what the engine (and the browser) needs of it. */
export interface DerivationText {
  quantity: string;
  label: string;
  /** The line in words, with slots `{{0}}`, `{{1}}`, …; the last slot is the result. */
  speech: string;
}

/** A line's whole form: its words and its TeX (server and tests only, see derivation-tex.ts). */
export interface DerivationTemplate extends DerivationText {
  /** TeX with the same slots as the words. */
  tex: string;
}

export const DERIVATION_TEXTS = {
  'training-images/keras': {
    quantity: 'training-images',
    label: 'Training images (Keras validation_split: the last rows are held out)',
    speech: '{{0}} times (1 minus {{1}} percent), rounded down, is {{2}} training images',
  },
  'training-images/fastai': {
    quantity: 'training-images',
    label: 'Training images (fastai RandomSplitter: the validation count is rounded down)',
    speech: '{{0}} minus ({{1}} percent of {{2}}, rounded down) is {{3}} training images',
  },
  'training-images/random-split': {
    quantity: 'training-images',
    label: 'Training images (random_split: rounded down, then the remainder goes to training first)',
    speech:
      '{{0}} times (1 minus {{1}} percent), rounded down, plus a remainder of {{2}}, is {{3}} training images',
  },
  'training-images/train-test-split': {
    quantity: 'training-images',
    label: 'Training images (train_test_split: the validation count is rounded up)',
    speech: '{{0}} minus ({{1}} percent of {{2}}, rounded up) is {{3}} training images',
  },
  'images-per-device/padded': {
    quantity: 'images-per-device',
    label: 'Images per device (DistributedSampler pads so every device gets as many)',
    speech: '{{0}} images divided by {{1}} devices, rounded up, is {{2}} images per device',
  },
  'images-per-device/fastai-padded': {
    quantity: 'images-per-device',
    label: 'Images per device (fastai’s DistributedDL pads so every device gets as many)',
    speech: '{{0}} images divided by {{1}} devices, rounded up, is {{2}} images per device',
  },
  'batches-per-epoch/global-batch': {
    quantity: 'batches-per-epoch',
    label: 'Batches per epoch on each device (Keras batches by the global batch B × P; the last is kept)',
    speech: '{{0}} divided by ({{1}} times {{2}}), rounded up, is {{3}} batches per epoch on each device',
  },
  'batches-per-epoch/ceil': {
    quantity: 'batches-per-epoch',
    label: 'Batches per epoch (the last partial batch is kept)',
    speech: '{{0}} divided by {{1}}, rounded up, is {{2}} batches per epoch',
  },
  'batches-per-epoch/floor': {
    quantity: 'batches-per-epoch',
    label: 'Batches per epoch (the last partial batch is dropped)',
    speech: '{{0}} divided by {{1}}, rounded down, is {{2}} batches per epoch',
  },
  'batches-per-epoch/per-device-ceil': {
    quantity: 'batches-per-epoch',
    label: 'Batches per epoch on each device (the last partial batch is kept)',
    speech: '{{0}} divided by {{1}}, rounded up, is {{2}} batches per epoch',
  },
  'batches-per-epoch/per-device-floor': {
    quantity: 'batches-per-epoch',
    label: 'Batches per epoch on each device (the last partial batch is dropped)',
    speech: '{{0}} divided by {{1}}, rounded down, is {{2}} batches per epoch',
  },
  'batches-per-epoch/sharded-ceil': {
    quantity: 'batches-per-epoch',
    label: 'Batches per epoch on each device (accelerate shards whole batches; the last is kept)',
    speech: '{{0}} divided by ({{1}} times {{2}}), rounded up, is {{3}} batches per epoch on each device',
  },
  'batches-per-epoch/sharded-floor': {
    quantity: 'batches-per-epoch',
    label: 'Batches per epoch on each device (accelerate shards whole batches; the last is dropped)',
    speech: '{{0}} divided by ({{1}} times {{2}}), rounded down, is {{3}} batches per epoch on each device',
  },
  'total-batches/product': {
    quantity: 'total-batches',
    label: 'Batches in all',
    speech: '{{0}} batches per epoch times {{1}} epochs is {{2}} batches',
  },
  'optimizer-steps-per-epoch/ceil': {
    quantity: 'optimizer-steps-per-epoch',
    label: 'Optimizer steps per epoch (a short accumulation window at the end of the epoch still steps)',
    speech:
      '{{0}} batches divided by {{1}} accumulation steps, rounded up, is {{2}} optimizer steps per epoch',
  },
  'total-optimizer-steps/product': {
    quantity: 'total-optimizer-steps',
    label: 'Optimizer steps in all',
    speech: '{{0}} optimizer steps per epoch times {{1}} epochs is {{2}} optimizer steps',
  },
  'total-optimizer-steps/across-epochs': {
    quantity: 'total-optimizer-steps',
    label: 'Optimizer steps in all (leftover batches roll into the next epoch)',
    speech:
      '{{0}} batches per epoch times {{1}} epochs, divided by {{2}}, rounded down, is {{3}} optimizer steps',
  },
  'total-optimizer-steps/full-batches-across-epochs': {
    quantity: 'total-optimizer-steps',
    label:
      'Optimizer steps in all (fastai counts images across epochs; the short last batch never closes a window)',
    speech:
      '({{0}} minus 1) full batches per epoch times {{1}} epochs, divided by {{2}}, rounded down, is {{3}} optimizer steps',
  },
  'total-optimizer-steps/image-windows': {
    quantity: 'total-optimizer-steps',
    label: 'Optimizer steps in all (fastai counts images across epochs, batch by batch, up to n_acc = G × B)',
    speech:
      'windows of {{0}} times {{1}} images, over {{4}} epochs of {{2}} full batches and one of {{3}} images, counted batch by batch, give {{5}} optimizer steps',
  },
  'effective-batch-size/product': {
    quantity: 'effective-batch-size',
    label: 'Effective (global) batch size',
    speech:
      '{{0}} images per batch times {{1}} devices times {{2}} accumulation steps is {{3}} images per optimizer step',
  },
} as const satisfies Record<string, DerivationText>;

export type DerivationTemplateId = keyof typeof DERIVATION_TEXTS;

/**
 * A line's form as the browser receives it: its label and its KaTeX HTML, each number one text
 * node in a `[data-slot]` span (typeset at build time: src/render/derivation-forms.ts).
 */
export interface DerivationForm {
  label: string;
  html: string;
}

const SLOT = /\{\{(\d+)\}\}/g;

/** Replaces every `{{i}}` with `format(values[i], i)`. */
export function fillSlots(
  template: string,
  values: readonly number[],
  format: (value: number, slot: number) => string,
): string {
  return template.replace(SLOT, (_match, index: string) => {
    const slot = Number(index);
    const value = values[slot];
    if (value === undefined) throw new Error(`Derivation slot ${slot} has no value`);
    return format(value, slot);
  });
}

/** How many slots a template has. */
export function slotCount(template: string): number {
  return new Set([...template.matchAll(SLOT)].map((match) => match[1])).size;
}

/**
 * One worked line from a template and its numbers: the derivation's, or any other template of
 * the same form (the exercises' worked lines).
 */
export function stepFromTemplate(
  id: string,
  template: DerivationText,
  values: readonly number[],
): DerivationStep {
  const copied = [...values];
  return {
    quantity: template.quantity,
    template: id,
    label: template.label,
    values: copied,
    value: values[values.length - 1] ?? 0,
    // Also filled when read: a plan computed for comparison is never spoken.
    get speech() {
      return fillSlots(template.speech, copied, formatCount);
    },
  };
}

/** One derivation line from a template and its numbers. */
export function derivationStep(id: DerivationTemplateId, values: readonly number[]): DerivationStep {
  return stepFromTemplate(id, DERIVATION_TEXTS[id], values);
}

/** The whole derivation in words, as a screen reader hears it: "Batches per epoch (…): 48,000 divided by 64, rounded up, is 750 batches per epoch. …" */
export function derivationSpeech(steps: readonly DerivationStep[]): string {
  return steps.map((step) => `${step.label}: ${step.speech}.`).join(' ');
}
