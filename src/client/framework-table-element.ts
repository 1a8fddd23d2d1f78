/**
 * The framework table's custom element, <framework-table> (loaded when the table comes near the
 * screen, see lazy.ts): every row follows the page's training state.
 */
import { setText } from './dom';
import { subscribeWhenNear, type TrainingState } from './training-state';
import { COMPARISON_QUANTITIES, compareFrameworks, comparisonText } from '../lib/compare';

class FrameworkTable extends HTMLElement {
  #stop: (() => void) | undefined;

  connectedCallback() {
    const rows = [...this.querySelectorAll<HTMLTableRowElement>('tr[data-framework]')].map((row) => ({
      row,
      framework: row.dataset['framework'],
      chosen: row.querySelector<HTMLElement>('[data-chosen]'),
      cells: COMPARISON_QUANTITIES.map((id) => row.querySelector(`[data-cell="${id}"]`)),
      notes: row.querySelector('[data-cell="notes"]'),
    }));
    const render = (state: TrainingState) => {
      // The same rule as the server's: the inputs as the chosen framework resolved them.
      const comparison = compareFrameworks(state.plan.inputs);
      for (const entry of rows) {
        const row = comparison.find((item) => item.framework === entry.framework);
        if (!row) continue;
        const chosen = row.framework === state.plan.inputs.framework;
        entry.row.classList.toggle('chosen', chosen);
        if (entry.chosen && entry.chosen.hidden === chosen) entry.chosen.hidden = !chosen;
        const { counts, notes } = comparisonText(row);
        counts.forEach((text, index) => setText(entry.cells[index], text));
        setText(entry.notes, notes);
      }
    };
    // Six plans per step: worth it only where the reader can see the table.
    this.#stop = subscribeWhenNear(this, render).stop;
  }

  disconnectedCallback() {
    this.#stop?.();
  }
}

if (!customElements.get('framework-table')) customElements.define('framework-table', FrameworkTable);
