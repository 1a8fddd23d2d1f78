/**
 * The virtual SVG tree: string rendering escapes everything, and patching a live tree makes
 * it match a description (checked against a minimal stand-in for the DOM, so this runs in node).
 */
import { describe, expect, test } from 'vitest';
import { describeEpochsChart } from '../../src/charts/epochs-chart';
import { chartFrame } from '../../src/charts/frame';
import {
  SVG_NS,
  countNodes,
  escapeXml,
  patchSvg,
  renderSvgToString,
  svg,
  svgText,
  type SvgNode,
} from '../../src/charts/svg';
import { inputsFor, planFor } from '../support/plans';

describe('renderSvgToString', () => {
  test('renders attributes, children and text', () => {
    const tree = svg('svg', { viewBox: '0 0 10 10', class: 'chart' }, [
      svg('path', { d: 'M0,0H10', 'stroke-width': 2 }),
      svgText('text', { x: 1, y: 2, hidden: undefined }, 'Epoch 3'),
    ]);
    expect(renderSvgToString(tree)).toBe(
      '<svg viewBox="0 0 10 10" class="chart"><path d="M0,0H10" stroke-width="2"></path><text x="1" y="2">Epoch 3</text></svg>',
    );
  });

  test('escapes text and attribute values', () => {
    const tree = svg('svg', { 'aria-label': '"><script>alert(1)</script>' }, [
      svgText('title', {}, '<script>alert("x") & \'y\'</script>'),
    ]);
    const markup = renderSvgToString(tree);
    expect(markup).not.toContain('<script>');
    expect(markup).toContain('&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;');
    expect(markup).toContain('aria-label="&quot;&gt;&lt;script&gt;');
  });

  test('escapes a chart title and an id that contain markup', () => {
    const frame = chartFrame(
      'test',
      'x"><script>',
      { width: 100, height: 50 },
      '<script>bad()</script>',
      'a < b',
      [],
    );
    const markup = renderSvgToString(frame);
    expect(markup).not.toMatch(/<script/i);
    expect(markup).toContain(
      '<title id="x&quot;&gt;&lt;script&gt;-title">&lt;script&gt;bad()&lt;/script&gt;</title>',
    );
    expect(markup).toContain('<desc id="x&quot;&gt;&lt;script&gt;-desc">a &lt; b</desc>');
  });

  test('refuses tag and attribute names that are not names', () => {
    expect(() => renderSvgToString(svg('script><img', {}))).toThrow();
    expect(() => renderSvgToString(svg('g', { 'onload="x"': 1 }))).toThrow();
  });

  test('escapeXml leaves plain text alone', () => {
    expect(escapeXml('90,000 batches → 750 per epoch')).toBe('90,000 batches → 750 per epoch');
  });

  test('countNodes counts every element', () => {
    expect(
      countNodes(
        svg('svg', {}, [svg('g', {}, [svg('path', {}), svg('path', {})]), svgText('text', {}, 'a')]),
      ),
    ).toBe(5);
  });
});

/** Just enough of the DOM for patchSvg: elements with attributes, element children and text. */
class FakeElement {
  readonly localName: string;
  readonly namespaceURI: string;
  readonly ownerDocument: FakeDocument;
  private attributes = new Map<string, string>();
  private nodes: (FakeElement | string)[] = [];
  parent: FakeElement | undefined;
  static writes = 0;

