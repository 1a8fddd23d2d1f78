// The widgets as the server renders them (Astro's Container API, node environment).
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, describe, expect, test } from 'vitest';
import Calculator from '../../src/components/Calculator.astro';
import Derivation from '../../src/components/Derivation.astro';
import FrameworkTable from '../../src/components/FrameworkTable.astro';
import ResultList from '../../src/components/ResultList.astro';
import Num from '../../src/components/article/Num.astro';
import { setPageInputs } from '../../src/article/page-state';
import {
  DEFAULT_INPUTS,
  DERIVATION_TEMPLATES,
  FIELD_SPECS,
  QUANTITY_IDS,
  compareFrameworks,
  derivationSpeech,
  formatCount,
  quantity,
  quantities,
  slotCount,
  type DerivationTemplateId,
} from '../../src/lib';
import * as FormsEndpoint from '../../src/pages/derivation-forms.json';
import { planFor } from '../support/plans';

let container: AstroContainer;
beforeAll(async () => {
  container = await AstroContainer.create();
});

describe('ResultList', () => {
  test('one output per quantity, with the engine’s grouped text and plain data-value', async () => {
    const plan = planFor(DEFAULT_INPUTS);
    const html = await container.renderToString(ResultList, { props: { plan } });
    for (const item of quantities(plan)) {
      expect(html).toContain(`data-quantity="${item.id}"`);
      expect(html).toMatch(
        new RegExp(`data-quantity="${item.id}"[^>]*data-value="${item.value}"[^>]*>\\s*${item.text}`),
      );
    }
  });

  test('the outputs are quiet: one slider step would otherwise announce up to eleven of them', async () => {
    const html = await container.renderToString(ResultList, { props: { plan: planFor(DEFAULT_INPUTS) } });
    const outputs = [...html.matchAll(/<output\b[^>]*>/g)].map((match) => match[0]);
    expect(outputs).toHaveLength(quantities(planFor(DEFAULT_INPUTS)).length);
    for (const output of outputs) expect(output).toContain('aria-live="off"');
  });

  test('a quantity with no single value shows the reason instead of a number', async () => {
    const plan = planFor({ ...DEFAULT_INPUTS, framework: 'deepspeed', accumulationSteps: 7 });
    const html = await container.renderToString(ResultList, { props: { plan } });
    expect(plan.optimizerStepsPerEpoch).toBeNull();
    expect(html).toContain(plan.optimizerStepsPerEpochReason);
    expect(html).not.toMatch(/NaN|undefined|Infinity/);
  });
});

describe('Calculator', () => {
  test('number inputs are named exactly as the issue asks, each paired with a slider', async () => {
    const html = await container.renderToString(Calculator, {
      props: { plan: planFor(DEFAULT_INPUTS), id: 'c' },
    });
    for (const field of ['images', 'batchSize', 'epochs'] as const) {
      const spec = FIELD_SPECS[field];
      expect(html).toMatch(new RegExp(`<label[^>]*for="c-${spec.param}"[^>]*>\\s*${spec.label}\\s*</label>`));
      expect(html).toMatch(new RegExp(`type="number"[^>]*id="c-${spec.param}"`));
      expect(html).toContain(`aria-label="${spec.label} slider"`);
    }
    for (const label of ['Devices', 'Gradient accumulation steps', 'Validation share \\(%\\)', 'Framework']) {
      expect(html).toMatch(new RegExp(`<label[^>]*>\\s*${label}\\s*</label>`));
    }
    expect(html).toMatch(/<details[^>]*class="advanced"(?![^>]*\sopen)/);
    expect(html).toContain('The controls need JavaScript');
  });

  test('Keras renders Drop disabled with its reason', async () => {
    const html = await container.renderToString(Calculator, {
      props: { plan: planFor({ ...DEFAULT_INPUTS, framework: 'keras' }) },
    });
    expect(html).toMatch(/value="drop"[^>]*disabled/);
    expect(html).toContain('Keras cannot drop the last batch');
  });
});

