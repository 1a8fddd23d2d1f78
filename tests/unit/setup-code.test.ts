/**
 * "Code for this setup": the lines each framework needs, with the engine's counts. The expected
 * numbers are worked by hand from the formulas of docs/frameworks.md (PyTorch PyTorch, Keras Keras, Trainer transformers,
 * Lightning Lightning, fastai fastai, DeepSpeed DeepSpeed), never read back from the engine.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  FRAMEWORKS,
  FRAMEWORK_VERSIONS,
  WARMUP_FRACTION,
  setupCode,
  warmupSteps,
  type SetupCode,
} from '../../src/lib';
import { inputsFor, planFor } from '../support/plans';

const RUNS = { numRuns: Number(process.env['FC_RUNS'] ?? 100) };

/** The code part of each Python line, comments and strings' contents left out. */
function pythonCodeParts(code: string): string[] {
  return code.split('\n').map((line) => {
    let out = '';
    let quote = '';
    for (const char of line) {
      if (quote) {
        if (char === quote) {
          quote = '';
          out += char;
        }
        continue;
      }
      if (char === '#') break;
      if (char === '"' || char === "'") quote = char;
      out += char;
    }
    if (quote) throw new Error(`Unclosed string in: ${line}`);
    return out;
  });
}

/** A light syntax check of the Python we emit: balanced brackets, 4-space blocks after a colon. */
function expectPythonShape(code: string): void {
  const parts = pythonCodeParts(code);
  const stack: string[] = [];
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  for (const part of parts) {
    for (const char of part) {
      if ('([{'.includes(char)) stack.push(char);
      else if (char in pairs) expect(stack.pop(), `unbalanced ${char} in:\n${code}`).toBe(pairs[char]);
    }
  }
  expect(stack, `unclosed brackets in:\n${code}`).toEqual([]);
  const lines = code.split('\n');
  lines.forEach((line, index) => {
    const indent = line.length - line.trimStart().length;
    expect(indent % 4, `odd indentation: ${line}`).toBe(0);
    if (/:\s*$/.test(parts[index] ?? '') && stack.length === 0) {
      const next = lines.slice(index + 1).find((candidate) => candidate.trim() !== '');
      const nextIndent = next ? next.length - next.trimStart().length : 0;
      expect(nextIndent, `no block after: ${line}`).toBe(indent + 4);
    }
  });
}

/** Every text a setup produces, for the no-NaN checks. */
function allText(setup: SetupCode): string {
  return [setup.code, setup.summary, setup.version, ...setup.remarks, setup.warning].join('\n');
}

function setupFor(...args: Parameters<typeof inputsFor>): SetupCode {
  return setupCode(planFor(inputsFor(...args)));
}

describe('warmupSteps', () => {
  test('rounds the share of the total up, as transformers does with warmup_ratio', () => {
    expect(warmupSteps(90_000, 0.05)).toBe(4_500);
    expect(warmupSteps(22_560, 0.05)).toBe(1_128);
    expect(warmupSteps(22_500, 0.05)).toBe(1_125);
    // 13,750 × 0.05 = 687.5 → 688.
    expect(warmupSteps(13_750, 0.05)).toBe(688);
    // In doubles 100 × 0.07 is 7.000000000000001, so Python's math.ceil gives 8, and so do we.
    expect(warmupSteps(100, 0.07)).toBe(8);
    expect(warmupSteps(1, 0.05)).toBe(1);
  });

  test('is 0 for no steps, no share or anything not finite, and never more than the total', () => {
    expect(warmupSteps(0, 0.05)).toBe(0);
    expect(warmupSteps(90_000, 0)).toBe(0);
    expect(warmupSteps(Number.NaN, 0.05)).toBe(0);
    expect(warmupSteps(90_000, Number.POSITIVE_INFINITY)).toBe(0);
    expect(warmupSteps(-5, 0.05)).toBe(0);
    expect(warmupSteps(10, 2)).toBe(10);
  });

  test('the example share is 5 %', () => {
    expect(WARMUP_FRACTION).toBe(0.05);
  });
});

