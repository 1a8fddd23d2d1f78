/**
 * What a chart's SVG shows, as geometry (not markup): every element in document order with its
 * classes, its text and its positions, and every path as polylines. Two versions of a chart that
 * draw the same thing compare equal within a tolerance, however their paths are written ("H10",
 * "L10,0", one point more or less on a straight run). Shared by charts-geometry.test.ts and the
 * fixture it compares with (tests/unit/fixtures/chart-geometry.json).
 */
import type { TrainingInputs } from '../../src/lib';
import type { SvgNode } from '../../src/charts/svg';
import { inputsFor } from '../support/plans';

export type Polyline = [number, number][];

export interface Mark {
  tag: string;
  class?: string;
  text?: string;
  /** Numeric attributes (x, y, cx, cy, r, width, height) and the root's viewBox numbers. */
  at?: Record<string, number>;
  /** A path's subpaths, each as its vertices ("x,y x,y …"; "z" closes back to the first). */
  d?: string[];
}

const NUMERIC = ['x', 'y', 'cx', 'cy', 'r', 'width', 'height'] as const;

/** The subpaths of an SVG path made of M, L, H, V and Z commands (absolute or relative). */
export function parsePath(d: string): Polyline[] {
  const tokens = d.match(/[MmLlHhVvZz]|-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/g) ?? [];
  const subpaths: Polyline[] = [];
  let current: Polyline = [];
  let x = 0;
  let y = 0;
  let start: [number, number] = [0, 0];
  let i = 0;
  const num = () => Number(tokens[i++]);
  const more = () => i < tokens.length && !/^[A-Za-z]$/.test(tokens[i] as string);
  while (i < tokens.length) {
    const command = tokens[i++] as string;
    if (command === 'Z' || command === 'z') {
      current.push([start[0], start[1]]);
      [x, y] = start;
      continue;
    }
    let first = true;
    do {
      const relative = command === command.toLowerCase();
      const upper = command.toUpperCase();
      if (upper === 'M' || upper === 'L') {
        const nx = num();
        const ny = num();
        x = relative ? x + nx : nx;
        y = relative ? y + ny : ny;
        if (upper === 'M' && first) {
          if (current.length > 0) subpaths.push(current);
          current = [];
          start = [x, y];
        }
      } else if (upper === 'H') {
        const n = num();
        x = relative ? x + n : n;
      } else if (upper === 'V') {
        const n = num();
        y = relative ? y + n : n;
      } else {
        throw new Error(`Unexpected path command ${command} in ${d}`);
      }
      current.push([round(x), round(y)]);
      first = false;
    } while (more());
  }
  if (current.length > 0) subpaths.push(current);
  return subpaths;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Every element of a chart in document order, as marks. */
export function chartGeometry(root: SvgNode): Mark[] {
  const marks: Mark[] = [];
  const walk = (node: SvgNode) => {
    const mark: Mark = { tag: node.tag };
    const className = node.attrs['class'];
    if (className !== undefined) mark.class = String(className);
    if (node.text !== undefined) mark.text = node.text;
    const at: Record<string, number> = {};
    for (const name of NUMERIC) {
      const value = node.attrs[name];
      if (value !== undefined) at[name] = Number(value);
    }
    const viewBox = node.attrs['viewBox'];
    if (viewBox !== undefined) {
      const [, , w, h] = String(viewBox).split(' ').map(Number);
      at['viewWidth'] = w as number;
      at['viewHeight'] = h as number;
    }
    if (Object.keys(at).length > 0) mark.at = at;
    const d = node.attrs['d'];
    if (node.tag === 'path' && d !== undefined) {
      mark.d = parsePath(String(d)).map((line) => line.map(([x, y]) => `${x},${y}`).join(' '));
    }
    marks.push(mark);
    for (const child of node.children ?? []) walk(child);
  };
  walk(root);
  return marks;
}

function distanceToSegment(p: [number, number], a: [number, number], b: [number, number]): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/** The distance from a point to a polyline. */
export function distanceToPolyline(p: [number, number], line: Polyline): number {
  if (line.length === 1) return Math.hypot(p[0] - line[0]![0], p[1] - line[0]![1]);
  let best = Infinity;
  for (let i = 1; i < line.length; i += 1) {
    best = Math.min(best, distanceToSegment(p, line[i - 1]!, line[i]!));
  }
  return best;
}

function decode(line: string): Polyline {
  return line.split(' ').map((pair) => pair.split(',').map(Number) as [number, number]);
}

/**
 * How far apart two polylines are at most (the Hausdorff distance over their vertices): 0 when
 * they draw the same line, whatever points a straight run is written with.
 */
export function polylineDistance(a: Polyline, b: Polyline): number {
  let worst = 0;
  for (const p of a) worst = Math.max(worst, distanceToPolyline(p, b));
  for (const p of b) worst = Math.max(worst, distanceToPolyline(p, a));
  return worst;
}

/**
 * The differences between two charts' geometry, in words (an empty list when they show the same):
 * the same elements with the same classes and texts, positions within `tolerance`, and paths with
 * the same subpaths, each the same polyline within `tolerance`.
 */
export function geometryDifferences(before: Mark[], after: Mark[], tolerance = 0.5): string[] {
  const problems: string[] = [];
  if (before.length !== after.length) {
    problems.push(`${before.length} elements before, ${after.length} after`);
  }
  const count = Math.min(before.length, after.length);
  for (let i = 0; i < count && problems.length < 10; i += 1) {
    const was = before[i] as Mark;
    const is = after[i] as Mark;
    const name = `#${i} <${was.tag} class="${was.class ?? ''}">`;
    if (was.tag !== is.tag || was.class !== is.class) {
      problems.push(`${name} became <${is.tag} class="${is.class ?? ''}">`);
      continue;
    }
    if (was.text !== is.text)
      problems.push(`${name} text ${JSON.stringify(was.text)} → ${JSON.stringify(is.text)}`);
    const names = new Set([...Object.keys(was.at ?? {}), ...Object.keys(is.at ?? {})]);
    for (const attr of names) {
      const a = was.at?.[attr];
      const b = is.at?.[attr];
      if (a === undefined || b === undefined || Math.abs(a - b) > tolerance) {
        problems.push(`${name} ${attr} ${a} → ${b}`);
      }
    }
    if ((was.d === undefined) !== (is.d === undefined)) problems.push(`${name} d present/absent`);
    if (was.d && is.d) {
      if (was.d.length !== is.d.length) {
        problems.push(`${name} ${was.d.length} subpaths → ${is.d.length}`);
        continue;
      }
      was.d.forEach((line, k) => {
        const distance = polylineDistance(decode(line), decode(is.d![k]!));
        if (distance > tolerance) problems.push(`${name} subpath ${k} moved by ${distance.toFixed(2)} px`);
      });
    }
  }
  return problems;
}

/** The states the charts are compared at: the worked case and the extremes the sliders reach. */
export const GEOMETRY_STATES: Record<string, Partial<TrainingInputs>> = {
  'worked case': {},
  '48,001 images, drop': { images: 48_001, lastBatch: 'drop' },
  'DeepSpeed, GA 3': { framework: 'deepspeed', accumulationSteps: 3 },
  // 13 batches per epoch in windows of 5: the optimizer steps carry over and the line bends.
  'DeepSpeed, GA 5, 100 images, batch 8, 12 epochs': {
    framework: 'deepspeed',
    accumulationSteps: 5,
    images: 100,
    batchSize: 8,
    epochs: 12,
  },
  'DeepSpeed, GA 4, 100,000 epochs': { framework: 'deepspeed', accumulationSteps: 4, epochs: 100_000 },
  '4 devices': { devices: 4 },
  'HF Trainer, GA 4, 48,100 images': { framework: 'hf-trainer', accumulationSteps: 4, images: 48_100 },
  '100 images, batch 128, drop': { images: 100, batchSize: 128, lastBatch: 'drop' },
  '10^9 images': { images: 1_000_000_000 },
  '100,000 epochs': { epochs: 100_000 },
};

/** The inputs of a state: the worked case with the state's changes. */
export function stateInputs(state: Partial<TrainingInputs>): TrainingInputs {
  return inputsFor(state.framework ?? 'pytorch', state);
}

export const GEOMETRY_WIDTHS = [640, 320] as const;
