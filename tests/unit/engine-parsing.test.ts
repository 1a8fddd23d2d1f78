/**
 * Parsing, URL state, validation and formatting: bad input is refused with a reason naming
 * the field and its range, never thrown, never NaN.
 */
import { describe, expect, test } from 'vitest';
import {
  DEFAULT_INPUTS,
  FRAMEWORKS,
  countsAtEpoch,
  NUMERIC_FIELDS,
  computeTraining,
  defaultInputs,
  formatCount,
  inputsFromParams,
  inputsToParams,
  parseField,
  texCount,
  validateInputs,
  type NumericField,
  type TrainingInputs,
} from '../../src/lib';
import { NUMERIC_PLAN_FIELDS, inputsFor, planFor } from '../support/plans';

/**
 * Each field as the README and the page promise it, written out here rather than read from
 * FIELD_SPECS: a change to a range or a parameter name must show up as a failing test.
 */
const FIELDS: Record<
  NumericField,
  { param: string; label: string; min: number; max: number; integer: boolean; range: string }
> = {
  images: {
    param: 'images',
    label: 'Images',
    min: 1,
    max: 1_000_000_000,
    integer: true,
    range: 'a whole number from 1 to 1,000,000,000',
  },
  batchSize: {
    param: 'batch',
    label: 'Batch size',
    min: 1,
    max: 1_000_000,
    integer: true,
    range: 'a whole number from 1 to 1,000,000',
  },
  epochs: {
    param: 'epochs',
    label: 'Epochs',
    min: 1,
    max: 100_000,
    integer: true,
    range: 'a whole number from 1 to 100,000',
  },
  devices: {
    param: 'devices',
    label: 'Devices',
    min: 1,
    max: 4_096,
    integer: true,
    range: 'a whole number from 1 to 4,096',
  },
  accumulationSteps: {
    param: 'accum',
    label: 'Gradient accumulation steps',
    min: 1,
    max: 1_024,
    integer: true,
    range: 'a whole number from 1 to 1,024',
  },
  validationPercent: {
    param: 'val',
    label: 'Validation share (%)',
    min: 0,
    max: 90,
    integer: false,
    range: 'a number from 0 to 90',
  },
};

function rangeOf(field: NumericField): string {
  return `${FIELDS[field].label} must be ${FIELDS[field].range}`;
}

test('the fields are the documented ones', () => {
  expect([...NUMERIC_FIELDS].sort()).toEqual(Object.keys(FIELDS).sort());
});

