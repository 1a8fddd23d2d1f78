/**
 * The chapters in reading order, with what the contents and the navigation show of each.
 * Server only (it reads the content collection).
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { readingMinutes, wordCount } from './text';

export interface ChapterSummary {
  entry: CollectionEntry<'chapters'>;
  id: string;
  number: number;
  title: string;
  summary: string;
  minutes: number;
  words: number;
  href: string;
}

export async function getChapters(): Promise<ChapterSummary[]> {
  const base = import.meta.env.BASE_URL;
  const entries = await getCollection('chapters', ({ data }) => !data.draft);
  return entries
    .sort((a, b) => a.data.chapter - b.data.chapter)
    .map((entry) => ({
      entry,
      id: entry.id,
      number: entry.data.chapter,
      title: entry.data.title,
      summary: entry.data.summary,
      minutes: readingMinutes(entry.body ?? ''),
      words: wordCount(entry.body ?? ''),
      href: `${base}${entry.id}/`,
    }));
}
