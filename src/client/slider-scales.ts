/**
 * Where a value sits on its slider. Images and epochs move on a logarithmic track; batch
 * size snaps to powers of two. Pure functions: the slider's position is presentation, the
 * value it yields is an input, and no training count is computed here.
 */
import { FIELD_SPECS } from '../lib/inputs';
import type { NumericField } from '../lib/types';

export interface SliderScale {
  /** The range input's max (its min is 0, step 1). */
  positions: number;
  toValue(position: number): number;
  toPosition(value: number): number;
}

/** Three significant figures, so slider values read like numbers people choose. */
export function roundForReading(value: number): number {
  if (value < 1000) return Math.round(value);
  const magnitude = 10 ** (Math.floor(Math.log10(value)) - 2);
  return Math.round(value / magnitude) * magnitude;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

/**
 * Whole steps of 1 from `min` up to `knee`, then a logarithmic track to `max`, so every
 * arrow press changes the value, small values stay reachable and large ones are a few presses away.
 */
export function linearThenLogScale(
  min: number,
  knee: number,
  max: number,
  logPositions: number,
): SliderScale {
  const linearPositions = knee - min;
  const positions = linearPositions + logPositions;
  const span = Math.log(max / knee);
  return {
    positions,
    toValue(position) {
      const p = clamp(Math.round(position), 0, positions);
      if (p <= linearPositions) return min + p;
      return clamp(
        roundForReading(knee * Math.exp((span * (p - linearPositions)) / logPositions)),
        knee,
        max,
      );
    },
    toPosition(value) {
      const v = clamp(value, min, max);
      if (v <= knee) return Math.round(v - min);
      return clamp(linearPositions + Math.round((Math.log(v / knee) / span) * logPositions), 0, positions);
    },
  };
}

/** Powers of two from 1 up to the largest at or below `max`. */
export function powerOfTwoScale(max: number): SliderScale {
  const positions = Math.floor(Math.log2(max));
  return {
    positions,
    toValue: (position) => 2 ** clamp(Math.round(position), 0, positions),
    toPosition: (value) => clamp(Math.round(Math.log2(Math.max(value, 1))), 0, positions),
  };
}

export const SLIDER_SCALES: Readonly<Partial<Record<NumericField, SliderScale>>> = {
  images: linearThenLogScale(FIELD_SPECS.images.min, 100, FIELD_SPECS.images.max, 900),
  batchSize: powerOfTwoScale(FIELD_SPECS.batchSize.max),
  epochs: linearThenLogScale(FIELD_SPECS.epochs.min, 200, FIELD_SPECS.epochs.max, 300),
};

/**
 * The value Page Up (+1) or Page Down (−1) gives in a number input: a tenth of its slider's
 * track, as on the slider itself, or ten steps for fields without a slider; within range.
 */
export function pageStep(field: NumericField, value: number, direction: 1 | -1): number {
  const spec = FIELD_SPECS[field];
  const scale = SLIDER_SCALES[field];
  if (scale) {
    const jump = Math.max(1, Math.round(scale.positions / 10));
    return scale.toValue(scale.toPosition(value) + direction * jump);
  }
  return clamp(Math.round(value) + direction * 10, spec.min, spec.max);
}

/** Where a slider's value came from when it was not the slider: its position and exact value. */
export interface SliderAnchor {
  position: number;
  value: number;
}

/**
 * The value of a slider at `position`. At the anchor's position it is the anchor's value, so
 * arrow keys retrace their steps: a typed 48,000 sits between two grid values, → gives the next
 * one up, and ← comes back to 48,000, not to the nearest grid value.
 */
export function sliderValue(scale: SliderScale, position: number, anchor?: SliderAnchor): number {
  if (anchor && Math.round(position) === anchor.position) return anchor.value;
  return scale.toValue(position);
}