describe('parseField', () => {
  test.each([
    { text: ' 64 ', value: 64 },
    { text: '6.4e1', value: 64 },
    { text: '64.0', value: 64 },
    { text: '48,000', value: 48_000 },
    { text: '+64', value: 64 },
    { text: '1,000,000', value: 1_000_000 },
  ])('batch size "$text" → $value', ({ text, value }) => {
    expect(parseField('batchSize', text)).toEqual({ ok: true, value });
  });

  test.each([
    '64.5',
    'abc',
    '',
    '   ',
    '-3',
    '0',
    '1e400',
    '0x40',
    'Infinity',
    'NaN',
    '1,00',
    '6 4',
    '1,000,001',
  ])('batch size %j is refused, naming the field and its range', (text) => {
    const result = parseField('batchSize', text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    const [error] = result.errors;
    expect(error?.field).toBe('batchSize');
    expect(error?.message).toContain('Batch size');
    expect(error?.message).toContain('whole number from 1 to 1,000,000');
  });

  test.each(NUMERIC_FIELDS)('%s: every kind of bad text names the label and range', (field) => {
    const spec = FIELDS[field];
    const bad = [
      'abc',
      '',
      '1e400',
      '0x40',
      'Infinity',
      'NaN',
      '1,00',
      '6 4',
      String(spec.max + 1),
      String(spec.min - 1),
    ];
    if (spec.integer) bad.push(String(spec.min + 0.5));
    for (const text of bad) {
      const result = parseField(field, text);
      expect(result.ok, `${field} ${JSON.stringify(text)}`).toBe(false);
      if (result.ok) continue;
      expect(result.errors[0]?.field).toBe(field);
      expect(result.errors[0]?.message).toContain(rangeOf(field));
    }
  });

  test('the validation share accepts fractions and 0, and refuses more than 90', () => {
    expect(parseField('validationPercent', '12.5')).toEqual({ ok: true, value: 12.5 });
    expect(parseField('validationPercent', '0')).toEqual({ ok: true, value: 0 });
    expect(parseField('validationPercent', '-0')).toEqual({ ok: true, value: 0 });
    expect(Object.is((parseField('validationPercent', '-0') as { value: number }).value, -0)).toBe(false);
    expect(parseField('validationPercent', '90.5').ok).toBe(false);
  });
});

describe('inputsFromParams / inputsToParams', () => {
  test('no parameters: the defaults, no notices', () => {
    expect(inputsFromParams(new URLSearchParams())).toEqual({ inputs: { ...DEFAULT_INPUTS }, notices: [] });
  });

  test('a valid set of parameters is read exactly', () => {
    const params = new URLSearchParams(
      'images=35,126&batch=32&epochs=50&devices=2&accum=4&val=12.5&last=drop&framework=lightning',
    );
    expect(inputsFromParams(params)).toEqual({
      inputs: {
        images: 35_126,
        batchSize: 32,
        epochs: 50,
        devices: 2,
        accumulationSteps: 4,
        validationPercent: 12.5,
        lastBatch: 'drop',
        framework: 'lightning',
      },
      notices: [],
    });
  });

  test.each(
    NUMERIC_FIELDS.flatMap((field) => ['abc', '-1', '1e400', '1.5e9'].map((text) => ({ field, text }))),
  )('invalid $field=$text falls back to the default with a notice naming it', ({ field, text }) => {
    const params = new URLSearchParams({ [FIELDS[field].param]: text });
    const { inputs, notices } = inputsFromParams(params);
    expect(inputs).toEqual(DEFAULT_INPUTS);
    expect(notices).toHaveLength(1);
    expect(notices[0]?.field).toBe(field);
    expect(notices[0]?.message).toContain(rangeOf(field));
    expect(notices[0]?.given).toBe(text);
  });

  test('an unknown framework falls back to PyTorch with a notice; the other parameters still apply', () => {
    const { inputs, notices } = inputsFromParams(new URLSearchParams('framework=caffe&batch=32'));
    expect(inputs).toEqual({ ...DEFAULT_INPUTS, batchSize: 32 });
    expect(notices).toHaveLength(1);
    expect(notices[0]?.field).toBe('framework');
    expect(notices[0]?.message).toContain('caffe');
    for (const framework of FRAMEWORKS) expect(notices[0]?.message).toContain(framework);
  });

  test('an invalid last parameter keeps the framework default with a notice', () => {
    const { inputs, notices } = inputsFromParams(new URLSearchParams('framework=fastai&last=sometimes'));
    expect(inputs).toEqual(defaultInputs('fastai'));
    expect(notices.map((n) => n.field)).toEqual(['lastBatch']);
    expect(notices[0]?.message).toMatch(/keep, drop/);
  });

  test('surrounding spaces are ignored in choices', () => {
    const { inputs, notices } = inputsFromParams(
      new URLSearchParams({ framework: ' keras ', last: ' keep ' }),
    );
    expect(notices).toEqual([]);
    expect(inputs.framework).toBe('keras');
  });

  const HOSTILE = [
    '<img src=x onerror=alert(1)>',
    '"><script>alert(1)</script>',
    '64<b>',
    'javascript:alert(1)',
  ];
  const PARAMS = [...NUMERIC_FIELDS.map((field) => FIELDS[field].param), 'last', 'framework'];
  test.each(PARAMS.flatMap((param) => HOSTILE.map((value) => ({ param, value }))))(
    'HTML in $param ($value) yields a notice and never changes state',
    ({ param, value }) => {
      const { inputs, notices } = inputsFromParams(new URLSearchParams({ [param]: value }));
      expect(inputs).toEqual(DEFAULT_INPUTS);
      expect(notices).toHaveLength(1);
      // The raw text is carried as data, for text nodes only.
      expect(notices[0]?.given).toBe(value);
    },
  );

  test.each<{ name: string; inputs: TrainingInputs }>([
    { name: 'defaults', inputs: { ...DEFAULT_INPUTS } },
    ...FRAMEWORKS.map((framework) => ({ name: `${framework} defaults`, inputs: defaultInputs(framework) })),
    {
      name: 'every field changed',
      inputs: {
        images: 1_000_000_000,
        batchSize: 1,
        epochs: 100_000,
        devices: 4_096,
        accumulationSteps: 1_024,
        validationPercent: 33.3,
        lastBatch: 'drop',
        framework: 'deepspeed',
      },
    },
    { name: 'fastai keeping its last batch', inputs: inputsFor('fastai', { lastBatch: 'keep' }) },
    { name: 'Keras asked to drop (coerced later)', inputs: inputsFor('keras', { lastBatch: 'drop' }) },
    { name: 'a tiny validation share', inputs: inputsFor('pytorch', { validationPercent: 1e-7 }) },
  ])('round trip: $name', ({ inputs }) => {
    const params = inputsToParams(inputs);
    expect(inputsFromParams(params)).toEqual({ inputs, notices: [] });
    // And through the text of a URL.
    expect(inputsFromParams(new URLSearchParams(params.toString())).inputs).toEqual(inputs);
  });

  test('images, batch and epochs are always written; defaults are not', () => {
    expect(inputsToParams(DEFAULT_INPUTS).toString()).toBe('images=48000&batch=64&epochs=120');
  });
});

describe('validateInputs and computeTraining refuse bad numbers without throwing', () => {
  const BAD = NUMERIC_FIELDS.flatMap((field) => {
    const spec = FIELDS[field];
    const values = [
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      spec.min - 1,
      spec.max + 1,
    ];
    if (spec.integer) values.push(spec.min + 0.5, 2.000001);
    return values.map((value) => ({ field, value }));
  });

  test.each(BAD)('$field = $value', ({ field, value }) => {
    for (const framework of FRAMEWORKS) {
      const inputs = { ...defaultInputs(framework), [field]: value };
      const validated = validateInputs(inputs);
      expect(validated.ok).toBe(false);
      let computed: ReturnType<typeof computeTraining> | undefined;
      expect(() => {
        computed = computeTraining(inputs);
      }).not.toThrow();
      expect(computed?.ok).toBe(false);
      if (computed === undefined || computed.ok || validated.ok) continue;
      expect(computed.errors.map((e) => e.field)).toEqual([field]);
      expect(computed.errors[0]?.message).toContain(rangeOf(field));
      // The given value is quoted (“NaN”); nothing else may leak a NaN or undefined.
      const message = computed.errors[0]?.message.replace(/“[^”]*”/g, '') ?? '';
      expect(message).not.toMatch(/NaN|undefined/);
      expect(validated.errors).toEqual(computed.errors);
    }
  });

  test('several bad fields give one error each', () => {
    const result = computeTraining({ ...DEFAULT_INPUTS, images: Number.NaN, epochs: 0.5, devices: 0 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.field)).toEqual(['images', 'epochs', 'devices']);
  });

  test('values of the wrong type (from untyped callers) are refused, not thrown', () => {
    const junk = {
      ...DEFAULT_INPUTS,
      images: '64',
      framework: 'caffe',
      lastBatch: undefined,
    } as unknown as TrainingInputs;
    const result = computeTraining(junk);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.field)).toEqual(['images', 'framework', 'lastBatch']);
  });

  test.each(FRAMEWORKS.filter((f) => f !== 'keras'))(
    '%s: drop with B > images is a run with no batch, not an error',
    (framework) => {
      const plan = planFor(inputsFor(framework, { images: 10, batchSize: 11, lastBatch: 'drop' }));
      expect([plan.batchesPerEpoch, plan.totalBatches, plan.totalOptimizerSteps]).toEqual([0, 0, 0]);
      expect(plan.notes[0]?.text).toContain('a batch size of at most 10.');
      // Keep still trains on one partial batch.
      expect(
        planFor(inputsFor(framework, { images: 10, batchSize: 11, lastBatch: 'keep' })).batchesPerEpoch,
      ).toBe(1);
    },
  );

  test('Keras cannot drop, so B > images is one partial batch, not an error', () => {
    const plan = planFor(inputsFor('keras', { images: 10, batchSize: 11, lastBatch: 'drop' }));
    expect(plan.batchesPerEpoch).toBe(1);
    expect(plan.lastBatchSize).toBe(10);
  });

  test.each([
    { framework: 'keras', images: 1, validationPercent: 50 },
    { framework: 'hf-trainer', images: 1, validationPercent: 1 },
    { framework: 'hf-trainer', images: 9, validationPercent: 90 },
    { framework: 'keras', images: 9, validationPercent: 90 },
  ] as const)(
    '$framework: $validationPercent % of $images leaves no training images → error on validationPercent',
    ({ framework, images, validationPercent }) => {
      const result = computeTraining(inputsFor(framework, { images, validationPercent }));
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors.map((e) => e.field)).toEqual(['validationPercent']);
    },
  );

  test('fastai truncates the validation count, so at 90 % or less some image always trains', () => {
    const plan = planFor(inputsFor('fastai', { images: 1, batchSize: 1, validationPercent: 90 }));
    expect([plan.trainingImages, plan.validationImages]).toEqual([1, 0]);
  });

  test('random_split gives the remainder to training first, so 1 image always trains', () => {
    const plan = planFor(inputsFor('pytorch', { images: 1, validationPercent: 90 }));
    expect([plan.trainingImages, plan.validationImages]).toEqual([1, 0]);
  });

  test.each<{ name: string; overrides: Partial<TrainingInputs> }>([
    { name: 'the largest everything, 1 device', overrides: { images: 1e9, batchSize: 1, epochs: 100_000 } },
    {
      name: 'the largest everything, DistributedSampler',
      overrides: { images: 1e9, batchSize: 1, epochs: 100_000, devices: 4_096, accumulationSteps: 1_024 },
    },
    {
      name: 'accelerate filling huge batches from one image',
      overrides: {
        images: 1,
        batchSize: 1_000_000,
        epochs: 100_000,
        devices: 4_096,
        accumulationSteps: 1_024,
        lastBatch: 'keep',
      },
    },
    { name: 'the smallest everything', overrides: { images: 1, batchSize: 1, epochs: 1 } },
  ])('results are always safe integers: $name', ({ overrides }) => {
    for (const framework of FRAMEWORKS) {
      const plan = planFor(inputsFor(framework, overrides));
      for (const key of NUMERIC_PLAN_FIELDS)
        expect(Number.isSafeInteger(plan[key]), `${framework} ${key}`).toBe(true);
      if (plan.optimizerStepsPerEpoch !== null)
        expect(Number.isSafeInteger(plan.optimizerStepsPerEpoch)).toBe(true);
      for (const epoch of [0, 1, Math.floor(plan.inputs.epochs / 2), plan.inputs.epochs]) {
        const point = countsAtEpoch(plan, epoch);
        expect(Number.isSafeInteger(point.batches) && Number.isSafeInteger(point.optimizerSteps)).toBe(true);
      }
    }
  });
});

