// The sitemap: the cover, every chapter, the playground and the glossary, with absolute URLs.
import type { APIRoute } from 'astro';
import { getChapters } from '../article/chapters';

export const GET: APIRoute = async ({ site }) => {
  const base = import.meta.env.BASE_URL;
  const chapters = await getChapters();
  const paths = [base, ...chapters.map((chapter) => chapter.href), `${base}playground/`, `${base}glossary/`];
  const urls = paths.map((path) => `  <url><loc>${new URL(path, site).href}</loc></url>`).join('\n');
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls}\n</urlset>\n`;
  return new Response(xml, { headers: { 'Content-Type': 'application/xml' } });
};
