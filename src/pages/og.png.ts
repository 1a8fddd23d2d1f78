// The link-preview image, drawn at build time from the worked case.
import type { APIRoute } from 'astro';
import sharp from 'sharp';
import { ogImageSvg } from '../article/og-image';
import { DEFAULT_INPUTS, computeTraining } from '../lib';

export const GET: APIRoute = async () => {
  const computed = computeTraining(DEFAULT_INPUTS);
  if (!computed.ok) throw new Error('The worked case must be valid');
  const png = await sharp(Buffer.from(ogImageSvg(computed.value)))
    .png({ compressionLevel: 9 })
    .toBuffer();
  return new Response(new Uint8Array(png), { headers: { 'Content-Type': 'image/png' } });
};
