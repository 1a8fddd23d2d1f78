/**
 * Embedding the widgets in other pages (course platforms, slides, course sites): the embed
 * routes, their two extra URL parameters (`theme`, `controls`), the iframe snippet, the short
 * script a host page may add for auto-height, the height messages an embed posts, and the
 * oEmbed answer. Pure: strings in, strings out; no DOM, no arithmetic of training counts.
 */
import { FRAMEWORK_INFO, NUMERIC_FIELDS, fieldValueText } from './inputs';
import type { TrainingInputs } from './types';

/** The widgets that have an embed route, `/embed/<widget>/`, in the order `/embed/` lists them. */
export const EMBED_WIDGETS = [
  'calculator',
  'arithmetic',
  'epochs-chart',
  'batch-size-chart',
  'dataset-chart',
  'frameworks',
] as const;
export type EmbedWidget = (typeof EMBED_WIDGETS)[number];

export const EMBED_THEMES = ['auto', 'light', 'dark'] as const;
export type EmbedTheme = (typeof EMBED_THEMES)[number];

/** `full`: every control; `basic`: no "Advanced" panel; `none`: the numbers fixed, no control. */
export const EMBED_CONTROLS = ['full', 'basic', 'none'] as const;
export type EmbedControls = (typeof EMBED_CONTROLS)[number];

export const THEME_PARAM = 'theme';
export const CONTROLS_PARAM = 'controls';
/** Pym.js parents name their child frame with this parameter; its messages carry the name back. */
export const PYM_ID_PARAM = 'childId';
/** The attribute the snippet puts on the iframe, so the host script finds the frames it sizes. */
export const FRAME_ATTRIBUTE = 'data-how-many-batches';
/** The `type` of this site's own height message. */
export const RESIZE_TYPE = 'how-many-batches:resize';
/** Heights a message may set, in CSS pixels: anything else is clamped into this range. */
export const MIN_FRAME_HEIGHT = 120;
export const MAX_FRAME_HEIGHT = 4000;
/** The width at which the snippet's default heights show the whole widget without scrolling. */
export const SNIPPET_WIDTH = 640;
const DEFAULT_PYM_ID = 'how-many-batches';

export interface EmbedInfo {
  /** The widget's name: the frame's title, the embed page's heading, the oEmbed title. */
  title: string;
  /** One sentence for the embed index and the page's description. */
  description: string;
  /** The custom element that makes the widget live: its definition means the script ran. */
  tag: string;
  /** Where the widget sits on the playground (the "Open in the article" link's fragment). */
  anchor: string;
  /**
   * Default frame heights at 640 px wide, per controls mode: the whole widget in its default
   * state, with room for a longer note or two (measured in Chromium, then rounded up).
   */
  heights: Readonly<Record<EmbedControls, number>>;
}

export const EMBED_INFO: Readonly<Record<EmbedWidget, EmbedInfo>> = {
  calculator: {
    title: 'Batch calculator',
    description:
      'Images, batch size and epochs with sliders, the last-batch policy, the advanced settings and every count.',
    tag: 'training-calculator',
    anchor: 'playground',
    heights: { full: 1350, basic: 1280, none: 780 },
  },
  arithmetic: {
    title: 'The arithmetic, step by step',
    description: 'Every count derived from the inputs as formulas, with the numbers of the chosen setup.',
    tag: 'live-derivation',
    anchor: 'arithmetic-title',
    heights: { full: 1050, basic: 980, none: 600 },
  },
  'epochs-chart': {
    title: 'Batches over epochs',
    description: 'Batches and optimizer steps counted up epoch by epoch, with a cursor to read any epoch.',
    tag: 'epochs-chart',
    anchor: 'epochs-chart-heading',
    heights: { full: 1150, basic: 1090, none: 680 },
  },
  'batch-size-chart': {
    title: 'Batches per epoch against batch size',
    description: 'How the batches in an epoch fall as the batch size doubles, kept and dropped.',
    tag: 'batch-size-chart',
    anchor: 'batch-size-chart-heading',
    heights: { full: 1200, basic: 1130, none: 720 },
  },
  'dataset-chart': {
    title: 'The dataset as batches',
    description:
      'The training images in reading order, cut into batches, with the last partial batch and each device.',
    tag: 'dataset-chart',
    anchor: 'dataset-chart-heading',
    heights: { full: 1050, basic: 980, none: 560 },
  },
  frameworks: {
    title: 'Your setup in each framework',
    description:
      'The same setup counted by PyTorch, Keras, the Hugging Face Trainer, Lightning, fastai and DeepSpeed.',
    tag: 'framework-table',
    anchor: 'framework-table-title',
    heights: { full: 1700, basic: 1640, none: 1220 },
  },
};

