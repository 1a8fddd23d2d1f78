/**
 * The browser half of an embed page (`/embed/<widget>/`, layout src/layouts/Embed.astro):
 *  - applies the link's `theme` and `controls` (again: the inline head script did it first);
 *  - keeps "Open in the article" pointing at the playground with the current state (brought up
 *    to date when the reader reaches for it);
 *  - says which parameters of the link were invalid, where no calculator says it already;
 *  - posts the page's height to the parent frame whenever it changes, in three forms (this
 *    site's `{type, height}`, Canvas's `{subject: 'lti.frameResize', height}`, Pym.js's string),
 *    finite and clamped, to any parent: a height is not a secret. It listens to no message;
 *  - marks the notice "the script did not run" resolved once the widget's element is defined.
 */
import { inputsToParams } from '../lib/inputs';
import {
  PYM_ID_PARAM,
  articleUrl,
  isEmbedWidget,
  parseControls,
  parseTheme,
  resizeMessages,
} from '../lib/embed';
import { refreshWhenReached } from './dom';
import { currentState } from './training-state';
import type { TrainingInputs } from '../lib/types';

const root = document.documentElement;
const widget = root.dataset['embed'] ?? '';
const params = new URLSearchParams(window.location.search);

const theme = parseTheme(params.get('theme'));
if (theme === 'auto') delete root.dataset['theme'];
else root.dataset['theme'] = theme;
const controls = parseControls(params.get('controls'));
root.dataset['controls'] = controls;

const siteRoot = new URL(import.meta.env.BASE_URL, window.location.href).href;

const open = document.querySelector<HTMLAnchorElement>('[data-embed-open]');
if (isEmbedWidget(widget) && open) {
  // The link is rewritten when the reader reaches for it (hover, focus, a press, a click, the
  // context menu), not on every slider step: building the address cost a fifth of a step.
  let shown: TrainingInputs | undefined;
  const refresh = () => {
    const { inputs } = currentState();
    if (inputs === shown) return;
    shown = inputs;
    open.href = articleUrl(siteRoot, widget, inputsToParams(inputs));
  };
  refreshWhenReached(open, refresh);
}

// A calculator on the page says which parameters it could not use; otherwise this does.
const calculatorNotices = document.querySelector('[data-url-notices]');
const notices = document.querySelector<HTMLElement>('[data-embed-notices]');
const { notices: invalid } = currentState();
if (notices && invalid.length > 0 && (!calculatorNotices || controls === 'none')) {
  notices.textContent = `${invalid.map((notice) => notice.message).join(' ')} The embed uses the worked case's value instead.`;
  notices.hidden = false;
}

const tag = root.dataset['embedTag'];
if (tag) {
  void customElements.whenDefined(tag).then(() => root.classList.add('embed-ready'));
}

/** Posts the height of the embed's content to the parent, when it changed. */
function watchHeight(): void {
  const content = document.querySelector<HTMLElement>('[data-embed-root]');
  if (!content || window.parent === window) return;
  const childId = params.get(PYM_ID_PARAM);
  let posted: number | undefined;
  // Called by the ResizeObserver after layout (once per frame at most), on load and at once.
  const post = (): void => {
    const messages = resizeMessages(content.getBoundingClientRect().height, childId ?? undefined);
    if (!messages || messages[0].height === posted) return;
    posted = messages[0].height;
    for (const message of messages) {
      try {
        window.parent.postMessage(message, '*');
      } catch {
        // A parent that cannot be reached: the frame keeps the height the snippet gave it.
      }
    }
  };
  if (typeof ResizeObserver === 'function') new ResizeObserver(post).observe(content);
  window.addEventListener('load', post);
  post();
}

watchHeight();
