/**
 * Code for what is off screen, loaded when it comes near (browser only). A widget's processed
 * `<script>` calls `loadWhenNear('its-tag', () => import('…its real code…'))`: until the code
 * arrives, the server-rendered markup stands as it is; once it arrives, the module defines the
 * custom element, every instance on the page upgrades, and, since `subscribe` calls back at once
 * with the current state, each draws the state as it is now (never a stale one).
 *
 * The code is loaded, once, on the first of:
 *  - an instance coming within about a screen of the viewport (IntersectionObserver);
 *  - focus moving into an instance, a pointer pressed or a field changed in it (the reader got
 *    there first; the element reads its fields as they stand when it connects);
 *  - `beforeprint` (best effort: the import is asynchronous, so a print made at once may still
 *    show the state the page was rendered with);
 *  - for widgets that follow the training state (`followsState: subscribe`), the first change of that
 *    state, or a page opened from a link with parameters (its state may not be the one the
 *    server rendered), when the browser is next idle: the code is then in before the widget is
 *    seen or printed, and draws the current state as it comes near;
 *  - for widgets that read a parameter of the link (`param`), its presence, when idle;
 *  - at once, without IntersectionObserver.
 */
import type { subscribe } from './training-state';

/** About a screen above and below the viewport: code arrives before the widget scrolls in. */
export const NEAR_MARGIN = '100% 0px';
/** The longest wait for an idle moment after a change before loading anyway. */
const IDLE_TIMEOUT_MS = 300;

export interface LoadOptions {
  /**
   * For widgets that display the training state: its `subscribe`, to load after its first change
   * too (passed in, so that a page whose widgets do not follow the state never loads it).
   */
  followsState?: typeof subscribe;
  /** Load when the browser is idle if the link carries this parameter (the widget reads it). */
  param?: string;
}

type Loader = () => Promise<unknown>;

/** Events inside a widget that mean the reader got to it first; its code reads what they changed. */
const INTERACTIONS = ['focusin', 'pointerdown', 'input', 'change'];

function whenIdle(callback: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(callback, { timeout: IDLE_TIMEOUT_MS });
  else setTimeout(callback, 50);
}

/**
 * Loads the code of the widgets matching `selector` when the first of them comes near the
 * screen (see above). Nothing is loaded on a page without such a widget.
 */
export function loadWhenNear(selector: string, load: Loader, options: LoadOptions = {}): void {
  const elements = [...document.querySelectorAll(selector)];
  if (elements.length === 0) return;
  let started = false;
  const cleanups: (() => void)[] = [];
  const start = (): void => {
    if (started) return;
    started = true;
    for (const cleanup of cleanups) cleanup();
    // A failed fetch (offline, a new deployment) leaves the server-rendered markup as it is.
    load().catch((error: unknown) => console.error(error));
  };
  if (typeof IntersectionObserver !== 'function') {
    start();
    return;
  }
  const observer = new IntersectionObserver(
    (entries) => {
      if (entries.some((entry) => entry.isIntersecting)) start();
    },
    { rootMargin: NEAR_MARGIN },
  );
  for (const element of elements) {
    observer.observe(element);
    for (const type of INTERACTIONS) {
      element.addEventListener(type, start);
      cleanups.push(() => element.removeEventListener(type, start));
    }
  }
  cleanups.push(() => observer.disconnect());
  window.addEventListener('beforeprint', start);
  cleanups.push(() => window.removeEventListener('beforeprint', start));
  if (options.param && new URLSearchParams(window.location.search).has(options.param)) whenIdle(start);
  if (options.followsState) {
    // The first call is the state the page opened with: the server rendered it, unless the
    // link carried parameters.
    let first = window.location.search === '';
    let scheduled = false;
    const unsubscribe = options.followsState(() => {
      if (first) {
        first = false;
        return;
      }
      if (scheduled || started) return;
      scheduled = true;
      whenIdle(start);
    });
    cleanups.push(unsubscribe);
  }
}
