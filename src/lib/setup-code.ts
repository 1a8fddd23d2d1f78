/**
 * "Code for this setup": for the plan's framework, the few lines that produce its counts, with
 * the engine's numbers as comments, and what a learning-rate scheduler must be given (total and
 * warm-up optimizer steps). Every count comes from the plan; numbers in code are plain integers,
 * numbers in comments are `formatCount`ed. Formulas and versions: docs/frameworks.md
 * (a section per framework, and validation splits).
 */
import { countWithNoun, formatCount } from './format';
import { FRAMEWORK_INFO } from './inputs';
import { floorDiv } from './training';
import type { Framework, TrainingPlan } from './types';

/** The example warm-up share the code uses, in percent of the optimizer steps. */
export const WARMUP_PERCENT = 5;
/** The same share as the fraction a user types (0.05). */
export const WARMUP_FRACTION = WARMUP_PERCENT / 100;

/**
 * Warm-up steps for a share of the total, the way transformers turns `warmup_ratio` into steps
 * (`TrainingArguments.get_warmup_steps`: `math.ceil(num_training_steps * warmup_ratio)`), i.e.
 * rounded UP, with the product taken in IEEE doubles as Python does. Never more than the total;
 * 0 for no steps, a share ≤ 0, or anything not finite.
 */
export function warmupSteps(totalSteps: number, fraction: number): number {
  if (!Number.isFinite(totalSteps) || !Number.isFinite(fraction) || totalSteps <= 0 || fraction <= 0) {
    return 0;
  }
  return Math.min(Math.ceil(totalSteps * fraction), Math.floor(totalSteps));
}

/** The release whose source each framework's counts follow (docs/frameworks.md). */
export const FRAMEWORK_VERSIONS: Readonly<Record<Framework, string>> = {
  pytorch: 'PyTorch 2.13 (torch.utils.data)',
  keras: 'Keras 3.15 (TensorFlow backend for several devices)',
  'hf-trainer': 'transformers 4.57 and 5.18 (steps per epoch rounded up since about 4.52)',
  lightning: 'Lightning 2.6',
  fastai: 'fastai 2 (read from its source)',
  deepspeed: 'DeepSpeed 0.19 (read from its source)',
};

export interface SetupCode {
  framework: Framework;
  /** "PyTorch", "Hugging Face Trainer", … */
  label: string;
  /** The release the counts follow, e.g. "Lightning 2.6". */
  version: string;
  language: 'python' | 'json';
  /** What the code would be saved as: "train.py" or "ds_config.json". */
  filename: string;
  /** The code, lines joined by "\n", no trailing newline. */
  code: string;
  /** The same code, one entry per line. */
  lines: string[];
  /** One plain sentence: batches per epoch, and the scheduler's total and warm-up steps. */
  summary: string;
  /** Sentences that go with the code where it cannot carry comments (JSON); empty for Python. */
  remarks: string[];
  /** The steps a scheduler must be sized in: the plan's optimizer steps (Keras: its batches, which its schedules count). */
  totalSteps: number;
  /** `warmupSteps(totalSteps, WARMUP_FRACTION)`. */
  warmupSteps: number;
  /** Why this run does not train, in plain words; empty when it does. */
  warning: string;
}

/** The facts every framework's code shares, taken from the plan once. */
interface Facts {
  plan: TrainingPlan;
  label: string;
  batch: number;
  epochs: number;
  devices: number;
  accumulation: number;
  drop: boolean;
  perEpoch: number;
  total: number;
  /** What a learning-rate schedule counts: optimizer steps, except Keras's, which counts batches. */
  scheduled: number;
  warmup: number;
  /** The validation share as a user types it (0.2), or '' without a split. */
  share: string;
  warning: string;
}

const COMMENT_WIDTH = 78;

/** Python comment lines for a sentence, wrapped at word boundaries. */
function comment(text: string, indent = ''): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && indent.length + 2 + line.length + 1 + word.length > COMMENT_WIDTH) {
      lines.push(`${indent}# ${line}`);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(`${indent}# ${line}`);
  return lines;
}

