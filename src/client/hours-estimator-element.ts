/**
 * The hours estimator's custom element, <hours-estimator> (loaded when it comes near the screen,
 * see lazy.ts): the estimate and the table of durations follow the page's state and the chosen throughput.
 */
import { drawWhenNear, setAttribute, setText } from './dom';
import { currentState, subscribe } from './training-state';
import { estimateText, estimateTime, parseThroughput, publishedThroughput } from '../lib/throughput';

class HoursEstimator extends HTMLElement {
  #unsubscribe: (() => void) | undefined;
  #stopDrawing: (() => void) | undefined;

  connectedCallback() {
    const select = this.querySelector<HTMLSelectElement>('[data-throughput-select]');
    const custom = this.querySelector<HTMLInputElement>('[data-throughput-custom]');
    const error = this.querySelector<HTMLElement>('[data-throughput-error]');
    const sentence = this.querySelector('[data-estimate-sentence]');
    const devices = this.querySelector<HTMLElement>('[data-estimate-devices]');
    const validation = this.querySelector<HTMLElement>('[data-estimate-validation]');
    const sourceLabel = this.querySelector('[data-source-label]');
    const sourceLink = this.querySelector<HTMLAnchorElement>('[data-source-link]');
    const sourceEnd = this.querySelector('[data-source-end]');
    const status = this.querySelector('[data-estimate-status]');
    const rows = [...this.querySelectorAll<HTMLElement>('[data-throughput-row]')].map((row) => ({
      entry: publishedThroughput(row.dataset['throughputRow'] ?? ''),
      duration: row.querySelector('[data-duration]'),
      link: row.querySelector<HTMLAnchorElement>('[data-row-source]'),
    }));
    if (!select || !custom || !error || !sentence || !devices || !validation || !sourceLink) return;

    let chosenId = select.value;
    let customRate: number | undefined;
    // The state as of now: subscribe (below) gives the same at once, then every change.
    let state = currentState();

    /** The throughput in use: a published one, or the reader's (undefined while theirs is invalid). */
    const rate = (): number | undefined =>
      chosenId === 'custom' ? customRate : publishedThroughput(chosenId)?.imagesPerSecond;

    const renderEstimate = () => {
      const imagesPerSecond = rate();
      const result = imagesPerSecond === undefined ? undefined : estimateTime(state.plan, imagesPerSecond);
      if (!result?.ok) return;
      const text = estimateText(result.value);
      setText(sentence, text.sentence);
      setText(devices, text.devices);
      devices.hidden = text.devices === '';
      setText(validation, text.validation);
      validation.hidden = text.validation === '';
      const row = rows.find((item) => item.entry?.id === chosenId);
      const link = row?.link;
      if (link) {
        setText(sourceLabel, 'Throughput from');
        setAttribute(sourceLink, 'href', link.href);
        setText(sourceLink, link.textContent);
        sourceLink.hidden = false;
        setText(sourceEnd, '.');
      } else {
        setText(sourceLabel, 'Throughput: your own figure, not a published one');
        sourceLink.hidden = true;
        setText(sourceEnd, '.');
      }
    };

    const renderTable = () => {
      for (const row of rows) {
        const result = row.entry && estimateTime(state.plan, row.entry.imagesPerSecond);
        if (result?.ok) setText(row.duration, estimateText(result.value).duration);
      }
    };

    const announce = () => {
      setText(status, sentence.textContent);
    };

    const showError = (message: string) => {
      setText(error, message);
      error.hidden = message === '';
      if (message) custom.setAttribute('aria-invalid', 'true');
      else custom.removeAttribute('aria-invalid');
    };

    const readCustom = (): boolean => {
      const parsed = parseThroughput(custom.value);
      if (!parsed.ok) {
        showError(parsed.message);
        customRate = undefined;
        return false;
      }
      showError('');
      customRate = parsed.value;
      return true;
    };

    // A choice made, or a figure typed, before this code arrived is read as it stands (and said).
    const defaultChoice = [...select.options].find((option) => option.defaultSelected) ?? select.options[0];
    const changedBefore = select.value !== defaultChoice?.value || custom.value !== custom.defaultValue;
    if (custom.value !== custom.defaultValue) {
      chosenId = 'custom';
      select.value = 'custom';
    }
    if (chosenId === 'custom') readCustom();

    select.addEventListener('change', () => {
      chosenId = select.value;
      if (chosenId === 'custom') {
        if (!readCustom()) return;
      } else {
        showError('');
      }
      renderEstimate();
      announce();
    });

    custom.addEventListener('input', () => {
      chosenId = 'custom';
      select.value = 'custom';
      if (!readCustom()) return;
      renderEstimate();
    });
    custom.addEventListener('change', () => {
      if (chosenId === 'custom' && customRate !== undefined) announce();
    });

    // Redrawn only where the reader can see it (every row is a plan's worth of work on each
    // slider step); the latest state is drawn when it comes near, or is printed.
    const drawing = drawWhenNear(this);
    this.#stopDrawing = drawing.stop;
    this.#unsubscribe = subscribe((next) => {
      state = next;
      drawing.request(() => {
        renderEstimate();
        renderTable();
      });
    });
    if (changedBefore) announce();
  }

  disconnectedCallback() {
    this.#unsubscribe?.();
    this.#stopDrawing?.();
  }
}

if (!customElements.get('hours-estimator')) customElements.define('hours-estimator', HoursEstimator);