export function isEmbedWidget(value: string): value is EmbedWidget {
  return (EMBED_WIDGETS as readonly string[]).includes(value);
}

/** The embed widget whose live element has this tag name (case-insensitive), if any. */
export function widgetForTag(tag: string): EmbedWidget | undefined {
  const name = tag.toLowerCase();
  return EMBED_WIDGETS.find((widget) => EMBED_INFO[widget].tag === name);
}

/** `theme` from a link: `light`, `dark` or (anything else, or absent) `auto`. */
export function parseTheme(text: string | null | undefined): EmbedTheme {
  const value = (text ?? '').trim().toLowerCase();
  return (EMBED_THEMES as readonly string[]).includes(value) ? (value as EmbedTheme) : 'auto';
}

/** `controls` from a link: `basic`, `none` or (anything else, or absent) `full`. */
export function parseControls(text: string | null | undefined): EmbedControls {
  const value = (text ?? '').trim().toLowerCase();
  return (EMBED_CONTROLS as readonly string[]).includes(value) ? (value as EmbedControls) : 'full';
}

/** A Pym.js child id as given by the parent, if it is a plain name; else this site's own. */
export function pymChildId(text: string | null | undefined): string {
  const value = (text ?? '').trim();
  return /^[A-Za-z0-9_-]{1,64}$/.test(value) ? value : DEFAULT_PYM_ID;
}

/** A height fit to post or to apply: a finite number, rounded up and clamped; else undefined. */
export function clampHeight(value: unknown): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  return Math.min(MAX_FRAME_HEIGHT, Math.max(MIN_FRAME_HEIGHT, Math.ceil(value)));
}

export interface ResizeMessage {
  type: typeof RESIZE_TYPE;
  height: number;
}
export interface LtiResizeMessage {
  subject: 'lti.frameResize';
  height: number;
}

/**
 * The messages an embed posts to its parent when its height changes, one per convention a host
 * may listen for: this site's own, Canvas's `lti.frameResize`, and Pym.js's string form.
 * Undefined when the height is not a finite number (nothing is posted then).
 */
export function resizeMessages(
  height: number,
  childId: string = DEFAULT_PYM_ID,
): [ResizeMessage, LtiResizeMessage, string] | undefined {
  const clamped = clampHeight(height);
  if (clamped === undefined) return undefined;
  return [
    { type: RESIZE_TYPE, height: clamped },
    { subject: 'lti.frameResize', height: clamped },
    `pymxPYMx${pymChildId(childId)}xPYMxheightxPYMx${clamped}`,
  ];
}

/**
 * The height a host should apply for a message, by the rule of the host script: only this
 * site's own message (`{type, height}`, the height a finite number), clamped. Anything else:
 * undefined, and the host does nothing.
 */
export function readResizeMessage(data: unknown): number | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const message = data as Record<string, unknown>;
  if (message['type'] !== RESIZE_TYPE) return undefined;
  return clampHeight(message['height']);
}

export interface EmbedOptions {
  theme?: EmbedTheme | undefined;
  controls?: EmbedControls | undefined;
}

/** The path of a widget's embed route, relative to the site's root: `embed/calculator/`. */
export function embedPath(widget: EmbedWidget): string {
  return `embed/${widget}/`;
}

/** Joins a site root (an absolute URL ending in "/", base path included) and a relative path. */
function siteUrl(siteRoot: string, path: string): URL {
  const root = siteRoot.endsWith('/') ? siteRoot : `${siteRoot}/`;
  return new URL(path, root);
}

/** Appends `extra` after `params` (a copy), so the state comes first in every link. */
function withParams(params: URLSearchParams, extra: [string, string][]): string {
  const all = new URLSearchParams(params);
  for (const [name, value] of extra) all.set(name, value);
  return all.toString();
}

/**
 * The address of a widget's embed for a state: the state's parameters (as the engine writes
 * them), then `theme` and `controls` where they are not the defaults.
 */
export function embedUrl(
  siteRoot: string,
  widget: EmbedWidget,
  stateParams: URLSearchParams,
  options: EmbedOptions = {},
): string {
  const url = siteUrl(siteRoot, embedPath(widget));
  const extra: [string, string][] = [];
  const theme = options.theme ?? 'auto';
  const controls = options.controls ?? 'full';
  if (theme !== 'auto') extra.push([THEME_PARAM, theme]);
  if (controls !== 'full') extra.push([CONTROLS_PARAM, controls]);
  url.search = withParams(stateParams, extra);
  return url.href;
}

