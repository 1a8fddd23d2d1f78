/**
 * A chart as a figure for slides and handouts (browser only; loaded on the first click of a
 * "Download the figure" button): a standalone SVG of the chart as it stands, with its title
 * above it and, below, its caption, the setup it shows and where it comes from. The SVG needs
 * nothing else: every colour, stroke and font size is written in as an attribute, in the
 * active theme's colours (computed by the browser), with a generic font family; a PNG at twice
 * the size is drawn from it. The pure parts (wrapping, layout, file names) are exported for tests.
 */
import { escapeXml } from './svg';

/** Presentation properties copied from the computed style onto each element of the copy. */
const PAINT_PROPERTIES = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'stroke-opacity',
  'opacity',
  'paint-order',
] as const;
const TEXT_PROPERTIES = ['font-size', 'font-weight', 'font-style'] as const;
/** A generic family: the file must not depend on a font the reader's machine has. */
export const FIGURE_FONT = 'sans-serif';

const TITLE_SIZE = 18;
const TEXT_SIZE = 13;
const LINE_GAP = 1.35;
const PADDING = 16;

export interface FigureText {
  title: string;
  caption: string;
  /** The inputs, in words ("48,000 images, batches of 64, …"). */
  setup: string;
  /** Credit and the link that opens the same state. */
  source: string;
}

export interface FigureColours {
  background: string;
  foreground: string;
  muted: string;
}

/**
 * Splits text into lines of at most `maxChars` characters at spaces (a longer word gets a
 * line of its own). An estimate of width by characters: a generic font's exact widths are
 * not known in advance, so the limit leaves room.
 */
export function wrapText(text: string, maxChars: number): string[] {
  const limit = Math.max(8, Math.floor(maxChars));
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((part) => part !== '')) {
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= limit) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** How many characters of a line fit in `width` at `fontSize` (a generous average glyph width). */
export function charsPerLine(width: number, fontSize: number): number {
  return Math.floor((width - 2 * PADDING) / (fontSize * 0.56));
}

/** A file name for a figure: the chart's id and the main inputs, safe on every system. */
export function figureFileName(
  chartId: string,
  images: number,
  batchSize: number,
  epochs: number,
  ext: string,
): string {
  const id = chartId.replace(/[^A-Za-z0-9-]+/g, '-');
  return `${id}-${images}-images-batch-${batchSize}-${epochs}-epochs.${ext}`;
}

interface Line {
  text: string;
  size: number;
  weight: number;
  colour: keyof FigureColours;
}

/**
 * The standalone SVG: `chartSvg` is the chart's own <svg> element markup, with its styles
 * already written in (see `inlineStyles`), of size `width` × `height`.
 */