  constructor(doc: FakeDocument, namespace: string, name: string) {
    this.ownerDocument = doc;
    this.namespaceURI = namespace;
    this.localName = name;
  }
  getAttributeNames() {
    return [...this.attributes.keys()];
  }
  getAttribute(name: string) {
    return this.attributes.get(name) ?? null;
  }
  setAttribute(name: string, value: string) {
    FakeElement.writes += 1;
    this.attributes.set(name, value);
  }
  removeAttribute(name: string) {
    FakeElement.writes += 1;
    this.attributes.delete(name);
  }
  get children(): FakeElement[] {
    return this.nodes.filter((n): n is FakeElement => typeof n !== 'string');
  }
  get childElementCount() {
    return this.children.length;
  }
  get firstChild(): FakeElement | string | null {
    return this.nodes[0] ?? null;
  }
  get firstElementChild(): FakeElement | null {
    return this.children[0] ?? null;
  }
  get nextElementSibling(): FakeElement | null {
    const siblings = this.parent?.children ?? [];
    const index = siblings.indexOf(this);
    return index < 0 ? null : (siblings[index + 1] ?? null);
  }
  get lastElementChild(): FakeElement | null {
    return this.children[this.children.length - 1] ?? null;
  }
  get textContent(): string {
    return this.nodes.map((n) => (typeof n === 'string' ? n : n.textContent)).join('');
  }
  set textContent(text: string) {
    FakeElement.writes += 1;
    this.nodes = text === '' ? [] : [text];
  }
  replaceChildren(...children: FakeElement[]) {
    FakeElement.writes += 1;
    for (const child of children) child.parent = this;
    this.nodes = [...children];
  }
  appendChild(child: FakeElement) {
    FakeElement.writes += 1;
    child.parent = this;
    this.nodes.push(child);
    return child;
  }
  replaceChild(child: FakeElement, old: FakeElement) {
    FakeElement.writes += 1;
    child.parent = this;
    this.nodes[this.nodes.indexOf(old)] = child;
    return old;
  }
  remove() {
    FakeElement.writes += 1;
    if (this.parent) this.parent.nodes = this.parent.nodes.filter((n) => n !== this);
  }
  /** The same markup renderSvgToString would give for this element. */
  serialise(): string {
    const attrs = [...this.attributes].map(([k, v]) => ` ${k}="${escapeXml(v)}"`).join('');
    const inner = this.nodes.map((n) => (typeof n === 'string' ? escapeXml(n) : n.serialise())).join('');
    return `<${this.localName}${attrs}>${inner}</${this.localName}>`;
  }
}

class FakeDocument {
  createElementNS(namespace: string, name: string) {
    return new FakeElement(this, namespace, name);
  }
}

function liveSvg(): FakeElement {
  return new FakeDocument().createElementNS(SVG_NS, 'svg');
}

function patch(element: FakeElement, node: SvgNode) {
  patchSvg(element as unknown as SVGSVGElement, node);
}

describe('patchSvg', () => {
  const a = svg('svg', { viewBox: '0 0 100 50', class: 'chart' }, [
    svgText('title', { id: 't' }, 'First'),
    svg('g', { class: 'axis' }, [svgText('text', { x: 1 }, '0'), svgText('text', { x: 2 }, '10')]),
    svg('path', { d: 'M0,0H1', class: 'line' }),
  ]);
  const b = svg('svg', { viewBox: '0 0 200 80', role: 'img' }, [
    svgText('title', { id: 't' }, 'Second <b>'),
    svg('g', { class: 'axis' }, [svgText('text', { x: 5 }, '0')]),
    svg('circle', { cx: 3, cy: 4, r: 2 }),
    svg('path', { d: 'M0,0H2', class: 'line' }),
  ]);

  test('builds an empty <svg> up to the description', () => {
    const element = liveSvg();
    patch(element, a);
    expect(element.serialise()).toBe(renderSvgToString(a));
  });

  test('changes one description into another: attributes, texts, added and removed children', () => {
    const element = liveSvg();
    patch(element, a);
    patch(element, b);
    expect(element.serialise()).toBe(renderSvgToString(b));
    patch(element, a);
    expect(element.serialise()).toBe(renderSvgToString(a));
  });

  test('writes nothing when the description is unchanged', () => {
    const element = liveSvg();
    const plan = planFor(inputsFor('pytorch'));
    patch(element, describeEpochsChart(plan, { width: 640 }).svg);
    FakeElement.writes = 0;
    patch(element, describeEpochsChart(plan, { width: 640 }).svg);
    expect(FakeElement.writes).toBe(0);
  });

  test('the first patch replaces server-rendered content and attributes', () => {
    const element = liveSvg();
    element.setAttribute('stale', 'yes');
    element.appendChild(new FakeDocument().createElementNS(SVG_NS, 'g'));
    patch(element, a);
    expect(element.serialise()).toBe(renderSvgToString(a));
  });

  test('follows a chart through a change of plan', () => {
    const element = liveSvg();
    const before = describeEpochsChart(planFor(inputsFor('pytorch')), { width: 640 }).svg;
    const after = describeEpochsChart(planFor(inputsFor('pytorch', { accumulationSteps: 4 })), {
      width: 400,
      cursor: 3,
    }).svg;
    patch(element, before);
    patch(element, after);
    expect(element.serialise()).toBe(renderSvgToString(after));
  });
});
