// @vitest-environment happy-dom
// Widgets' browser code in a DOM: loading code when a widget comes near (lazy.ts), the framework
// table following the state only where it can be seen, and the dataset presets as toggle buttons.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeObserver } from '../support/fake-observer';

async function fresh(html: string, search = '') {
  vi.resetModules();
  window.history.replaceState(null, '', `/playground/${search}`);
  delete document.documentElement.dataset['trainingPreset'];
  document.body.innerHTML = html;
  return {
    state: await import('../../src/client/training-state'),
    lazy: await import('../../src/client/lazy'),
  };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('loadWhenNear', () => {
  test('a page without the widget loads nothing', async () => {
    const { lazy } = await fresh('<p></p>');
    const load = vi.fn(() => Promise.resolve());
    lazy.loadWhenNear('framework-table', load);
    expect(load).not.toHaveBeenCalled();
  });

  test('without IntersectionObserver the code loads at once', async () => {
    const { lazy } = await fresh('<framework-table></framework-table>');
    vi.stubGlobal('IntersectionObserver', undefined);
    const load = vi.fn(() => Promise.resolve());
    lazy.loadWhenNear('framework-table', load);
    expect(load).toHaveBeenCalledOnce();
  });

  test('loads once, on the first of: near the screen, focus, print', async () => {
    const { lazy } = await fresh('<framework-table><button>b</button></framework-table>');
    const observer = fakeObserver();
    const load = vi.fn(() => Promise.resolve());
    lazy.loadWhenNear('framework-table', load);
    observer.near(false);
    expect(load).not.toHaveBeenCalled();
    document.querySelector('button')?.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    expect(load).toHaveBeenCalledOnce();
    observer.near(true);
    window.dispatchEvent(new Event('beforeprint'));
    expect(load).toHaveBeenCalledOnce();
    expect(observer.disconnect).toHaveBeenCalled();
  });

  test('print loads it; a failed load is logged and leaves the markup', async () => {
    const { lazy } = await fresh('<framework-table>server</framework-table>');
    fakeObserver();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    lazy.loadWhenNear('framework-table', () => Promise.reject(new Error('offline')));
    window.dispatchEvent(new Event('beforeprint'));
    await vi.waitFor(() => expect(logged).toHaveBeenCalledOnce());
    expect(document.body.textContent).toBe('server');
    logged.mockRestore();
  });

  test('a link carrying the widget’s parameter loads it when idle', async () => {
    const { lazy } = await fresh('<exercise-set></exercise-set>', '?seed=4');
    fakeObserver();
    const load = vi.fn(() => Promise.resolve());
    lazy.loadWhenNear('exercise-set', load, { param: 'seed' });
    expect(load).not.toHaveBeenCalled();
    vi.advanceTimersByTime(200);
    expect(load).toHaveBeenCalledOnce();
  });

  test('a widget that follows the state loads after its first change, not for the state it was rendered with', async () => {
    const { lazy, state } = await fresh('<framework-table></framework-table>');
    fakeObserver();
    const load = vi.fn(() => Promise.resolve());
    lazy.loadWhenNear('framework-table', load, { followsState: state.subscribe });
    vi.advanceTimersByTime(1_000);
    expect(load).not.toHaveBeenCalled();
    state.updateInputs({ images: 100 });
    state.updateInputs({ images: 200 });
    vi.advanceTimersByTime(200);
    expect(load).toHaveBeenCalledOnce();
  });

  test('opened from a link with parameters, it loads when idle at once', async () => {
    const { lazy, state } = await fresh('<framework-table></framework-table>', '?images=100');
    fakeObserver();
    const load = vi.fn(() => Promise.resolve());
    lazy.loadWhenNear('framework-table', load, { followsState: state.subscribe });
    vi.advanceTimersByTime(200);
    expect(load).toHaveBeenCalledOnce();
  });
});

const TABLE = `<framework-table><table>${['pytorch', 'keras', 'deepspeed']
  .map(
    (framework) =>
      `<tr data-framework="${framework}"><th>${framework} <span data-chosen hidden>(yours)</span></th><td data-cell="batches-per-epoch">server</td><td data-cell="last-batch-size">server</td><td data-cell="total-optimizer-steps">server</td><td data-cell="notes">server</td></tr>`,
  )
  .join('')}<tr data-framework="caffe"><td data-cell="notes">not ours</td></tr></table></framework-table>`;

function rows(): string[][] {
  return [...document.querySelectorAll('tr')].map((row) => [
    row.classList.contains('chosen') ? 'chosen' : '',
    ...[...row.querySelectorAll('td')].map((cell) => cell.textContent ?? ''),
  ]);
}

describe('<framework-table>', () => {
  test('each row is that framework’s count of the state, redrawn only near the screen', async () => {
    const { state } = await fresh(TABLE);
    const observer = fakeObserver();
    await import('../../src/client/framework-table-element');
    // Docs case A: 750 batches of 64 an epoch, 90,000 steps in every framework.
    expect(rows()).toEqual([
      ['chosen', '750', '64', '90,000', '—'],
      ['', '750', '64', '90,000', '—'],
      ['', '750', '64', '90,000', '—'],
      ['', 'not ours'],
    ]);
    expect(document.querySelector<HTMLElement>('[data-chosen]')?.hidden).toBe(false);
    observer.near(false);
    state.updateInputs({ accumulationSteps: 4, framework: 'deepspeed' });
    expect(rows()[0]).toEqual(['chosen', '750', '64', '90,000', '—']);
    observer.near(true);
    // GA = 4: the Trainer's rule ⌈750 / 4⌉ × 120 = 22,560; DeepSpeed and Keras ⌊90,000 / 4⌋ = 22,500.
    expect(rows()).toEqual([
      ['', '750', '64', '22,560', '—'],
      ['', '750', '64', '22,500', '—'],
      ['chosen', '750', '64', '22,500', '—'],
      ['', 'not ours'],
    ]);
    document.body.innerHTML = '';
  });
});

describe('<dataset-presets>', () => {
  const PRESETS = `<dataset-presets>
    <a href="?images=3662" data-preset="aptos-2019" data-name="APTOS 2019" data-images="3662" class="preset" aria-current="page">APTOS 2019</a>
    <a href="?images=0" data-preset="broken" data-name="Broken" data-images="0">Broken</a>
    <p data-preset-status></p></dataset-presets>`;

  test('links become toggle buttons that load a dataset and say what it counts', async () => {
    const { state } = await fresh(PRESETS);
    await import('../../src/client/dataset-presets-element');
    const [aptos, broken] = [...document.querySelectorAll('button')];
    if (!aptos || !broken) throw new Error('no buttons');
    expect(document.querySelectorAll('a')).toHaveLength(0);
    expect(aptos.outerHTML).toBe(
      '<button type="button" data-preset="aptos-2019" data-name="APTOS 2019" data-images="3662" class="preset" aria-pressed="false">APTOS 2019</button>',
    );
    aptos.click();
    const status = document.querySelector('[data-preset-status]');
    // ⌈3,662 / 64⌉ = 58 batches (the last of 14); 58 × 120 = 6,960.
    expect(status?.textContent).toBe('Loaded APTOS 2019: 3,662 images, 58 batches per epoch, 6,960 in all.');
    expect(aptos.getAttribute('aria-pressed')).toBe('true');
    broken.click();
    expect(status?.textContent).toMatch(
      /^Broken could not be loaded: Images must be a whole number from 1 to/,
    );
    state.updateInputs({ images: 100 });
    expect(aptos.getAttribute('aria-pressed')).toBe('false');
    document.body.innerHTML = '';
  });
});

describe('drawWhenNear', () => {
  test('draws at once near the screen; far from it, only the latest draw waits for the screen or the printer', async () => {
    const observer = fakeObserver();
    const { drawWhenNear } = await import('../../src/client/dom');
    const element = document.createElement('div');
    const drawing = drawWhenNear(element);
    const drawn: string[] = [];
    drawing.request(() => drawn.push('a'));
    expect(drawn).toEqual(['a']);
    observer.near(false);
    drawing.request(() => drawn.push('b'));
    drawing.request(() => drawn.push('c'));
    expect(drawn).toEqual(['a']);
    observer.near(true);
    expect(drawn).toEqual(['a', 'c']);
    observer.near(false);
    drawing.request(() => drawn.push('d'));
    window.dispatchEvent(new Event('beforeprint'));
    expect(drawn).toEqual(['a', 'c', 'd']);
    // Nothing waiting: coming near or flushing draws nothing again.
    observer.near(true);
    drawing.flush();
    expect(drawn).toEqual(['a', 'c', 'd']);
    drawing.stop();
    expect(observer.disconnect).toHaveBeenCalled();
    observer.near(false);
    drawing.request(() => drawn.push('e'));
    window.dispatchEvent(new Event('beforeprint'));
    expect(drawn).toEqual(['a', 'c', 'd']);
  });
});
