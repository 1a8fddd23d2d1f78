// The MDX articles through Astro's Container API: math is KaTeX at build time, and every
// number in the prose comes from the engine through <Count>.
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { getContainerRenderer } from '@astrojs/mdx/container-renderer';
import { loadRenderers } from 'astro:container';
import { expect, test } from 'vitest';
import Words from '../../content/articles/words.mdx';
import { DEFAULT_INPUTS, computeTraining, quantity } from '../../src/lib';

test('the words article renders its math with KaTeX and its counts from the engine', async () => {
  const renderers = await loadRenderers([getContainerRenderer()]);
  const container = await AstroContainer.create({ renderers });
  const html = await container.renderToString(Words);
  expect(html).toContain('class="katex-display"');
  expect(html).toContain('<math');
  const computed = computeTraining(DEFAULT_INPUTS);
  if (!computed.ok) throw new Error('default case invalid');
  for (const id of ['training-images', 'batches-per-epoch', 'total-batches', 'image-passes'] as const) {
    expect(html).toContain(`data-quantity="${id}" data-value="${quantity(computed.value, id).value}"`);
    expect(html).toContain(quantity(computed.value, id).text);
  }
  // Accumulation over 4: accelerate and the Trainer step on each epoch's short window, DeepSpeed does not.
  for (const framework of ['pytorch', 'deepspeed'] as const) {
    const accumulated = computeTraining({ ...DEFAULT_INPUTS, accumulationSteps: 4, framework });
    if (!accumulated.ok) throw new Error('accumulation case invalid');
    expect(html).toContain(quantity(accumulated.value, 'total-optimizer-steps').text);
  }
  expect(html).not.toMatch(/NaN|undefined|Infinity/);
});
