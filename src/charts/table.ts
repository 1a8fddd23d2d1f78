/**
 * Keeps a chart's <table> twin in step with its description (browser only). Text goes in
 * through textContent, never innerHTML; cells whose text is unchanged are not touched.
 */
import type { ChartTable } from './types';

function setText(element: Element, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}

/** Makes `parent` hold exactly `count` children made by `make`, reusing those it has. */
function resize(parent: Element, count: number, make: () => Element): void {
  while (parent.children.length > count) parent.lastElementChild?.remove();
  while (parent.children.length < count) parent.appendChild(make());
}

/** One row: the first cell a row header (<th scope="row">), the others data cells. */
function patchRow(row: HTMLTableRowElement, cells: readonly string[], header: boolean): void {
  const doc = row.ownerDocument;
  resize(row, cells.length, () => doc.createElement('td'));
  cells.forEach((text, i) => {
    let cell = row.children[i] as HTMLTableCellElement;
    const tag = header || i === 0 ? 'th' : 'td';
    if (cell.localName !== tag) {
      const replacement = doc.createElement(tag);
      row.replaceChild(replacement, cell);
      cell = replacement;
    }
    const scope = header ? 'col' : i === 0 ? 'row' : null;
    if (scope && cell.getAttribute('scope') !== scope) cell.setAttribute('scope', scope);
    setText(cell, text);
  });
}

export function patchTable(table: HTMLTableElement, spec: ChartTable): void {
  const doc = table.ownerDocument;
  setText(table.caption ?? table.createCaption(), spec.caption);
  const head = table.tHead ?? table.createTHead();
  resize(head, 1, () => doc.createElement('tr'));
  patchRow(head.rows[0] as HTMLTableRowElement, spec.columns, true);
  const body = table.tBodies[0] ?? table.createTBody();
  resize(body, spec.rows.length, () => doc.createElement('tr'));
  spec.rows.forEach((cells, i) => patchRow(body.rows[i] as HTMLTableRowElement, cells, false));
}

/** One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break. */
function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The table as CSV, for the "Download the data" button: the caption is the file's subject, not a row. */
export function tableToCsv(table: ChartTable): string {
  return [table.columns, ...table.rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
