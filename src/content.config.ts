import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { FRAMEWORKS, LAST_BATCH_POLICIES } from './lib/types';
import { QUANTITY_IDS } from './lib/quantities';

/** The inputs a chapter starts from; any not given are the worked case's. */
const preset = z
  .object({
    images: z.number().int(),
    batchSize: z.number().int(),
    epochs: z.number().int(),
    lastBatch: z.enum(LAST_BATCH_POLICIES),
    devices: z.number().int(),
    accumulationSteps: z.number().int(),
    validationPercent: z.number(),
    framework: z.enum(FRAMEWORKS),
  })
  .partial()
  .strict();

const chapters = defineCollection({
  // "03-batch-size.mdx" is chapter 3 at /batch-size/: the number orders the files, not the URL.
  loader: glob({
    pattern: '**/*.{md,mdx}',
    base: './content/chapters',
    generateId: ({ entry }) => entry.replace(/\.mdx?$/, '').replace(/^\d+-/, ''),
  }),
  schema: z.object({
    chapter: z.number().int().positive(),
    title: z.string(),
    /** The one line under the title and in the contents. */
    summary: z.string(),
    /** For search engines and link previews. */
    description: z.string(),
    preset: preset.default({}),
    /** On phones, the inputs the chapter is about and its headline count, in a strip kept on screen. */
    strip: z
      .object({
        fields: z.array(
          z.enum(['images', 'batchSize', 'epochs', 'devices', 'accumulationSteps', 'validationPercent']),
        ),
        lead: z.enum(QUANTITY_IDS),
        leadLabel: z.string(),
      })
      .optional(),
    draft: z.boolean().default(false),
  }),
});

export const collections = { chapters };