/** The playground with the same state, at the widget: where "Open in the article" leads. */
export function articleUrl(siteRoot: string, widget: EmbedWidget, stateParams: URLSearchParams): string {
  const url = siteUrl(siteRoot, 'playground/');
  url.search = new URLSearchParams(stateParams).toString();
  url.hash = EMBED_INFO[widget].anchor;
  return url.href;
}

/** The address of a widget's oEmbed answer (static JSON, generated at build time). */
export function oembedUrl(siteRoot: string, widget: EmbedWidget): string {
  return siteUrl(siteRoot, `${embedPath(widget)}oembed.json`).href;
}

/** The default frame height for a widget and controls mode (at 640 px wide). */
export function frameHeight(widget: EmbedWidget, controls: EmbedControls = 'full'): number {
  return EMBED_INFO[widget].heights[controls];
}

/** Text made safe inside a double-quoted HTML attribute (or as HTML text). */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

export interface SnippetOptions {
  src: string;
  title: string;
  height: number;
}

/**
 * The iframe to paste into a course page: named (`title`), lazy, sandboxed to scripts and to
 * the downloads a reader starts (a figure, a chart's data), 640 px wide unless the page's column
 * is narrower, tall enough for the default state. The
 * height is also an attribute, for editors that strip `style`.
 */
export function iframeSnippet({ src, title, height }: SnippetOptions): string {
  const h = clampHeight(height) ?? MIN_FRAME_HEIGHT;
  return [
    '<iframe',
    `  src="${escapeHtml(src)}"`,
    `  title="${escapeHtml(title)}"`,
    '  loading="lazy"',
    '  sandbox="allow-scripts allow-downloads"',
    `  width="${SNIPPET_WIDTH}"`,
    `  height="${h}"`,
    `  style="width: 100%; max-width: 100%; height: ${h}px; border: 0"`,
    `  ${FRAME_ATTRIBUTE}`,
    '></iframe>',
  ].join('\n');
}

/**
 * The script a host page may add once, anywhere after its frames, for auto-height: it sizes only
 * the frames marked by the snippet, only from the frame's own window (`event.source`: the one
 * check that works for a sandboxed frame, whose origin is opaque), and only from this site's
 * message with a finite height, which it clamps.
 */
export function parentScript(): string {
  return [
    '<script>',
    '  window.addEventListener("message", function (event) {',
    '    var data = event.data;',
    `    if (!data || data.type !== "${RESIZE_TYPE}" || typeof data.height !== "number") return;`,
    '    if (!isFinite(data.height)) return;',
    `    var height = Math.min(Math.max(Math.ceil(data.height), ${MIN_FRAME_HEIGHT}), ${MAX_FRAME_HEIGHT});`,
    `    var frames = document.querySelectorAll("iframe[${FRAME_ATTRIBUTE}]");`,
    '    for (var i = 0; i < frames.length; i++) {',
    '      if (frames[i].contentWindow === event.source) frames[i].style.height = height + "px";',
    '    }',
    '  });',
    '</script>',
  ].join('\n');
}

export interface OembedResponse {
  version: '1.0';
  type: 'rich';
  title: string;
  provider_name: string;
  provider_url: string;
  html: string;
  width: number;
  height: number;
}

/** The oEmbed answer (type `rich`) for a widget's embed in its default state. */
export function oembedResponse(
  siteRoot: string,
  widget: EmbedWidget,
  stateParams: URLSearchParams,
): OembedResponse {
  const info = EMBED_INFO[widget];
  const height = frameHeight(widget);
  return {
    version: '1.0',
    type: 'rich',
    title: `${info.title} · How Many Batches?`,
    provider_name: 'How Many Batches?',
    provider_url: siteUrl(siteRoot, '').href,
    html: iframeSnippet({ src: embedUrl(siteRoot, widget, stateParams), title: info.title, height }),
    width: SNIPPET_WIDTH,
    height,
  };
}

/**
 * The inputs in words, for a figure's footer: "Setup: 48,000 images, 64 images per batch, …,
 * the last partial batch kept, PyTorch." (inputs only: the figure shows the counts).
 */
export function setupText(inputs: TrainingInputs): string {
  const fields = NUMERIC_FIELDS.map((field) =>
    field === 'validationPercent'
      ? `${fieldValueText(field, inputs[field])} held out for validation`
      : fieldValueText(field, inputs[field]),
  );
  const last = inputs.lastBatch === 'drop' ? 'the last partial batch dropped' : 'the last partial batch kept';
  return `Setup: ${[...fields, last, FRAMEWORK_INFO[inputs.framework].label].join(', ')}.`;
}