/** The share as a Python float literal: 20 % → "0.2" (the double the engine splits with). */
function shareLiteral(validationPercent: number): string {
  return validationPercent > 0 ? String(Number((validationPercent / 100).toPrecision(12))) : '';
}

/** `[0.8, 0.2]` for random_split, written so Python computes 1 − v exactly as the engine does. */
function splitFractions(share: string): string {
  const rest = 1 - Number(share);
  const short = Number(rest.toPrecision(12));
  return `[${short === rest ? String(short) : `1 - ${share}`}, ${share}]`;
}

function pyBool(value: boolean): string {
  return value ? 'True' : 'False';
}

function batchesText(facts: Facts): string {
  const each = facts.devices > 1 ? ` on each of ${formatCount(facts.devices)} devices` : '';
  return `${countWithNoun(facts.perEpoch, 'batch', 'batches')} per epoch${each}`;
}

/** "750 batches per epoch" / "… on each device", for comments. */
function batchesComment(facts: Facts): string {
  const each = facts.devices > 1 ? ' on each device' : '';
  return `${countWithNoun(facts.perEpoch, 'batch', 'batches')} per epoch${each}`;
}

/** "188 optimizer steps per epoch, 22,560 in all", or "90,000 optimizer steps in all". */
function stepsText(facts: Facts): string {
  const perEpoch = facts.plan.optimizerStepsPerEpoch;
  if (facts.accumulation === 1 || perEpoch === null) {
    return `${countWithNoun(facts.total, 'optimizer step')} in all`;
  }
  return `${countWithNoun(perEpoch, 'optimizer step')} per epoch, ${formatCount(facts.total)} in all`;
}

function warmupText(facts: Facts): string {
  return `warm-up: ${countWithNoun(facts.warmup, 'step')}, ${formatCount(WARMUP_PERCENT)} % of ${formatCount(facts.scheduled)} rounded up (an example share)`;
}

/** Why the run trains on nothing, or never steps: the engine's own warning; '' when it trains. */
function warningFor(plan: TrainingPlan): string {
  if (plan.batchesPerEpoch > 0 && plan.totalOptimizerSteps > 0) return '';
  const id = plan.batchesPerEpoch === 0 ? 'no-batches' : 'no-optimizer-step';
  const note = plan.notes.find((item) => item.id === id);
  if (note) return note.text;
  return plan.batchesPerEpoch === 0
    ? 'Every epoch has 0 batches, so this run trains on nothing.'
    : 'The optimizer never steps, so the weights never change.';
}

/** The engine's notes about settings this framework cannot follow, as comment sentences. */
function adjustmentNotes(plan: TrainingPlan): string[] {
  const ids = new Set(['drop-unavailable', 'devices-unavailable', 'accumulation-unavailable']);
  return plan.notes.filter((note) => ids.has(note.id)).map((note) => `Note: ${note.text}`);
}

/** The lines every Python snippet starts with: the version, any warning, any adjustment. */
function header(facts: Facts): string[] {
  const lines = comment(`Counts as in ${FRAMEWORK_VERSIONS[facts.plan.inputs.framework]}.`);
  if (facts.warning) lines.push(...comment(`WARNING: ${facts.warning}`));
  for (const note of adjustmentNotes(facts.plan)) lines.push(...comment(note));
  lines.push('');
  return lines;
}

function splitComment(facts: Facts): string {
  return `${countWithNoun(facts.plan.trainingImages, 'image')} train, ${formatCount(facts.plan.validationImages)} validate`;
}

