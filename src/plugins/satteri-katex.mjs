// Renders Sätteri's math nodes with KaTeX at build time. It is an mdast plugin that
// returns raw HTML with `mdxExpressions: false`, the only form that also works in MDX
// (a hast plugin that returns raw nodes cannot be compiled to MDX output).
import katex from 'katex';

/** @param {import('katex').KatexOptions} [options] */
export function katexMath(options = {}) {
  /** @param {string} tex @param {boolean} displayMode */
  const render = (tex, displayMode) =>
    katex.renderToString(tex, {
      throwOnError: false,
      output: 'htmlAndMathml',
      ...options,
      displayMode,
    });
  return {
    name: 'katex-math',
    /** @param {{ value: string }} node @param {{ replaceNode: Function }} ctx */
    math(node, ctx) {
      ctx.replaceNode(node, { raw: render(node.value, true), mdxExpressions: false });
    },
    /** @param {{ value: string }} node @param {{ replaceNode: Function }} ctx */
    inlineMath(node, ctx) {
      ctx.replaceNode(node, { raw: render(node.value, false), mdxExpressions: false });
    },
  };
}
