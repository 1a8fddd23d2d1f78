/**
 * Every form a derivation line can take, typeset once at build time: `{ [template id]: { label,
 * html } }`, placeholder numbers in the slots. A page renders only its own plan's lines; its live
 * arithmetic (src/client/derivation-element.ts) fetches this file the first time the state needs
 * a line the page does not have, so no page carries the ~86 KB of forms it may never show.
 * Sandboxed embeds fetch it with CORS: public/_headers lets any origin read it.
 */
import type { APIRoute } from 'astro';
import { derivationForms } from '../render/derivation-forms';

export const GET: APIRoute = () =>
  new Response(JSON.stringify(derivationForms()), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
