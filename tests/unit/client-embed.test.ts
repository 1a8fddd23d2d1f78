// @vitest-environment happy-dom
// The embeds' browser code in a DOM: the embed page (src/client/embed-frame.ts, markup of
// src/layouts/Embed.astro) applying its link and posting its height to the parent, the host
// script of /embed/ (embed-host.ts) sizing only its own frames, and the Share / embed dialog
// (embed-share.ts, opened from the button of src/components/ShareEmbed.astro).
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';

const root = document.documentElement;
const SITE = 'http://localhost:3000';

/** Listeners the modules add to window, removed after each test (each fresh import adds its own). */
let windowListeners: [string, EventListenerOrEventListenerObject][] = [];
beforeEach(() => {
  // The shared state writes the address after a pause: never, here, unless a test waits for it.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  const add = window.addEventListener.bind(window);
  vi.spyOn(window, 'addEventListener').mockImplementation((type, listener, options) => {
    if (listener) windowListeners.push([type, listener]);
    add(type, listener, options);
  });
});
afterEach(() => {
  for (const [type, listener] of windowListeners) window.removeEventListener(type, listener);
  windowListeners = [];
  vi.useRealTimers();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  for (const name of ['embed', 'embedTag', 'controls', 'theme', 'trainingPreset']) delete root.dataset[name];
  root.classList.remove('embed-ready');
  document.body.innerHTML = '';
});

// ---------------------------------------------------------------------------------------------
// The embed page

/** The body of Embed.astro around a widget's markup. */
function embedBody(widgetMarkup = '<p>widget</p>'): string {
  return `<div class="embed" data-embed-root>
    <p class="embed-notice" role="note" data-embed-notice>This embed shows the worked case …</p>
    <p class="notice embed-url-notices" role="status" data-embed-notices hidden></p>
    <main class="embed-main">${widgetMarkup}</main>
    <footer class="embed-foot">
      <a href="/playground/?images=48000&amp;batch=64&amp;epochs=120#playground" target="_blank" rel="noopener" data-embed-open>Open in the article</a>
    </footer>
  </div>`;
}

/** A ResizeObserver that the test drives: `resize()` reports a change of the observed content. */
function fakeResizeObserver() {
  const observed: Element[] = [];
  let report = () => {};
  class FakeResizeObserver {
    constructor(callback: () => void) {
      report = callback;
    }
    observe(element: Element) {
      observed.push(element);
    }
    disconnect() {}
  }
  vi.stubGlobal('ResizeObserver', FakeResizeObserver);
  return { observed, resize: () => report() };
}

interface FrameOptions {
  search?: string;
  /** The page's widget (`data-embed` on <html>); null: no attribute. */
  widget?: string | null;
  tag?: string;
  body?: string;
  /** The page is framed: window.parent is another window, with this postMessage. */
  parent?: { postMessage: (message: unknown, origin: string) => void };
  /** The content's height as layout reports it. */
  height?: () => number;
}

/** Opens an embed page and runs its script (a fresh copy of it and of the shared state). */
async function openEmbed({
  search = '',
  widget = 'frameworks',
  tag = 'framework-table',
  body = embedBody(),
  parent,
  height = () => 500,
}: FrameOptions = {}) {
  vi.resetModules();
  window.history.replaceState(null, '', `/embed/${widget ?? 'x'}/${search}`);
  if (widget !== null) root.dataset['embed'] = widget;
  root.dataset['controls'] = 'full';
  if (tag) root.dataset['embedTag'] = tag;
  document.body.innerHTML = body;
  const content = document.querySelector<HTMLElement>('[data-embed-root]');
  if (content)
    vi.spyOn(content, 'getBoundingClientRect').mockImplementation(() => ({ height: height() }) as DOMRect);
  if (parent) vi.stubGlobal('parent', parent);
  await import('../../src/client/embed-frame');
  return import('../../src/client/training-state');
}

function openAnchor(): HTMLAnchorElement {
  const link = document.querySelector<HTMLAnchorElement>('[data-embed-open]');
  if (!link) throw new Error('no "Open in the article" link');
  return link;
}
function openLink(): string {
  return document.querySelector<HTMLAnchorElement>('[data-embed-open]')?.href ?? '';
}

function urlNotices(): HTMLElement {
  const notices = document.querySelector<HTMLElement>('[data-embed-notices]');
  if (!notices) throw new Error('no notices');
  return notices;
}

