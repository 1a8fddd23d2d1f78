/**
 * Auto-height for framed embeds on this site's own pages (the /embed/ index): the same rule as
 * the script the snippet offers to host pages (`parentScript` in src/lib/embed.ts). Only frames
 * marked with the snippet's attribute, only messages from that frame's own window, only this
 * site's message with a finite height, clamped.
 */
import { FRAME_ATTRIBUTE, readResizeMessage } from '../lib/embed';

window.addEventListener('message', (event: MessageEvent) => {
  const height = readResizeMessage(event.data);
  if (height === undefined || event.source === null) return;
  for (const frame of document.querySelectorAll<HTMLIFrameElement>(`iframe[${FRAME_ATTRIBUTE}]`)) {
    if (frame.contentWindow === event.source) frame.style.height = `${height}px`;
  }
});
