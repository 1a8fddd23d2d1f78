import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import {
  EMBED_INFO,
  EMBED_WIDGETS,
  MAX_FRAME_HEIGHT,
  MIN_FRAME_HEIGHT,
  RESIZE_TYPE,
  articleUrl,
  clampHeight,
  embedUrl,
  escapeHtml,
  iframeSnippet,
  oembedResponse,
  parentScript,
  parseControls,
  parseTheme,
  pymChildId,
  readResizeMessage,
  resizeMessages,
  widgetForTag,
} from '../../src/lib/embed';

const ROOT = 'https://example.org/batches/';
const state = new URLSearchParams('images=35126&batch=32&epochs=50&devices=4&last=drop');

describe('theme and controls from a link', () => {
  test('known values are read, whatever their case and spacing', () => {
    expect(parseTheme(' Dark ')).toBe('dark');
    expect(parseTheme('light')).toBe('light');
    expect(parseControls('NONE')).toBe('none');
    expect(parseControls('basic')).toBe('basic');
  });
  test('anything else is the default', () => {
    for (const text of [null, undefined, '', 'sepia', '<script>', 'dark;light']) {
      expect(parseTheme(text)).toBe('auto');
      expect(parseControls(text)).toBe('full');
    }
  });
});

describe('heights', () => {
  test('finite numbers are rounded up and clamped; anything else is refused', () => {
    expect(clampHeight(500.2)).toBe(501);
    expect(clampHeight(-10)).toBe(MIN_FRAME_HEIGHT);
    expect(clampHeight(1e9)).toBe(MAX_FRAME_HEIGHT);
    for (const value of [Number.NaN, Infinity, -Infinity, '500', null, undefined, {}, [500]]) {
      expect(clampHeight(value)).toBeUndefined();
    }
  });

  test('every height posted is finite and within the limits', () => {
    fc.assert(
      fc.property(fc.double(), (height) => {
        const messages = resizeMessages(height);
        if (!Number.isFinite(height)) return messages === undefined;
        if (!messages) return false;
        const [own, lti, pym] = messages;
        return (
          own.type === RESIZE_TYPE &&
          own.height >= MIN_FRAME_HEIGHT &&
          own.height <= MAX_FRAME_HEIGHT &&
          lti.subject === 'lti.frameResize' &&
          lti.height === own.height &&
          pym === `pymxPYMxhow-many-batchesxPYMxheightxPYMx${own.height}`
        );
      }),
    );
  });

  test("the Pym form carries the parent's child id, if it is a plain name", () => {
    expect(resizeMessages(700, 'chart-1')?.[2]).toBe('pymxPYMxchart-1xPYMxheightxPYMx700');
    expect(pymChildId('a"b<c>')).toBe('how-many-batches');
    expect(pymChildId('x'.repeat(65))).toBe('how-many-batches');
  });

  test('the host reads only its own message with a finite number', () => {
    expect(readResizeMessage({ type: RESIZE_TYPE, height: 812.5 })).toBe(813);
    expect(readResizeMessage({ type: RESIZE_TYPE, height: 99_999 })).toBe(MAX_FRAME_HEIGHT);
    const refused: unknown[] = [
      null,
      'pymxPYMxhow-many-batchesxPYMxheightxPYMx700',
      { subject: 'lti.frameResize', height: 700 },
      { type: 'other:resize', height: 700 },
      { type: RESIZE_TYPE, height: '700' },
      { type: RESIZE_TYPE, height: Number.NaN },
      { type: RESIZE_TYPE, height: Infinity },
      { type: RESIZE_TYPE },
    ];
    for (const data of refused) expect(readResizeMessage(data)).toBeUndefined();
  });
});

describe('addresses', () => {
  test('an embed keeps the state first, then theme and controls where not the default', () => {
    expect(embedUrl(ROOT, 'epochs-chart', state)).toBe(
      `${ROOT}embed/epochs-chart/?images=35126&batch=32&epochs=50&devices=4&last=drop`,
    );
    const url = new URL(embedUrl(ROOT, 'calculator', state, { theme: 'dark', controls: 'none' }));
    expect(url.pathname).toBe('/batches/embed/calculator/');
    expect(url.searchParams.get('images')).toBe('35126');
    expect(url.searchParams.get('theme')).toBe('dark');
    expect(url.searchParams.get('controls')).toBe('none');
    expect(embedUrl(ROOT, 'calculator', state, { theme: 'auto', controls: 'full' })).not.toMatch(
      /theme|controls/,
    );
  });

  test('"Open in the article" is the playground with the same state, at the widget', () => {
    for (const widget of EMBED_WIDGETS) {
      const url = new URL(articleUrl(ROOT, widget, state));
      expect(url.pathname).toBe('/batches/playground/');
      expect(url.search).toBe(`?${state.toString()}`);
      expect(url.hash).toBe(`#${EMBED_INFO[widget].anchor}`);
    }
  });

  test('each widget is found from its element', () => {
    for (const widget of EMBED_WIDGETS)
      expect(widgetForTag(EMBED_INFO[widget].tag.toUpperCase())).toBe(widget);
    expect(widgetForTag('div')).toBeUndefined();
  });
});

describe('snippet, host script and oEmbed', () => {
  test('the snippet is a named, lazy, sandboxed frame with its height, and escapes what it is given', () => {
    const snippet = iframeSnippet({
      src: `${ROOT}embed/calculator/?a=1&b="2"`,
      title: 'A <b> & "c"',
      height: 900,
    });
    expect(snippet).toContain('src="https://example.org/batches/embed/calculator/?a=1&amp;b=&quot;2&quot;"');
    expect(snippet).toContain('title="A &lt;b&gt; &amp; &quot;c&quot;"');
    expect(snippet).toContain('loading="lazy"');
    expect(snippet).toContain('sandbox="allow-scripts allow-downloads"');
    expect(snippet).toContain('height="900"');
    expect(snippet).toContain('height: 900px');
    expect(snippet).not.toMatch(/allow-same-origin/);
  });

  test('escapeHtml leaves no character that could end an attribute or open a tag', () => {
    fc.assert(fc.property(fc.string(), (text) => !/["'<>]/.test(escapeHtml(text))));
  });

  test('the host script checks the source window, the type and a finite height', () => {
    const script = parentScript();
    expect(script).toContain('event.source');
    expect(script).toContain(RESIZE_TYPE);
    expect(script).toContain('isFinite');
  });

  test('the oEmbed answer is rich, with the snippet for the default state', () => {
    const answer = oembedResponse(
      ROOT,
      'dataset-chart',
      new URLSearchParams('images=48000&batch=64&epochs=120'),
    );
    expect(answer.type).toBe('rich');
    expect(answer.version).toBe('1.0');
    expect(answer.provider_url).toBe(ROOT);
    expect(answer.html).toContain(
      `src="${ROOT}embed/dataset-chart/?images=48000&amp;batch=64&amp;epochs=120"`,
    );
    expect(answer.height).toBe(EMBED_INFO['dataset-chart'].heights.full);
  });
});
