/**
 * The inputs: their ranges and defaults, what each framework supports, and the parsing
 * of text from form fields and URL parameters into validated numbers.
 */
import { countWithNoun, formatCount } from './format';
import {
  FRAMEWORKS,
  LAST_BATCH_POLICIES,
  type Field,
  type Framework,
  type InputError,
  type LastBatchPolicy,
  type NumericField,
  type Result,
  type TrainingInputs,
} from './types';

export interface FieldSpec {
  field: NumericField;
  /** The URL parameter. */
  param: string;
  /** The accessible name of its number input. */
  label: string;
  min: number;
  max: number;
  default: number;
  /** Whole numbers only. */
  integer: boolean;
  /** What units are called, for value texts ("64 images per batch"). */
  unit: string;
  /** What one unit is called ("1 image per batch"). */
  unitOne: string;
}

export const FIELD_SPECS: Readonly<Record<NumericField, FieldSpec>> = {
  images: {
    field: 'images',
    param: 'images',
    label: 'Images',
    min: 1,
    max: 1_000_000_000,
    default: 48_000,
    integer: true,
    unit: 'images',
    unitOne: 'image',
  },
  batchSize: {
    field: 'batchSize',
    param: 'batch',
    label: 'Batch size',
    min: 1,
    max: 1_000_000,
    default: 64,
    integer: true,
    unit: 'images per batch',
    unitOne: 'image per batch',
  },
  epochs: {
    field: 'epochs',
    param: 'epochs',
    label: 'Epochs',
    min: 1,
    max: 100_000,
    default: 120,
    integer: true,
    unit: 'epochs',
    unitOne: 'epoch',
  },
  devices: {
    field: 'devices',
    param: 'devices',
    label: 'Devices',
    min: 1,
    max: 4_096,
    default: 1,
    integer: true,
    unit: 'devices',
    unitOne: 'device',
  },
  accumulationSteps: {
    field: 'accumulationSteps',
    param: 'accum',
    label: 'Gradient accumulation steps',
    min: 1,
    max: 1_024,
    default: 1,
    integer: true,
    unit: 'batches per optimizer step',
    unitOne: 'batch per optimizer step',
  },
  validationPercent: {
    field: 'validationPercent',
    param: 'val',
    label: 'Validation share (%)',
    min: 0,
    max: 90,
    default: 0,
    integer: false,
    unit: 'percent',
    unitOne: 'percent',
  },
};

export const NUMERIC_FIELDS = Object.keys(FIELD_SPECS) as NumericField[];

/** A field's value as a screen reader says it: "1 image", "48,000 images", "12.5 percent". */
export function fieldValueText(field: NumericField, value: number): string {
  const spec = FIELD_SPECS[field];
  return countWithNoun(value, spec.unitOne, spec.unit);
}

/** How each framework's users split off validation images (docs/frameworks.md, “Validation splits”). */
export type SplitRule = 'keras' | 'fastai' | 'random-split' | 'train-test-split';
/**
 * Who spreads the images over several devices (docs/frameworks.md): DistributedSampler (pads,
 * deals indices round-robin), accelerate (deals whole batches), Keras (one global batch of B × P
 * per step, cut into per-device pieces), fastai's DistributedDL (pads, gives each device a
 * contiguous slice).
 */
export type DeviceSharding = 'distributed-sampler' | 'accelerate' | 'global-batch' | 'fastai';
/**
 * How gradient accumulation is counted: the window restarts each epoch (`per-epoch`), runs on
 * across epochs counting batches (`across-epochs`: DeepSpeed, Keras), or runs on across epochs
 * counting images (`images-across-epochs`: fastai's GradientAccumulation).
 */
export type AccumulationRule = 'per-epoch' | 'across-epochs' | 'images-across-epochs';

