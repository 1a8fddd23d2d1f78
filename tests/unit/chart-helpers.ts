// Queries over a chart's SVG description, shared by the chart tests.
import type { SvgNode } from '../../src/charts/svg';

/** Every node of the tree (the root included) that satisfies `predicate`, in document order. */
export function find(node: SvgNode, predicate: (n: SvgNode) => boolean): SvgNode[] {
  const found = predicate(node) ? [node] : [];
  for (const child of node.children ?? []) found.push(...find(child, predicate));
  return found;
}

/** A predicate: the node has `name` among its classes. */
export const byClass = (name: string) => (n: SvgNode) =>
  String(n.attrs['class'] ?? '')
    .split(' ')
    .includes(name);