function pytorchCode(facts: Facts): string[] {
  const { plan, batch, epochs, devices, accumulation, drop, share } = facts;
  const lines = [
    ...header(facts),
    'import torch',
    'from torch.utils.data import DataLoader, DistributedSampler, random_split',
    'from transformers import get_cosine_schedule_with_warmup',
    '',
    ...comment(`dataset holds ${countWithNoun(plan.inputs.images, 'image')}`),
  ];
  let data = 'dataset';
  if (share) {
    lines.push(...comment(`random_split: ${splitComment(facts)}`));
    lines.push(`train_set, val_set = random_split(dataset, ${splitFractions(share)})`);
    data = 'train_set';
  }
  if (devices > 1) {
    const perDevice = plan.derivation.find((step) => step.quantity === 'images-per-device');
    const padded =
      plan.imagesRepeatedPerEpoch > 0
        ? `, padded with ${countWithNoun(plan.imagesRepeatedPerEpoch, 'repeated image')}`
        : '';
    if (perDevice) lines.push(...comment(`${countWithNoun(perDevice.value, 'image')} per device${padded}`));
    lines.push(
      `sampler = DistributedSampler(${data}, num_replicas=${devices}, rank=rank, shuffle=True, drop_last=False)`,
      `loader = DataLoader(${data}, batch_size=${batch}, sampler=sampler, drop_last=${pyBool(drop)})`,
    );
  } else {
    lines.push(`loader = DataLoader(${data}, batch_size=${batch}, shuffle=True, drop_last=${pyBool(drop)})`);
  }
  lines.push(
    ...comment(`len(loader) == ${batchesComment(facts)}`),
    '',
    ...comment(stepsText(facts)),
    ...comment(warmupText(facts)),
    `scheduler = get_cosine_schedule_with_warmup(optimizer, num_warmup_steps=${facts.warmup}, num_training_steps=${facts.total})`,
    '# or in PyTorch alone (it raises an error if stepped more than total_steps times):',
    `# scheduler = OneCycleLR(optimizer, max_lr=1e-3, total_steps=${facts.total}, pct_start=${WARMUP_FRACTION})`,
    '',
    `for epoch in range(${epochs}):`,
  );
  if (devices > 1) lines.push('    sampler.set_epoch(epoch)  # a new shuffle each epoch');
  if (accumulation > 1) {
    lines.push(
      '    for i, (x, y) in enumerate(loader):',
      `        (loss_fn(model(x), y) / ${accumulation}).backward()`,
      ...comment('step every window, and on the short last window of the epoch', '        '),
      `        if (i + 1) % ${accumulation} == 0 or i + 1 == len(loader):`,
      '            optimizer.step()',
      '            scheduler.step()  # once per optimizer step',
      '            optimizer.zero_grad()',
    );
  } else {
    lines.push(
      '    for x, y in loader:',
      '        loss_fn(model(x), y).backward()',
      '        optimizer.step()',
      '        scheduler.step()  # once per batch, not once per epoch',
      '        optimizer.zero_grad()',
    );
  }
  return lines;
}

function hfCode(facts: Facts): string[] {
  const { plan, batch, epochs, devices, accumulation, drop, share } = facts;
  const lines = [...header(facts), 'from transformers import Trainer, TrainingArguments', ''];
  let data = 'dataset';
  if (share) {
    lines.push(
      ...comment(`train_test_split rounds the test rows up: ${splitComment(facts)}`),
      `split = dataset.train_test_split(test_size=${share}, seed=0)`,
    );
    data = 'split["train"]';
  }
  lines.push(
    'args = TrainingArguments(',
    '    output_dir="out",',
    `    per_device_train_batch_size=${batch},`,
    `    gradient_accumulation_steps=${accumulation},`,
    `    num_train_epochs=${epochs},`,
    `    dataloader_drop_last=${pyBool(drop)},`,
    '    lr_scheduler_type="cosine",',
    `    warmup_steps=${facts.warmup},  # what warmup_ratio=${WARMUP_FRACTION} gives: ${formatCount(WARMUP_PERCENT)} % of ${formatCount(facts.total)}, rounded up`,
    ')',
  );
  if (devices > 1)
    lines.push(
      ...comment(`run on ${formatCount(devices)} GPUs: torchrun --nproc_per_node=${devices} train.py`),
    );
  lines.push(
    ...comment(batchesComment(facts)),
    ...comment(`${stepsText(facts)}: the Trainer's max_steps, which sizes its scheduler`),
  );
  if (accumulation > 1 && plan.batchesPerEpoch % accumulation !== 0 && plan.batchesPerEpoch > 0) {
    const legacy = Math.max(floorDiv(plan.batchesPerEpoch, accumulation), 1);
    lines.push(
      ...comment(
        `releases before about 4.52 rounded down: ${countWithNoun(legacy, 'step')} per epoch, ${formatCount(legacy * epochs)} in all`,
      ),
    );
  }
  lines.push(`trainer = Trainer(model=model, args=args, train_dataset=${data})`, 'trainer.train()');
  return lines;
}

