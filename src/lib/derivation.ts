/**
 * The forms a derivation line can take. Each template holds numbered slots `{{i}}`; the
 * engine fills them with numbers. Pages render their own lines at build time with the slots
 * marked, the build writes every form once more to one static file for the lines a page does
 * not have, and the browser only changes the numbers in place (no KaTeX shipped).
 */
import { formatCount, texCount } from './format';
import type { DerivationStep } from './types';

export interface DerivationTemplate {
  quantity: string;
  label: string;
  /** TeX with slots `{{0}}`, `{{1}}`, …; the last slot is the result. */
  tex: string;
  /** The same line in words, with the same slots. */
  speech: string;
}

const ceilFraction = (top: string, bottom: string) =>
  String.raw`\left\lceil \dfrac{${top}}{${bottom}} \right\rceil`;
const floorFraction = (top: string, bottom: string) =>
  String.raw`\left\lfloor \dfrac{${top}}{${bottom}} \right\rfloor`;

export const DERIVATION_TEMPLATES = {
  'training-images/keras': {
    quantity: 'training-images',
    label: 'Training images (Keras validation_split: the last rows are held out)',
    tex: String.raw`N = \left\lfloor N_{\text{all}}\,(1 - v) \right\rfloor = \left\lfloor {{0}} \times (1 - {{1}}\%) \right\rfloor = {{2}}`,
    speech: '{{0}} times (1 minus {{1}} percent), rounded down, is {{2}} training images',
  },
  'training-images/fastai': {
    quantity: 'training-images',
    label: 'Training images (fastai RandomSplitter: the validation count is rounded down)',
    tex: String.raw`N = N_{\text{all}} - \left\lfloor v\,N_{\text{all}} \right\rfloor = {{0}} - \left\lfloor {{1}}\% \times {{2}} \right\rfloor = {{3}}`,
    speech: '{{0}} minus ({{1}} percent of {{2}}, rounded down) is {{3}} training images',
  },
  'training-images/random-split': {
    quantity: 'training-images',
    label: 'Training images (random_split: rounded down, then the remainder goes to training first)',
    tex: String.raw`N = \left\lfloor N_{\text{all}}\,(1 - v) \right\rfloor + r = \left\lfloor {{0}} \times (1 - {{1}}\%) \right\rfloor + {{2}} = {{3}}`,
    speech:
      '{{0}} times (1 minus {{1}} percent), rounded down, plus a remainder of {{2}}, is {{3}} training images',
  },
  'training-images/train-test-split': {
    quantity: 'training-images',
    label: 'Training images (train_test_split: the validation count is rounded up)',
    tex: String.raw`N = N_{\text{all}} - \left\lceil v\,N_{\text{all}} \right\rceil = {{0}} - \left\lceil {{1}}\% \times {{2}} \right\rceil = {{3}}`,
    speech: '{{0}} minus ({{1}} percent of {{2}}, rounded up) is {{3}} training images',
  },
  'images-per-device/padded': {
    quantity: 'images-per-device',
    label: 'Images per device (DistributedSampler pads so every device gets as many)',
    tex: String.raw`n = ${ceilFraction('N', 'P')} = ${ceilFraction('{{0}}', '{{1}}')} = {{2}}`,
    speech: '{{0}} images divided by {{1}} devices, rounded up, is {{2}} images per device',
  },
  'images-per-device/fastai-padded': {
    quantity: 'images-per-device',
    label: 'Images per device (fastai’s DistributedDL pads so every device gets as many)',
    tex: String.raw`n = ${ceilFraction('N', 'P')} = ${ceilFraction('{{0}}', '{{1}}')} = {{2}}`,
    speech: '{{0}} images divided by {{1}} devices, rounded up, is {{2}} images per device',
  },
  'batches-per-epoch/global-batch': {
    quantity: 'batches-per-epoch',
    label: 'Batches per epoch on each device (Keras batches by the global batch B × P; the last is kept)',
    tex: String.raw`b = ${ceilFraction('N', 'B \\times P')} = ${ceilFraction('{{0}}', '{{1}} \\times {{2}}')} = {{3}}`,
    speech: '{{0}} divided by ({{1}} times {{2}}), rounded up, is {{3}} batches per epoch on each device',
  },
  'batches-per-epoch/ceil': {
    quantity: 'batches-per-epoch',
    label: 'Batches per epoch (the last partial batch is kept)',
    tex: String.raw`b = ${ceilFraction('N', 'B')} = ${ceilFraction('{{0}}', '{{1}}')} = {{2}}`,
    speech: '{{0}} divided by {{1}}, rounded up, is {{2}} batches per epoch',
  },
  'batches-per-epoch/floor': {
    quantity: 'batches-per-epoch',
    label: 'Batches per epoch (the last partial batch is dropped)',
    tex: String.raw`b = ${floorFraction('N', 'B')} = ${floorFraction('{{0}}', '{{1}}')} = {{2}}`,
    speech: '{{0}} divided by {{1}}, rounded down, is {{2}} batches per epoch',
  },
  'batches-per-epoch/per-device-ceil': {
    quantity: 'batches-per-epoch',
    label: 'Batches per epoch on each device (the last partial batch is kept)',
    tex: String.raw`b = ${ceilFraction('n', 'B')} = ${ceilFraction('{{0}}', '{{1}}')} = {{2}}`,
    speech: '{{0}} divided by {{1}}, rounded up, is {{2}} batches per epoch',
  },
  'batches-per-epoch/per-device-floor': {
    quantity: 'batches-per-epoch',
    label: 'Batches per epoch on each device (the last partial batch is dropped)',
    tex: String.raw`b = ${floorFraction('n', 'B')} = ${floorFraction('{{0}}', '{{1}}')} = {{2}}`,
    speech: '{{0}} divided by {{1}}, rounded down, is {{2}} batches per epoch',
  },
  'batches-per-epoch/sharded-ceil': {
    quantity: 'batches-per-epoch',
    label: 'Batches per epoch on each device (accelerate shards whole batches; the last is kept)',
    tex: String.raw`b = ${ceilFraction('N', 'B \\times P')} = ${ceilFraction('{{0}}', '{{1}} \\times {{2}}')} = {{3}}`,
    speech: '{{0}} divided by ({{1}} times {{2}}), rounded up, is {{3}} batches per epoch on each device',
  },
  'batches-per-epoch/sharded-floor': {
    quantity: 'batches-per-epoch',
    label: 'Batches per epoch on each device (accelerate shards whole batches; the last is dropped)',
    tex: String.raw`b = ${floorFraction('N', 'B \\times P')} = ${floorFraction('{{0}}', '{{1}} \\times {{2}}')} = {{3}}`,
    speech: '{{0}} divided by ({{1}} times {{2}}), rounded down, is {{3}} batches per epoch on each device',
  },
  'total-batches/product': {
    quantity: 'total-batches',
    label: 'Batches in all',
    tex: String.raw`b \times E = {{0}} \times {{1}} = {{2}}`,
    speech: '{{0}} batches per epoch times {{1}} epochs is {{2}} batches',
  },
  'optimizer-steps-per-epoch/ceil': {
    quantity: 'optimizer-steps-per-epoch',
    label: 'Optimizer steps per epoch (a short accumulation window at the end of the epoch still steps)',
    tex: String.raw`s = ${ceilFraction('b', 'G')} = ${ceilFraction('{{0}}', '{{1}}')} = {{2}}`,
    speech:
      '{{0}} batches divided by {{1}} accumulation steps, rounded up, is {{2}} optimizer steps per epoch',
  },
  'total-optimizer-steps/product': {
    quantity: 'total-optimizer-steps',
    label: 'Optimizer steps in all',
    tex: String.raw`s \times E = {{0}} \times {{1}} = {{2}}`,
    speech: '{{0}} optimizer steps per epoch times {{1}} epochs is {{2}} optimizer steps',
  },
  'total-optimizer-steps/across-epochs': {
    quantity: 'total-optimizer-steps',
    label: 'Optimizer steps in all (leftover batches roll into the next epoch)',
    tex: String.raw`\left\lfloor \dfrac{b \times E}{G} \right\rfloor = \left\lfloor \dfrac{{{0}} \times {{1}}}{{{2}}} \right\rfloor = {{3}}`,
    speech:
      '{{0}} batches per epoch times {{1}} epochs, divided by {{2}}, rounded down, is {{3}} optimizer steps',
  },
  'total-optimizer-steps/full-batches-across-epochs': {
    quantity: 'total-optimizer-steps',
    label:
      'Optimizer steps in all (fastai counts images across epochs; the short last batch never closes a window)',
    tex: String.raw`\left\lfloor \dfrac{(b - 1) \times E}{G} \right\rfloor = \left\lfloor \dfrac{({{0}} - 1) \times {{1}}}{{{2}}} \right\rfloor = {{3}}`,
    speech:
      '({{0}} minus 1) full batches per epoch times {{1}} epochs, divided by {{2}}, rounded down, is {{3}} optimizer steps',
  },
  'total-optimizer-steps/image-windows': {
    quantity: 'total-optimizer-steps',
    label: 'Optimizer steps in all (fastai counts images across epochs, batch by batch, up to n_acc = G × B)',
    tex: String.raw`n_{\text{acc}} = {{0}} \times {{1}};\; E = {{4}} \text{ epochs of } {{2}} \times {{1}} + {{3}} \text{ images} \;\Rightarrow\; {{5}}`,
    speech:
      'windows of {{0}} times {{1}} images, over {{4}} epochs of {{2}} full batches and one of {{3}} images, counted batch by batch, give {{5}} optimizer steps',
  },
  'effective-batch-size/product': {
    quantity: 'effective-batch-size',
    label: 'Effective (global) batch size',
    tex: String.raw`B \times P \times G = {{0}} \times {{1}} \times {{2}} = {{3}}`,
    speech:
      '{{0}} images per batch times {{1}} devices times {{2}} accumulation steps is {{3}} images per optimizer step',
  },
} as const satisfies Record<string, DerivationTemplate>;

export type DerivationTemplateId = keyof typeof DERIVATION_TEMPLATES;

/**
 * A line's form as the browser receives it: its label and its KaTeX HTML, each number one text
 * node in a `[data-slot]` span (typeset at build time: src/render/derivation-forms.ts).
 */
export interface DerivationForm {
  label: string;
  html: string;
}

/** Where the build writes every template's form, relative to the site's base path. */
export const DERIVATION_FORMS_FILE = 'derivation-forms.json';

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
  template: DerivationTemplate,
  values: readonly number[],
): DerivationStep {
  const copied = [...values];
  return {
    quantity: template.quantity,
    template: id,
    label: template.label,
    // Filled when read: pages typeset it at build time, while the browser, on every slider
    // step, only needs the values and the words.
    get tex() {
      return fillSlots(template.tex, copied, texCount);
    },
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
  return stepFromTemplate(id, DERIVATION_TEMPLATES[id], values);
}

/** The whole derivation in words, as a screen reader hears it: "Batches per epoch (…): 48,000 divided by 64, rounded up, is 750 batches per epoch. …" */
export function derivationSpeech(steps: readonly DerivationStep[]): string {
  return steps.map((step) => `${step.label}: ${step.speech}.`).join(' ');
}
