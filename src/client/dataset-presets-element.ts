/**
 * The dataset presets' custom element, <dataset-presets> (loaded when it comes near the screen,
 * see lazy.ts): each preset link becomes a toggle button that loads its dataset into the page's state.
 */
import { setAttribute, setText } from './dom';
import { subscribe, updateInputs } from './training-state';
import { datasetForImages } from '../lib/datasets';
import { countWithNoun, formatCount } from '../lib/format';

class DatasetPresets extends HTMLElement {
  #unsubscribe: (() => void) | undefined;

  connectedCallback() {
    const status = this.querySelector('[data-preset-status]');
    // The links work without JavaScript; with it, each becomes a toggle button that changes the
    // page's state in place.
    const buttons = [...this.querySelectorAll<HTMLAnchorElement>('a[data-preset]')].map((link) => {
      const button = document.createElement('button');
      button.type = 'button';
      // Every attribute but the link's own, Astro's scope attribute included (so the scoped styles apply).
      for (const { name, value } of link.attributes) {
        if (name !== 'href' && name !== 'aria-current') button.setAttribute(name, value);
      }
      button.textContent = link.textContent;
      button.setAttribute('aria-pressed', 'false');
      link.replaceWith(button);
      const name = link.dataset['name'] ?? '';
      const images = Number(link.dataset['images']);
      button.addEventListener('click', () => {
        const result = updateInputs({ images });
        if (result.ok) {
          setText(
            status,
            `Loaded ${name}: ${countWithNoun(result.value.inputs.images, 'image')}, ${countWithNoun(result.value.batchesPerEpoch, 'batch', 'batches')} per epoch, ${formatCount(result.value.totalBatches)} in all.`,
          );
        } else {
          setText(
            status,
            `${name} could not be loaded: ${result.errors.map((error) => error.message).join(' ')}`,
          );
        }
      });
      return button;
    });

    this.#unsubscribe = subscribe((state) => {
      const loaded = datasetForImages(state.inputs.images);
      for (const button of buttons) {
        setAttribute(button, 'aria-pressed', String(loaded?.id === button.dataset['preset']));
      }
    });
  }

  disconnectedCallback() {
    this.#unsubscribe?.();
  }
}

if (!customElements.get('dataset-presets')) customElements.define('dataset-presets', DatasetPresets);