export function composeFigure(
  chartSvg: string,
  width: number,
  height: number,
  text: FigureText,
  colours: FigureColours,
): { svg: string; width: number; height: number } {
  const head: Line[] = wrapText(text.title, charsPerLine(width, TITLE_SIZE)).map((line) => ({
    text: line,
    size: TITLE_SIZE,
    weight: 700,
    colour: 'foreground',
  }));
  const foot: Line[] = [
    ...wrapText(text.caption, charsPerLine(width, TEXT_SIZE)).map((line): Line => ({
      text: line,
      size: TEXT_SIZE,
      weight: 400,
      colour: 'foreground',
    })),
    ...wrapText(text.setup, charsPerLine(width, TEXT_SIZE)).map((line): Line => ({
      text: line,
      size: TEXT_SIZE,
      weight: 600,
      colour: 'foreground',
    })),
    ...wrapText(text.source, charsPerLine(width, TEXT_SIZE - 1)).map((line): Line => ({
      text: line,
      size: TEXT_SIZE - 1,
      weight: 400,
      colour: 'muted',
    })),
  ];
  const parts: string[] = [];
  let y = PADDING;
  const write = (line: Line) => {
    y += line.size * LINE_GAP;
    parts.push(
      `<text x="${PADDING}" y="${Math.round(y - line.size * 0.3)}" font-family="${FIGURE_FONT}" font-size="${line.size}" font-weight="${line.weight}" fill="${escapeXml(colours[line.colour])}">${escapeXml(line.text)}</text>`,
    );
  };
  head.forEach(write);
  y += PADDING / 2;
  const chartY = Math.round(y);
  y += height + PADDING / 2;
  foot.forEach((line, index) => {
    // A little space between the caption, the setup and the source.
    if (index > 0 && foot[index - 1]?.weight !== line.weight) y += TEXT_SIZE * 0.4;
    write(line);
  });
  const total = Math.ceil(y + PADDING);
  // The chart keeps its own box, padded on both sides (its axis labels may reach its edges).
  const fullWidth = Math.ceil(width) + 2 * PADDING;
  const nested = chartSvg.replace(
    /^<svg\b/,
    `<svg x="${PADDING}" y="${chartY}" width="${Math.ceil(width)}" height="${Math.ceil(height)}" overflow="visible"`,
  );
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${fullWidth}" height="${total}" viewBox="0 0 ${fullWidth} ${total}" font-family="${FIGURE_FONT}">`,
    `<title>${escapeXml(text.title)}</title>`,
    `<desc>${escapeXml(`${text.caption} ${text.setup}`)}</desc>`,
    `<rect x="0" y="0" width="${fullWidth}" height="${total}" fill="${escapeXml(colours.background)}"/>`,
    ...parts,
    nested,
    '</svg>',
  ].join('\n');
  return { svg, width: fullWidth, height: total };
}

/**
 * A copy of a chart's <svg> with every element's computed paint and text properties written
 * in as attributes (classes and the page's stylesheets are not needed any more), hidden
 * elements left out, and a generic font family.
 */
export function inlineStyles(source: SVGSVGElement): SVGSVGElement {
  const copy = source.cloneNode(true) as SVGSVGElement;
  const originals = [source, ...source.querySelectorAll('*')];
  const copies = [copy, ...copy.querySelectorAll('*')];
  const hidden: Element[] = [];
  originals.forEach((original, index) => {
    const target = copies[index];
    if (!target) return;
    const style = getComputedStyle(original);
    if (style.display === 'none' || style.visibility === 'hidden') {
      hidden.push(target);
      return;
    }
    for (const name of PAINT_PROPERTIES) {
      const value = style.getPropertyValue(name);
      if (value !== '') target.setAttribute(name, value);
    }
    if (original instanceof SVGTextElement || original instanceof SVGTSpanElement || original === source) {
      for (const name of TEXT_PROPERTIES) target.setAttribute(name, style.getPropertyValue(name));
      target.setAttribute('font-family', FIGURE_FONT);
    }
    target.removeAttribute('class');
    target.removeAttribute('style');
  });
  for (const element of hidden) element.remove();
  copy.removeAttribute('role');
  copy.removeAttribute('aria-labelledby');
  copy.removeAttribute('aria-describedby');
  copy.removeAttribute('width');
  copy.removeAttribute('height');
  return copy;
}

/** Saves `blob` as a file (a sandboxed frame without allow-downloads may refuse: nothing happens). */
export function saveBlob(blob: Blob, name: string, near: Element): void {
  const url = URL.createObjectURL(blob);
  const link = near.ownerDocument.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  near.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Draws a standalone SVG at `scale` times its size into a PNG. */
export function svgToPng(svg: string, width: number, height: number, scale = 2): Promise<Blob> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = Math.round(width * scale);
      canvas.height = Math.round(height * scale);
      const context = canvas.getContext('2d');
      if (!context) {
        reject(new Error('No 2D canvas'));
        return;
      }
      context.drawImage(image, 0, 0, canvas.width, canvas.height);
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('No PNG'))), 'image/png');
    };
    image.onerror = () => reject(new Error('The figure could not be drawn'));
    // A data: URL (the CSP allows data: images; blob: is not listed).
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  });
}