describe('Derivation', () => {
  /** The template id and slot numbers (in document order) of each rendered line. */
  function renderedLines(html: string): { template: string; slots: Record<string, string> }[] {
    const list = /<ol class="derivation-lines[^>]*>([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? '';
    return [...list.matchAll(/<li data-template="([^"]+)"([^>]*)>([\s\S]*?)<\/li>/g)].map((match) => {
      expect(match[2]).not.toContain('hidden');
      return { template: match[1] ?? '', slots: slotValues(match[3] ?? '') };
    });
  }

  test.each([
    { name: 'the worked case', change: {} },
    { name: 'Drop', change: { lastBatch: 'drop' as const } },
    { name: 'devices and accumulation', change: { devices: 2, accumulationSteps: 4 } },
    { name: 'a Keras validation split', change: { framework: 'keras' as const, validationPercent: 20 } },
    {
      name: 'fastai with devices, accumulation and validation',
      change: { framework: 'fastai' as const, devices: 4, accumulationSteps: 3, validationPercent: 10 },
    },
  ])('$name: exactly the plan’s lines, in its order, numbers in slots, none hidden', async ({ change }) => {
    const plan = planFor({ ...DEFAULT_INPUTS, ...change });
    const html = await container.renderToString(Derivation, { props: { plan } });
    const lines = renderedLines(html);
    expect(lines.map((line) => line.template)).toEqual(plan.derivation.map((step) => step.template));
    for (const [index, step] of plan.derivation.entries()) {
      const expected = Object.fromEntries(
        step.values.map((value, slot) => [String(slot), formatCount(value)]),
      );
      expect(lines[index]?.slots).toEqual(expected);
      expect(html).toContain(step.speech);
    }
    expect(html).toContain('class="derivation-label"');
    expect(html).toContain('class="katex"');
    // Screen readers hear the words, once: the formulas are hidden from them, the twin is live.
    expect(html).toMatch(/<ol class="derivation-lines[^"]*"[^>]*aria-hidden="true"/);
    expect(html).toMatch(/<p[^>]*data-derivation-speech[^>]*aria-live="polite"/);
    expect(html).toContain(derivationSpeech(plan.derivation));
  });

  test('the forms the page does not have are not in it', async () => {
    const plan = planFor(DEFAULT_INPUTS);
    const html = await container.renderToString(Derivation, { props: { plan } });
    const others = Object.keys(DERIVATION_TEMPLATES).filter(
      (id) => !plan.derivation.some((step) => step.template === id),
    );
    expect(others.length).toBeGreaterThan(15);
    for (const id of others) expect(html).not.toContain(`data-template="${id}"`);
  });

  test('/derivation-forms.json: every template’s label and KaTeX, with each of its slots marked', async () => {
    // The Container API renders an endpoint module as Astro builds it, though its types name only components.
    const endpoint = FormsEndpoint as unknown as Parameters<AstroContainer['renderToResponse']>[0];
    const response = await container.renderToResponse(endpoint, { routeType: 'endpoint' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const forms = (await response.json()) as Record<string, { label: string; html: string }>;
    const ids = Object.keys(DERIVATION_TEMPLATES) as DerivationTemplateId[];
    // The engine's order, which the browser relies on for nothing but keeps anyway.
    expect(Object.keys(forms)).toEqual(ids);
    for (const id of ids) {
      const template = DERIVATION_TEMPLATES[id];
      const form = forms[id];
      expect(form?.label).toBe(template.label);
      expect(form?.html).toContain('class="katex"');
      expect(form?.html).not.toContain('katex-error');
      // Every slot of the template is marked, each occurrence of it once, and nothing else is.
      const marked = [...(form?.html ?? '').matchAll(/data-slot="(\d+)"/g)].map((match) => match[1]);
      expect(new Set(marked).size).toBe(slotCount(template.tex));
      expect(marked.length).toBe([...template.tex.matchAll(/\{\{\d+\}\}/g)].length);
      expect(Object.keys(slotValues(form?.html ?? '')).sort()).toEqual(
        Array.from({ length: slotCount(template.tex) }, (_, slot) => String(slot)).sort(),
      );
    }
  });
});

/** Each `data-slot` span's number, by slot (KaTeX may lay a fraction's parts out in any order). */
function slotValues(html: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const match of html.matchAll(/data-slot="(\d+)"[^>]*>((?:<span[^>]*>)*)([^<]*)</g)) {
    values[match[1] ?? ''] = match[3] ?? '';
  }
  return values;
}

describe('FrameworkTable', () => {
  test('one row per framework with the engine’s counts, the chosen one marked', async () => {
    const plan = planFor({ ...DEFAULT_INPUTS, images: 48_001, accumulationSteps: 4, framework: 'deepspeed' });
    const html = await container.renderToString(FrameworkTable, { props: { plan } });
    const rows = [...html.matchAll(/<tr data-framework="([^"]+)"[^>]*>([\s\S]*?)<\/tr>/g)];
    const comparison = compareFrameworks(plan.inputs);
    expect(rows.map((row) => row[1])).toEqual(comparison.map((row) => row.framework));
    for (const [index, row] of rows.entries()) {
      const expected = comparison[index];
      if (!expected?.plan) throw new Error('every framework counts this setup');
      for (const id of ['batches-per-epoch', 'last-batch-size', 'total-optimizer-steps'] as const) {
        expect(row[2]).toMatch(new RegExp(`data-cell="${id}"[^>]*>${quantity(expected.plan, id).text}<`));
      }
      // Only the chosen framework's mark is shown.
      expect(/data-chosen(?![^>]*hidden)/.test(row[2] ?? '')).toBe(expected.framework === 'deepspeed');
    }
    expect(html).not.toMatch(/NaN|undefined|Infinity/);
  });
});

