/**
 * From image passes to GPU time. Pure TypeScript: no DOM.
 */

/**
 * Seconds of training for `imagePasses` images processed at `imagesPerSecond`.
 * Throws a RangeError if the throughput is not a positive finite number or the passes are
 * not a finite number ≥ 0 (callers validate reader input first; this is the last guard).
 */
export function trainingSeconds(imagePasses: number, imagesPerSecond: number): number {
  if (!Number.isFinite(imagesPerSecond) || imagesPerSecond <= 0) {
    throw new RangeError(
      `Throughput must be a positive number of images per second, not ${String(imagesPerSecond)}.`,
    );
  }
  if (!Number.isFinite(imagePasses) || imagePasses < 0) {
    throw new RangeError(`Image passes must be a finite number of at least 0, not ${String(imagePasses)}.`);
  }
  return imagePasses / imagesPerSecond;
}
