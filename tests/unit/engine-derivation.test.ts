/**
 * The derivation templates: every one is reachable, every use fills exactly its slots, and
 * every line's arithmetic is right (a reader sees these numbers as a calculation).
 */
import { describe, expect, test } from 'vitest';
import {
  derivationTex,
  DERIVATION_TEMPLATES,
  FRAMEWORKS,
  derivationSpeech,
  derivationStep,
  fillSlots,
  slotCount,
  type DerivationStep,
  type DerivationTemplateId,
  type TrainingInputs,
} from '../../src/lib';
import { inputsFor, planFor } from '../support/plans';

/** A grid of inputs designed to reach every template: splits, 1 and 2 devices, keep and drop, GA 1 and 3/4. */
const GRID: TrainingInputs[] = FRAMEWORKS.flatMap((framework) =>
  [0, 20].flatMap((validationPercent) =>
    [1, 2].flatMap((devices) =>
      [1, 3, 4].flatMap((accumulationSteps) =>
        (['keep', 'drop'] as const).map((lastBatch) =>
          inputsFor(framework, {
            images: 3_662,
            batchSize: 16,
            epochs: 20,
            validationPercent,
            devices,
            accumulationSteps,
            lastBatch,
          }),
        ),
      ),
    ),
  ),
);

// fastai with fewer full batches per epoch than the accumulation window, and a short last batch:
// its image-counting windows are walked batch by batch.
GRID.push(
  inputsFor('fastai', { images: 100, batchSize: 64, epochs: 7, accumulationSteps: 3, lastBatch: 'keep' }),
);

const STEPS: { inputs: TrainingInputs; step: DerivationStep }[] = GRID.flatMap((inputs) =>
  planFor(inputs).derivation.map((step) => ({ inputs, step })),
);

const TEMPLATE_IDS = Object.keys(DERIVATION_TEMPLATES) as DerivationTemplateId[];

describe('DERIVATION_TEMPLATES', () => {
  test('the grid reaches every template', () => {
    const reached = new Set(STEPS.map(({ step }) => step.template));
    expect([...reached].sort()).toEqual([...TEMPLATE_IDS].sort());
  });

  test.each(TEMPLATE_IDS)('%s: tex and speech have the same slots, 0 … k−1', (id) => {
    const template = DERIVATION_TEMPLATES[id];
    const count = slotCount(template.tex);
    expect(count).toBeGreaterThanOrEqual(2);
    expect(slotCount(template.speech)).toBe(count);
    const slots = [...template.tex.matchAll(/\{\{(\d+)\}\}/g)].map((match) => Number(match[1]));
    expect(new Set(slots)).toEqual(new Set(Array.from({ length: count }, (_, i) => i)));
  });

  test.each(TEMPLATE_IDS)('%s: every use passes exactly one value per slot', (id) => {
    const uses = STEPS.filter(({ step }) => step.template === id);
    expect(uses.length).toBeGreaterThan(0);
    const template = DERIVATION_TEMPLATES[id];
    for (const { step } of uses) {
      expect(step.values).toHaveLength(slotCount(template.tex));
      expect(step.quantity).toBe(template.quantity);
      expect(step.label).toBe(template.label);
      expect(derivationTex(step)).not.toMatch(/\{\{\d+\}\}|undefined|NaN/);
      expect(step.speech).not.toMatch(/\{\{\d+\}\}|undefined|NaN/);
    }
  });
});

/** What each line claims, as arithmetic on its own values (the last value is the result). */
const ARITHMETIC: Record<DerivationTemplateId, (values: number[]) => number | undefined> = {
  'training-images/keras': ([n = 0, pct = 0]) => Math.floor(n * (1.0 - Number(`${pct}e-2`))),
  'training-images/fastai': ([n = 0, pct = 0, n2 = 0]) => n - Math.trunc(Number(`${pct}e-2`) * n2),
  'training-images/random-split': ([n = 0, pct = 0, r = 0]) => Math.floor(n * (1 - Number(`${pct}e-2`))) + r,
  'training-images/train-test-split': ([n = 0, pct = 0, n2 = 0]) => n - Math.ceil(Number(`${pct}e-2`) * n2),
  'images-per-device/padded': ([n = 0, p = 1]) => Math.ceil(n / p),
  'images-per-device/fastai-padded': ([n = 0, p = 1]) => Math.ceil(n / p),
  'batches-per-epoch/ceil': ([n = 0, b = 1]) => Math.ceil(n / b),
  'batches-per-epoch/floor': ([n = 0, b = 1]) => Math.floor(n / b),
  'batches-per-epoch/per-device-ceil': ([n = 0, b = 1]) => Math.ceil(n / b),
  'batches-per-epoch/per-device-floor': ([n = 0, b = 1]) => Math.floor(n / b),
  'batches-per-epoch/sharded-ceil': ([n = 0, b = 1, p = 1]) => Math.ceil(n / (b * p)),
  'batches-per-epoch/sharded-floor': ([n = 0, b = 1, p = 1]) => Math.floor(n / (b * p)),
  'batches-per-epoch/global-batch': ([n = 0, b = 1, p = 1]) => Math.ceil(n / (b * p)),
  'total-batches/product': ([b = 0, e = 0]) => b * e,
  'optimizer-steps-per-epoch/ceil': ([b = 0, g = 1]) => Math.ceil(b / g),
  'total-optimizer-steps/product': ([s = 0, e = 0]) => s * e,
  'total-optimizer-steps/across-epochs': ([b = 0, e = 0, g = 1]) => Math.floor((b * e) / g),
  'total-optimizer-steps/full-batches-across-epochs': ([b = 0, e = 0, g = 1]) =>
    Math.floor(((b - 1) * e) / g),
  'total-optimizer-steps/image-windows': ([g = 1, size = 1, full = 0, last = 0, e = 0]) => {
    // fastai's GradientAccumulation, batch by batch: add the batch's images, step at n_acc, reset to 0.
    let count = 0;
    let steps = 0;
    for (let epoch = 0; epoch < e; epoch += 1) {
      for (const images of [...Array<number>(full).fill(size), last]) {
        count += images;
        if (count >= g * size) {
          steps += 1;
          count = 0;
        }
      }
    }
    return steps;
  },
  'effective-batch-size/product': ([b = 0, p = 0, g = 0]) => b * p * g,
};

