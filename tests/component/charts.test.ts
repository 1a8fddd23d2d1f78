/**
 * The chart components as the server renders them (Astro's Container API): an SVG with
 * role="img" named by its own <title> and <desc>, a caption, and a table twin holding the
 * plan's numbers, all before any script runs.
 */
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, describe, expect, test } from 'vitest';
import BatchSizeChart from '../../src/components/charts/BatchSizeChart.astro';
import DatasetChart from '../../src/components/charts/DatasetChart.astro';
import EpochChart from '../../src/components/charts/EpochChart.astro';
import { setPageInputs } from '../../src/article/page-state';
import { batchSizeSweep, countsAtEpoch, formatCount } from '../../src/lib';
import { planWith } from '../support/plans';

let container: AstroContainer;
beforeAll(async () => {
  container = await AstroContainer.create();
});

const worked = planWith();
const accumulated = planWith({ accumulationSteps: 4, images: 48_100, devices: 2 });

const COMPONENTS = [
  ['EpochChart', EpochChart, 'epochs-chart'],
  ['BatchSizeChart', BatchSizeChart, 'batch-size-chart'],
  ['DatasetChart', DatasetChart, 'dataset-chart'],
] as const;

/** The text of the <tbody> cells, in order. */
function tableCells(html: string): string[] {
  const body = /<tbody[^>]*>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  return [...body.matchAll(/<t[hd][^>]*>([^<]*)<\/t[hd]>/g)].map((m) => (m[1] ?? '').trim());
}

describe.each(COMPONENTS)('%s', (_name, Component, tag) => {
  test.each([
    ['the worked case', worked],
    ['accumulation on two devices', accumulated],
  ])('renders an accessible figure for %s', async (_label, plan) => {
    const html = await container.renderToString(Component, { props: { plan } });
    expect(html).toContain(`<${tag} `);
    expect(html).toMatch(/<figure[^>]*>/);
    expect(html).toMatch(/<figcaption[^>]*>/);
    const svgTag = /<svg [^>]*>/.exec(html)?.[0] ?? '';
    expect(svgTag).toContain('role="img"');
    const labelledBy = /aria-labelledby="([^"]+)"/.exec(svgTag)?.[1]?.split(' ') ?? [];
    expect(labelledBy).toEqual([`${tag}-title`, `${tag}-desc`]);
    expect(html).toContain(`<title id="${tag}-title">`);
    expect(html).toContain(`<desc id="${tag}-desc">`);
    // Every id referenced by an ARIA attribute exists once.
    for (const [, ids] of html.matchAll(/aria-(?:labelledby|describedby)="([^"]+)"/g)) {
      for (const id of (ids ?? '').split(' ')) expect(html.split(`id="${id}"`)).toHaveLength(2);
    }
    expect(html).toMatch(/<details[^>]*>\s*<summary[^>]*>\s*Show the data\s*<\/summary>/);
    expect(html).not.toMatch(/\sstyle="/);
  });

  test('a visible title above the chart names the figure, at the heading level asked for', async () => {
    const html = await container.renderToString(Component, { props: { plan: worked, headingLevel: 2 } });
    const heading = /<h2 class="chart-heading[^"]*" id="([^"]+)"[^>]*>([^<]+)<\/h2>/.exec(html);
    const title = /<title id="[^"]+">([^<]+)<\/title>/.exec(html)?.[1];
    expect(heading?.[2]).toBe(title);
    expect(html.indexOf('chart-heading')).toBeLessThan(html.indexOf('<figure'));
    expect(html).toMatch(new RegExp(`<figure[^>]*aria-labelledby="${heading?.[1]}"`));
    const level3 = await container.renderToString(Component, { props: { plan: worked } });
    expect(level3).toMatch(/<h3 class="chart-heading/);
  });

  test('without a plan it draws the page’s (setPageInputs)', async () => {
    const locals = {};
    const plan = setPageInputs(locals, { images: 35_126, batchSize: 32, epochs: 50 });
    const html = await container.renderToString(Component, { props: {}, locals });
    const own = await container.renderToString(Component, { props: { plan } });
    expect(html).toBe(own);
  });

  test('takes an id prefix', async () => {
    const html = await container.renderToString(Component, { props: { plan: worked, id: 'fig-2' } });
    expect(html).toContain('aria-labelledby="fig-2-title fig-2-desc"');
    expect(html).toContain('data-chart-id="fig-2"');
  });
});

test('the epochs table and readout hold the engine’s counts', async () => {
  const html = await container.renderToString(EpochChart, { props: { plan: accumulated } });
  const cells = tableCells(html);
  const last = countsAtEpoch(accumulated, accumulated.inputs.epochs);
  expect(cells.slice(-3)).toEqual([
    formatCount(last.epoch),
    formatCount(accumulated.totalBatches),
    formatCount(accumulated.totalOptimizerSteps),
  ]);
  expect(html).toMatch(/<output[^>]*aria-live="polite"[^>]*>/);
  expect(html).toContain(
    `Epoch ${formatCount(accumulated.inputs.epochs)}: ${formatCount(accumulated.totalBatches)} batches, ${formatCount(accumulated.totalOptimizerSteps)} optimizer steps`,
  );
  expect(html).toMatch(/tabindex="0"/);
});

test('the batch size table holds the sweep', async () => {
  const html = await container.renderToString(BatchSizeChart, { props: { plan: worked } });
  const cells = tableCells(html);
  const sweep = batchSizeSweep(worked);
  const current = sweep.find((p) => p.batchSize === worked.inputs.batchSize);
  const at = cells.indexOf(`${formatCount(worked.inputs.batchSize)} (current)`);
  expect(at).toBeGreaterThanOrEqual(0);
  expect(cells[at + 1]).toBe(formatCount(current?.keep ?? NaN));
  expect(cells[at + 2]).toBe(formatCount(current?.drop ?? NaN));
});

test('the dataset table, cell by cell: case B (35,126 / 32) on 4 devices, kept', async () => {
  // docs/worked-cases.md, case B: ⌈35,126 / 4⌉ = 8,782 per device (2 padding copies);
  // 8,782 = 274 × 32 + 14, so 275 batches, 274 full, the last of 14; nothing skipped.
  const plan = planWith({ images: 35_126, batchSize: 32, epochs: 50, devices: 4 });
  const html = await container.renderToString(DatasetChart, { props: { plan } });
  expect(tableCells(html)).toEqual([
    ...['Each of the 4 devices', '275', '274', '14', '—', '—'],
    ...['All 4 devices', '—', '—', '—', '0', '2'],
  ]);
});
