/**
 * "Play an epoch", the pure part: the played batch over time (one epoch in about 7 s whatever
 * its size, never more than ⌈b / frames⌉ batches a frame), the counter and words from the
 * engine, and the cursor over the dataset chart's cells.
 */
import { describe, expect, test } from 'vitest';
import { describeDatasetChart } from '../../src/charts/dataset-chart';
import {
  EPOCH_PLAY_FRAMES,
  EPOCH_PLAY_MS,
  batchesPerFrame,
  cursorPaths,
  nextBatch,
  playFrom,
  playedBatch,
  playerView,
} from '../../src/charts/epoch-player';
import { inputsFor, planFor } from '../support/plans';

const FRAME_MS = 1_000 / 60;

/** Subpaths (rectangles) in path data. */
const rects = (d: string) => d.match(/z/g)?.length ?? 0;
/** The starting corners of a path's rectangles. */
const corners = (d: string) =>
  [...d.matchAll(/M([\d.]+),([\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);

describe('playing over time', () => {
  test.each([1, 2, 7, 419, 420, 421, 750, 90_000, 1_000_000])(
    '%i batches: the next batch at once, about ⌈b / frames⌉ a frame, done in 6–8 s',
    (batches) => {
      expect(playedBatch(0, 0, batches)).toEqual({ batch: 1, finished: batches === 0 });
      let shown = 0;
      let frames = 0;
      for (let t = 0; ; t += FRAME_MS) {
        const { batch, finished } = playedBatch(0, t, batches);
        // Frame times are not exact: a frame may carry one batch of rounding over.
        expect(batch - shown).toBeLessThanOrEqual(batchesPerFrame(batches) + 1);
        expect(batch).toBeGreaterThanOrEqual(shown);
        shown = batch;
        frames += 1;
        if (finished) break;
      }
      expect(shown).toBe(batches);
      const seconds = (frames * FRAME_MS) / 1_000;
      expect(seconds).toBeGreaterThanOrEqual(6);
      expect(seconds).toBeLessThanOrEqual(8);
    },
  );

  test('a large epoch skips frames: 90,000 batches advance ⌈90,000 / 420⌉ = 215 at most a frame', () => {
    expect(EPOCH_PLAY_FRAMES).toBe(420);
    expect(batchesPerFrame(90_000)).toBe(215);
    expect(batchesPerFrame(750)).toBe(2);
    expect(batchesPerFrame(3)).toBe(1);
  });

  test('halfway through 750 batches, batch 376 is shown; resuming from batch 700 ends sooner', () => {
    expect(playedBatch(0, EPOCH_PLAY_MS / 2, 750)).toEqual({ batch: 376, finished: false });
    expect(playedBatch(700, 0, 750)).toEqual({ batch: 701, finished: false });
    expect(playedBatch(700, EPOCH_PLAY_MS / 15, 750)).toEqual({ batch: 750, finished: true });
  });

  test('no batch: finished at once, at 0', () => {
    expect(playedBatch(0, 0, 0)).toEqual({ batch: 0, finished: true });
  });

  test('Play after the end starts again; Step goes on, and from the last batch to the first', () => {
    expect(playFrom(750, 750)).toBe(0);
    expect(playFrom(312, 750)).toBe(312);
    expect(nextBatch(0, 750)).toBe(1);
    expect(nextBatch(312, 750)).toBe(313);
    expect(nextBatch(750, 750)).toBe(1);
    expect(nextBatch(0, 0)).toBe(0);
  });
});

describe('what the player says', () => {
  test('the worked case at batch 312', () => {
    const view = playerView(planFor(inputsFor('pytorch')), 312);
    expect(view.counter).toBe('Batch 312 of 750');
    expect(view.words).toBe('Batch 312 of 750, images 19,905–19,968 of 48,000');
    expect(view.disabledReason).toBe('');
  });

  test('no batch: the reason in words', () => {
    const view = playerView(planFor(inputsFor('pytorch', { images: 10, lastBatch: 'drop' })), 0);
    expect(view.counter).toBe('Batch 0 of 0');
    expect(view.disabledReason).toMatch(/^Nothing to play: .*no batch/);
  });
});

describe('the cursor over the cells', () => {
  test('the worked case: one cell is 5 batches, so batch 312 is cell 62, after 62 covered cells', () => {
    const plan = planFor(inputsFor('pytorch'));
    const { geometry } = describeDatasetChart(plan, { width: 640 });
    expect(geometry.imagesPerCell).toBe(320);
    const { columns, pitch, labelWidth } = geometry;
    const top = geometry.lanes[0]?.top ?? Number.NaN;
    const { covered, current } = cursorPaths(geometry, 64, 312);
    expect(rects(current)).toBe(1);
    expect(corners(current)).toEqual([
      [labelWidth + (62 % columns) * pitch, top + Math.floor(62 / columns) * pitch],
    ]);
    // Cells 0 … 61, one rectangle per row.
    expect(rects(covered)).toBe(Math.ceil(62 / columns));
    expect(cursorPaths(geometry, 64, 0)).toEqual({ covered: '', current: '' });
    // Batches 311 to 315 share the cell; 316 is the next one.
    expect(cursorPaths(geometry, 64, 311).current).toBe(current);
    expect(cursorPaths(geometry, 64, 316).current).not.toBe(current);
  });

  test('one cell per image: the last partial batch is its own two cells', () => {
    const plan = planFor(inputsFor('pytorch', { images: 10, batchSize: 4 }));
    const { geometry } = describeDatasetChart(plan, { width: 640 });
    expect(geometry.imagesPerCell).toBe(1);
    const { covered, current } = cursorPaths(geometry, 4, 3);
    const { pitch, size, labelWidth } = geometry;
    const top = geometry.lanes[0]?.top ?? Number.NaN;
    expect(current).toBe(`M${labelWidth + 8 * pitch},${top}h${pitch + size}v${size}h${-(pitch + size)}z`);
    expect(covered).toBe(`M${labelWidth},${top}h${7 * pitch + size}v${size}h${-(7 * pitch + size)}z`);
  });

  test('every device lane drawn gets the cursor; the images no device was dealt do not', () => {
    const plan = planFor(inputsFor('hf-trainer', { devices: 9, images: 10_007, lastBatch: 'drop' }));
    const { geometry } = describeDatasetChart(plan, { width: 640 });
    const deviceLanes = geometry.lanes.filter((lane) => lane.full + lane.partial > 0).length;
    expect(deviceLanes).toBe(8);
    expect(geometry.lanes.length).toBe(9);
    expect(rects(cursorPaths(geometry, 64, 1).current)).toBe(8);
  });

  test('no NaN or Infinity in any path, at any batch of a few plans', () => {
    for (const plan of [
      planFor(inputsFor('pytorch', { images: 48_001, devices: 4 })),
      planFor(inputsFor('pytorch', { images: 1_000_000_000, batchSize: 1 })),
      planFor(inputsFor('pytorch', { images: 1, batchSize: 1 })),
    ]) {
      for (const width of [280, 960]) {
        const { geometry } = describeDatasetChart(plan, { width });
        for (const batch of [1, 2, plan.batchesPerEpoch - 1, plan.batchesPerEpoch].filter((k) => k >= 1)) {
          const { covered, current } = cursorPaths(geometry, plan.inputs.batchSize, batch);
          expect(`${covered}${current}`).not.toMatch(/NaN|Infinity|undefined/);
          expect(rects(current)).toBeGreaterThan(0);
        }
      }
    }
  });
});