describe('notes about tiny data sets', () => {
  test('one partial batch on one device', () => {
    const plan = planFor(inputsFor('pytorch', { images: 10, batchSize: 16 }));
    expect(plan.notes.find((n) => n.id === 'batch-larger-than-data')?.text).toContain(
      'a single, partial batch',
    );
  });

  test('accelerate completes the one batch with repeated images (Trainer batches per process), so it is not partial', () => {
    const plan = planFor(inputsFor('hf-trainer', { images: 10, batchSize: 16, devices: 2 }));
    expect(plan.lastBatchSize).toBe(16);
    expect(plan.imagesRepeatedPerEpoch).toBe(22);
    const text = plan.notes.find((n) => n.id === 'batch-larger-than-data')?.text;
    expect(text).toContain('completed with repeated images');
    expect(text).not.toContain('partial');
  });
});

describe('format', () => {
  test.each([
    { value: 90_000, count: '90,000', tex: '90{,}000' },
    { value: 0, count: '0', tex: '0' },
    { value: 999, count: '999', tex: '999' },
    { value: 1_000, count: '1,000', tex: '1{,}000' },
    { value: 5_760_000, count: '5,760,000', tex: '5{,}760{,}000' },
    { value: 12.5, count: '12.5', tex: '12.5' },
    {
      value: Number.MAX_SAFE_INTEGER,
      count: '9,007,199,254,740,991',
      tex: '9{,}007{,}199{,}254{,}740{,}991',
    },
  ])('$value → "$count", "$tex"', ({ value, count, tex }) => {
    expect(formatCount(value)).toBe(count);
    expect(texCount(value)).toBe(tex);
  });
});