describe('Calculator for an article', () => {
  test('by default: the two lead counts large under the controls, the others behind a closed “All counts”', async () => {
    const plan = planFor(DEFAULT_INPUTS);
    const html = await container.renderToString(Calculator, { props: { plan, id: 'a' } });
    const lead = /<dl class="results results-lead[^"]*"[^>]*>([\s\S]*?)<\/dl>/.exec(html)?.[1] ?? '';
    expect([...lead.matchAll(/data-quantity="([^"]+)"/g)].map((m) => m[1])).toEqual([
      'batches-per-epoch',
      'total-batches',
    ]);
    expect(html).toMatch(
      /<details class="all-counts[^"]*"(?![^>]*\sopen)[^>]*>\s*<summary[^>]*>All counts<\/summary>/,
    );
    const all = /<details class="all-counts[\s\S]*?<\/details>/.exec(html)?.[0] ?? '';
    expect([...all.matchAll(/data-quantity="([^"]+)"/g)]).toHaveLength(QUANTITY_IDS.length - 2);
    // Every count once, none lost: the lead and the rest.
    expect([...html.matchAll(/<output\b/g)]).toHaveLength(QUANTITY_IDS.length);
    expect(html).not.toContain('data-headline');
  });

  test('fields, lastBatch, advanced and share choose what is shown', async () => {
    const html = await container.renderToString(Calculator, {
      props: {
        plan: planFor(DEFAULT_INPUTS),
        id: 'b',
        fields: ['images', 'batchSize'],
        lastBatch: false,
        advanced: false,
        share: false,
        lead: ['effective-batch-size'],
      },
    });
    expect(html).toContain('aria-label="Images slider"');
    expect(html).toContain('aria-label="Batch size slider"');
    expect(html).not.toContain('aria-label="Epochs slider"');
    expect(html).not.toContain('data-last-batch');
    expect(html).not.toContain('class="advanced');
    expect(html).not.toContain('Copy link');
    expect(html).toMatch(/results-lead[\s\S]*?data-quantity="effective-batch-size"/);
    // The outputs follow only the controls that exist.
    expect(html).toContain('for="b-images b-batch"');
  });

  test('without a plan it shows the page’s (setPageInputs), and the playground layout stays available', async () => {
    const locals = {};
    const plan = setPageInputs(locals, { images: 35_126, batchSize: 32 });
    const html = await container.renderToString(Calculator, { props: { id: 'p' }, locals });
    expect(html).toContain(`value="${plan.inputs.images}"`);
    expect(html).toMatch(
      new RegExp(`data-quantity="total-batches"[^>]*>\\s*${quantity(plan, 'total-batches').text}`),
    );
    const full = await container.renderToString(Calculator, { props: { plan, results: 'all' } });
    expect(full).toContain('data-headline');
    expect(full).not.toContain('All counts');
  });
});

describe('Num (an in-text number)', () => {
  test('text for print and for pages without scripts; a named spin button and a hidden field for typing', async () => {
    const locals = {};
    setPageInputs(locals, { images: 35_126 });
    const html = await container.renderToString(Num, { props: { field: 'images' }, locals });
    const again = await container.renderToString(Num, {
      props: { field: 'images', label: 'Retinal images' },
      locals,
    });
    expect(html).toMatch(/<span class="num-static"[^>]*data-num-static[^>]*>35,126<\/span>/);
    const button = html.match(/<span[^>]*role="spinbutton"[^>]*>([^<]*)<\/span>/);
    expect(button?.[1]).toBe('35,126');
    const attributes = button?.[0] ?? '';
    expect(attributes).toContain('tabindex="0"');
    expect(attributes).toContain('aria-label="Images (adjustable: arrow keys, type, or drag sideways)"');
    expect(attributes).toContain('aria-valuenow="35126"');
    expect(attributes).toContain('aria-valuetext="35,126 images"');
    expect(attributes).toContain(`aria-valuemin="${FIELD_SPECS.images.min}"`);
    expect(attributes).toContain(`aria-valuemax="${FIELD_SPECS.images.max}"`);
    // The spin button and the field point at the message; ids stay unique on the page.
    const id = attributes.match(/ id="([^"]+)"/)?.[1];
    expect(attributes).toContain(`aria-describedby="${id}-error"`);
    expect(html).toMatch(new RegExp(`<input[^>]*aria-describedby="${id}-error"[^>]*hidden`));
    expect(html).toContain(`id="${id}-error"`);
    expect(html).toContain('aria-label="Images: type a number, Enter to apply, Escape to cancel"');
    expect(again).toContain('aria-label="Retinal images (adjustable: arrow keys, type, or drag sideways)"');
    expect(again).not.toContain(` id="${id}"`);
  });
});
