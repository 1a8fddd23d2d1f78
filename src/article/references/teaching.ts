/**
 * Sources for the chapter for teachers: the licence of the text, what a sandboxed frame may do,
 * and the reduced-motion setting the pages follow.
 */
import type { Reference } from './types';

export const TEACHING_REFERENCES = {
  'cc-by-4': {
    id: 'cc-by-4',
    title: 'Attribution 4.0 International (CC BY 4.0)',
    authors: 'Creative Commons',
    publisher: 'creativecommons.org',
    url: 'https://creativecommons.org/licenses/by/4.0/',
    note: 'Anyone may share and adapt the material, for any purpose, giving appropriate credit, linking to the licence and indicating whether changes were made.',
  },
  'whatwg-iframe-sandbox': {
    id: 'whatwg-iframe-sandbox',
    title: 'HTML Living Standard: the iframe element, the sandbox attribute',
    authors: 'WHATWG',
    publisher: 'html.spec.whatwg.org',
    url: 'https://html.spec.whatwg.org/multipage/iframe-embed-object.html#attr-iframe-sandbox',
    note: 'A sandboxed frame without allow-same-origin runs in an opaque origin; allow-scripts lets it run scripts, allow-downloads lets it save the files a reader asks for.',
  },
  'mediaqueries-5-reduced-motion': {
    id: 'mediaqueries-5-reduced-motion',
    title: 'Media Queries Level 5: prefers-reduced-motion',
    authors: 'W3C',
    publisher: 'w3.org',
    url: 'https://www.w3.org/TR/mediaqueries-5/#prefers-reduced-motion',
    note: 'The media feature that tells a page the reader has asked the system to minimise non-essential motion.',
  },
} as const satisfies Record<string, Reference>;

export type TeachingReferenceId = keyof typeof TEACHING_REFERENCES;