describe('embed page: the link’s theme and controls', () => {
  test('theme and controls from the link are set on <html>', async () => {
    await openEmbed({ search: '?theme=Dark&controls=none' });
    expect(root.dataset['theme']).toBe('dark');
    expect(root.dataset['controls']).toBe('none');
  });

  test('an unknown theme is the reader’s own (no data-theme) and unknown controls are all of them', async () => {
    root.dataset['theme'] = 'light';
    await openEmbed({ search: '?theme=purple&controls=some' });
    expect(root.dataset['theme']).toBeUndefined();
    expect(root.dataset['controls']).toBe('full');
  });
});

describe('embed page: "Open in the article"', () => {
  test('leads to the playground at the widget, with the current state, and follows it', async () => {
    const state = await openEmbed({ search: '?images=3662&theme=dark' });
    // The state's parameters only (not the embed's theme), at the framework table's heading.
    expect(openLink()).toBe(`${SITE}/playground/?images=3662&batch=64&epochs=120#framework-table-title`);
    state.updateInputs({ batchSize: 16, devices: 2 });
    // Not on every step: brought up to date when the reader reaches for it.
    expect(openLink()).toBe(`${SITE}/playground/?images=3662&batch=64&epochs=120#framework-table-title`);
    openAnchor().dispatchEvent(new Event('pointerenter'));
    expect(openLink()).toBe(
      `${SITE}/playground/?images=3662&batch=16&epochs=120&devices=2#framework-table-title`,
    );
    // Each way of reaching for it: a pointer over it, focus, a press, a click, the context menu.
    const reaches = ['focus', 'pointerdown', 'click', 'auxclick', 'contextmenu'];
    for (const [index, type] of reaches.entries()) {
      state.updateInputs({ images: 1000 + index });
      openAnchor().dispatchEvent(new Event(type));
      expect(openLink(), type).toBe(
        `${SITE}/playground/?images=${1000 + index}&batch=16&epochs=120&devices=2#framework-table-title`,
      );
    }
  });

  test('the calculator’s embed leads to the playground’s calculator', async () => {
    await openEmbed({ widget: 'calculator', tag: 'training-calculator' });
    expect(openLink()).toBe(`${SITE}/playground/?images=48000&batch=64&epochs=120#playground`);
  });

  test.each([{ widget: 'nothing' }, { widget: null }])(
    'a page that is no known embed ($widget) leaves the server’s link alone',
    async ({ widget }) => {
      const state = await openEmbed({ widget });
      state.updateInputs({ images: 100 });
      expect(openLink()).toBe(`${SITE}/playground/?images=48000&batch=64&epochs=120#playground`);
    },
  );
});