function lightningCode(facts: Facts): string[] {
  const { batch, epochs, devices, accumulation, drop, share } = facts;
  const lines = [
    ...header(facts),
    'import lightning as L',
    'import torch',
    'from torch.utils.data import DataLoader, random_split',
    'from transformers import get_cosine_schedule_with_warmup',
    '',
  ];
  let data = 'dataset';
  if (share) {
    lines.push(
      ...comment(`random_split: ${splitComment(facts)}`),
      `train_set, val_set = random_split(dataset, ${splitFractions(share)})`,
    );
    data = 'train_set';
  }
  if (devices > 1) {
    lines.push(
      ...comment('Lightning puts a DistributedSampler (drop_last=False) under this loader on each device'),
    );
  }
  lines.push(
    `train_loader = DataLoader(${data}, batch_size=${batch}, shuffle=True, drop_last=${pyBool(drop)})`,
    `trainer = L.Trainer(max_epochs=${epochs}, accumulate_grad_batches=${accumulation}, devices=${devices})`,
    ...comment(batchesComment(facts)),
    ...comment(stepsText(facts)),
    '',
    '# in your LightningModule:',
    'def configure_optimizers(self):',
    '    optimizer = torch.optim.AdamW(self.parameters(), lr=1e-3)',
    `    total = self.trainer.estimated_stepping_batches  # ${formatCount(facts.total)}`,
    ...comment(warmupText(facts), '    '),
    `    scheduler = get_cosine_schedule_with_warmup(optimizer, num_warmup_steps=${facts.warmup}, num_training_steps=total)`,
    '    # "interval": "step", or Lightning steps the scheduler once per epoch',
    '    return {"optimizer": optimizer, "lr_scheduler": {"scheduler": scheduler, "interval": "step"}}',
    '',
    'trainer.fit(model, train_loader)',
  );
  return lines;
}

function kerasCode(facts: Facts): string[] {
  const { plan, batch, epochs, share, devices, accumulation } = facts;
  const decay = Math.max(facts.scheduled - facts.warmup, 0);
  const global = batch * devices;
  const accumulate = accumulation > 1 ? `, gradient_accumulation_steps=${accumulation}` : '';
  const compile = `model.compile(optimizer=keras.optimizers.AdamW(learning_rate=schedule${accumulate}), loss=loss_fn)`;
  const lines = [...header(facts), 'import keras'];
  if (devices > 1) lines.push('import tensorflow as tf');
  lines.push('', ...comment(stepsText(facts)));
  if (accumulation > 1) {
    lines.push(
      ...comment(
        `the optimizer's step counter counts every batch and is never reset: it steps after each ${accumulation} batches of the run, counted across epochs, and a schedule advances once per batch, ${formatCount(facts.scheduled)} in all`,
      ),
    );
  }
  lines.push(
    ...comment(warmupText(facts)),
    'schedule = keras.optimizers.schedules.CosineDecay(',
    '    initial_learning_rate=0.0,',
    '    warmup_target=1e-3,',
    `    warmup_steps=${facts.warmup},`,
    `    decay_steps=${decay},  # the ${formatCount(decay)} steps after the warm-up`,
    ')',
  );
  if (devices > 1) {
    lines.push(
      `strategy = tf.distribute.MirroredStrategy()  # the ${devices} GPUs of this machine`,
      'with strategy.scope():',
      '    model = build_model()',
      `    ${compile}`,
    );
  } else {
    lines.push(compile);
  }
  if (share) {
    lines.push(
      ...comment(`${countWithNoun(plan.trainingImages, 'row')} train`),
      ...comment(
        `validation_split keeps the last ${countWithNoun(plan.validationImages, 'row')}, taken before shuffling`,
      ),
    );
  }
  if (devices > 1) {
    lines.push(
      ...comment(
        `batch_size is the global batch: ${formatCount(batch)} per device × ${formatCount(devices)} devices = ${formatCount(global)}`,
      ),
    );
  }
  lines.push(
    ...comment(`fit() never drops the last batch: ${countWithNoun(facts.perEpoch, 'step')} per epoch`),
    `model.fit(x, y, batch_size=${global}, epochs=${epochs}${share ? `, validation_split=${share}` : ''}, shuffle=True)`,
  );
  return lines;
}

