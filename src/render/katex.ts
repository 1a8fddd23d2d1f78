/**
 * Build-time KaTeX (server only: pages import it in frontmatter, so no KaTeX reaches the browser).
 */
import katex from 'katex';
import { fillSlots, formatCount } from '../lib';

/** Renders TeX to HTML + MathML. Only our own templates are trusted with \htmlData. */
export function renderTex(tex: string, displayMode = true): string {
  return katex.renderToString(tex, {
    displayMode,
    throwOnError: false,
    output: 'htmlAndMathml',
    trust: (context) => context.command === '\\htmlData',
    strict: (code: string) => (code === 'htmlExtension' ? 'ignore' : 'warn'),
  });
}

/**
 * A derivation template with its numbers in marked slots: each number is one text node
 * inside `<span data-slot="i">`, so the browser can change it in place without KaTeX.
 * Rendered in inline mode (fractions as \dfrac), so a long line can wrap after "=" or "×"
 * on a narrow phone instead of running off the screen.
 */
export function renderSlottedTemplate(template: string, values: readonly number[]): string {
  return renderTex(
    fillSlots(template, values, (value, slot) => `\\htmlData{slot=${slot}}{\\text{${formatCount(value)}}}`),
    false,
  );
}
