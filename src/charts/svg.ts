/**
 * A tiny virtual SVG tree: a chart is described as plain data (`SvgNode`), rendered to a
 * string on the server (`renderSvgToString`, no DOM) and patched into a live <svg> in the
 * browser (`patchSvg`). No inline `style` attributes: colours come from classes. The
 * geometry inside comes from D3 (scales from d3-scale, series paths from d3-shape); this
 * module only holds the tree and writes it out.
 */

export type SvgAttrValue = string | number | undefined;

export interface SvgNode {
  tag: string;
  /** Attributes; `undefined` leaves one out. Numbers are printed with `String()`. */
  attrs: Record<string, SvgAttrValue>;
  children?: SvgNode[];
  /** Text content (escaped); a node with text has no children. */
  text?: string;
}

export const SVG_NS = 'http://www.w3.org/2000/svg';

const NAME = /^[A-Za-z][A-Za-z0-9:_-]*$/;

/** A node with children. */
export function svg(tag: string, attrs: Record<string, SvgAttrValue>, children: SvgNode[] = []): SvgNode {
  return { tag, attrs, children };
}

/** A node holding text (for <text>, <title>, <desc>, <tspan>). */
export function svgText(tag: string, attrs: Record<string, SvgAttrValue>, text: string): SvgNode {
  return { tag, attrs, text };
}

/** Rounds a coordinate to one decimal: shorter markup, no visible difference. */
export function px(value: number): number {
  return Math.round(value * 10) / 10;
}

const TEXT_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for an HTML/SVG text node or a double-quoted attribute value. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => TEXT_ESCAPES[char] ?? char);
}

function checkName(name: string): string {
  // Tag and attribute names come from chart code, never from data; refuse anything odd anyway.
  if (!NAME.test(name)) throw new Error(`Not a valid SVG name: ${JSON.stringify(name)}`);
  return name;
}

/** The attributes that are present, as [name, text] pairs. */
function presentAttrs(attrs: Record<string, SvgAttrValue>): [string, string][] {
  const pairs: [string, string][] = [];
  for (const name in attrs) {
    const value = attrs[name];
    if (value !== undefined) pairs.push([name, String(value)]);
  }
  return pairs;
}

/** Markup for a node, every text and attribute value escaped. Works without a DOM. */
export function renderSvgToString(node: SvgNode): string {
  const tag = checkName(node.tag);
  let out = `<${tag}`;
  for (const [name, value] of presentAttrs(node.attrs)) out += ` ${checkName(name)}="${escapeXml(value)}"`;
  out += '>';
  if (node.text !== undefined) out += escapeXml(node.text);
  else for (const child of node.children ?? []) out += renderSvgToString(child);
  return `${out}</${tag}>`;
}

/** The number of elements in a tree, the root included. */
export function countNodes(node: SvgNode): number {
  let count = 1;
  for (const child of node.children ?? []) count += countNodes(child);
  return count;
}

function createElement(doc: Document, node: SvgNode): Element {
  const element = doc.createElementNS(SVG_NS, checkName(node.tag));
  for (const [name, value] of presentAttrs(node.attrs)) element.setAttribute(checkName(name), value);
  // textContent only: data never goes through innerHTML.
  if (node.text !== undefined) element.textContent = node.text;
  else for (const child of node.children ?? []) element.appendChild(createElement(doc, child));
  return element;
}

/** Patches an element whose content was last written from `previous`: no DOM reads but the walk. */
function patchFrom(element: Element, previous: SvgNode, node: SvgNode): void {
  // Descriptions are never mutated: the same node object means the same subtree.
  if (previous === node) return;
  const before = previous.attrs;
  const after = node.attrs;
  if (before !== after) {
    // for…in rather than Object.keys: no arrays allocated for every node on every step.
    for (const name in before) {
      if (before[name] !== undefined && after[name] === undefined) element.removeAttribute(name);
    }
    for (const name in after) {
      const value = after[name];
      if (value !== undefined && value !== before[name]) element.setAttribute(checkName(name), String(value));
    }
  }
  if (node.text !== undefined) {
    if (previous.text !== node.text) element.textContent = node.text;
    return;
  }
  if (previous.text !== undefined) element.textContent = '';
  const had = previous.text === undefined ? (previous.children ?? []) : [];
  const wanted = node.children ?? [];
  const doc = element.ownerDocument;
  // Walk the live children by sibling links: indexing a live HTMLCollection after a change is slow.
  let have = element.firstElementChild;
  for (let i = 0; i < wanted.length; i += 1) {
    const want = wanted[i] as SvgNode;
    const was = had[i];
    if (have && was && was.tag === want.tag) {
      patchFrom(have, was, want);
      have = have.nextElementSibling;
    } else if (have) {
      const replacement = createElement(doc, want);
      element.replaceChild(replacement, have);
      have = replacement.nextElementSibling;
    } else {
      element.appendChild(createElement(doc, want));
    }
  }
  while (have) {
    const next = have.nextElementSibling;
    have.remove();
    have = next;
  }
}

/** The tree each live <svg> was last patched to, so the next patch compares objects, not the DOM. */
const patched = new WeakMap<Element, SvgNode>();

/**
 * Makes the live `element` match `node` (the root's attributes and the whole subtree).
 * The first patch of an element (server-rendered markup) sets the root's attributes and
 * rebuilds its content; later ones compare with the previous description, matching children
 * by position and tag, and write only the attributes and texts that changed.
 */
export function patchSvg(element: SVGSVGElement, node: SvgNode): void {
  const previous = patched.get(element);
  if (previous) {
    patchFrom(element, previous, node);
  } else {
    for (const name of element.getAttributeNames()) {
      if (node.attrs[name] === undefined) element.removeAttribute(name);
    }
    for (const [name, value] of presentAttrs(node.attrs)) element.setAttribute(checkName(name), value);
    const doc = element.ownerDocument;
    element.replaceChildren(
      ...(node.text === undefined ? (node.children ?? []) : []).map((c) => createElement(doc, c)),
    );
    if (node.text !== undefined) element.textContent = node.text;
  }
  patched.set(element, node);
}