function fastaiCode(facts: Facts): string[] {
  const { plan, batch, epochs, drop, share, devices, accumulation } = facts;
  const lines = [...header(facts), 'from fastai.vision.all import *'];
  if (devices > 1) lines.push('from fastai.distributed import *');
  lines.push('');
  if (share) {
    lines.push(
      ...comment(`a random split, validation rounded down: ${splitComment(facts)}`),
      `dls = ImageDataLoaders.from_folder(path, valid_pct=${share}, seed=42, bs=${batch}, drop_last=${pyBool(drop)})`,
    );
  } else {
    lines.push(
      ...comment(
        `all ${countWithNoun(plan.trainingImages, 'image')} in train/, validation in a separate valid/ folder`,
      ),
      `dls = ImageDataLoaders.from_folder(path, train="train", valid="valid", bs=${batch}, drop_last=${pyBool(drop)})`,
    );
  }
  lines.push(
    ...comment(`len(dls.train) == ${batchesComment(facts)}`),
    'learn = vision_learner(dls, resnet50, metrics=accuracy)',
    ...comment(stepsText(facts)),
  );
  let cbs = '';
  if (accumulation > 1) {
    lines.push(
      ...comment(
        `GradientAccumulation counts images on each device, not batches: n_acc = ${formatCount(accumulation)} × ${formatCount(batch)} = ${formatCount(accumulation * batch)}, and its count runs on across epochs`,
      ),
    );
    cbs = `, cbs=GradientAccumulation(n_acc=${accumulation * batch})`;
  }
  lines.push(
    ...comment(
      `fit_one_cycle sizes its schedule itself; warm-up: the first ${formatCount(WARMUP_PERCENT)} % (about ${countWithNoun(facts.warmup, 'step')})`,
    ),
  );
  const fit = `learn.fit_one_cycle(${epochs}, lr_max=1e-3, pct_start=${WARMUP_FRACTION}${cbs})`;
  if (devices > 1) {
    lines.push(
      ...comment(
        `launch on ${formatCount(devices)} GPUs: accelerate launch --num_processes ${devices} train.py; bs is per device`,
      ),
      'with learn.distrib_ctx():',
      `    ${fit}`,
    );
  } else {
    lines.push(fit);
  }
  return lines;
}

