/**
 * The "Share / embed" dialog (loaded on the first click of a Share / embed button, see
 * src/components/ShareEmbed.astro). One native <dialog> per page, opened with showModal():
 * the browser keeps focus inside it, closes it with Escape and returns focus to the button.
 * Every field is written with `value`/`textContent` from the current state; nothing from the
 * URL is parsed as HTML. Copying uses the clipboard where allowed; elsewhere (a sandboxed frame,
 * an old browser) the field is selected and the dialog says how to copy it by hand.
 */
import { clipboardAllowed } from './dom';
import { inputsToParams } from '../lib/inputs';
import {
  EMBED_CONTROLS,
  EMBED_INFO,
  EMBED_THEMES,
  EMBED_WIDGETS,
  embedUrl,
  frameHeight,
  iframeSnippet,
  isEmbedWidget,
  parentScript,
  parseControls,
  parseTheme,
  widgetForTag,
  type EmbedControls,
  type EmbedTheme,
  type EmbedWidget,
} from '../lib/embed';
import { currentState, shareableUrl } from './training-state';

const CONTROL_LABELS: Record<EmbedControls, string> = {
  full: 'All',
  basic: 'No advanced settings',
  none: 'None: the numbers fixed',
};
const THEME_LABELS: Record<EmbedTheme, string> = {
  auto: "The reader's",
  light: 'Light',
  dark: 'Dark',
};

type Attributes = Record<string, string>;

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  children: (Node | string)[] = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

interface Dialog {
  dialog: HTMLDialogElement;
  heading: HTMLHeadingElement;
  link: HTMLInputElement;
  snippet: HTMLTextAreaElement;
  script: HTMLTextAreaElement;
  status: HTMLElement;
  widget: EmbedWidget;
}

let built: Dialog | undefined;

/** The widget a button belongs to: its own attribute, else the closest widget element around it. */
function widgetOf(button: HTMLElement): EmbedWidget {
  const named = button.closest<HTMLElement>('[data-share-embed]')?.dataset['shareEmbed'] ?? '';
  if (isEmbedWidget(named)) return named;
  for (let node = button.parentElement; node; node = node.parentElement) {
    const widget = widgetForTag(node.localName);
    if (widget) return widget;
  }
  return EMBED_WIDGETS[0];
}

function siteRoot(): string {
  return new URL(import.meta.env.BASE_URL, window.location.href).href;
}

async function copy(field: HTMLInputElement | HTMLTextAreaElement, what: string, status: HTMLElement) {
  status.textContent = '';
  try {
    if (!clipboardAllowed()) throw new Error('No clipboard here');
    await navigator.clipboard.writeText(field.value);
    status.textContent = `${what} copied.`;
  } catch {
    field.focus();
    field.select();
    status.textContent = `This page may not use the clipboard. The ${what.toLowerCase()} is selected: copy it with Ctrl+C (⌘C on a Mac).`;
  }
}

function radios<T extends string>(
  legend: string,
  name: string,
  values: readonly T[],
  labels: Record<T, string>,
): HTMLFieldSetElement {
  return element('fieldset', {}, [
    element('legend', {}, [legend]),
    ...values.map((value, index) =>
      element('label', {}, [
        element('input', {
          type: 'radio',
          name,
          value,
          ...(index === 0 ? { checked: '' } : {}),
          [`data-share-${name}`]: '',
        }),
        labels[value],
      ]),
    ),
  ]);
}

function build(): Dialog {
  const headingId = 'share-dialog-title';
  const heading = element('h2', { id: headingId }, ['Share or embed']);
  const link = element('input', {
    type: 'text',
    readonly: '',
    id: 'share-dialog-link',
    'data-share-link': '',
  });
  const snippet = element('textarea', {
    readonly: '',
    rows: '9',
    id: 'share-dialog-snippet',
    spellcheck: 'false',
    'data-share-snippet': '',
  });
  const script = element('textarea', {
    readonly: '',
    rows: '8',
    id: 'share-dialog-script',
    spellcheck: 'false',
    'data-share-script': '',
  });
  const status = element('p', { class: 'share-status', role: 'status', 'data-share-status': '' });
  const copyButton = (label: string, field: HTMLInputElement | HTMLTextAreaElement, what: string) => {
    const button = element('button', { type: 'button' }, [label]);
    button.addEventListener('click', () => void copy(field, what, status));
    return button;
  };
  const close = element('button', { type: 'button', class: 'share-close', 'data-share-close': '' }, [
    'Close',
  ]);
  const dialog = element('dialog', { class: 'share-dialog', 'aria-labelledby': headingId }, [
    heading,
    element('p', {}, ['For the numbers on this page now. Change them, then open this again for new ones.']),
    element('div', { class: 'share-field' }, [
      element('label', { class: 'share-label', for: link.id }, ['Link to this page with these numbers']),
      link,
      element('div', { class: 'share-row' }, [copyButton('Copy the link', link, 'Link')]),
    ]),
    radios('Controls in the embed', 'controls', EMBED_CONTROLS, CONTROL_LABELS),
    radios('Colours', 'theme', EMBED_THEMES, THEME_LABELS),
    element('div', { class: 'share-field' }, [
      element('label', { class: 'share-label', for: snippet.id }, ['Embed code for a course page (iframe)']),
      snippet,
      element('div', { class: 'share-row' }, [copyButton('Copy the embed code', snippet, 'Embed code')]),
    ]),
    element('details', {}, [
      element('summary', {}, ['Auto-height, where the page allows a script']),
      element('div', { class: 'share-field' }, [
        element('label', { class: 'share-label', for: script.id }, [
          'Add once to the page, after the frames: each frame then takes the height of its content',
        ]),
        script,
        element('div', { class: 'share-row' }, [copyButton('Copy the script', script, 'Script')]),
      ]),
    ]),
    status,
    close,
  ]);
  close.addEventListener('click', () => dialog.close());
  // A click on the backdrop (outside the dialog's box) closes it too.
  dialog.addEventListener('click', (event) => {
    if (event.target !== dialog) return;
    const box = dialog.getBoundingClientRect();
    const inside =
      event.clientX >= box.left &&
      event.clientX <= box.right &&
      event.clientY >= box.top &&
      event.clientY <= box.bottom;
    if (!inside) dialog.close();
  });
  document.body.append(dialog);
  const result: Dialog = { dialog, heading, link, snippet, script, status, widget: EMBED_WIDGETS[0] };
  dialog.addEventListener('change', () => update(result));
  return result;
}

function chosen(dialog: HTMLDialogElement, name: string): string | null {
  return dialog.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`)?.value ?? null;
}

/** Writes every field for the current state and the chosen controls and theme. */
function update(parts: Dialog): void {
  const { inputs } = currentState();
  const controls = parseControls(chosen(parts.dialog, 'controls'));
  const theme = parseTheme(chosen(parts.dialog, 'theme'));
  const root = siteRoot();
  const info = EMBED_INFO[parts.widget];
  parts.heading.textContent = `Share or embed: ${info.title}`;
  parts.link.value = shareableUrl();
  parts.snippet.value = iframeSnippet({
    src: embedUrl(root, parts.widget, inputsToParams(inputs), { theme, controls }),
    title: info.title,
    height: frameHeight(parts.widget, controls),
  });
  parts.script.value = parentScript();
}

/** Opens the dialog for the widget of `button`, with the page's current numbers. */
export function openShareDialog(button: HTMLElement): void {
  built ??= build();
  built.widget = widgetOf(button);
  built.status.textContent = '';
  update(built);
  if (!built.dialog.open) built.dialog.showModal();
  built.link.focus();
  built.link.select();
}
