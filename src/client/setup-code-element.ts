/**
 * The setup code's custom element, <setup-code> (loaded when it comes near the screen, see
 * lazy.ts): the code for the chosen framework follows the page's state, with a Copy button.
 */
import { copyOrOffer, setAttribute, setText } from './dom';
import { subscribeWhenNear } from './training-state';
import { setupCode, type SetupCode } from '../lib/setup-code';

const COPIED_MESSAGE_MS = 4000;

class SetupCodeElement extends HTMLElement {
  #stop: (() => void) | undefined;

  connectedCallback() {
    const summary = this.querySelector('[data-summary]');
    const warning = this.querySelector<HTMLElement>('[data-warning]');
    const filename = this.querySelector('[data-filename]');
    const version = this.querySelector('[data-version]');
    const region = this.querySelector<HTMLElement>('[data-region]');
    const code = this.querySelector<HTMLElement>('[data-code]');
    const remarks = this.querySelector<HTMLUListElement>('[data-remarks]');
    const button = this.querySelector<HTMLButtonElement>('[data-copy]');
    const status = this.querySelector<HTMLElement>('[data-status]');
    const fallback = this.querySelector<HTMLElement>('[data-fallback]');
    const fallbackText = this.querySelector<HTMLTextAreaElement>('[data-fallback-text]');
    if (!code) return;

    let shown: SetupCode | undefined;
    let remarksText = remarks ? [...remarks.children].map((item) => item.textContent).join('\n') : '';
    const render = (setup: SetupCode) => {
      shown = setup;
      setText(summary, setup.summary);
      if (warning) {
        setText(warning, setup.warning);
        if (warning.hidden !== !setup.warning) warning.hidden = !setup.warning;
      }
      setText(filename, setup.filename);
      setText(version, setup.version);
      if (region) setAttribute(region, 'aria-label', `${setup.label} code, ${setup.filename}`);
      setAttribute(code, 'data-language', setup.language);
      setText(code, setup.code);
      if (remarks && setup.remarks.join('\n') !== remarksText) {
        remarksText = setup.remarks.join('\n');
        remarks.replaceChildren(
          ...setup.remarks.map((remark) => {
            const item = document.createElement('li');
            item.textContent = remark;
            return item;
          }),
        );
        remarks.hidden = setup.remarks.length === 0;
      }
      // A field offered for copying by hand keeps showing what the code says now.
      if (fallback && fallbackText && !fallback.hidden && fallbackText.value !== setup.code) {
        fallbackText.value = setup.code;
      }
    };

    // Rewritten only where the reader can see it; the latest state is drawn when they do.
    const drawing = subscribeWhenNear(this, (state) => render(setupCode(state.plan)));
    this.#stop = drawing.stop;

    let statusTimer: ReturnType<typeof setTimeout> | undefined;
    const say = (message: string) => {
      if (!status) return;
      status.textContent = message;
      clearTimeout(statusTimer);
      statusTimer = setTimeout(() => (status.textContent = ''), COPIED_MESSAGE_MS);
    };
    if (button) {
      button.hidden = false;
      button.addEventListener('click', async () => {
        drawing.flush();
        const text = shown?.code ?? code.textContent ?? '';
        const copied = await copyOrOffer(text, fallback, fallbackText);
        say(
          copied
            ? 'Code copied.'
            : 'Copying was refused here: the code is selected in the field below; copy it from there.',
        );
      });
    }
  }

  disconnectedCallback() {
    this.#stop?.();
  }
}

if (!customElements.get('setup-code')) customElements.define('setup-code', SetupCodeElement);
