/**
 * "Download the figure (SVG)" and "(PNG)" under each chart (browser only; loaded on the first
 * click, see src/components/charts/FigureDownloads.astro): the chart as it stands now, in the
 * active theme, with its title, caption, setup and source written into the file.
 */
import { currentState, shareableUrl } from '../client/training-state';
import { setupText } from '../lib/embed';
import {
  composeFigure,
  figureFileName,
  inlineStyles,
  saveBlob,
  svgToPng,
  type FigureColours,
} from './figure-export';

/** A colour as the browser resolves a CSS value here (custom properties and light-dark() included). */
function resolveColour(near: Element, value: string): string {
  const probe = near.ownerDocument.createElement('span');
  probe.hidden = true;
  probe.style.setProperty('color', value);
  near.append(probe);
  const colour = getComputedStyle(probe).color;
  probe.remove();
  return colour;
}

/** Builds the figure of the chart holding `button` and saves it as SVG or PNG (2×). */
export async function downloadFigure(button: Element, format: 'svg' | 'png'): Promise<void> {
  const figure = button.closest('figure');
  const svg = figure?.querySelector<SVGSVGElement>('[data-chart-plot] > svg');
  if (!figure || !svg) return;
  const chartId = button.closest<HTMLElement>('[data-chart-id]')?.dataset['chartId'] ?? 'chart';
  const titleId = figure.getAttribute('aria-labelledby');
  const title = (titleId ? document.getElementById(titleId)?.textContent : '') ?? '';
  const caption = figure.querySelector('[data-chart-description]')?.textContent ?? '';
  const { inputs } = currentState();
  const box = svg.viewBox.baseVal;
  const width = box && box.width > 0 ? box.width : svg.getBoundingClientRect().width;
  const height = box && box.height > 0 ? box.height : svg.getBoundingClientRect().height;
  const colours: FigureColours = {
    background: resolveColour(figure, 'var(--bg)'),
    foreground: resolveColour(figure, 'var(--fg)'),
    muted: resolveColour(figure, 'var(--muted)'),
  };
  const chart = new XMLSerializer().serializeToString(inlineStyles(svg));
  const composed = composeFigure(
    chart,
    width,
    height,
    {
      title: title.trim(),
      caption: caption.trim(),
      setup: setupText(inputs),
      source: `How Many Batches? (CC BY 4.0). This state: ${shareableUrl()}`,
    },
    colours,
  );
  const name = figureFileName(chartId, inputs.images, inputs.batchSize, inputs.epochs, format);
  if (format === 'svg') {
    saveBlob(new Blob([composed.svg], { type: 'image/svg+xml;charset=utf-8' }), name, figure);
    return;
  }
  saveBlob(await svgToPng(composed.svg, composed.width, composed.height, 2), name, figure);
}