describe('the worked case: 48,000 images, batches of 64, 120 epochs', () => {
  test('PyTorch: the DataLoader, 750 batches per epoch, 90,000 steps, 4,500 of them warm-up', () => {
    const setup = setupFor('pytorch');
    expect(setup.language).toBe('python');
    expect(setup.summary).toBe(
      'With these settings PyTorch runs 750 batches per epoch; give your scheduler 90,000 steps, 4,500 of them warm-up.',
    );
    expect(setup.totalSteps).toBe(90_000);
    expect(setup.warmupSteps).toBe(4_500);
    expect(setup.lines).toContain(
      'loader = DataLoader(dataset, batch_size=64, shuffle=True, drop_last=False)',
    );
    expect(setup.lines).toContain('# len(loader) == 750 batches per epoch');
    expect(setup.code).toContain('# 90,000 optimizer steps in all');
    expect(setup.code).toContain(
      'get_cosine_schedule_with_warmup(optimizer, num_warmup_steps=4500, num_training_steps=90000)',
    );
    expect(setup.code).toContain('total_steps=90000, pct_start=0.05');
    expect(setup.code).toContain('for epoch in range(120):');
    expect(setup.code).toContain('PyTorch 2.13');
    expect(setup.code).not.toContain('DistributedSampler(dataset');
    expect(setup.warning).toBe('');
  });

  test('every framework names the version its counts follow', () => {
    for (const framework of FRAMEWORKS) {
      const setup = setupFor(framework);
      expect(setup.version).toBe(FRAMEWORK_VERSIONS[framework]);
      expect(allText(setup)).toContain(`Counts as in ${FRAMEWORK_VERSIONS[framework]}`.slice(0, 30));
    }
    expect(FRAMEWORK_VERSIONS['hf-trainer']).toMatch(/4\.52/);
    expect(FRAMEWORK_VERSIONS.lightning).toBe('Lightning 2.6');
    expect(FRAMEWORK_VERSIONS.keras).toMatch(/^Keras 3/);
    expect(FRAMEWORK_VERSIONS.deepspeed).toMatch(/^DeepSpeed/);
  });

  test('every framework gives 750 batches per epoch and 90,000 steps on one device', () => {
    for (const framework of FRAMEWORKS) {
      const setup = setupFor(framework);
      expect(setup.totalSteps).toBe(90_000);
      expect(setup.warmupSteps).toBe(4_500);
      expect(setup.summary).toContain('750 batches per epoch');
      expect(allText(setup)).toContain('90,000');
    }
  });
});

