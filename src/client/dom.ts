/**
 * The few DOM writes every widget makes, in one place: each writes only when something
 * changed (every slider step runs them), and each widget that redraws only near the screen
 * asks the same question the same way.
 */

/** Sets an element's text, unless it already holds exactly that text. */
export function setText(element: Element | null | undefined, text: string): void {
  if (element && element.textContent !== text) element.textContent = text;
}

/** Sets (or, with null, removes) an attribute, unless it already has that value. */
export function setAttribute(element: Element, name: string, value: string | null): void {
  if (element.getAttribute(name) === value) return;
  if (value === null) element.removeAttribute(name);
  else element.setAttribute(name, value);
}

/** How far outside the viewport a widget still counts as near: it is drawn before it scrolls in. */
const NEAR_SCREEN_MARGIN = '200px 0px';

/**
 * Calls `onChange(true)` when `element` comes near the viewport and `onChange(false)` when it
 * leaves. Without IntersectionObserver nothing is called, and the widget stays as visible as it
 * began. Returns the function that stops watching.
 */
export function watchNearScreen(element: Element, onChange: (near: boolean) => void): () => void {
  if (typeof IntersectionObserver !== 'function') return () => {};
  const observer = new IntersectionObserver(
    (entries) => {
      const entry = entries[entries.length - 1];
      if (entry) onChange(entry.isIntersecting);
    },
    { rootMargin: NEAR_SCREEN_MARGIN },
  );
  observer.observe(element);
  return () => observer.disconnect();
}

/** A widget's drawing that waits while the widget is far from the screen. */
export interface NearScreenDrawing {
  /** Draws now if the widget is near the screen; otherwise keeps `draw` (the latest) for later. */
  request(draw: () => void): void;
  /** Draws what is waiting, if anything (before the widget's content is used off screen). */
  flush(): void;
  /** Stops watching the screen and the printer. */
  stop(): void;
}

/**
 * For widgets that redraw on every slider step only where the reader can see them: a draw
 * requested while `element` is far from the screen waits, and the latest one runs when it comes
 * near or the page is printed. Without IntersectionObserver every draw runs at once.
 */
export function drawWhenNear(element: Element): NearScreenDrawing {
  let near = true;
  let waiting: (() => void) | undefined;
  const flush = () => {
    const draw = waiting;
    waiting = undefined;
    draw?.();
  };
  const stopWatching = watchNearScreen(element, (isNear) => {
    near = isNear;
    if (near) flush();
  });
  window.addEventListener('beforeprint', flush);
  return {
    request(draw) {
      waiting = draw;
      if (near) flush();
    },
    flush,
    stop() {
      stopWatching();
      window.removeEventListener('beforeprint', flush);
    },
  };
}

/** Whether this document's permissions policy lets it write to the clipboard (where the browser says). */
export function clipboardAllowed(): boolean {
  const policy = (document as Document & { featurePolicy?: { allowsFeature(name: string): boolean } })
    .featurePolicy;
  return (
    typeof navigator.clipboard?.writeText === 'function' && (policy?.allowsFeature('clipboard-write') ?? true)
  );
}

/**
 * Copies `text` to the clipboard, or, where the clipboard is refused (a sandboxed frame, its
 * permissions policy, an older browser), offers it selected in `field`, shown by revealing
 * `fallback`. Never asks a clipboard the policy refuses: that would only log a violation.
 * Resolves to whether the clipboard took it.
 */
export async function copyOrOffer(
  text: string,
  fallback: HTMLElement | null,
  field: HTMLInputElement | HTMLTextAreaElement | null,
): Promise<boolean> {
  try {
    if (!clipboardAllowed()) throw new Error('The clipboard is not allowed here');
    await navigator.clipboard.writeText(text);
    if (fallback) fallback.hidden = true;
    return true;
  } catch {
    if (fallback && field) {
      field.value = text;
      fallback.hidden = false;
      field.focus();
      field.select();
    }
    return false;
  }
}

/** The events that come before a link is followed, copied or shown: a pointer over it, focus, a press, a click, the context menu. */
const REACH_EVENTS = ['pointerenter', 'focus', 'pointerdown', 'click', 'auxclick', 'contextmenu'];

/**
 * Calls `refresh` now and whenever the reader reaches for `link`, so that a link that follows
 * the state is rewritten when it may be used rather than on every slider step.
 */
export function refreshWhenReached(link: HTMLAnchorElement, refresh: () => void): void {
  for (const type of REACH_EVENTS) link.addEventListener(type, refresh);
  refresh();
}
