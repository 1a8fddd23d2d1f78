/**
 * "Play an epoch" as the server renders it inside the dataset chart: the counter at batch 0
 * from the engine, the three buttons, an empty polite live region, and for a run with no batch
 * the buttons disabled with the reason in text.
 */
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, describe, expect, test } from 'vitest';
import DatasetChart from '../../src/components/charts/DatasetChart.astro';
import { playerView } from '../../src/charts/epoch-player';
import { type TrainingPlan } from '../../src/lib';
import { planWith } from '../support/plans';

let container: AstroContainer;
beforeAll(async () => {
  container = await AstroContainer.create();
});

/** The server-rendered <epoch-player> inside the chart's figure. */
async function player(plan: TrainingPlan): Promise<string> {
  const html = await container.renderToString(DatasetChart, { props: { plan } });
  const figure = /<figure[\s\S]*<\/figure>/.exec(html)?.[0] ?? '';
  const element = /<epoch-player[\s\S]*<\/epoch-player>/.exec(figure)?.[0];
  if (!element) throw new Error('no <epoch-player> inside the chart’s figure');
  return element;
}

/** The buttons: [opening tag, text]. */
function buttons(html: string): [string, string][] {
  return [...html.matchAll(/(<button[^>]*>)([^<]*)<\/button>/g)].map((m) => [
    m[1] ?? '',
    (m[2] ?? '').trim(),
  ]);
}

/** The text of the element whose opening tag has `attribute`. */
function textOf(html: string, attribute: string): { tag: string; text: string } | undefined {
  const match = new RegExp(`(<[a-z]+[^>]*\\s${attribute}[\\s>][^>]*>?)([^<]*)<`).exec(html);
  return match ? { tag: match[1] ?? '', text: match[2] ?? '' } : undefined;
}

describe('the player in the dataset chart', () => {
  test('the worked case: Batch 0 of the engine’s batches, live buttons, an empty live region', async () => {
    const plan = planWith();
    const html = await player(plan);
    expect(textOf(html, 'data-epoch-counter')?.text).toBe(playerView(plan, 0).counter);
    const found = buttons(html);
    expect(found.map(([, text]) => text)).toEqual(['Play', 'Next batch', 'Rewind']);
    for (const [tag] of found) {
      expect(tag).toContain('type="button"');
      expect(tag).not.toContain('disabled');
    }
    const live = textOf(html, 'data-epoch-live');
    expect(live?.tag).toContain('aria-live="polite"');
    expect(live?.text).toBe('');
    expect(textOf(html, 'data-epoch-reason')?.tag).toContain('hidden');
  });

  test('a run with no batch: every button disabled, the reason in text', async () => {
    const plan = planWith({ images: 10, batchSize: 64, lastBatch: 'drop' });
    const html = await player(plan);
    for (const [tag] of buttons(html)) expect(tag).toContain('disabled');
    const reason = textOf(html, 'data-epoch-reason');
    expect(reason?.tag).not.toMatch(/\shidden/);
    expect(reason?.text).toBe(playerView(plan, 0).disabledReason);
    const id = /id="([^"]+)"/.exec(reason?.tag ?? '')?.[1];
    expect(buttons(html)[0]?.[0]).toContain(`aria-describedby="${id}"`);
  });
});
