// @vitest-environment happy-dom
// Two widgets that follow the shared state, in a DOM, on the markup their components render:
// the hours estimator (src/client/hours-estimator-element.ts, HoursEstimator.astro) and the
// setup code (src/client/setup-code-element.ts, SetupCode.astro) with its Copy button.
import { afterEach, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { REFERENCES } from '../../src/article/references';
import {
  DEFAULT_INPUTS,
  DEFAULT_THROUGHPUT_ID,
  PUBLISHED_THROUGHPUTS,
  computeTraining,
  estimateText,
  estimateTime,
  formatCount,
  setupCode,
  shortCitation,
  throughputLabel,
  type TrainingPlan,
} from '../../src/lib';
import { fakeObserver } from '../support/fake-observer';

type StateModule = typeof import('../../src/client/training-state');

const workedPlan = (): TrainingPlan => {
  const computed = computeTraining(DEFAULT_INPUTS);
  if (!computed.ok) throw new Error('the worked case is refused');
  return computed.value;
};

function escape(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

function find<T extends Element = HTMLElement>(selector: string, within: ParentNode = document): T {
  const found = within.querySelector<T>(selector);
  if (!found) throw new Error(`nothing matches ${selector}`);
  return found;
}

let state: StateModule;

/** Lets a resolved clipboard promise and what follows it run (the clock stands still). */
async function settle(): Promise<void> {
  for (let turn = 0; turn < 5; turn += 1) await Promise.resolve();
}

/**
 * A page with `html`. `before` runs on the markup before it is attached (what the reader did
 * before the widget's code arrived); attaching it connects the elements.
 */
function openPage(html: string, before?: (body: HTMLElement) => void): HTMLElement {
  const body = document.createElement('div');
  body.innerHTML = html;
  before?.(body);
  document.body.append(body);
  return body;
}

beforeAll(async () => {
  // happy-dom lacks HTMLOptionElement.defaultSelected: the standard's, reflecting `selected`.
  if (!('defaultSelected' in HTMLOptionElement.prototype)) {
    Object.defineProperty(HTMLOptionElement.prototype, 'defaultSelected', {
      configurable: true,
      get(this: HTMLOptionElement) {
        return this.hasAttribute('selected');
      },
    });
  }
  // One shared state for the file, the one the elements' modules import; each test starts it
  // again from the worked case.
  window.history.replaceState(null, '', '/playground/');
  delete document.documentElement.dataset['trainingPreset'];
  state = await import('../../src/client/training-state');
  await import('../../src/client/hours-estimator-element');
  await import('../../src/client/setup-code-element');
});
beforeEach(() => {
  // The state writes the address after a pause: never, here.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  state.resetInputs();
});
afterEach(() => {
  document.body.innerHTML = '';
  vi.useRealTimers();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

// ---------------------------------------------------------------------------------------------
// The hours estimator

/** HoursEstimator.astro's markup for the worked case (its table, sources and sentences). */
function estimatorMarkup(): string {
  const plan = workedPlan();
  const textFor = (rate: number) => {
    const result = estimateTime(plan, rate);
    if (!result.ok) throw new Error(result.message);
    return estimateText(result.value);
  };
  const source = (id: string) => {
    const reference = REFERENCES[id];
    if (!reference) throw new Error(`no reference ${id}`);
    return { text: shortCitation(reference), url: reference.url };
  };
  const chosen = PUBLISHED_THROUGHPUTS.find((entry) => entry.id === DEFAULT_THROUGHPUT_ID);
  if (!chosen) throw new Error('no default throughput');
  const text = textFor(chosen.imagesPerSecond);
  const chosenSource = source(chosen.reference);
  const options = PUBLISHED_THROUGHPUTS.map(
    (entry) =>
      `<option value="${entry.id}"${entry.id === chosen.id ? ' selected' : ''}>${escape(throughputLabel(entry))}</option>`,
  ).join('');
  const rows = PUBLISHED_THROUGHPUTS.map((entry) => {
    const rowSource = source(entry.reference);
    return `<tr data-throughput-row="${entry.id}"><th scope="row">${escape(entry.model)}</th><td>${formatCount(entry.imagesPerSecond)}</td><td data-duration>${textFor(entry.imagesPerSecond).duration}</td><td><a href="${rowSource.url}" data-row-source>${escape(rowSource.text)}</a></td></tr>`;
  }).join('');
  return `<hours-estimator class="hours-estimator" data-throughput="${chosen.id}">
    <select id="hours-select" data-throughput-select>${options}<option value="custom">Your own figure (type it below)</option></select>
    <input type="text" inputmode="decimal" id="hours-custom" data-throughput-custom />
    <p class="field-error" id="hours-custom-error" data-throughput-error hidden></p>
    <div class="estimate" data-estimate-block>
      <p class="estimate-sentence" data-estimate-sentence>${escape(text.sentence)}</p>
      <p data-estimate-devices hidden>${escape(text.devices)}</p>
      <p data-estimate-validation hidden>${escape(text.validation)}</p>
      <p class="estimate-source" data-estimate-source><span data-source-label>Throughput from</span>
        <a href="${chosenSource.url}" data-source-link>${escape(chosenSource.text)}</a><span data-source-end>.</span></p>
    </div>
    <p class="visually-hidden" role="status" data-estimate-status></p>
    <table class="data-table estimator-table"><tbody>${rows}</tbody></table>
  </hours-estimator>`;
}

function estimator() {
  const select = find<HTMLSelectElement>('[data-throughput-select]');
  const custom = find<HTMLInputElement>('[data-throughput-custom]');
  const error = find('[data-throughput-error]');
  const link = find<HTMLAnchorElement>('[data-source-link]');
  const rowLink = (id: string) => find<HTMLAnchorElement>(`[data-throughput-row="${id}"] [data-row-source]`);
  return {
    select,
    custom,
    error,
    link,
    rowLink,
    sentence: () => find('[data-estimate-sentence]').textContent,
    devices: () => find('[data-estimate-devices]'),
    validation: () => find('[data-estimate-validation]'),
    /** The source line as shown (a hidden link is not read). */
    source: () =>
      [...find('[data-estimate-source]').children]
        .filter((part) => !(part as HTMLElement).hidden)
        .map((part) => part.textContent)
        .join(' ')
        .replace(' .', '.'),
    status: () => find('[data-estimate-status]').textContent,
    duration: (id: string) => find(`[data-throughput-row="${id}"] [data-duration]`).textContent,
    choose: (value: string) => {
      select.value = value;
      select.dispatchEvent(new Event('change', { bubbles: true }));
    },
    type: (text: string) => {
      custom.value = text;
      custom.dispatchEvent(new Event('input', { bubbles: true }));
    },
    commit: () => custom.dispatchEvent(new Event('change', { bubbles: true })),
  };
}

// 48,000 images × 120 epochs = 5,760,000 image passes.
const AT_2470 =
  'Estimated GPU time: about 39 minutes (2,332 seconds) for 5,760,000 image passes at 2,470 images per second on each GPU, if the GPU is never kept waiting for data.';

describe('<hours-estimator>', () => {
  test('follows the state: the estimate, the two GPUs, the validation, and every row of the table', () => {
    openPage(estimatorMarkup());
    const view = estimator();
    // 5,760,000 / 2,470 = 2,332 s, 38.9 minutes.
    expect(view.sentence()).toBe(AT_2470);
    expect(view.devices().hidden).toBe(true);
    expect(view.validation().hidden).toBe(true);
    expect(view.source()).toBe(`Throughput from ${view.rowLink(DEFAULT_THROUGHPUT_ID).textContent?.trim()}.`);
    expect(view.status()).toBe('');
    state.updateInputs({ devices: 2, validationPercent: 20 });
    // 38,400 training images × 120 = 4,608,000 passes; / 2,470 = 1,865.6 s (31 minutes), over two
    // GPUs 933 s (16 minutes); 9,600 × 120 = 1,152,000 validation passes / (3 × 2,470) / 2 = 78 s.
    expect(view.sentence()).toBe(
      'Estimated GPU time: about 31 minutes (1,866 seconds) for 4,608,000 image passes at 2,470 images per second on each GPU, if the GPU is never kept waiting for data.',
    );
    expect(view.devices().hidden).toBe(false);
    expect(view.devices().textContent).toBe(
      'Spread over 2 GPUs, that is about 16 minutes of waiting at best, if they scaled perfectly; they do not quite.',
    );
    expect(view.validation().hidden).toBe(false);
    expect(view.validation().textContent).toMatch(
      /^Validating after every epoch adds about 78 seconds more \(1,152,000 /,
    );
    // 4,608,000 / 30.6 = 150,588 s = 41.8 hours; / 2,489 = 1,851 s = 31 minutes.
    expect(view.duration('inception-v3-k80-fp32')).toBe('about 42 hours');
    expect(view.duration('efficientnet-b0-a100-amp')).toBe('about 31 minutes');
    state.updateInputs({ devices: 1, validationPercent: 0 });
    expect(view.devices().hidden).toBe(true);
    expect(view.validation().hidden).toBe(true);
    // Following the state says nothing aloud: the reader is moving a slider elsewhere.
    expect(view.status()).toBe('');
  });

  test('off screen it waits, and near the screen again (or printed) shows the latest state', () => {
    const observer = fakeObserver();
    openPage(estimatorMarkup());
    const view = estimator();
    observer.near(false);
    state.updateInputs({ devices: 2, validationPercent: 20 });
    expect(view.sentence()).toBe(AT_2470);
    expect(view.duration('efficientnet-b0-a100-amp')).toBe('about 39 minutes');
    observer.near(true);
    // 4,608,000 passes at 2,489 images per second: 1,851 s, 31 minutes.
    expect(view.duration('efficientnet-b0-a100-amp')).toBe('about 31 minutes');
    expect(view.devices().hidden).toBe(false);
    observer.near(false);
    state.updateInputs({ devices: 1, validationPercent: 0 });
    expect(view.devices().hidden).toBe(false);
    window.dispatchEvent(new Event('beforeprint'));
    expect(view.sentence()).toBe(AT_2470);
    expect(view.devices().hidden).toBe(true);
    // Nothing left to draw: printing again changes nothing, and removing the widget stops it.
    window.dispatchEvent(new Event('beforeprint'));
    document.body.innerHTML = '';
    expect(observer.disconnect).toHaveBeenCalled();
  });

  test('another published throughput: the estimate at its rate, from its source, said aloud', () => {
    openPage(estimatorMarkup());
    const view = estimator();
    view.choose('efficientnet-b0-a100-amp');
    // 5,760,000 / 2,489 = 2,314 s, 38.6 minutes.
    const expected =
      'Estimated GPU time: about 39 minutes (2,314 seconds) for 5,760,000 image passes at 2,489 images per second on each GPU, if the GPU is never kept waiting for data.';
    expect(view.sentence()).toBe(expected);
    expect(view.status()).toBe(expected);
    expect(view.link.href).toBe(view.rowLink('efficientnet-b0-a100-amp').href);
    expect(view.link.textContent).toBe(view.rowLink('efficientnet-b0-a100-amp').textContent);
  });

  test('the reader’s own figure: refused with a reason until it is one, then used, said when committed', () => {
    openPage(estimatorMarkup());
    const view = estimator();
    view.choose('custom');
    expect(view.error.hidden).toBe(false);
    expect(view.error.textContent).toBe('Type a throughput in images per second, from 0.1 to 1,000,000.');
    expect(view.custom.getAttribute('aria-invalid')).toBe('true');
    expect(view.sentence()).toBe(AT_2470);
    expect(view.status()).toBe('');
    view.type('1,000');
    // 5,760,000 / 1,000 = 5,760 s = 1.6 hours.
    const at1000 =
      'Estimated GPU time: about 1.6 hours (5,760 seconds) for 5,760,000 image passes at 1,000 images per second on each GPU, if the GPU is never kept waiting for data.';
    expect(view.sentence()).toBe(at1000);
    expect(view.error.hidden).toBe(true);
    expect(view.custom.hasAttribute('aria-invalid')).toBe(false);
    expect(view.source()).toBe('Throughput: your own figure, not a published one.');
    expect(view.link.hidden).toBe(true);
    expect(view.status()).toBe('');
    view.commit();
    expect(view.status()).toBe(at1000);
    state.updateInputs({ images: 100 });
    // 100 × 120 = 12,000 passes at 1,000 per second: 12 s. Followed, not said.
    const at1000For100 =
      'Estimated GPU time: about 12 seconds (12 seconds) for 12,000 image passes at 1,000 images per second on each GPU, if the GPU is never kept waiting for data.';
    expect(view.sentence()).toBe(at1000For100);
    expect(view.status()).toBe(at1000);
    view.type('fast');
    expect(view.error.textContent).toBe(
      'Throughput must be a number of images per second, from 0.1 to 1,000,000.',
    );
    view.type('0.05');
    expect(view.error.textContent).toBe('Throughput must be from 0.1 to 1,000,000 images per second.');
    view.commit();
    state.updateInputs({ images: 200 });
    // Nothing to estimate at a refused figure: the last estimate stands, nothing said.
    expect(view.sentence()).toBe(at1000For100);
    expect(view.status()).toBe(at1000);
    // 200 × 120 = 24,000 passes; at 2,470: 9.7 s, "about 10 seconds".
    expect(view.duration(DEFAULT_THROUGHPUT_ID)).toBe('about 10 seconds');
    view.choose(DEFAULT_THROUGHPUT_ID);
    expect(view.error.hidden).toBe(true);
    expect(view.custom.hasAttribute('aria-invalid')).toBe(false);
    expect(view.link.hidden).toBe(false);
    expect(view.sentence()).toMatch(
      /^Estimated GPU time: about 10 seconds \(10 seconds\) for 24,000 image passes at 2,470 /,
    );
  });

  test('back to the reader’s figure: used again, and said', () => {
    openPage(estimatorMarkup());
    const view = estimator();
    view.type('2000');
    view.choose('resnet50-v100-amp');
    view.choose('custom');
    // 5,760,000 / 2,000 = 2,880 s = 48 minutes.
    expect(view.sentence()).toMatch(/^Estimated GPU time: about 48 minutes \(2,880 seconds\) /);
    expect(view.status()).toBe(view.sentence());
  });

  test('no throughput marked as chosen: the first one is, and nothing is said', () => {
    openPage(estimatorMarkup().replace(' selected>', '>'));
    const view = estimator();
    // The fastest, EfficientNet-B0 at 2,489 images per second: 2,314 s.
    expect(view.select.value).toBe('efficientnet-b0-a100-amp');
    expect(view.sentence()).toMatch(/^Estimated GPU time: about 39 minutes \(2,314 seconds\) /);
    expect(view.status()).toBe('');
  });

  test('a row of a throughput the engine does not know keeps the server’s text', () => {
    openPage(
      estimatorMarkup().replace(
        '</tbody>',
        '<tr data-throughput-row="retired"><td data-duration>server</td><td><a href="#" data-row-source>old</a></td></tr></tbody>',
      ),
    );
    state.updateInputs({ images: 100 });
    expect(find('[data-throughput-row="retired"] [data-duration]').textContent).toBe('server');
    expect(estimator().duration(DEFAULT_THROUGHPUT_ID)).toBe('about 5 seconds');
  });

  test('a choice made before the code arrived is read as it stands, and said', () => {
    openPage(estimatorMarkup(), (body) => {
      find<HTMLSelectElement>('[data-throughput-select]', body).value = 'resnet50-v100-amp';
    });
    const view = estimator();
    // 5,760,000 / 1,200 = 4,800 s = 80 minutes.
    expect(view.sentence()).toMatch(/^Estimated GPU time: about 80 minutes \(4,800 seconds\) /);
    expect(view.status()).toBe(view.sentence());
  });

  test('a figure typed before the code arrived switches to it; a bad one is shown refused', () => {
    openPage(estimatorMarkup(), (body) => {
      find<HTMLInputElement>('[data-throughput-custom]', body).value = '2000';
    });
    let view = estimator();
    expect(view.select.value).toBe('custom');
    // 5,760,000 / 2,000 = 2,880 s = 48 minutes.
    expect(view.sentence()).toMatch(/^Estimated GPU time: about 48 minutes \(2,880 seconds\) /);
    expect(view.status()).toBe(view.sentence());
    document.body.innerHTML = '';
    openPage(estimatorMarkup(), (body) => {
      find<HTMLInputElement>('[data-throughput-custom]', body).value = '-3';
    });
    view = estimator();
    expect(view.select.value).toBe('custom');
    expect(view.error.hidden).toBe(false);
    expect(view.sentence()).toBe(AT_2470);
    view.choose('custom'); // Chosen again while still refused: nothing new.
    expect(view.error.hidden).toBe(false);
  });

  test('removed from the page, it stops following the state', () => {
    openPage(estimatorMarkup());
    const element = find('hours-estimator');
    element.remove();
    state.updateInputs({ images: 100 });
    expect(find('[data-estimate-sentence]', element).textContent).toBe(AT_2470);
  });

  test('markup it cannot work with is left as the server wrote it', () => {
    openPage(
      '<hours-estimator><select data-throughput-select><option value="x">x</option></select><p data-estimate-sentence>server</p><table><tr data-throughput-row="unknown"><td data-duration>server</td></tr></table></hours-estimator>',
    );
    state.updateInputs({ images: 100 });
    expect(document.body.textContent).toBe('xserverserver');
  });
});

// ---------------------------------------------------------------------------------------------
// The setup code

/** SetupCode.astro's markup for the worked case. */
function setupMarkup(): string {
  const setup = setupCode(workedPlan());
  return `<setup-code class="setup-code" role="group">
    <h2 class="setup-title">Code for this setup</h2>
    <p class="setup-summary" data-summary>${escape(setup.summary)}</p>
    <p class="setup-warning" data-warning${setup.warning ? '' : ' hidden'}>${escape(setup.warning)}</p>
    <p class="setup-meta"><span class="setup-file" data-filename>${setup.filename}</span> · <span>counts as in <span data-version>${escape(setup.version)}</span></span></p>
    <div class="code-scroll" tabindex="0" role="region" aria-label="${setup.label} code, ${setup.filename}" data-region>
      <pre><code data-code data-language="${setup.language}">${escape(setup.code)}</code></pre>
    </div>
    <ul class="setup-remarks" data-remarks${setup.remarks.length === 0 ? ' hidden' : ''}>${setup.remarks.map((remark) => `<li>${escape(remark)}</li>`).join('')}</ul>
    <div class="setup-copy">
      <button type="button" data-copy hidden>Copy code</button>
      <span class="setup-status" role="status" data-status></span>
      <label class="setup-fallback" hidden data-fallback>
        <span>The code, selected: press Ctrl+C (or ⌘C) to copy it</span>
        <textarea readonly rows="8" spellcheck="false" data-fallback-text></textarea>
      </label>
    </div>
  </setup-code>`;
}

function setupView(root: ParentNode = document) {
  const code = find('[data-code]', root);
  return {
    code,
    summary: () => find('[data-summary]', root).textContent,
    warning: find('[data-warning]'),
    filename: () => find('[data-filename]').textContent,
    version: () => find('[data-version]').textContent,
    region: () => find('[data-region]').getAttribute('aria-label'),
    remarks: find<HTMLUListElement>('[data-remarks]'),
    button: find<HTMLButtonElement>('[data-copy]'),
    status: find('[data-status]'),
    fallback: find('[data-fallback]'),
    fallbackText: find<HTMLTextAreaElement>('[data-fallback-text]'),
  };
}

describe('<setup-code>', () => {
  test('follows the state: the summary, the code, the file and the remarks of the chosen framework', () => {
    fakeObserver();
    openPage(setupMarkup());
    const view = setupView();
    expect(view.summary()).toBe(
      'With these settings PyTorch runs 750 batches per epoch; give your scheduler 90,000 steps, 4,500 of them warm-up.',
    );
    state.updateInputs({ framework: 'deepspeed', accumulationSteps: 4 });
    // DeepSpeed: ⌊90,000 / 4⌋ = 22,500 optimizer steps; 5 % of them, 1,125, warm-up.
    expect(view.summary()).toMatch(/^With these settings DeepSpeed runs 750 batches per epoch/);
    expect(view.summary()).toMatch(/give your scheduler 22,500 steps, 1,125 of them warm-up\.$/);
    expect(view.code.textContent).toContain('"total_num_steps": 22500');
    expect(view.code.getAttribute('data-language')).toBe('json');
    expect(view.filename()).toBe('ds_config.json');
    expect(view.version()).toBe('DeepSpeed 0.19 (read from its source)');
    expect(view.region()).toBe('DeepSpeed code, ds_config.json');
    const remarks = [...view.remarks.children].map((item) => item.textContent);
    expect(remarks).toEqual(setupCode(state.currentState().plan).remarks);
    expect(remarks[1]).toBe(
      'train_batch_size = 64 × 4 × 1 GPU = 256; DeepSpeed refuses a config where they do not multiply out.',
    );
    expect(view.remarks.hidden).toBe(false);
    state.updateInputs({ framework: 'pytorch', accumulationSteps: 1 });
    expect(view.remarks.hidden).toBe(true);
    expect(view.remarks.children).toHaveLength(0);
    expect(view.code.textContent).toContain('num_warmup_steps=4500, num_training_steps=90000');
    expect(view.region()).toBe('PyTorch code, train.py');
  });

  test('a run with no batch: the warning shows, and goes when the run trains again', () => {
    fakeObserver();
    openPage(setupMarkup());
    const view = setupView();
    expect(view.warning.hidden).toBe(true);
    state.updateInputs({ images: 10, lastBatch: 'drop' });
    expect(view.warning.hidden).toBe(false);
    expect(view.warning.textContent).toMatch(
      /^No batch at all: with the last partial batch dropped and a batch size of 64/,
    );
    expect(view.summary()).toBe(
      'With these settings PyTorch runs 0 batches per epoch: the run trains on nothing, so there are no steps to give a scheduler.',
    );
    state.updateInputs({ images: 100, lastBatch: 'keep' });
    expect(view.warning.hidden).toBe(true);
    // ⌈100 / 64⌉ = 2 batches, 240 in all, 12 of them warm-up.
    expect(view.summary()).toBe(
      'With these settings PyTorch runs 2 batches per epoch; give your scheduler 240 steps, 12 of them warm-up.',
    );
  });

  test('off screen it waits, and on screen again shows the latest state', () => {
    const observer = fakeObserver();
    openPage(setupMarkup());
    const view = setupView();
    observer.near(false);
    state.updateInputs({ images: 100 });
    state.updateInputs({ images: 200 });
    expect(view.summary()).toMatch(/runs 750 batches per epoch/);
    observer.near(true);
    // ⌈200 / 64⌉ = 4 batches.
    expect(view.summary()).toMatch(/runs 4 batches per epoch; give your scheduler 480 steps/);
    observer.near(false);
    observer.near(true);
    expect(view.summary()).toMatch(/runs 4 batches per epoch/);
  });

  test('Copy puts the code on the clipboard (the latest, even off screen) and says so for a while', async () => {
    const observer = fakeObserver();
    const writeText = vi.fn(() => Promise.resolve());
    vi.stubGlobal('navigator', { clipboard: { writeText } });
    openPage(setupMarkup());
    const view = setupView();
    expect(view.button.hidden).toBe(false);
    observer.near(false);
    state.updateInputs({ images: 100 });
    view.button.click();
    await settle();
    expect(view.status.textContent).toBe('Code copied.');
    expect(writeText).toHaveBeenCalledWith(setupCode(state.currentState().plan).code);
    expect(writeText).toHaveBeenCalledWith(expect.stringContaining('# len(loader) == 2 batches per epoch'));
    expect(view.code.textContent).toContain('# dataset holds 100 images');
    expect(view.fallback.hidden).toBe(true);
    vi.advanceTimersByTime(3_999);
    expect(view.status.textContent).toBe('Code copied.');
    vi.advanceTimersByTime(1);
    expect(view.status.textContent).toBe('');
  });

  test('a refused clipboard: the code selected in a field to copy by hand, which follows the state', async () => {
    fakeObserver();
    const writeText = vi.fn((): Promise<void> => Promise.reject(new Error('NotAllowedError')));
    vi.stubGlobal('navigator', { clipboard: { writeText } });
    openPage(setupMarkup());
    const view = setupView();
    view.button.click();
    await vi.waitFor(() => expect(view.fallback.hidden).toBe(false));
    expect(view.status.textContent).toBe(
      'Copying was refused here: the code is selected in the field below; copy it from there.',
    );
    expect(view.fallbackText.value).toBe(view.code.textContent);
    expect(document.activeElement).toBe(view.fallbackText);
    expect([view.fallbackText.selectionStart, view.fallbackText.selectionEnd]).toEqual([
      0,
      view.fallbackText.value.length,
    ]);
    state.updateInputs({ epochs: 10 });
    expect(view.fallbackText.value).toContain('for epoch in range(10):');
    expect(view.fallbackText.value).toBe(view.code.textContent);
    // Allowed again (the same page, another attempt): copied, and the field goes.
    writeText.mockImplementation(() => Promise.resolve());
    view.button.click();
    await vi.waitFor(() => expect(view.status.textContent).toBe('Code copied.'));
    expect(view.fallback.hidden).toBe(true);
  });

  test('a frame whose policy refuses the clipboard goes straight to the field, without asking', async () => {
    fakeObserver();
    const writeText = vi.fn(() => Promise.resolve());
    vi.stubGlobal('navigator', { clipboard: { writeText } });
    Object.defineProperty(document, 'featurePolicy', {
      configurable: true,
      value: { allowsFeature: (name: string) => name !== 'clipboard-write' },
    });
    try {
      openPage(setupMarkup());
      const view = setupView();
      view.button.click();
      await vi.waitFor(() => expect(view.fallback.hidden).toBe(false));
      expect(writeText).not.toHaveBeenCalled();
    } finally {
      Object.defineProperty(document, 'featurePolicy', { configurable: true, value: undefined });
    }
  });

  test('removed from the page: no longer follows the state nor watches the screen', () => {
    const observer = fakeObserver();
    openPage(setupMarkup());
    const element = find('setup-code');
    const view = setupView(element);
    element.remove();
    expect(observer.disconnect).toHaveBeenCalledOnce();
    state.updateInputs({ images: 100 });
    expect(view.summary()).toMatch(/runs 750 batches per epoch/);
  });

  test('with only the code, it still follows and copies (nowhere to say so); without it, nothing', async () => {
    vi.stubGlobal('IntersectionObserver', undefined);
    vi.stubGlobal('navigator', { clipboard: undefined });
    openPage(
      '<setup-code><pre><code data-code>server</code></pre><button data-copy hidden>Copy</button></setup-code><setup-code><p data-summary>server</p><button data-copy hidden>Copy</button></setup-code>',
    );
    const [withCode, without] = [...document.querySelectorAll('setup-code')] as [HTMLElement, HTMLElement];
    expect(find('[data-code]', withCode).textContent).toBe(setupCode(workedPlan()).code);
    const copy = find<HTMLButtonElement>('[data-copy]', withCode);
    copy.click(); // No clipboard and no field: nothing to show, nowhere to say it.
    await settle();
    const writeText = vi.fn(() => Promise.resolve());
    vi.stubGlobal('navigator', { clipboard: { writeText } });
    copy.click();
    await settle();
    expect(writeText).toHaveBeenCalledWith(setupCode(workedPlan()).code);
    expect(find('[data-summary]', without).textContent).toBe('server');
    expect(find<HTMLButtonElement>('[data-copy]', without).hidden).toBe(true);
  });

  test('the elements are defined once, however often their modules run', async () => {
    const defined = [customElements.get('hours-estimator'), customElements.get('setup-code')];
    vi.resetModules();
    await import('../../src/client/hours-estimator-element');
    await import('../../src/client/setup-code-element');
    expect([customElements.get('hours-estimator'), customElements.get('setup-code')]).toEqual(defined);
  });
});
