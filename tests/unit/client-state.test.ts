// @vitest-environment happy-dom
// The browser's shared training state (src/client/training-state.ts) in a DOM: where a page
// starts (the server's preset, then the link), changes and refusals, listeners, the URL
// written after a pause, links that bring back exactly what was shown, and reset.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { TrainingInputs } from '../../src/lib';

type StateModule = typeof import('../../src/client/training-state');

/** A fresh copy of the module (it reads the page once), for a page at `search` with `preset`. */
async function load(search: string, preset?: unknown): Promise<StateModule> {
  vi.resetModules();
  window.history.replaceState(null, '', `/playground/${search}`);
  if (preset === undefined) delete document.documentElement.dataset['trainingPreset'];
  else
    document.documentElement.dataset['trainingPreset'] =
      typeof preset === 'string' ? preset : JSON.stringify(preset);
  return import('../../src/client/training-state');
}

const WORKED: TrainingInputs = {
  images: 48_000,
  batchSize: 64,
  epochs: 120,
  lastBatch: 'keep',
  devices: 1,
  accumulationSteps: 1,
  validationPercent: 0,
  framework: 'pytorch',
};
/** Docs case C: 3,662 images, B = 16, GA = 4, 2 GPUs, 20 epochs (the Trainer). */
const CASE_C: TrainingInputs = {
  images: 3_662,
  batchSize: 16,
  epochs: 20,
  lastBatch: 'keep',
  devices: 2,
  accumulationSteps: 4,
  validationPercent: 0,
  framework: 'hf-trainer',
};

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('where a page starts', () => {
  test('without a preset or a link: the worked case, 750 batches an epoch, 90,000 in all', async () => {
    const { currentState } = await load('');
    const { inputs, plan, notices } = currentState();
    expect(inputs).toEqual(WORKED);
    expect(plan.batchesPerEpoch).toBe(750);
    expect(plan.totalBatches).toBe(90_000);
    expect(notices).toEqual([]);
  });

  test('a link is read over the defaults: case B on 4 GPUs, dropped, 274 batches per GPU', async () => {
    const { currentState } = await load('?images=35,126&batch=32&epochs=50&devices=4&last=drop');
    const { inputs, plan } = currentState();
    expect(inputs).toEqual({
      ...WORKED,
      images: 35_126,
      batchSize: 32,
      epochs: 50,
      devices: 4,
      lastBatch: 'drop',
    });
    // ⌈35,126 / 4⌉ = 8,782 per GPU; ⌊8,782 / 32⌋ = 274.
    expect(plan.batchesPerEpoch).toBe(274);
    expect(plan.totalBatches).toBe(13_700);
  });

  test('an invalid parameter falls back to the chosen framework’s default and says so; the rest stay', async () => {
    const { currentState } = await load('?framework=fastai&last=sometimes&batch=abc&epochs=10');
    const { inputs, notices } = currentState();
    expect(inputs).toEqual({ ...WORKED, framework: 'fastai', lastBatch: 'drop', epochs: 10 });
    expect(notices.map((notice) => notice.field)).toEqual(['batchSize', 'lastBatch']);
    expect(notices[0]?.message).toMatch(/^Batch size must be a whole number from 1 to 1,000,000; “abc”/);
  });

  test('the server’s preset is the starting point, and a link is laid over it', async () => {
    const { currentState } = await load('?epochs=2', CASE_C);
    expect(currentState().inputs).toEqual({ ...CASE_C, epochs: 2 });
    // ⌈3,662 / 2⌉ = 1,831 per GPU → ⌈1,831 / 16⌉ = 115 batches → ⌈115 / 4⌉ = 29 steps an epoch.
    expect(currentState().plan.batchesPerEpoch).toBe(115);
    expect(currentState().plan.totalOptimizerSteps).toBe(58);
  });

  test.each([
    ['not JSON', '{images: 5'],
    ['out of range', { images: -1 }],
  ])('a broken preset (%s) falls back to the worked case', async (_label, preset) => {
    const { currentState } = await load('', preset);
    expect(currentState().inputs).toEqual(WORKED);
  });
});

describe('changes', () => {
  test('subscribe calls at once and after each change, until unsubscribed', async () => {
    const { subscribe, updateInputs } = await load('');
    const seen: number[] = [];
    const stop = subscribe((state) => seen.push(state.plan.totalBatches));
    expect(updateInputs({ images: 48_001 }).ok).toBe(true);
    stop();
    updateInputs({ images: 100 });
    // 90,000 at first; 48,001 images keep a last batch of 1: 751 × 120 = 90,120.
    expect(seen).toEqual([90_000, 90_120]);
  });

  test('a refused change leaves the state as it was and returns the reason', async () => {
    const { currentState, subscribe, updateInputs } = await load('');
    const listener = vi.fn();
    subscribe(listener);
    updateInputs({ framework: 'keras', images: 10 });
    listener.mockClear();
    const result = updateInputs({ images: 1, validationPercent: 50 });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors[0]?.message).toMatch(/^A validation share of 50 % leaves no training images/);
    expect(currentState().inputs.images).toBe(10);
    expect(listener).not.toHaveBeenCalled();
  });

  test('reset goes back to the page’s preset, not the global defaults', async () => {
    const { currentState, resetInputs, updateInputs } = await load('?batch=8', CASE_C);
    updateInputs({ images: 100 });
    resetInputs();
    expect(currentState().inputs).toEqual(CASE_C);
    expect(currentState().notices).toEqual([]);
  });
});

describe('the URL', () => {
  test('is written once the reader pauses for 250 ms, re-armed while changes keep coming', async () => {
    const { updateInputs } = await load('');
    updateInputs({ images: 1_000 });
    vi.advanceTimersByTime(200);
    updateInputs({ images: 2_000 });
    vi.advanceTimersByTime(200);
    // 200 ms after the last change: not yet.
    expect(window.location.search).toBe('');
    vi.advanceTimersByTime(100);
    expect(new URLSearchParams(window.location.search).get('images')).toBe('2000');
  });

  test('a frame that refuses history changes keeps working without the URL', async () => {
    const { currentState, updateInputs } = await load('');
    const replace = vi.spyOn(window.history, 'replaceState').mockImplementation(() => {
      throw new DOMException('refused', 'SecurityError');
    });
    updateInputs({ epochs: 3 });
    expect(() => vi.advanceTimersByTime(300)).not.toThrow();
    expect(currentState().inputs.epochs).toBe(3);
    replace.mockRestore();
  });

  test.each([
    ['the worked case', undefined, { images: 100, lastBatch: 'drop', batchSize: 128 }],
    ['a preset of its own', CASE_C, { devices: 1, accumulationSteps: 1, framework: 'pytorch' }],
    ['a preset, fastai keeping', CASE_C, { framework: 'fastai', lastBatch: 'keep', validationPercent: 12.5 }],
  ] as const)('on %s, a shared link opens exactly what was shown', async (_label, preset, change) => {
    const first = await load('', preset);
    first.updateInputs(change);
    const shown = first.currentState().inputs;
    const link = new URL(first.shareableUrl());
    const again = await load(link.search, preset);
    expect(again.currentState().inputs).toEqual(shown);
    expect(again.currentState().notices).toEqual([]);
  });
});
