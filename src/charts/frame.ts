import { svg, svgText, type SvgNode } from './svg';
import { chartIds } from './types';

/**
 * The root <svg> of a chart: a fixed viewBox (CSS scales it to the figure's width),
 * role="img", and a <title> and <desc> that name and summarise it.
 */
export function chartFrame(
  kind: string,
  id: string,
  size: { width: number; height: number },
  title: string,
  description: string,
  children: SvgNode[],
): SvgNode {
  const ids = chartIds(id);
  return svg(
    'svg',
    {
      class: `chart chart-${kind}`,
      viewBox: `0 0 ${size.width} ${Math.round(size.height)}`,
      role: 'img',
      'aria-labelledby': `${ids.title} ${ids.desc}`,
    },
    [svgText('title', { id: ids.title }, title), svgText('desc', { id: ids.desc }, description), ...children],
  );
}
