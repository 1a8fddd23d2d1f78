/**
 * "Play an epoch", the browser part: the custom element <epoch-player> inside a dataset chart.
 * Play/Pause, Next batch and Back to the start buttons, a counter, a polite live region that
 * speaks at most once a second while playing (and on pause and at the end), and the cursor as
 * an SVG laid over the chart's plot. A frame loop runs only while playing; under reduced
 * motion Play shows the end at once. Playing stops when the state changes (back to the start
 * of the new plan), when the chart leaves the screen and when the tab is hidden.
 */
import { setAttribute, setText, watchNearScreen } from '../client/dom';
import { subscribe } from '../client/training-state';
import type { TrainingPlan } from '../lib/types';
import { describeDatasetChart, type DatasetGeometry } from './dataset-chart';
import { ANNOUNCE_EVERY_MS, cursorPaths, nextBatch, playFrom, playedBatch, playerView } from './epoch-player';
import { SVG_NS } from './svg';

export class EpochPlayerElement extends HTMLElement {
  private plan: TrainingPlan | undefined;
  private batch = 0;
  private frame = 0;
  private playing = false;
  private startBatch = 0;
  private startTime: number | undefined;
  private lastSpoken = 0;
  /** The chart's cell positions, for the plan and the viewBox they were computed for. */
  private geometry: { plan: TrainingPlan; viewBox: string; value: DatasetGeometry } | undefined;
  private overlay: SVGSVGElement | undefined;
  private cleanups: (() => void)[] = [];

  private get playButton() {
    return this.querySelector<HTMLButtonElement>('[data-epoch-play]');
  }

  private get plot() {
    return this.closest('figure')?.querySelector<HTMLElement>('[data-chart-plot]') ?? null;
  }

  connectedCallback(): void {
    const on = (target: EventTarget, type: string, listener: () => void) => {
      target.addEventListener(type, listener);
      this.cleanups.push(() => target.removeEventListener(type, listener));
    };
    const play = this.playButton;
    if (play) on(play, 'click', () => (this.playing ? this.pause(true) : this.play()));
    const next = this.querySelector('[data-epoch-step]');
    if (next) on(next, 'click', () => this.show(nextBatch(this.batch, this.batches), true));
    const reset = this.querySelector('[data-epoch-reset]');
    if (reset) on(reset, 'click', () => this.show(0, true));
    on(document, 'visibilitychange', () => {
      if (document.hidden) this.pause(true);
    });
    const plot = this.plot;
    if (plot) {
      this.cleanups.push(watchNearScreen(plot, (near) => near || this.pause(true)));
      const chart = plot.querySelector(':scope > svg');
      if (chart) {
        // The chart redrawn at another width: the cursor follows its cells.
        const observer = new MutationObserver(() => this.drawCursor());
        observer.observe(chart, { attributes: true, attributeFilter: ['viewBox'] });
        this.cleanups.push(() => observer.disconnect());
      }
    }
    this.cleanups.push(
      subscribe((state) => {
        if (state.plan === this.plan) return;
        const first = this.plan === undefined;
        this.plan = state.plan;
        this.pause(false);
        this.show(0, false);
        // The server rendered the page's first plan: the controls are live from here on.
        if (first) this.dataset['ready'] = '';
      }),
    );
  }

  disconnectedCallback(): void {
    this.pause(false);
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.overlay?.remove();
    this.overlay = undefined;
    this.geometry = undefined;
  }

  private get batches(): number {
    return this.plan?.batchesPerEpoch ?? 0;
  }

  private play(): void {
    if (!this.plan || this.batches === 0) return;
    if (matchMedia('(prefers-reduced-motion: reduce)').matches) {
      this.show(this.batches, true);
      return;
    }
    this.show(playFrom(this.batch, this.batches), false);
    this.playing = true;
    this.startBatch = this.batch;
    this.startTime = undefined;
    this.lastSpoken = performance.now();
    this.setPlayLabel();
    this.frame = requestAnimationFrame(this.tick);
  }

