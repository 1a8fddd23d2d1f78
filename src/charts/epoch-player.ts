/**
 * "Play an epoch" on the dataset chart, the pure part: which batch is shown after so long a
 * play, what the counter and the announcement say (the engine's `epochWalkStep`), and where
 * the cursor goes over the chart's cells (the chart's own geometry). No DOM here.
 */
import { epochWalkCounter, epochWalkStep, epochWalkWords, type EpochWalkStep } from '../lib/epoch-walk';
import type { TrainingPlan } from '../lib/types';
import type { DatasetGeometry } from './dataset-chart';
import { px } from './svg';

/** One epoch takes this long to play, whatever its number of batches. */
export const EPOCH_PLAY_MS = 7_000;
/** Frames in one played epoch at 60 Hz: a large epoch advances ⌈b / frames⌉ batches a frame. */
export const EPOCH_PLAY_FRAMES = Math.round((EPOCH_PLAY_MS * 60) / 1_000);
/** The live region speaks at most this often while playing. */
export const ANNOUNCE_EVERY_MS = 1_000;

/** Batches a 60 Hz frame advances: 1 for an epoch of at most `frames` batches, more beyond. */
export function batchesPerFrame(batches: number, frames = EPOCH_PLAY_FRAMES): number {
  return Math.max(1, Math.ceil(batches / frames));
}

/**
 * The batch shown `elapsedMs` after Play was pressed at batch `from` (0 … b): the next batch
 * at once, then one every EPOCH_PLAY_MS / b (several a frame for a large b), until the last
 * batch has been shown for its share of the time; `finished` then, with the batch at b.
 */
export function playedBatch(
  from: number,
  elapsedMs: number,
  batches: number,
  durationMs = EPOCH_PLAY_MS,
): { batch: number; finished: boolean } {
  if (batches <= 0) return { batch: 0, finished: true };
  const start = Math.min(Math.max(0, Math.floor(from)), batches);
  const elapsed = Math.max(0, elapsedMs);
  const passed = Math.floor((elapsed * batches) / durationMs);
  const finished = start + passed >= batches;
  return { batch: finished ? batches : start + 1 + passed, finished };
}

/** Where Play starts: from the batch shown, or from the start again after the last one. */
export function playFrom(batch: number, batches: number): number {
  return batch >= batches ? 0 : batch;
}

/** The batch after `batch` for the Step button: the next one, or the first again after the last. */
export function nextBatch(batch: number, batches: number): number {
  if (batches <= 0) return 0;
  return batch >= batches ? 1 : batch + 1;
}

export interface PlayerView {
  step: EpochWalkStep;
  /** "Batch 312 of 750". */
  counter: string;
  /** The full sentence, for the live region when paused or done. */
  words: string;
  /** Why the player cannot play (an epoch with no batch), or empty. */
  disabledReason: string;
}

/** What the player shows for a plan at a batch. */
export function playerView(plan: TrainingPlan, batch: number): PlayerView {
  const step = epochWalkStep(plan, batch);
  return {
    step,
    counter: epochWalkCounter(step),
    words: epochWalkWords(step),
    disabledReason: step.batches === 0 ? 'Nothing to play: an epoch of this run has no batch at all.' : '',
  };
}

/** The cursor as two SVG paths: the cells already covered this epoch, and the current batch. */
export interface CursorPaths {
  covered: string;
  current: string;
}

/** The cell holding a slot of a lane: full batches from cell 0, the partial one after them. */
function cellOf(lane: DatasetGeometry['lanes'][number], perCell: number, slot: number): number {
  if (slot < lane.full) return Math.floor(slot / perCell);
  return Math.ceil(lane.full / perCell) + Math.floor((slot - lane.full) / perCell);
}

/** Rectangles over cells [from, to) of a lane, one per row, as path data. */
function cellRun(geometry: DatasetGeometry, top: number, from: number, to: number): string {
  const { columns, pitch, size, labelWidth } = geometry;
  let d = '';
  for (let i = from; i < to;) {
    const row = Math.floor(i / columns);
    const end = Math.min(to, (row + 1) * columns);
    const x = px(labelWidth + (i % columns) * pitch);
    const y = px(top + row * pitch);
    const width = px((end - i - 1) * pitch + size);
    d += `M${x},${y}h${width}v${size}h${-width}z`;
    i = end;
  }
  return d;
}

/**
 * The cursor for batch k on every device lane drawn (the devices run in step): the cells of
 * the batches before it, and the cells of batch k. A cell that stands for several batches is
 * the cursor for each of them; nothing is drawn before the first batch.
 */
export function cursorPaths(geometry: DatasetGeometry, batchSize: number, batch: number): CursorPaths {
  let covered = '';
  let current = '';
  if (batch <= 0) return { covered, current };
  const perCell = Math.max(1, geometry.imagesPerCell);
  for (const lane of geometry.lanes) {
    const slots = lane.full + lane.partial;
    if (slots === 0) continue;
    const first = Math.min((batch - 1) * batchSize, slots - 1);
    const last = Math.min(batch * batchSize, slots) - 1;
    const from = cellOf(lane, perCell, first);
    const to = cellOf(lane, perCell, last) + 1;
    covered += cellRun(geometry, lane.top, 0, from);
    current += cellRun(geometry, lane.top, from, to);
  }
  return { covered, current };
}