export interface FrameworkInfo {
  id: Framework;
  label: string;
  /** The release whose behaviour the counts follow (they can differ on older ones). */
  follows: string;
  defaultLastBatch: LastBatchPolicy;
  /** Empty when the reader may choose Drop; otherwise why not. */
  dropUnavailable: string;
  /** Empty when several devices are modelled; otherwise why not. */
  devicesUnavailable: string;
  /** Empty when gradient accumulation is modelled; otherwise why not. */
  accumulationUnavailable: string;
  split: SplitRule;
  sharding: DeviceSharding;
  accumulation: AccumulationRule;
}

export const FRAMEWORK_INFO: Readonly<Record<Framework, FrameworkInfo>> = {
  pytorch: {
    id: 'pytorch',
    label: 'PyTorch',
    follows: 'torch 2.13',
    defaultLastBatch: 'keep',
    dropUnavailable: '',
    devicesUnavailable: '',
    accumulationUnavailable: '',
    split: 'random-split',
    sharding: 'distributed-sampler',
    accumulation: 'per-epoch',
  },
  keras: {
    id: 'keras',
    label: 'Keras',
    follows: 'Keras 3.15',
    defaultLastBatch: 'keep',
    dropUnavailable: 'Keras cannot drop the last batch of an array: fit() always trains on it.',
    devicesUnavailable: '',
    accumulationUnavailable: '',
    split: 'keras',
    sharding: 'global-batch',
    accumulation: 'across-epochs',
  },
  'hf-trainer': {
    id: 'hf-trainer',
    label: 'Hugging Face Trainer',
    follows: 'Transformers 4.52 or later (checked on 5.18), accelerate 1.15',
    defaultLastBatch: 'keep',
    dropUnavailable: '',
    devicesUnavailable: '',
    accumulationUnavailable: '',
    split: 'train-test-split',
    sharding: 'accelerate',
    accumulation: 'per-epoch',
  },
  lightning: {
    id: 'lightning',
    label: 'Lightning',
    follows: 'Lightning 2.6',
    defaultLastBatch: 'keep',
    dropUnavailable: '',
    devicesUnavailable: '',
    accumulationUnavailable: '',
    split: 'random-split',
    sharding: 'distributed-sampler',
    accumulation: 'per-epoch',
  },
  fastai: {
    id: 'fastai',
    label: 'fastai',
    follows: 'fastai 2, from its source',
    defaultLastBatch: 'drop',
    dropUnavailable: '',
    devicesUnavailable: '',
    accumulationUnavailable: '',
    split: 'fastai',
    sharding: 'fastai',
    accumulation: 'images-across-epochs',
  },
  deepspeed: {
    id: 'deepspeed',
    label: 'DeepSpeed',
    follows: 'DeepSpeed 0.19, from its source',
    defaultLastBatch: 'keep',
    dropUnavailable: '',
    devicesUnavailable: '',
    accumulationUnavailable: '',
    split: 'random-split',
    sharding: 'distributed-sampler',
    accumulation: 'across-epochs',
  },
};

export function defaultInputs(framework: Framework = 'pytorch'): TrainingInputs {
  return {
    images: FIELD_SPECS.images.default,
    batchSize: FIELD_SPECS.batchSize.default,
    epochs: FIELD_SPECS.epochs.default,
    lastBatch: FRAMEWORK_INFO[framework].defaultLastBatch,
    devices: FIELD_SPECS.devices.default,
    accumulationSteps: FIELD_SPECS.accumulationSteps.default,
    validationPercent: FIELD_SPECS.validationPercent.default,
    framework,
  };
}

/** The worked case: 48,000 images, batches of 64, 120 epochs, PyTorch on one device. */
export const DEFAULT_INPUTS: Readonly<TrainingInputs> = Object.freeze(defaultInputs());

// Plain decimals with an optional exponent ("64", " 6.4e1 ", "64.0", ".5"), or whole
// numbers grouped by commas ("48,000"). Signs other than "+" are refused by the range check.
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/;

function quote(text: string): string {
  const short = text.length > 24 ? `${text.slice(0, 24)}…` : text;
  return `“${short}”`;
}

