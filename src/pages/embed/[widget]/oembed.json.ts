/**
 * The oEmbed answer (type `rich`) of each embed route, for its default state, written at build
 * time as `/embed/<widget>/oembed.json` and linked from the route's <head>
 * (`<link rel="alternate" type="application/json+oembed">`).
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { DEFAULT_INPUTS, inputsToParams } from '../../../lib';
import { EMBED_WIDGETS, oembedResponse, type EmbedWidget } from '../../../lib/embed';

export const getStaticPaths = (() =>
  EMBED_WIDGETS.map((widget) => ({ params: { widget }, props: { widget } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props, site }) => {
  const { widget } = props as { widget: EmbedWidget };
  const siteRoot = new URL(import.meta.env.BASE_URL, site).href;
  const body = oembedResponse(siteRoot, widget, inputsToParams(DEFAULT_INPUTS));
  return new Response(`${JSON.stringify(body, null, 2)}\n`, {
    headers: { 'Content-Type': 'application/json+oembed; charset=utf-8' },
  });
};
