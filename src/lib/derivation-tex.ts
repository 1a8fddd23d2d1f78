/**
 * The TeX of every derivation line (server and tests only). It is kept apart from the lines'
 * words (derivation.ts) because the browser never typesets: its code imports the engine, and
 * with it derivation.ts, on every page, and the TeX would add about 0.4 KB gzip to each.
 * Pages typeset these at build time (src/render/), with each number in a marked slot.
 */
import { DERIVATION_TEXTS, fillSlots, type DerivationTemplateId } from './derivation';
import { texCount } from './format';
import type { DerivationStep } from './types';

const ceilFraction = (top: string, bottom: string) =>
  String.raw`\left\lceil \dfrac{${top}}{${bottom}} \right\rceil`;
const floorFraction = (top: string, bottom: string) =>
  String.raw`\left\lfloor \dfrac{${top}}{${bottom}} \right\rfloor`;

/** Each line's TeX, with the same slots `{{0}}`, `{{1}}`, … as its words; the last slot is the result. */
export const DERIVATION_TEX = {
  'training-images/keras': String.raw`N = \left\lfloor N_{\text{all}}\,(1 - v) \right\rfloor = \left\lfloor {{0}} \times (1 - {{1}}\%) \right\rfloor = {{2}}`,
  'training-images/fastai': String.raw`N = N_{\text{all}} - \left\lfloor v\,N_{\text{all}} \right\rfloor = {{0}} - \left\lfloor {{1}}\% \times {{2}} \right\rfloor = {{3}}`,
  'training-images/random-split': String.raw`N = \left\lfloor N_{\text{all}}\,(1 - v) \right\rfloor + r = \left\lfloor {{0}} \times (1 - {{1}}\%) \right\rfloor + {{2}} = {{3}}`,
  'training-images/train-test-split': String.raw`N = N_{\text{all}} - \left\lceil v\,N_{\text{all}} \right\rceil = {{0}} - \left\lceil {{1}}\% \times {{2}} \right\rceil = {{3}}`,
  'images-per-device/padded': String.raw`n = ${ceilFraction('N', 'P')} = ${ceilFraction('{{0}}', '{{1}}')} = {{2}}`,
  'images-per-device/fastai-padded': String.raw`n = ${ceilFraction('N', 'P')} = ${ceilFraction('{{0}}', '{{1}}')} = {{2}}`,
  'batches-per-epoch/global-batch': String.raw`b = ${ceilFraction('N', 'B \\times P')} = ${ceilFraction('{{0}}', '{{1}} \\times {{2}}')} = {{3}}`,
  'batches-per-epoch/ceil': String.raw`b = ${ceilFraction('N', 'B')} = ${ceilFraction('{{0}}', '{{1}}')} = {{2}}`,
  'batches-per-epoch/floor': String.raw`b = ${floorFraction('N', 'B')} = ${floorFraction('{{0}}', '{{1}}')} = {{2}}`,
  'batches-per-epoch/per-device-ceil': String.raw`b = ${ceilFraction('n', 'B')} = ${ceilFraction('{{0}}', '{{1}}')} = {{2}}`,
  'batches-per-epoch/per-device-floor': String.raw`b = ${floorFraction('n', 'B')} = ${floorFraction('{{0}}', '{{1}}')} = {{2}}`,
  'batches-per-epoch/sharded-ceil': String.raw`b = ${ceilFraction('N', 'B \\times P')} = ${ceilFraction('{{0}}', '{{1}} \\times {{2}}')} = {{3}}`,
  'batches-per-epoch/sharded-floor': String.raw`b = ${floorFraction('N', 'B \\times P')} = ${floorFraction('{{0}}', '{{1}} \\times {{2}}')} = {{3}}`,
  'total-batches/product': String.raw`b \times E = {{0}} \times {{1}} = {{2}}`,
  'optimizer-steps-per-epoch/ceil': String.raw`s = ${ceilFraction('b', 'G')} = ${ceilFraction('{{0}}', '{{1}}')} = {{2}}`,
  'total-optimizer-steps/product': String.raw`s \times E = {{0}} \times {{1}} = {{2}}`,
  'total-optimizer-steps/across-epochs': String.raw`\left\lfloor \dfrac{b \times E}{G} \right\rfloor = \left\lfloor \dfrac{{{0}} \times {{1}}}{{{2}}} \right\rfloor = {{3}}`,
  'total-optimizer-steps/full-batches-across-epochs': String.raw`\left\lfloor \dfrac{(b - 1) \times E}{G} \right\rfloor = \left\lfloor \dfrac{({{0}} - 1) \times {{1}}}{{{2}}} \right\rfloor = {{3}}`,
  'total-optimizer-steps/image-windows': String.raw`n_{\text{acc}} = {{0}} \times {{1}};\; E = {{4}} \text{ epochs of } {{2}} \times {{1}} + {{3}} \text{ images} \;\Rightarrow\; {{5}}`,
  'effective-batch-size/product': String.raw`B \times P \times G = {{0}} \times {{1}} \times {{2}} = {{3}}`,
} as const satisfies Record<DerivationTemplateId, string>;

/** Every line's whole form, words and TeX, by id, in the engine's order. */
export const DERIVATION_TEMPLATES = Object.fromEntries(
  (Object.keys(DERIVATION_TEXTS) as DerivationTemplateId[]).map((id) => [
    id,
    { ...DERIVATION_TEXTS[id], tex: DERIVATION_TEX[id] },
  ]),
) as { readonly [Id in DerivationTemplateId]: (typeof DERIVATION_TEXTS)[Id] & { tex: string } };

/** A derivation line's TeX, its numbers filled in (as the server typesets it, without slots). */
export function derivationTex(step: DerivationStep): string {
  return fillSlots(DERIVATION_TEX[step.template as DerivationTemplateId], step.values, texCount);
}
