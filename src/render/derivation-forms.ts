/**
 * Every form a derivation line can take, typeset at build time (server only, like katex.ts).
 * A page renders only its own plan's lines; the other forms wait in one static file,
 * `/derivation-forms.json` (src/pages/derivation-forms.json.ts), which the live arithmetic
 * fetches the first time the state needs a line the page does not have. Either way a line is
 * the same markup: its label, and the KaTeX HTML with each number in a `[data-slot]` span.
 */
import { DERIVATION_TEMPLATES, slotCount, type DerivationTemplateId } from '../lib';
import type { DerivationForm } from '../lib/derivation';
import { renderSlottedTemplate } from './katex';

/**
 * A line's label and KaTeX HTML from any template with a label and TeX (the engine's, or an
 * exercise's), with `values` in its slots (placeholder ones if none).
 */
export function slottedForm(
  template: { label: string; tex: string },
  values?: readonly number[],
): DerivationForm {
  return {
    label: template.label,
    html: renderSlottedTemplate(
      template.tex,
      values ?? Array.from({ length: slotCount(template.tex) }, () => 1),
    ),
  };
}

/** One engine line's label and KaTeX HTML, with `values` in its slots (placeholder ones if none). */
export function derivationForm(id: DerivationTemplateId, values?: readonly number[]): DerivationForm {
  return slottedForm(DERIVATION_TEMPLATES[id], values);
}

/** Every template's form, by id, in the engine's order (placeholder ones in the slots). */
export function derivationForms(): Record<DerivationTemplateId, DerivationForm> {
  const ids = Object.keys(DERIVATION_TEMPLATES) as DerivationTemplateId[];
  return Object.fromEntries(ids.map((id) => [id, derivationForm(id)])) as Record<
    DerivationTemplateId,
    DerivationForm
  >;
}