function deepspeedConfig(facts: Facts): { lines: string[]; remarks: string[] } {
  const { plan, batch, accumulation, drop, share } = facts;
  const config = {
    train_batch_size: plan.effectiveBatchSize,
    train_micro_batch_size_per_gpu: batch,
    gradient_accumulation_steps: accumulation,
    dataloader_drop_last: drop,
    scheduler: {
      type: 'WarmupDecayLR',
      params: {
        warmup_min_lr: 0,
        warmup_max_lr: 0.001,
        warmup_num_steps: facts.warmup,
        total_num_steps: facts.total,
      },
    },
  };
  const remarks = [`Counts as in ${FRAMEWORK_VERSIONS.deepspeed}.`];
  if (facts.warning) remarks.push(`Warning: ${facts.warning}`);
  remarks.push(...adjustmentNotes(plan));
  if (share) {
    remarks.push(
      `Split off the validation images first, e.g. random_split(dataset, ${splitFractions(share)}): ${splitComment(facts)}.`,
    );
  }
  remarks.push(
    `train_batch_size = ${formatCount(batch)} × ${formatCount(accumulation)} × ${formatCount(facts.devices)} ${facts.devices === 1 ? 'GPU' : 'GPUs'} = ${formatCount(plan.effectiveBatchSize)}; DeepSpeed refuses a config where they do not multiply out.`,
    `With deepspeed.initialize(…, training_data=${share ? 'train_set' : 'dataset'}, config="ds_config.json"), its loader gives ${batchesComment(facts)}.`,
    `${stepsText(facts).replace(/^./, (first) => first.toUpperCase())}: the engine counts micro-batches over the whole run, so leftovers roll into the next epoch; total_num_steps must be that number.`,
    `${warmupText(facts).replace(/^./, (first) => first.toUpperCase())}.`,
  );
  return { lines: JSON.stringify(config, null, 2).split('\n'), remarks };
}

function summaryFor(facts: Facts): string {
  const runs = `With these settings ${facts.label} runs ${batchesText(facts)}`;
  if (facts.perEpoch === 0)
    return `${runs}: the run trains on nothing, so there are no steps to give a scheduler.`;
  if (facts.total === 0)
    return `${runs}, but the optimizer never steps, so there are no steps to give a scheduler.`;
  const perEpoch = facts.plan.optimizerStepsPerEpoch;
  const steps =
    facts.accumulation > 1 && perEpoch !== null ? ` (${countWithNoun(perEpoch, 'optimizer step')})` : '';
  return `${runs}${steps}; give your scheduler ${countWithNoun(facts.scheduled, 'step')}, ${formatCount(facts.warmup)} of them warm-up.`;
}

/** The code for the plan's framework, with its counts as comments, and a one-line summary. */
export function setupCode(plan: TrainingPlan): SetupCode {
  const { inputs } = plan;
  const framework = inputs.framework;
  const total = plan.totalOptimizerSteps;
  // Keras's schedules read the optimizer's raw counter, which counts every batch (docs/frameworks.md: Keras gradient accumulation).
  const scheduled = framework === 'keras' ? plan.totalBatches : total;
  const facts: Facts = {
    plan,
    label: FRAMEWORK_INFO[framework].label,
    batch: inputs.batchSize,
    epochs: inputs.epochs,
    devices: inputs.devices,
    accumulation: inputs.accumulationSteps,
    drop: inputs.lastBatch === 'drop',
    perEpoch: plan.batchesPerEpoch,
    total,
    scheduled,
    warmup: warmupSteps(scheduled, WARMUP_FRACTION),
    share: shareLiteral(inputs.validationPercent),
    warning: warningFor(plan),
  };
  let lines: string[];
  let remarks: string[] = [];
  switch (framework) {
    case 'pytorch':
      lines = pytorchCode(facts);
      break;
    case 'hf-trainer':
      lines = hfCode(facts);
      break;
    case 'lightning':
      lines = lightningCode(facts);
      break;
    case 'keras':
      lines = kerasCode(facts);
      break;
    case 'fastai':
      lines = fastaiCode(facts);
      break;
    case 'deepspeed':
      ({ lines, remarks } = deepspeedConfig(facts));
      break;
  }
  const json = framework === 'deepspeed';
  return {
    framework,
    label: facts.label,
    version: FRAMEWORK_VERSIONS[framework],
    language: json ? 'json' : 'python',
    filename: json ? 'ds_config.json' : 'train.py',
    code: lines.join('\n'),
    lines,
    summary: summaryFor(facts),
    remarks,
    totalSteps: scheduled,
    warmupSteps: facts.warmup,
    warning: facts.warning,
  };
}