describe('each line’s arithmetic holds', () => {
  test.each(TEMPLATE_IDS)('%s', (id) => {
    for (const { inputs, step } of STEPS.filter(({ step: s }) => s.template === id)) {
      expect(ARITHMETIC[id](step.values), `${JSON.stringify(inputs)} ${derivationTex(step)}`).toBe(
        step.value,
      );
    }
  });

  test('a line’s number refers to the line before: b is computed from the training images', () => {
    const plan = planFor(inputsFor('keras', { images: 35_126, batchSize: 32, validationPercent: 20 }));
    const [training, batches] = plan.derivation;
    expect(training?.value).toBe(28_100);
    expect(batches?.values[0]).toBe(28_100);
  });
});

describe('fillSlots, slotCount, derivationStep', () => {
  test('fillSlots replaces every slot, repeated ones too, with the slot index passed', () => {
    expect(fillSlots('{{0}} + {{1}} = {{2}}; {{0}}', [1, 2, 3], (v, i) => `${v}@${i}`)).toBe(
      '1@0 + 2@1 = 3@2; 1@0',
    );
    expect(fillSlots('no slots', [], String)).toBe('no slots');
    // TeX braces around a slot stay: \frac{{{0}}}{{{1}}}.
    expect(fillSlots(String.raw`\frac{{{0}}}{{{1}}}`, [6, 3], String)).toBe(String.raw`\frac{6}{3}`);
  });

  test('fillSlots throws on a slot without a value (a programming error, not input)', () => {
    expect(() => fillSlots('{{0}} {{1}}', [1], String)).toThrow(/slot 1/);
  });

  test('slotCount counts distinct slots', () => {
    expect(slotCount('{{0}} {{1}} {{0}}')).toBe(2);
    expect(slotCount('{x}')).toBe(0);
    expect(slotCount(String.raw`\frac{{{0}}}{{{1}}}`)).toBe(2);
  });

  test('derivationStep: TeX digits grouped with {,}, speech with commas, the last value is the result', () => {
    const step = derivationStep('batches-per-epoch/ceil', [48_000, 64, 750]);
    expect(step).toEqual({
      quantity: 'batches-per-epoch',
      template: 'batches-per-epoch/ceil',
      label: DERIVATION_TEMPLATES['batches-per-epoch/ceil'].label,
      values: [48_000, 64, 750],
      value: 750,
      speech: '48,000 divided by 64, rounded up, is 750 batches per epoch',
    });
    // The TeX is the server's (derivation-tex.ts), kept out of the step the browser computes.
    expect(derivationTex(step)).toBe(
      String.raw`b = \left\lceil \dfrac{N}{B} \right\rceil = \left\lceil \dfrac{48{,}000}{64} \right\rceil = 750`,
    );
  });

  test('derivationStep copies its values', () => {
    const values = [750, 120, 4, 22_500];
    const step = derivationStep('total-optimizer-steps/across-epochs', values);
    values[0] = 0;
    expect(step.values).toEqual([750, 120, 4, 22_500]);
    expect(derivationTex(step)).toContain(String.raw`\dfrac{750 \times 120}{4}`);
    expect(derivationTex(step)).toContain('22{,}500');
  });

  test('the default case reads ⌈48,000 / 64⌉ = 750, then 750 × 120 = 90,000', () => {
    const plan = planFor(inputsFor('pytorch', {}));
    expect(plan.derivation.map((step) => step.speech)).toEqual([
      '48,000 divided by 64, rounded up, is 750 batches per epoch',
      '750 batches per epoch times 120 epochs is 90,000 batches',
    ]);
  });
});

test('derivationSpeech reads every line in order, label first, one sentence each', () => {
  const plan = planFor(inputsFor('pytorch', {}));
  expect(derivationSpeech(plan.derivation)).toBe(
    'Batches per epoch (the last partial batch is kept): 48,000 divided by 64, rounded up, is 750 batches per epoch. ' +
      'Batches in all: 750 batches per epoch times 120 epochs is 90,000 batches.',
  );
  expect(derivationSpeech([])).toBe('');
});