  private tick = (now: number): void => {
    this.startTime ??= now;
    const { batch, finished } = playedBatch(this.startBatch, now - this.startTime, this.batches);
    const view = this.show(batch, false);
    if (finished) {
      this.pause(true);
      return;
    }
    if (view && now - this.lastSpoken >= ANNOUNCE_EVERY_MS) {
      this.lastSpoken = now;
      this.say(view.counter);
    }
    this.frame = requestAnimationFrame(this.tick);
  };

  /** Stops the frame loop; `speak` says where it stopped. */
  private pause(speak: boolean): void {
    if (!this.playing) return;
    cancelAnimationFrame(this.frame);
    this.playing = false;
    this.setPlayLabel();
    if (speak && this.plan) this.say(playerView(this.plan, this.batch).words);
  }

  /** Shows batch k: counter, cursor, buttons; a reader's step (`speak`) stops playing and is announced. */
  private show(batch: number, speak: boolean) {
    if (!this.plan) return undefined;
    if (speak) this.pause(false);
    const view = playerView(this.plan, batch);
    this.batch = view.step.batch;
    setText(this.querySelector('[data-epoch-counter]'), view.counter);
    const reason = this.querySelector<HTMLElement>('[data-epoch-reason]');
    if (reason) {
      setText(reason, view.disabledReason);
      reason.hidden = view.disabledReason === '';
    }
    for (const button of this.querySelectorAll<HTMLButtonElement>('button')) {
      button.disabled = view.step.batches === 0;
    }
    this.drawCursor();
    if (speak) this.say(view.words);
    return view;
  }

  private setPlayLabel(): void {
    const button = this.playButton;
    if (button) setText(button, this.playing ? 'Pause' : 'Play');
  }

  private say(text: string): void {
    const live = this.querySelector('[data-epoch-live]');
    // The same words again (a second pause at one batch) are re-announced: clear, then write.
    if (live && live.textContent === text) live.textContent = '';
    setText(live, text);
  }

  /** The chart's cell positions at the width it was last drawn at (read from its viewBox). */
  private cellGeometry(plan: TrainingPlan, viewBox: string): DatasetGeometry | undefined {
    const width = Number(viewBox.split(/\s+/)[2]);
    if (!Number.isFinite(width) || width <= 0) return undefined;
    if (this.geometry?.plan !== plan || this.geometry.viewBox !== viewBox) {
      this.geometry = { plan, viewBox, value: describeDatasetChart(plan, { width }).geometry };
    }
    return this.geometry.value;
  }

  private drawCursor(): void {
    const plot = this.plot;
    const chart = plot?.querySelector(':scope > svg');
    if (!plot || !chart || !this.plan) return;
    if (this.batch === 0 && !this.overlay) return;
    const viewBox = chart.getAttribute('viewBox') ?? '';
    const geometry = this.cellGeometry(this.plan, viewBox);
    if (!geometry) return;
    const overlay = this.overlay ?? this.createOverlay(plot);
    setAttribute(overlay, 'viewBox', viewBox);
    const { covered, current } = cursorPaths(geometry, this.plan.inputs.batchSize, this.batch);
    const [coveredPath, currentPath] = Array.from(overlay.children);
    if (coveredPath) setAttribute(coveredPath, 'd', covered || 'M0,0');
    if (currentPath) setAttribute(currentPath, 'd', current || 'M0,0');
  }

  private createOverlay(plot: HTMLElement): SVGSVGElement {
    const overlay = document.createElementNS(SVG_NS, 'svg');
    overlay.setAttribute('class', 'epoch-cursor');
    overlay.setAttribute('aria-hidden', 'true');
    overlay.setAttribute('focusable', 'false');
    for (const name of ['epoch-covered', 'epoch-current']) {
      const path = document.createElementNS(SVG_NS, 'path');
      path.setAttribute('class', name);
      overlay.append(path);
    }
    plot.append(overlay);
    this.overlay = overlay;
    return overlay;
  }
}

/** Defines <epoch-player> once. */
export function defineEpochPlayer(): void {
  if (!customElements.get('epoch-player')) customElements.define('epoch-player', EpochPlayerElement);
}
