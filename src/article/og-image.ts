/**
 * The picture a link preview shows (1200 × 630): the question, the worked case and its answer,
 * and the epoch drawn as its batches. Pure: returns SVG text; the build turns it into a PNG.
 * Every number comes from the plan.
 */
import { formatCount, type TrainingPlan } from '../lib';

export const OG_WIDTH = 1200;
export const OG_HEIGHT = 630;

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function ogImageSvg(plan: TrainingPlan): string {
  const { inputs } = plan;
  const columns = 50;
  const cell = 14;
  const gap = 4;
  // A decorative strip of the epoch, one square per batch up to 300.
  const cells = Math.min(plan.batchesPerEpoch, 300);
  const squares: string[] = [];
  for (let index = 0; index < cells; index += 1) {
    const x = 80 + (index % columns) * (cell + gap);
    const y = 390 + Math.floor(index / columns) * (cell + gap);
    squares.push(
      `<rect x="${x}" y="${y}" width="${cell}" height="${cell}" rx="2" fill="#0b5cad" opacity="0.85"/>`,
    );
  }
  const caseLine = `${formatCount(inputs.images)} retinal images · batches of ${formatCount(inputs.batchSize)} · ${formatCount(inputs.epochs)} epochs`;
  const answer = `${formatCount(plan.batchesPerEpoch)} batches per epoch, ${formatCount(plan.totalBatches)} in all`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${OG_WIDTH}" height="${OG_HEIGHT}" viewBox="0 0 ${OG_WIDTH} ${OG_HEIGHT}">
<rect width="100%" height="100%" fill="#ffffff"/>
<rect x="0" y="0" width="${OG_WIDTH}" height="12" fill="#0b5cad"/>
<text x="80" y="150" font-family="DejaVu Serif, Georgia, serif" font-size="76" font-weight="700" fill="#1b1d21">How many batches?</text>
<text x="80" y="230" font-family="DejaVu Sans, Arial, sans-serif" font-size="34" fill="#4d5562">${escapeXml(caseLine)}</text>
<text x="80" y="310" font-family="DejaVu Sans, Arial, sans-serif" font-size="40" font-weight="700" fill="#a0401a">${escapeXml(answer)}</text>
${squares.join('\n')}
<text x="80" y="${OG_HEIGHT - 40}" font-family="DejaVu Sans, Arial, sans-serif" font-size="24" fill="#4d5562">An explorable explanation of samples, batches, steps and epochs</text>
</svg>`;
}
