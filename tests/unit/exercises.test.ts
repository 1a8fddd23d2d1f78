// The exercises: seeded variants, answers from the engine, mistake detection, answer and seed
// parsing. Expected values for seed 0 are worked out by hand in the comments.
import { describe, expect, test } from 'vitest';
import {
  EXERCISE_KINDS,
  KIND_TEMPLATES,
  MAX_SEED,
  checkChoiceAnswer,
  checkNumberAnswer,
  exerciseSet,
  makeExercise,
  parseAnswer,
  parseSeed,
  seedFromFraction,
  type ChoiceExercise,
  type Exercise,
  type ExerciseKind,
  type NumberExercise,
} from '../../src/lib';
import { mixSeed, mulberry32, pick, randomInt, shuffled } from '../../src/lib/random';

function numberExercise(kind: ExerciseKind, seed = 0): NumberExercise {
  const exercise = makeExercise(kind, seed);
  if (exercise.format !== 'number') throw new Error(`${kind} is not a number exercise`);
  return exercise;
}

function choiceExercise(kind: ExerciseKind, seed = 0): ChoiceExercise {
  const exercise = makeExercise(kind, seed);
  if (exercise.format !== 'choice') throw new Error(`${kind} is not a choice exercise`);
  return exercise;
}

function mistakeValues(exercise: NumberExercise): Record<string, number> {
  return Object.fromEntries(exercise.mistakes.map((mistake) => [mistake.id, mistake.value]));
}

/** The numbers a question mentions, as integers ("48,001" → 48001). */
function numbersIn(text: string): number[] {
  return [...text.matchAll(/\d[\d,]*/g)].map((match) => Number(match[0].replaceAll(',', '')));
}

const SEEDS = Array.from({ length: 300 }, (_, i) => (i * 7_919 + 1) % MAX_SEED);

