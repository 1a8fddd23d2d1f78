// The embedding pieces as the server renders them (Astro's Container API, node environment):
// the Share / embed button on every widget, the figure downloads on every chart, and the
// calculator's controls alone (results="none") as the embeds of the other widgets use it.
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, describe, expect, test } from 'vitest';
import Calculator from '../../src/components/Calculator.astro';
import Derivation from '../../src/components/Derivation.astro';
import FrameworkTable from '../../src/components/FrameworkTable.astro';
import ShareEmbed from '../../src/components/ShareEmbed.astro';
import BatchSizeChart from '../../src/components/charts/BatchSizeChart.astro';
import DatasetChart from '../../src/components/charts/DatasetChart.astro';
import EpochChart from '../../src/components/charts/EpochChart.astro';
import { DEFAULT_INPUTS } from '../../src/lib';
import { planFor } from '../support/plans';

let container: AstroContainer;
beforeAll(async () => {
  container = await AstroContainer.create();
});

const plan = planFor({ ...DEFAULT_INPUTS, images: 35_126, batchSize: 32 });

describe('Share / embed', () => {
  test.each([
    { name: 'Calculator', component: Calculator, widget: 'calculator' },
    { name: 'Derivation', component: Derivation, widget: 'arithmetic' },
    { name: 'FrameworkTable', component: FrameworkTable, widget: 'frameworks' },
  ])('$name names its embed', async ({ component, widget }) => {
    const html = await container.renderToString(component, { props: { plan } });
    expect(html).toContain(`data-share-embed="${widget}"`);
    expect(html).toMatch(
      /<button[^>]*aria-haspopup="dialog"[^>]*data-share-embed-open[^>]*>\s*Share \/ embed\s*</,
    );
  });

  test.each([
    { name: 'EpochChart', component: EpochChart },
    { name: 'BatchSizeChart', component: BatchSizeChart },
    { name: 'DatasetChart', component: DatasetChart },
  ])(
    '$name offers Share / embed (its widget found from its element) and its figure as SVG and PNG',
    async ({ component }) => {
      const html = await container.renderToString(component, { props: { plan } });
      expect(html).toMatch(/data-share-embed(="")?[\s>]/);
      expect(html).toContain('data-figure-download="svg"');
      expect(html).toContain('data-figure-download="png"');
    },
  );

  test('the button is the only markup: the dialog is built on the first click', async () => {
    const html = await container.renderToString(ShareEmbed, { props: { widget: 'epochs-chart' } });
    expect(html).not.toContain('<dialog');
    expect(html).toContain('data-share-embed="epochs-chart"');
  });
});

describe('Calculator results="none"', () => {
  test('the controls without any count, for a widget under them that shows the counts', async () => {
    const html = await container.renderToString(Calculator, {
      props: { plan, results: 'none', share: false },
    });
    expect(html).not.toContain('calculator-results');
    expect(html).not.toContain('data-quantity');
    expect(html).toContain('type="range"');
    expect(html).toContain('class="advanced"');
  });
});