function rangeText(spec: FieldSpec): string {
  return `${spec.integer ? 'a whole number' : 'a number'} from ${formatCount(spec.min)} to ${formatCount(spec.max)}`;
}

function fieldError(spec: FieldSpec, given: string, problem: string): InputError {
  return { field: spec.field, given, message: `${spec.label} must be ${rangeText(spec)}${problem}.` };
}

/** Checks a number against a field's range and kind. */
export function checkNumber(field: NumericField, value: number, given = String(value)): Result<number> {
  const spec = FIELD_SPECS[field];
  if (!Number.isFinite(value))
    return { ok: false, errors: [fieldError(spec, given, `; ${quote(given)} is not`)] };
  if (spec.integer && !Number.isInteger(value)) {
    return { ok: false, errors: [fieldError(spec, given, `; ${quote(given)} has a fractional part`)] };
  }
  if (value < spec.min || value > spec.max) {
    return { ok: false, errors: [fieldError(spec, given, `; ${quote(given)} is out of range`)] };
  }
  // -0 would print as "0" but is not a count anyone typed.
  return { ok: true, value: value === 0 ? 0 : value };
}

/** Reads a field's value from text typed by a reader or carried by a URL. */
export function parseField(field: NumericField, text: string): Result<number> {
  const spec = FIELD_SPECS[field];
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, errors: [fieldError(spec, text, '; the field is empty')] };
  let normalised: string | undefined;
  if (DECIMAL.test(trimmed)) normalised = trimmed;
  else if (GROUPED.test(trimmed)) normalised = trimmed.replaceAll(',', '');
  if (normalised === undefined) {
    return { ok: false, errors: [fieldError(spec, text, `; ${quote(trimmed)} is not a number`)] };
  }
  return checkNumber(field, Number(normalised), trimmed);
}

export function isFramework(value: string): value is Framework {
  return (FRAMEWORKS as readonly string[]).includes(value);
}

export function isLastBatchPolicy(value: string): value is LastBatchPolicy {
  return (LAST_BATCH_POLICIES as readonly string[]).includes(value);
}

function choiceError(field: Field, given: string, allowed: readonly string[], label: string): InputError {
  return {
    field,
    given,
    message: `${label} must be one of ${allowed.join(', ')}; ${quote(given)} is not.`,
  };
}

/** Checks inputs that arrive as numbers (from the widgets' state or from code). */
export function validateInputs(inputs: TrainingInputs): Result<TrainingInputs> {
  const errors: InputError[] = [];
  for (const field of NUMERIC_FIELDS) {
    const checked = checkNumber(field, inputs[field]);
    if (!checked.ok) errors.push(...checked.errors);
  }
  if (!isFramework(String(inputs.framework))) {
    errors.push(choiceError('framework', String(inputs.framework), FRAMEWORKS, 'Framework'));
  }
  if (!isLastBatchPolicy(String(inputs.lastBatch))) {
    errors.push(
      choiceError('lastBatch', String(inputs.lastBatch), LAST_BATCH_POLICIES, 'Last partial batch'),
    );
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: { ...inputs } };
}

/** Anything with `get(name)`: URLSearchParams, or a plain lookup in tests. */
export interface ParamSource {
  get(name: string): string | null;
}

export const LAST_BATCH_PARAM = 'last';
export const FRAMEWORK_PARAM = 'framework';

/** The last-batch policy a link means when it does not say (or says nonsense): the page's own,
 * unless the link chose another framework, which then starts from its own default (fastai drops). */
function impliedLastBatch(framework: Framework, base: TrainingInputs): LastBatchPolicy {
  return framework === base.framework ? base.lastBatch : FRAMEWORK_INFO[framework].defaultLastBatch;
}

/**
 * Reads the state from URL parameters over `base` (the page's starting inputs, the worked
 * case by default). A missing parameter keeps the base's value; an invalid one does too (the
 * last batch: the chosen framework's default, when the link chose another framework) and
 * yields a notice naming it and why. Valid parameters are always read, whatever else is wrong.
 */