describe('embed page: invalid parameters in the link', () => {
  test('said by the embed where no calculator says it', async () => {
    await openEmbed({ search: '?images=abc' });
    expect(urlNotices().hidden).toBe(false);
    expect(urlNotices().textContent).toMatch(/^Images .+ The embed uses the worked case's value instead\.$/);
  });

  test('left to the calculator when it shows its own notices', async () => {
    await openEmbed({ search: '?images=abc', body: embedBody('<div data-url-notices hidden></div>') });
    expect(urlNotices().hidden).toBe(true);
    expect(urlNotices().textContent).toBe('');
  });

  test('said by the embed when the calculator’s controls (and its notices) are hidden', async () => {
    await openEmbed({
      search: '?images=abc&controls=none',
      body: embedBody('<div data-url-notices hidden></div>'),
    });
    expect(urlNotices().hidden).toBe(false);
  });

  test('nothing to say for a valid link', async () => {
    await openEmbed({ search: '?images=3662' });
    expect(urlNotices().hidden).toBe(true);
  });
});

describe('embed page: "the script did not run" notice', () => {
  test('resolved once the widget’s element is defined', async () => {
    await openEmbed({ tag: 'embed-probe-widget' });
    await Promise.resolve();
    expect(root.classList.contains('embed-ready')).toBe(false);
    customElements.define('embed-probe-widget', class extends HTMLElement {});
    await vi.waitFor(() => expect(root.classList.contains('embed-ready')).toBe(true));
  });

  test('a page without a widget tag never marks it', async () => {
    await openEmbed({ tag: '' });
    await vi.advanceTimersByTimeAsync(100);
    expect(root.classList.contains('embed-ready')).toBe(false);
  });
});

describe('embed page: its height, posted to the parent', () => {
  test('in the three forms, to any origin, the height rounded up', async () => {
    const postMessage = vi.fn();
    fakeResizeObserver();
    await openEmbed({ parent: { postMessage }, height: () => 523.2 });
    expect(postMessage.mock.calls).toEqual([
      [{ type: 'how-many-batches:resize', height: 524 }, '*'],
      [{ subject: 'lti.frameResize', height: 524 }, '*'],
      ['pymxPYMxhow-many-batchesxPYMxheightxPYMx524', '*'],
    ]);
  });

  test('again when the content resizes or the page loads, only if the height changed, clamped to 120…4,000', async () => {
    const postMessage = vi.fn();
    const observer = fakeResizeObserver();
    let height = 500;
    await openEmbed({ parent: { postMessage }, height: () => height });
    expect(observer.observed).toEqual([document.querySelector('[data-embed-root]')]);
    const posted = () =>
      postMessage.mock.calls.filter(([, origin], index) => index % 3 === 0 && origin === '*');
    const heights = () => posted().map(([message]) => (message as { height: number }).height);
    expect(heights()).toEqual([500]);
    observer.resize();
    window.dispatchEvent(new Event('load'));
    expect(heights()).toEqual([500]);
    height = 20;
    observer.resize();
    height = 1e9;
    window.dispatchEvent(new Event('load'));
    height = 4_000.4; // Clamped to the same 4,000: nothing new to post.
    observer.resize();
    height = Number.NaN; // Not a height: nothing posted.
    observer.resize();
    expect(heights()).toEqual([500, 120, 4000]);
    expect(postMessage).toHaveBeenCalledTimes(9);
  });

  test('a Pym.js parent’s child id is carried back, if it is a plain name', async () => {
    const postMessage = vi.fn();
    await openEmbed({ search: '?childId=chart_2', parent: { postMessage } });
    expect(postMessage).toHaveBeenCalledWith('pymxPYMxchart_2xPYMxheightxPYMx500', '*');
    const other = vi.fn();
    await openEmbed({ search: '?childId=%3Cscript%3E', parent: { postMessage: other } });
    expect(other).toHaveBeenCalledWith('pymxPYMxhow-many-batchesxPYMxheightxPYMx500', '*');
  });

  test('a parent that refuses a message still gets the other forms', async () => {
    const postMessage = vi.fn((message: unknown) => {
      if (typeof message === 'object') throw new Error('unreachable parent');
    });
    await openEmbed({ parent: { postMessage } });
    expect(postMessage).toHaveBeenCalledTimes(3);
  });

  test('without ResizeObserver it posts at once and on load', async () => {
    vi.stubGlobal('ResizeObserver', undefined);
    const postMessage = vi.fn();
    let height = 500;
    await openEmbed({ parent: { postMessage }, height: () => height });
    height = 600;
    window.dispatchEvent(new Event('load'));
    expect(postMessage.mock.calls.map(([message]) => message)).toContain(
      'pymxPYMxhow-many-batchesxPYMxheightxPYMx600',
    );
    expect(postMessage).toHaveBeenCalledTimes(6);
  });

  test('nothing is posted by a page that is not framed, or that has no content root', async () => {
    const observer = fakeResizeObserver();
    const own = vi.spyOn(window, 'postMessage');
    await openEmbed();
    expect(own).not.toHaveBeenCalled();
    expect(observer.observed).toEqual([]);
    const postMessage = vi.fn();
    await openEmbed({ parent: { postMessage }, body: '<main>no root</main>' });
    window.dispatchEvent(new Event('load'));
    expect(postMessage).not.toHaveBeenCalled();
    expect(observer.observed).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// The host script of /embed/

describe('embed host (/embed/): auto-height of its own frames', () => {
  /** Frames as the snippet gives them (marked) and one that is not; srcdoc gives each a window. */
  async function hostPage() {
    vi.resetModules();
    document.body.innerHTML = `
      <iframe srcdoc="<p>a</p>" title="a" style="height: 1350px" data-how-many-batches></iframe>
      <iframe srcdoc="<p>b</p>" title="b" style="height: 1050px" data-how-many-batches></iframe>
      <iframe srcdoc="<p>c</p>" title="c" style="height: 300px"></iframe>`;
    await import('../../src/client/embed-host');
    const frames = [...document.querySelectorAll('iframe')];
    const send = (data: unknown, source: MessageEventSource | null) =>
      window.dispatchEvent(new MessageEvent('message', { data, source }));
    const heights = () => frames.map((frame) => frame.style.height);
    return { frames, send, heights };
  }

  test('a marked frame takes the height its own window posts, clamped', async () => {
    const { frames, send, heights } = await hostPage();
    const [a, b] = frames.map((frame) => frame.contentWindow);
    send({ type: 'how-many-batches:resize', height: 612.3 }, a ?? null);
    expect(heights()).toEqual(['613px', '1050px', '300px']);
    send({ type: 'how-many-batches:resize', height: 5 }, b ?? null);
    send({ type: 'how-many-batches:resize', height: 99_999 }, a ?? null);
    expect(heights()).toEqual(['4000px', '120px', '300px']);
  });

  test('a frame whose bottom edge is on screen keeps its height until that edge leaves it', async () => {
    const { frames, send, heights } = await hostPage();
    const [first] = frames;
    if (!first) throw new Error('no frame');
    // The frame's bottom edge at 500 px, in a window 768 px tall: growing it now would push
    // what the reader sees below it.
    let bottom = 500;
    vi.spyOn(first, 'getBoundingClientRect').mockImplementation(() => ({ bottom }) as DOMRect);
    vi.stubGlobal('innerHeight', 768);
    send({ type: 'how-many-batches:resize', height: 1500 }, first.contentWindow);
    send({ type: 'how-many-batches:resize', height: 1600 }, first.contentWindow);
    expect(heights()[0]).toBe('1350px');
    window.dispatchEvent(new Event('scroll'));
    expect(heights()[0]).toBe('1350px');
    // Scrolled on: the edge is above the screen, and the latest height applies.
    bottom = -20;
    window.dispatchEvent(new Event('scroll'));
    expect(heights()[0]).toBe('1600px');
    // Below the screen, a new height applies at once.
    bottom = 900;
    send({ type: 'how-many-batches:resize', height: 1400 }, first.contentWindow);
    expect(heights()[0]).toBe('1400px');
  });

  test('ignores forged and malformed messages, messages from other windows, and unmarked frames', async () => {
    const { frames, send, heights } = await hostPage();
    const [a, , unmarked] = frames.map((frame) => frame.contentWindow);
    const before = heights();
    for (const data of [
      { type: 'other:resize', height: 700 },
      { subject: 'lti.frameResize', height: 700 },
      'pymxPYMxhow-many-batchesxPYMxheightxPYMx700',
      { type: 'how-many-batches:resize', height: '700' },
      { type: 'how-many-batches:resize', height: Number.NaN },
      { type: 'how-many-batches:resize', height: Number.POSITIVE_INFINITY },
      { type: 'how-many-batches:resize' },
      null,
      700,
    ]) {
      send(data, a ?? null);
    }
    const valid = { type: 'how-many-batches:resize', height: 700 };
    send(valid, null);
    send(valid, window);
    send(valid, unmarked ?? null);
    expect(heights()).toEqual(before);
  });
});

// ---------------------------------------------------------------------------------------------
// The Share / embed dialog

/** ShareEmbed.astro's markup: the button, in a wrapper naming the widget (or not). */
function shareButton(widget = ''): string {
  return `<div class="share-embed" data-share-embed="${widget}"><button type="button" class="share-embed-button" aria-haspopup="dialog" data-share-embed-open>Share / embed</button></div>`;
}

async function sharePage(body: string, search = '') {
  vi.resetModules();
  window.history.replaceState(null, '', `/playground/${search}`);
  document.body.innerHTML = body;
  const share = await import('../../src/client/embed-share');
  const state = await import('../../src/client/training-state');
  const buttons = [...document.querySelectorAll<HTMLButtonElement>('[data-share-embed-open]')];
  return { ...share, state, buttons };
}

function dialogParts() {
  const dialog = document.querySelector('dialog');
  const link = dialog?.querySelector<HTMLInputElement>('[data-share-link]');
  const snippet = dialog?.querySelector<HTMLTextAreaElement>('[data-share-snippet]');
  const script = dialog?.querySelector<HTMLTextAreaElement>('[data-share-script]');
  const status = dialog?.querySelector('[data-share-status]');
  if (!dialog || !link || !snippet || !script || !status) throw new Error('no dialog');
  const heading = document.getElementById(dialog.getAttribute('aria-labelledby') ?? '');
  const button = (label: string) => {
    const found = [...dialog.querySelectorAll('button')].find((item) => item.textContent === label);
    if (!found) throw new Error(`no button ${label}`);
    return found;
  };
  const choose = (name: string, value: string) => {
    const radio = dialog.querySelector<HTMLInputElement>(`input[name="${name}"][value="${value}"]`);
    if (!radio) throw new Error(`no ${name} ${value}`);
    radio.checked = true;
    radio.dispatchEvent(new Event('change', { bubbles: true }));
  };
  return { dialog, heading, link, snippet, script, status, button, choose };
}

/** The `src` of the iframe in a snippet (its & escaped as &amp;). */
function snippetSrc(snippet: string): string {
  return /src="([^"]*)"/.exec(snippet)?.[1]?.replaceAll('&amp;', '&') ?? '';
}

describe('Share / embed dialog', () => {
  test('the link, the iframe and the script for the numbers on the page now', async () => {
    const { openShareDialog, buttons, state } = await sharePage(
      shareButton('frameworks'),
      '?images=3662&seed=4',
    );
    const showModal = vi.spyOn(HTMLDialogElement.prototype, 'showModal');
    state.updateInputs({ batchSize: 16 });
    openShareDialog(buttons[0] as HTMLElement);
    const { dialog, heading, link, snippet, script } = dialogParts();
    // A modal dialog: the browser keeps focus inside it and closes it with Escape.
    expect(showModal).toHaveBeenCalledOnce();
    expect(dialog.open).toBe(true);
    expect(heading?.textContent).toBe('Share or embed: Your setup in each framework');
    // The state over the page's preset, and the page's other parameters (the seed) kept.
    expect(link.value).toBe(`${SITE}/playground/?images=3662&batch=16&epochs=120&seed=4`);
    expect(document.activeElement).toBe(link);
    expect([link.selectionStart, link.selectionEnd]).toEqual([0, link.value.length]);
    expect(snippet.value).toContain('title="Your setup in each framework"');
    expect(snippetSrc(snippet.value)).toBe(`${SITE}/embed/frameworks/?images=3662&batch=16&epochs=120`);
    // The frameworks embed's default height with every control, at 640 px wide.
    expect(snippet.value).toContain('height="1700"');
    expect(snippet.value).toContain('data-how-many-batches');
    expect(script.value).toMatch(/^<script>\n[\s\S]*"how-many-batches:resize"[\s\S]*<\/script>$/);
    expect(document.querySelectorAll('dialog')).toHaveLength(1);
  });

  test('choosing the controls and the colours rewrites the iframe', async () => {
    const { openShareDialog, buttons } = await sharePage(shareButton('calculator'));
    openShareDialog(buttons[0] as HTMLElement);
    const { snippet, choose } = dialogParts();
    expect(snippetSrc(snippet.value)).toBe(`${SITE}/embed/calculator/?images=48000&batch=64&epochs=120`);
    choose('controls', 'none');
    choose('theme', 'dark');
    expect(snippetSrc(snippet.value)).toBe(
      `${SITE}/embed/calculator/?images=48000&batch=64&epochs=120&theme=dark&controls=none`,
    );
    expect(snippet.value).toContain('height="780"');
    choose('controls', 'basic');
    choose('theme', 'auto');
    expect(snippetSrc(snippet.value)).toBe(
      `${SITE}/embed/calculator/?images=48000&batch=64&epochs=120&controls=basic`,
    );
    expect(snippet.value).toContain('height="1280"');
  });

  test('the widget: the button’s own, else the widget element around it, else the calculator', async () => {
    const { openShareDialog, buttons } = await sharePage(
      `<epochs-chart><figure>${shareButton()}</figure></epochs-chart>${shareButton('no-such-widget')}<p><button data-share-embed-open>Share</button></p>`,
    );
    const [inChart, unknown, bare] = buttons;
    if (!inChart || !unknown || !bare) throw new Error('three buttons expected');
    openShareDialog(inChart);
    const { heading, snippet, status, dialog } = dialogParts();
    expect(heading?.textContent).toBe('Share or embed: Batches over epochs');
    expect(snippetSrc(snippet.value)).toMatch(/\/embed\/epochs-chart\//);
    status.textContent = 'Link copied.';
    const showModal = vi.spyOn(dialog, 'showModal');
    // Opened again (still open): the same dialog, for the other button, its status cleared.
    openShareDialog(unknown);
    expect(showModal).not.toHaveBeenCalled();
    expect(heading?.textContent).toBe('Share or embed: Batch calculator');
    expect(status.textContent).toBe('');
    openShareDialog(inChart);
    openShareDialog(bare);
    expect(heading?.textContent).toBe('Share or embed: Batch calculator');
    expect(document.querySelectorAll('dialog')).toHaveLength(1);
  });

  test('Close closes it, and so does a click on the backdrop, not one inside', async () => {
    const { openShareDialog, buttons } = await sharePage(shareButton('arithmetic'));
    openShareDialog(buttons[0] as HTMLElement);
    const { dialog, heading, button } = dialogParts();
    vi.spyOn(dialog, 'getBoundingClientRect').mockReturnValue({
      left: 100,
      right: 700,
      top: 50,
      bottom: 650,
    } as DOMRect);
    const click = (target: Element, clientX: number, clientY: number) =>
      target.dispatchEvent(new MouseEvent('click', { bubbles: true, clientX, clientY }));
    click(dialog, 400, 300); // On the dialog's own padding.
    click(heading as Element, 20, 20); // A child, whatever the coordinates.
    expect(dialog.open).toBe(true);
    click(dialog, 20, 300);
    expect(dialog.open).toBe(false);
    openShareDialog(buttons[0] as HTMLElement);
    click(dialog, 400, 700);
    expect(dialog.open).toBe(false);
    openShareDialog(buttons[0] as HTMLElement);
    button('Close').click();
    expect(dialog.open).toBe(false);
  });

  test('Copy writes the field to the clipboard and says so', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    vi.stubGlobal('navigator', { clipboard: { writeText } });
    const { openShareDialog, buttons } = await sharePage(shareButton('frameworks'));
    openShareDialog(buttons[0] as HTMLElement);
    const { snippet, script, status, button } = dialogParts();
    button('Copy the embed code').click();
    await vi.waitFor(() => expect(status.textContent).toBe('Embed code copied.'));
    expect(writeText).toHaveBeenLastCalledWith(snippet.value);
    button('Copy the script').click();
    await vi.waitFor(() => expect(status.textContent).toBe('Script copied.'));
    expect(writeText).toHaveBeenLastCalledWith(script.value);
  });

  test('a refused clipboard: the field is selected and the dialog says how to copy it', async () => {
    const writeText = vi.fn(() => Promise.reject(new Error('NotAllowedError')));
    vi.stubGlobal('navigator', { clipboard: { writeText } });
    const { openShareDialog, buttons } = await sharePage(shareButton('frameworks'));
    openShareDialog(buttons[0] as HTMLElement);
    const { snippet, status, button } = dialogParts();
    button('Copy the embed code').click();
    await vi.waitFor(() =>
      expect(status.textContent).toBe(
        'This page may not use the clipboard. The embed code is selected: copy it with Ctrl+C (⌘C on a Mac).',
      ),
    );
    expect(writeText).toHaveBeenCalledOnce();
    expect(document.activeElement).toBe(snippet);
    expect([snippet.selectionStart, snippet.selectionEnd]).toEqual([0, snippet.value.length]);
  });

  test('no clipboard at all: the same', async () => {
    vi.stubGlobal('navigator', { clipboard: undefined });
    const { openShareDialog, buttons } = await sharePage(shareButton('frameworks'));
    openShareDialog(buttons[0] as HTMLElement);
    const { link, status, button } = dialogParts();
    link.blur();
    button('Copy the link').click();
    await vi.waitFor(() =>
      expect(status.textContent).toMatch(/^This page may not use the clipboard\. The link is selected/),
    );
    expect(document.activeElement).toBe(link);
  });

  test('a frame whose policy refuses the clipboard: the same, without asking it', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    vi.stubGlobal('navigator', { clipboard: { writeText } });
    Object.defineProperty(document, 'featurePolicy', {
      configurable: true,
      value: { allowsFeature: (name: string) => name !== 'clipboard-write' },
    });
    try {
      const { openShareDialog, buttons } = await sharePage(shareButton('frameworks'));
      openShareDialog(buttons[0] as HTMLElement);
      const { status, button } = dialogParts();
      button('Copy the link').click();
      await vi.waitFor(() => expect(status.textContent).toMatch(/^This page may not use the clipboard\./));
      expect(writeText).not.toHaveBeenCalled();
    } finally {
      Object.defineProperty(document, 'featurePolicy', { configurable: true, value: undefined });
    }
  });
});