describe('Hugging Face Trainer', () => {
  test('GA 4 on 1 GPU: ⌈750 / 4⌉ = 188 steps per epoch, 22,560 in all, 1,128 warm-up', () => {
    const setup = setupFor('hf-trainer', { accumulationSteps: 4 });
    expect(setup.totalSteps).toBe(22_560);
    expect(setup.warmupSteps).toBe(1_128);
    expect(setup.code).toContain('    per_device_train_batch_size=64,');
    expect(setup.code).toContain('    gradient_accumulation_steps=4,');
    expect(setup.code).toContain('    num_train_epochs=120,');
    expect(setup.code).toContain('    dataloader_drop_last=False,');
    expect(setup.code).toContain('    warmup_steps=1128,');
    expect(setup.code).toContain('188 optimizer steps per epoch, 22,560 in all');
    // The floor of releases before about 4.52: 187 per epoch, 22,440 in all.
    expect(setup.code).toMatch(/187 steps per epoch, 22,440\s+(# )?in all/);
    expect(setup.summary).toBe(
      'With these settings Hugging Face Trainer runs 750 batches per epoch (188 optimizer steps); give your scheduler 22,560 steps, 1,128 of them warm-up.',
    );
  });

  test('2 GPUs with a validation share: train_test_split and the torchrun line', () => {
    // 48,000 × 0.2 = 9,600 test rows; 38,400 / 64 = 600 batches, dealt to 2 processes: 300.
    const setup = setupFor('hf-trainer', { devices: 2, validationPercent: 20 });
    expect(setup.code).toContain('split = dataset.train_test_split(test_size=0.2, seed=0)');
    expect(setup.code).toContain('train_dataset=split["train"]');
    expect(setup.code).toContain('torchrun --nproc_per_node=2');
    expect(setup.totalSteps).toBe(36_000);
    expect(setup.summary).toContain('300 batches per epoch on each of 2 devices');
  });
});

describe('DeepSpeed', () => {
  test('GA 4 carries over: ⌊90,000 / 4⌋ = 22,500 steps, in a config that is valid JSON', () => {
    const setup = setupFor('deepspeed', { accumulationSteps: 4 });
    expect(setup.language).toBe('json');
    expect(setup.filename).toBe('ds_config.json');
    const config = JSON.parse(setup.code) as Record<string, unknown>;
    expect(config).toEqual({
      train_batch_size: 256,
      train_micro_batch_size_per_gpu: 64,
      gradient_accumulation_steps: 4,
      dataloader_drop_last: false,
      scheduler: {
        type: 'WarmupDecayLR',
        params: { warmup_min_lr: 0, warmup_max_lr: 0.001, warmup_num_steps: 1_125, total_num_steps: 22_500 },
      },
    });
    expect(setup.remarks.join(' ')).toContain('22,500 optimizer steps in all');
    expect(setup.remarks.join(' ')).toContain('64 × 4 × 1 GPU = 256');
    // 750 batches do not divide into windows of 4: no constant per-epoch step count to show.
    expect(setup.summary).toBe(
      'With these settings DeepSpeed runs 750 batches per epoch; give your scheduler 22,500 steps, 1,125 of them warm-up.',
    );
  });

  test('2 GPUs, GA 2: train_batch_size = 64 × 2 × 2 = 256, 375 per device, 22,500 steps', () => {
    const setup = setupFor('deepspeed', { accumulationSteps: 2, devices: 2 });
    const config = JSON.parse(setup.code) as { train_batch_size: number; scheduler: { params: object } };
    expect(config.train_batch_size).toBe(256);
    // 48,000 / 2 = 24,000 per device → 375 batches; ⌊375 × 120 / 2⌋ = 22,500.
    expect(config.scheduler.params).toMatchObject({ total_num_steps: 22_500, warmup_num_steps: 1_125 });
    expect(setup.summary).toContain('375 batches per epoch on each of 2 devices');
  });
});

describe('Keras', () => {
  test('validation_split 0.2: 38,400 training rows → 600 steps per epoch, 72,000 in all', () => {
    const setup = setupFor('keras', { validationPercent: 20 });
    expect(setup.code).toContain(
      'model.fit(x, y, batch_size=64, epochs=120, validation_split=0.2, shuffle=True)',
    );
    expect(setup.code).toContain('600 steps per epoch');
    expect(setup.code).toMatch(/last 9,600\s+(# )?rows/);
    expect(setup.code).toContain('38,400');
    expect(setup.totalSteps).toBe(72_000);
    // 5 % of 72,000 = 3,600 warm-up; CosineDecay's decay_steps count what follows: 68,400.
    expect(setup.code).toContain('    warmup_steps=3600,');
    expect(setup.code).toContain('    decay_steps=68400,');
    expect(setup.summary).toContain('600 batches per epoch');
  });

  test('4 devices: fit gets the global batch 64 × 4 = 256, ⌈48,000 / 256⌉ = 188 steps per epoch, 22,560 in all', () => {
    const setup = setupFor('keras', { devices: 4 });
    expect(setup.code).toContain('strategy = tf.distribute.MirroredStrategy()');
    expect(setup.code).toContain('model.fit(x, y, batch_size=256, epochs=120, shuffle=True)');
    expect(setup.code).toContain('188 steps per epoch');
    expect(setup.code).not.toMatch(/# Note:/);
    expect(setup.totalSteps).toBe(22_560);
  });

  test('GA 4: ⌊90,000 / 4⌋ = 22,500 optimizer steps, but the schedule counts all 90,000 batches', () => {
    const setup = setupFor('keras', { accumulationSteps: 4 });
    expect(setup.code).toContain('AdamW(learning_rate=schedule, gradient_accumulation_steps=4)');
    expect(setup.code).toContain('22,500 optimizer steps in all');
    expect(setup.code).toContain('warmup_steps=4500,');
    expect(setup.code).toContain('decay_steps=85500,');
    expect(setup.totalSteps).toBe(90_000);
    expect(setup.warmupSteps).toBe(4_500);
  });
});

describe('Lightning', () => {
  test('2 devices, GA 4: 375 per device, ⌈375 / 4⌉ = 94 per epoch, 11,280 in all', () => {
    const setup = setupFor('lightning', { devices: 2, accumulationSteps: 4 });
    expect(setup.code).toContain('L.Trainer(max_epochs=120, accumulate_grad_batches=4, devices=2)');
    expect(setup.code).toContain('94 optimizer steps per epoch, 11,280 in all');
    expect(setup.code).toContain('estimated_stepping_batches  # 11,280');
    expect(setup.code).toContain('num_warmup_steps=564');
    expect(setup.code).toContain('"interval": "step"');
    expect(setup.totalSteps).toBe(11_280);
  });
});

describe('fastai', () => {
  test('2 devices, GA 4: n_acc = 4 × 64 = 256, 375 batches per device, ⌊45,000 / 4⌋ = 11,250 steps', () => {
    const setup = setupFor('fastai', { devices: 2, accumulationSteps: 4 });
    expect(setup.code).toContain('from fastai.distributed import *');
    expect(setup.code).toContain('# len(dls.train) == 375 batches per epoch on each device');
    expect(setup.code).toContain('with learn.distrib_ctx():');
    expect(setup.code).toContain(
      '    learn.fit_one_cycle(120, lr_max=1e-3, pct_start=0.05, cbs=GradientAccumulation(n_acc=256))',
    );
    expect(setup.code).not.toMatch(/# Note:/);
    expect(setup.totalSteps).toBe(11_250);
  });

  test('drops by default: RandomSplitter 0.2 → 38,400 training images, 600 batches', () => {
    const setup = setupFor('fastai', { validationPercent: 20 });
    expect(setup.code).toContain('valid_pct=0.2, seed=42, bs=64, drop_last=True');
    expect(setup.code).toContain('# len(dls.train) == 600 batches per epoch');
    expect(setup.code).toContain('learn.fit_one_cycle(120, lr_max=1e-3, pct_start=0.05)');
    expect(setup.totalSteps).toBe(72_000);
  });
});

describe('PyTorch on several devices', () => {
  test('35,126 images on 4 GPUs: DistributedSampler pads to 8,782 each with 2 repeats', () => {
    const setup = setupFor('pytorch', { images: 35_126, batchSize: 32, epochs: 50, devices: 4 });
    expect(setup.code).toContain(
      'sampler = DistributedSampler(dataset, num_replicas=4, rank=rank, shuffle=True, drop_last=False)',
    );
    expect(setup.code).toContain(
      'loader = DataLoader(dataset, batch_size=32, sampler=sampler, drop_last=False)',
    );
    expect(setup.code).toContain('# 8,782 images per device, padded with 2 repeated images');
    // ⌈8,782 / 32⌉ = 275 batches per epoch, × 50 = 13,750 steps, 688 warm-up.
    expect(setup.code).toContain('# len(loader) == 275 batches per epoch on each device');
    expect(setup.code).toContain('sampler.set_epoch(epoch)');
    expect(setup.totalSteps).toBe(13_750);
    expect(setup.warmupSteps).toBe(688);
  });

  test('accumulation steps on the short last window too, and random_split for validation', () => {
    const setup = setupFor('pytorch', { accumulationSteps: 4, validationPercent: 20 });
    expect(setup.code).toContain('train_set, val_set = random_split(dataset, [0.8, 0.2])');
    expect(setup.code).toContain('if (i + 1) % 4 == 0 or i + 1 == len(loader):');
    // 38,400 / 64 = 600 batches; ⌈600 / 4⌉ = 150 steps per epoch, 18,000 in all.
    expect(setup.code).toContain('150 optimizer steps per epoch, 18,000 in all');
    expect(setup.totalSteps).toBe(18_000);
  });

  test('a share whose complement is not a short double is written as 1 - v', () => {
    const setup = setupFor('pytorch', { validationPercent: 7 });
    // 1 − 0.07 is 0.9299999999999999 in doubles: the code says what the engine computed.
    expect(setup.code).toContain('random_split(dataset, [1 - 0.07, 0.07])');
  });
});

describe('runs that do not train', () => {
  test('drop with a batch larger than the data: 0 batches, a warning in the code, no division', () => {
    for (const framework of ['pytorch', 'hf-trainer', 'lightning', 'fastai', 'deepspeed'] as const) {
      const setup = setupFor(framework, { images: 100, batchSize: 128, epochs: 10, lastBatch: 'drop' });
      expect(setup.totalSteps).toBe(0);
      expect(setup.warmupSteps).toBe(0);
      expect(setup.warning).not.toBe('');
      expect(setup.summary).toContain('runs 0 batches per epoch');
      expect(setup.summary).toContain('no steps to give a scheduler');
      if (setup.language === 'python') expect(setup.code).toContain('# WARNING: ');
      else expect(setup.remarks.some((remark) => remark.startsWith('Warning: '))).toBe(true);
      expect(allText(setup)).not.toMatch(/NaN|Infinity|undefined|null/);
    }
  });

  test('DeepSpeed with fewer batches in the run than one window: the optimizer never steps', () => {
    // 2 batches per epoch × 1 epoch < a window of 4: ⌊2 / 4⌋ = 0 steps.
    const setup = setupFor('deepspeed', { images: 128, batchSize: 64, epochs: 1, accumulationSteps: 4 });
    expect(setup.totalSteps).toBe(0);
    expect(setup.summary).toContain('the optimizer never steps');
    expect(setup.remarks[1]).toMatch(/^Warning: /);
    expect(JSON.parse(setup.code)).toMatchObject({ scheduler: { params: { total_num_steps: 0 } } });
  });
});

describe('properties', () => {
  const inputsArbitrary = fc.record({
    framework: fc.constantFrom(...FRAMEWORKS),
    images: fc.integer({ min: 1, max: 500_000 }),
    batchSize: fc.integer({ min: 1, max: 2_048 }),
    epochs: fc.integer({ min: 1, max: 500 }),
    devices: fc.integer({ min: 1, max: 16 }),
    accumulationSteps: fc.integer({ min: 1, max: 16 }),
    validationPercent: fc.constantFrom(0, 7, 10, 12.5, 20, 33.3),
    lastBatch: fc.constantFrom('keep' as const, 'drop' as const),
  });

  test('never NaN, Infinity, undefined or null; code parses; numbers match the plan', () => {
    fc.assert(
      fc.property(inputsArbitrary, ({ framework, ...change }) => {
        const inputs = inputsFor(framework, change);
        if (Math.floor(inputs.images * (1 - inputs.validationPercent / 100)) < 2) return;
        const plan = planFor(inputs);
        const setup = setupCode(plan);
        expect(allText(setup)).not.toMatch(/NaN|Infinity|undefined|\bnull\b/);
        expect(setup.lines.join('\n')).toBe(setup.code);
        // Keras's schedules count batches (its optimizer's raw counter); the others count optimizer steps.
        const scheduled = framework === 'keras' ? plan.totalBatches : plan.totalOptimizerSteps;
        expect(setup.totalSteps).toBe(scheduled);
        expect(setup.warmupSteps).toBe(warmupSteps(scheduled, WARMUP_FRACTION));
        expect(setup.warmupSteps).toBeLessThanOrEqual(setup.totalSteps);
        if (setup.language === 'json') {
          const config = JSON.parse(setup.code) as {
            train_batch_size: number;
            train_micro_batch_size_per_gpu: number;
            gradient_accumulation_steps: number;
          };
          // DeepSpeed's own invariant (config.py L937).
          expect(config.train_batch_size).toBe(
            config.train_micro_batch_size_per_gpu * config.gradient_accumulation_steps * plan.inputs.devices,
          );
        } else {
          expectPythonShape(setup.code);
          // Counts in comments are grouped; numbers in code are plain integers.
          for (const part of pythonCodeParts(setup.code)) expect(part).not.toMatch(/\d,\d{3}/);
        }
      }),
      RUNS,
    );
  });
});
