/**
 * The calculator's status line and its "Copy link" button. The clipboard is refused in
 * sandboxed frames and some browsers: the link is then offered in a selected field to copy by hand.
 */
import { copyOrOffer } from './dom';
import { shareableUrl } from './training-state';

/** How long a status message ("Link copied.") stays. */
export const STATUS_MS = 4000;

/** Returns the function that shows a short status message in `root`'s status line. */
export function statusLine(root: HTMLElement): (text: string) => void {
  const status = root.querySelector<HTMLElement>('[data-share-status]');
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (text) => {
    if (!status) return;
    status.textContent = text;
    clearTimeout(timer);
    timer = setTimeout(() => (status.textContent = ''), STATUS_MS);
  };
}

/** Wires `root`'s Copy link button: the link of the current state, to the clipboard or a field. */
export function enhanceCopyLink(root: HTMLElement, say: (text: string) => void): void {
  const fallback = root.querySelector<HTMLElement>('[data-share-fallback]');
  const fallbackInput = root.querySelector<HTMLInputElement>('[data-share-url]');
  root.querySelector('[data-copy-link]')?.addEventListener('click', async () => {
    const copied = await copyOrOffer(shareableUrl(), fallback, fallbackInput);
    say(copied ? 'Link copied.' : 'Copy the link from the field.');
  });
}
