/**
 * Auto-height for framed embeds on this site's own pages (the /embed/ index): the same rule as
 * the script the snippet offers to host pages (`parentScript` in src/lib/embed.ts). Only frames
 * marked with the snippet's attribute, only messages from that frame's own window, only this
 * site's message with a finite height, clamped.
 *
 * One thing more than the snippet's script: a preview whose bottom edge is on screen keeps its
 * height until that edge leaves the screen (the page scrolls on), so that a frame which loads
 * as it scrolls into view never pushes what the reader is looking at below it. A frame whose
 * bottom is below the screen only moves what is further down; one whose bottom is above it
 * grows where the browser's scroll anchoring keeps the view still.
 */
import { FRAME_ATTRIBUTE, readResizeMessage } from '../lib/embed';

/** Heights received for frames whose bottom edge was on screen, applied when it leaves. */
const waiting = new Map<HTMLIFrameElement, number>();

function bottomOnScreen(frame: HTMLIFrameElement): boolean {
  const { bottom } = frame.getBoundingClientRect();
  return bottom > 0 && bottom < window.innerHeight;
}

function setHeight(frame: HTMLIFrameElement, height: number): void {
  if (bottomOnScreen(frame)) {
    waiting.set(frame, height);
    return;
  }
  waiting.delete(frame);
  frame.style.height = `${height}px`;
}

window.addEventListener('message', (event: MessageEvent) => {
  const height = readResizeMessage(event.data);
  if (height === undefined || event.source === null) return;
  for (const frame of document.querySelectorAll<HTMLIFrameElement>(`iframe[${FRAME_ATTRIBUTE}]`)) {
    if (frame.contentWindow === event.source) setHeight(frame, height);
  }
});

window.addEventListener(
  'scroll',
  () => {
    for (const [frame, height] of waiting) setHeight(frame, height);
  },
  { passive: true },
);