describe('the seeded generator', () => {
  test('the same seed gives the same sequence; another seed another', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const first = Array.from({ length: 50 }, () => a());
    expect(Array.from({ length: 50 }, () => b())).toEqual(first);
    const c = mulberry32(43);
    expect(Array.from({ length: 50 }, () => c())).not.toEqual(first);
  });

  test('numbers lie in [0, 1) and spread over it', () => {
    const rng = mulberry32(7);
    const draws = Array.from({ length: 10_000 }, () => rng());
    expect(draws.every((x) => x >= 0 && x < 1)).toBe(true);
    const low = draws.filter((x) => x < 0.5).length;
    expect(low).toBeGreaterThan(4_700);
    expect(low).toBeLessThan(5_300);
  });

  test('mixSeed gives each label its own stream, reproducibly', () => {
    expect(mixSeed(5, 'exact')).toBe(mixSeed(5, 'exact'));
    expect(mixSeed(5, 'exact')).not.toBe(mixSeed(5, 'total'));
    expect(mixSeed(5, 'exact')).not.toBe(mixSeed(6, 'exact'));
  });

  test('randomInt, pick and shuffled stay in range', () => {
    const rng = mulberry32(1);
    for (let i = 0; i < 1_000; i += 1) {
      const n = randomInt(rng, 3, 9);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(9);
      expect([1, 2, 3]).toContain(pick(rng, [1, 2, 3]));
    }
    expect(shuffled(rng, [1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(() => pick(rng, [])).toThrow();
  });
});

describe('seed 0: the article’s numbers, checked by hand', () => {
  test('the exact case: 48,000 / 64 = 750; counting the 120 epochs is the mistake', () => {
    const exercise = numberExercise('exact');
    expect(exercise.answer).toBe(750);
    expect(exercise.answerText).toBe('750 batches');
    expect(mistakeValues(exercise)).toEqual({ 'counted-epochs': 90_000 });
  });

  test('batches in all: 750 × 120 = 90,000; 750 forgets the epochs', () => {
    const exercise = numberExercise('total');
    expect(exercise.answer).toBe(90_000);
    // 48,000 divides by 64, so rounding down gives the same 90,000 and is not a mistake here.
    expect(mistakeValues(exercise)).toEqual({ 'forgot-epochs': 750 });
  });

  test('a remainder: 48,001 / 64 kept → 751; 750 is floor for ceil', () => {
    const exercise = numberExercise('remainder');
    expect(exercise.answer).toBe(751);
    expect(mistakeValues(exercise)).toEqual({ 'floor-for-ceil': 750 });
  });

  test('drop_last: 48,001 / 64 dropped → 750; 751 is ceil for floor', () => {
    const exercise = numberExercise('drop-last');
    expect(exercise.answer).toBe(750);
    expect(mistakeValues(exercise)).toEqual({ 'ceil-for-floor': 751 });
  });

  test('zero batches: 100 images, batch 128, drop → 0; 1 is ceil for floor', () => {
    const exercise = numberExercise('zero-batches');
    expect(exercise.answer).toBe(0);
    expect(exercise.answerText).toBe('0 batches');
    expect(mistakeValues(exercise)).toEqual({ 'ceil-for-floor': 1 });
  });

  test('2 GPUs: ⌈48,001 / 2⌉ = 24,001, ⌈24,001 / 64⌉ = 376; without padding 375; on one GPU 751', () => {
    const exercise = numberExercise('devices');
    expect(exercise.answer).toBe(376);
    // Forgetting the padding and rounding down both give 375: one mistake naming both.
    expect(mistakeValues(exercise)).toEqual({ 'forgot-padding': 375, 'one-device': 751 });
    expect(exercise.mistakes[0]?.text).toMatch(/pads.*Or:.*round/s);
  });

  test('accumulation (HF Trainer): ⌈750 / 4⌉ = 188 per epoch, × 120 = 22,560', () => {
    const exercise = numberExercise('accumulation');
    expect(exercise.answer).toBe(22_560);
    expect(mistakeValues(exercise)).toEqual({
      'floor-for-ceil': 22_440, // 187 × 120, the old rule
      'forgot-epochs': 188,
      'batches-for-steps': 90_000,
      'across-epochs': 22_500, // ⌊90,000 / 4⌋, DeepSpeed's engine
    });
  });

  test('effective batch: 64 × 2 × 4 = 512', () => {
    const exercise = numberExercise('effective-batch');
    expect(exercise.answer).toBe(512);
    expect(mistakeValues(exercise)).toEqual({
      'per-device-batch': 64,
      'forgot-accumulation': 128,
      'forgot-devices': 256,
    });
  });

  test('Keras validation_split=0.2: ⌊48,000 × 0.8⌋ = 38,400, / 64 = 600; 750 forgets the split', () => {
    const exercise = numberExercise('validation-split');
    expect(exercise.answer).toBe(600);
    expect(exercise.question).toContain('validation_split=0.2');
    // 38,400 divides by 64, so rounding down is no mistake here.
    expect(mistakeValues(exercise)).toEqual({ 'forgot-validation': 750, 'validation-for-training': 150 });
  });

  test('hours: 5,760,000 passes at 367 images/s = 15,694.8 s ≈ 4.4 h', () => {
    const exercise = numberExercise('hours');
    expect(exercise.answer).toBe(4.4);
    expect(exercise.decimals).toBe(1);
    expect(exercise.work.map((step) => step.values)).toEqual([
      [48_000, 120, 5_760_000],
      [5_760_000, 367, 4.4],
    ]);
    expect(mistakeValues(exercise)).toEqual({
      'forgot-epochs': 0, // 48,000 / 367 = 130.8 s = 0.04 h
      'minutes-for-hours': 261.6, // 15,694.8 / 60
      'batches-for-images': 0.1, // 90,000 / 367 = 245.2 s = 0.07 h
    });
  });

  test('which framework drops by default: fastai (750 batches of 48,001, not 751)', () => {
    const exercise = choiceExercise('framework-drop');
    expect(exercise.answer).toBe('fastai');
    expect(exercise.answerText).toBe('fastai');
    expect(exercise.choices.map((choice) => choice.value)).toEqual([
      'pytorch',
      'keras',
      'hf-trainer',
      'lightning',
      'fastai',
      'deepspeed',
    ]);
    expect(exercise.choices.find((choice) => choice.value === 'fastai')?.why).toContain('750 batches');
    expect(exercise.choices.find((choice) => choice.value === 'pytorch')?.why).toContain('751 batches');
  });

  test('doubling the batch: still 48,000 images per epoch (750 → 375 batches)', () => {
    const exercise = choiceExercise('double-batch');
    expect(exercise.answer).toBe('same');
    expect(exercise.work.map((step) => step.value)).toEqual([750, 375]);
  });
});

describe('every kind, for many seeds', () => {
  test('at least ten kinds, both formats', () => {
    expect(EXERCISE_KINDS.length).toBeGreaterThanOrEqual(10);
    const formats = new Set(exerciseSet(0).map((exercise) => exercise.format));
    expect(formats).toEqual(new Set(['number', 'choice']));
  });

  test('the same seed gives the same variants; kinds do not affect one another', () => {
    const strip = (exercises: Exercise[]) => JSON.parse(JSON.stringify(exercises)) as unknown;
    expect(strip(exerciseSet(12_345))).toEqual(strip(exerciseSet(12_345)));
    expect(strip([makeExercise('remainder', 12_345)])).toEqual(strip(exerciseSet(12_345, ['remainder'])));
    expect(makeExercise('remainder', 12_345).question).not.toBe(makeExercise('remainder', 12_346).question);
  });

  test('answers are finite, the last worked line gives the answer, lines come from the kind’s templates', () => {
    for (const seed of SEEDS) {
      for (const exercise of exerciseSet(seed)) {
        const templates = [...KIND_TEMPLATES[exercise.kind]];
        for (const step of exercise.work) {
          const at = templates.indexOf(step.template as (typeof templates)[number]);
          expect(at, `${exercise.kind} ${seed} ${step.template}`).toBeGreaterThanOrEqual(0);
          templates.splice(0, at + 1);
          expect(step.values.every(Number.isFinite)).toBe(true);
        }
        expect(exercise.question).not.toMatch(/NaN|Infinity|undefined/);
        if (exercise.format === 'number') {
          expect(Number.isFinite(exercise.answer)).toBe(true);
          expect(exercise.work.at(-1)?.value).toBe(exercise.answer);
          for (const mistake of exercise.mistakes) expect(mistake.value).not.toBe(exercise.answer);
          expect(new Set(exercise.mistakes.map((m) => m.value)).size).toBe(exercise.mistakes.length);
        } else {
          expect(exercise.choices.filter((choice) => choice.value === exercise.answer)).toHaveLength(1);
        }
      }
    }
  });

  test('remainder exercises always leave a remainder; floor for ceil is always detectable', () => {
    for (const seed of SEEDS) {
      for (const kind of ['remainder', 'drop-last'] as const) {
        const exercise = numberExercise(kind, seed);
        const [count = 0, size = 1] = numbersIn(exercise.question);
        expect(count % size, `${kind} ${seed}`).toBeGreaterThan(0);
        const wrong = kind === 'remainder' ? 'floor-for-ceil' : 'ceil-for-floor';
        expect(mistakeValues(exercise)[wrong]).toBe(
          kind === 'remainder' ? exercise.answer - 1 : exercise.answer + 1,
        );
      }
    }
  });

  test('zero batches is always 0; devices always pad; accumulation always rounds', () => {
    for (const seed of SEEDS) {
      expect(numberExercise('zero-batches', seed).answer).toBe(0);
      const devices = numberExercise('devices', seed);
      expect(mistakeValues(devices)['forgot-padding']).toBe(devices.answer - 1);
      const accumulation = numberExercise('accumulation', seed);
      expect(mistakeValues(accumulation)['floor-for-ceil']).toBeLessThan(accumulation.answer);
      expect(numberExercise('hours', seed).answer).toBeGreaterThanOrEqual(1);
      expect(numberExercise('effective-batch', seed).mistakes).toHaveLength(3);
    }
  });

  test('each answer follows from the numbers in its question, by plain arithmetic', () => {
    const ceil = (a: number, b: number) => Math.ceil(a / b);
    const floor = (a: number, b: number) => Math.floor(a / b);
    const expected: Partial<Record<ExerciseKind, (n: number[]) => number>> = {
      exact: ([N = 0, B = 1]) => N / B,
      total: ([N = 0, B = 1, E = 0]) => ceil(N, B) * E,
      remainder: ([N = 0, B = 1]) => ceil(N, B),
      'drop-last': ([N = 0, B = 1]) => floor(N, B),
      'zero-batches': ([N = 0, B = 1]) => floor(N, B),
      devices: ([N = 0, P = 1, B = 1]) => ceil(ceil(N, P), B),
      accumulation: ([N = 0, B = 1, G = 1, E = 0]) => E * ceil(ceil(N, B), G),
      'effective-batch': ([P = 0, B = 0, G = 0]) => P * B * G,
      hours: ([R = 1, N = 0, E = 0]) => Math.round((N * E) / R / 360) / 10,
    };
    for (const seed of [0, ...SEEDS.slice(0, 100)]) {
      for (const [kind, answer] of Object.entries(expected)) {
        const exercise = numberExercise(kind as ExerciseKind, seed);
        expect(exercise.answer, `${kind} ${seed}: ${exercise.question}`).toBe(
          answer(numbersIn(exercise.question)),
        );
      }
    }
  });

  test('variants spread: different seeds give different numbers', () => {
    const questions = new Set(SEEDS.map((seed) => makeExercise('remainder', seed).question));
    expect(questions.size).toBeGreaterThan(250);
  });
});

describe('checking an answer', () => {
  const remainder = numberExercise('remainder');

  test('right, with the explanation', () => {
    for (const text of ['751', ' 751 ', '751.0']) {
      expect(checkNumberAnswer(remainder, text)).toMatchObject({ status: 'right' });
    }
    expect(checkNumberAnswer(remainder, '751').message).toMatch(/^Right: 751 batches\./);
  });

  test('wrong, naming the mistake', () => {
    const feedback = checkNumberAnswer(remainder, '750');
    expect(feedback).toMatchObject({ status: 'wrong', mistake: { id: 'floor-for-ceil' } });
    expect(feedback.message).toMatch(/^Not quite: 750 is not it; the answer is 751 batches\. .*rounded down/);
  });

  test('wrong with no known mistake', () => {
    expect(checkNumberAnswer(remainder, '12')).toEqual({
      status: 'wrong',
      message: 'Not quite: 12 is not it; the answer is 751 batches.',
      mistake: null,
    });
  });

  test('invalid input gets a message, never a verdict', () => {
    for (const text of ['', 'abc', '75O', '-751', '7.5', '1e3', '1,23', '7 5 1 x']) {
      const feedback = checkNumberAnswer(remainder, text);
      expect(feedback.status, text).toBe('invalid');
      expect(feedback.message.length).toBeGreaterThan(10);
    }
  });

  test('hours: decimals allowed; unrounded answers are recognised', () => {
    const hours = numberExercise('hours');
    expect(checkNumberAnswer(hours, '4.4').status).toBe('right');
    expect(checkNumberAnswer(hours, '4.36')).toMatchObject({
      status: 'wrong',
      mistake: { id: 'not-rounded' },
    });
    expect(checkNumberAnswer(hours, '261.6')).toMatchObject({
      status: 'wrong',
      mistake: { id: 'minutes-for-hours' },
    });
  });

  test('choices', () => {
    const exercise = choiceExercise('framework-drop');
    expect(checkChoiceAnswer(exercise, 'fastai').status).toBe('right');
    const wrong = checkChoiceAnswer(exercise, 'pytorch');
    expect(wrong.status).toBe('wrong');
    expect(wrong.message).toContain('PyTorch keeps the last batch by default: 751 batches per epoch');
    expect(checkChoiceAnswer(exercise, null).status).toBe('invalid');
    expect(checkChoiceAnswer(exercise, '<script>').status).toBe('invalid');
  });
});

describe('parseAnswer', () => {
  test.each([
    ['48,000', 48_000],
    ['48000', 48_000],
    ['48 000', 48_000],
    ['48\u202f000', 48_000],
    ['48\u00a0000', 48_000],
    ['  5,760,000 ', 5_760_000],
    ['0', 0],
  ])('%j → %d', (text, value) => {
    expect(parseAnswer(text)).toEqual({ ok: true, value });
  });

  test('decimals only where asked', () => {
    expect(parseAnswer('4.4', 1)).toEqual({ ok: true, value: 4.4 });
    expect(parseAnswer('4.4', 0)).toMatchObject({
      ok: false,
      message: expect.stringContaining('whole number'),
    });
  });

  test.each(['', '   ', 'seven', '48.000.0', '4,80,00', '0x10', '1e5', '+5', '-3', '12abc', '9'.repeat(50)])(
    'refuses %j with a message',
    (text) => {
      const parsed = parseAnswer(text);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.message).toMatch(/^\S.{10,}\.$/);
    },
  );
});

describe('seeds from the URL', () => {
  test('absent or empty: seed 0, no notice', () => {
    expect(parseSeed(null)).toEqual({ seed: 0, notice: '' });
    expect(parseSeed('')).toEqual({ seed: 0, notice: '' });
  });

  test('digits, up to nine', () => {
    expect(parseSeed('12345')).toEqual({ seed: 12_345, notice: '' });
    expect(parseSeed('007')).toEqual({ seed: 7, notice: '' });
    expect(parseSeed('999999999')).toEqual({ seed: 999_999_999, notice: '' });
  });

  test.each(['abc', '-5', '1.5', '1e9', '1234567890', '<img src=x>', '12 34'])(
    '%j → 0 with a notice',
    (text) => {
      const parsed = parseSeed(text);
      expect(parsed.seed).toBe(0);
      expect(parsed.notice).toMatch(/at most 9 digits/);
    },
  );

  test('fresh seeds are within range', () => {
    expect(seedFromFraction(0)).toBe(1);
    expect(seedFromFraction(0.999_999_999_999)).toBeLessThanOrEqual(MAX_SEED);
    expect(seedFromFraction(Number.NaN)).toBe(1);
    expect(parseSeed(String(seedFromFraction(0.5))).notice).toBe('');
  });
});