export function inputsFromParams(
  params: ParamSource,
  base: Readonly<TrainingInputs> = DEFAULT_INPUTS,
): { inputs: TrainingInputs; notices: InputError[] } {
  const notices: InputError[] = [];
  const frameworkText = params.get(FRAMEWORK_PARAM);
  let framework: Framework = base.framework;
  if (frameworkText !== null) {
    if (isFramework(frameworkText.trim())) framework = frameworkText.trim() as Framework;
    else notices.push(choiceError('framework', frameworkText, FRAMEWORKS, 'The framework parameter'));
  }
  const inputs: TrainingInputs = { ...base, framework, lastBatch: impliedLastBatch(framework, base) };
  for (const field of NUMERIC_FIELDS) {
    const text = params.get(FIELD_SPECS[field].param);
    if (text === null) continue;
    const parsed = parseField(field, text);
    if (parsed.ok) inputs[field] = parsed.value;
    else notices.push(...parsed.errors);
  }
  const lastText = params.get(LAST_BATCH_PARAM);
  if (lastText !== null) {
    if (isLastBatchPolicy(lastText.trim())) inputs.lastBatch = lastText.trim() as LastBatchPolicy;
    else notices.push(choiceError('lastBatch', lastText, LAST_BATCH_POLICIES, 'The last parameter'));
  }
  return { inputs, notices };
}

/**
 * Writes the state as URL parameters: images, batch and epochs always (a shared link keeps
 * its meaning if defaults change), the rest where they differ from the global defaults or
 * from `base`, the page's starting inputs. Read back over the same base, a link gives exactly
 * these inputs: `inputsFromParams(inputsToParams(x, base), base).inputs` equals x.
 */
export function inputsToParams(
  inputs: TrainingInputs,
  base: Readonly<TrainingInputs> = DEFAULT_INPUTS,
): URLSearchParams {
  const params = new URLSearchParams();
  params.set(FIELD_SPECS.images.param, String(inputs.images));
  params.set(FIELD_SPECS.batchSize.param, String(inputs.batchSize));
  params.set(FIELD_SPECS.epochs.param, String(inputs.epochs));
  if (
    inputs.lastBatch !== FRAMEWORK_INFO[inputs.framework].defaultLastBatch ||
    inputs.lastBatch !== impliedLastBatch(inputs.framework, base)
  ) {
    params.set(LAST_BATCH_PARAM, inputs.lastBatch);
  }
  for (const field of ['devices', 'accumulationSteps', 'validationPercent'] as const) {
    if (inputs[field] !== FIELD_SPECS[field].default || inputs[field] !== base[field])
      params.set(FIELD_SPECS[field].param, String(inputs[field]));
  }
  if (inputs.framework !== DEFAULT_INPUTS.framework || inputs.framework !== base.framework) {
    params.set(FRAMEWORK_PARAM, inputs.framework);
  }
  return params;
}

/**
 * Why `framework` cannot take `field` as the reader sets it (Keras cannot drop the last batch
 * of an array), or '' when it can: the one reading of FRAMEWORK_INFO's reasons, for the
 * calculator's disabled controls and every other place that says what a framework lacks.
 */
export function frameworkLimit(framework: Framework, field: Field): string {
  const info = FRAMEWORK_INFO[framework];
  if (field === 'devices') return info.devicesUnavailable;
  if (field === 'accumulationSteps') return info.accumulationUnavailable;
  if (field === 'lastBatch') return info.dropUnavailable;
  return '';
}

/** A field's range in words, for its hint: "Whole number, 1 to 1,000,000." */
export function fieldRangeText(field: NumericField): string {
  const spec = FIELD_SPECS[field];
  return `${spec.integer ? 'Whole number' : 'Number'}, ${formatCount(spec.min)} to ${formatCount(spec.max)}.`;
}
