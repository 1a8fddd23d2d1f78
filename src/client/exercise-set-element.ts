/**
 * The exercises' custom element, <exercise-set> (loaded when a set comes near the screen, see
 * lazy.ts): checks answers with feedback, and "New numbers" makes every set on the page a new
 * variant from a seed kept in the link.
 */
// From the modules themselves, not the engine's index: only pages with exercises load them.
import { derivationSpeech } from '../lib/derivation';
import {
  SEED_PARAM,
  checkChoiceAnswer,
  checkNumberAnswer,
  exerciseSet,
  isExerciseKind,
  parseSeed,
  seedFromFraction,
  type Exercise,
  type Feedback,
} from '../lib/exercises';
import { formatCount } from '../lib/format';
import { setText } from './dom';

/** Every set on a page follows one seed: "New numbers" in one announces it to the others. */
const SEED_EVENT = 'exercise-seed';

function randomFraction(): number {
  try {
    const word = new Uint32Array(1);
    crypto.getRandomValues(word);
    return (word[0] ?? 0) / 4294967296;
  } catch {
    return Math.random();
  }
}

function seedInAddress(): string | null {
  try {
    return new URLSearchParams(window.location.search).get(SEED_PARAM);
  } catch {
    return null;
  }
}

/** Puts the seed in the address without a reload; a sandboxed frame may refuse, which is fine. */
function writeSeed(seed: number): void {
  try {
    const url = new URL(window.location.href);
    url.searchParams.set(SEED_PARAM, String(seed));
    window.history.replaceState(window.history.state, '', url);
  } catch {
    // No history in this frame: the numbers still change, the address does not.
  }
}

const ICONS: Record<Feedback['status'], string> = { right: '✓', wrong: '✗', invalid: '!' };

class ExerciseSet extends HTMLElement {
  #exercises = new Map<string, Exercise>();
  #seed = 0;
  #onSeed = (event: Event) => {
    const seed = (event as CustomEvent<number>).detail;
    if (Number.isSafeInteger(seed) && seed !== this.#seed) this.#render(seed, true);
  };

  #wired = false;

  connectedCallback() {
    document.addEventListener(SEED_EVENT, this.#onSeed);
    // Moved in the page: the element's own listeners are already in place.
    if (this.#wired) return;
    this.#wired = true;
    const serverSeed = Number(this.dataset['seed'] ?? '0');
    const { seed, notice } = parseSeed(seedInAddress());
    const noticeElement = this.querySelector<HTMLElement>('[data-seed-notice]');
    if (noticeElement && notice) {
      noticeElement.textContent = notice;
      noticeElement.hidden = false;
    }
    this.#render(seed, false, seed === serverSeed);
    // Checked on a click of Check or Enter in a field, never through form submission: a frame
    // sandboxed without allow-forms drops submissions before any submit event.
    this.addEventListener('click', (event) => {
      const button = event.target instanceof Element ? event.target.closest('[data-check]') : null;
      const form = button?.closest<HTMLFormElement>('form[data-exercise-form]');
      if (form) this.#check(form);
    });
    this.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter' || !(event.target instanceof HTMLInputElement)) return;
      const form = event.target.closest<HTMLFormElement>('form[data-exercise-form]');
      if (!form) return;
      event.preventDefault();
      this.#check(form);
    });
    this.addEventListener('submit', (event) => {
      if (event.target instanceof HTMLFormElement && event.target.matches('[data-exercise-form]')) {
        event.preventDefault();
      }
    });
    this.querySelector('[data-new-numbers]')?.addEventListener('click', () => {
      let seed = seedFromFraction(randomFraction());
      while (seed === this.#seed) seed = seedFromFraction(randomFraction());
      writeSeed(seed);
      document.dispatchEvent(new CustomEvent(SEED_EVENT, { detail: seed }));
    });
  }

  disconnectedCallback() {
    document.removeEventListener(SEED_EVENT, this.#onSeed);
  }

  /** Fills every exercise with the variant of `seed`; `announce` after "New numbers". */
  #render(seed: number, announce: boolean, serverRendered = false) {
    this.#seed = seed;
    const kinds = (this.dataset['kinds'] ?? '').split(',').filter(isExerciseKind);
    const exercises = exerciseSet(seed, kinds);
    this.#exercises = new Map(exercises.map((exercise) => [exercise.kind, exercise]));
    setText(
      this.querySelector('[data-seed-text]'),
      seed === 0 ? 'Numbers: the article’s own (seed 0).' : `Numbers: variant ${formatCount(seed)}.`,
    );
    for (const link of this.querySelectorAll<HTMLAnchorElement>('a[data-seed-link]')) {
      const url = new URL(link.href, window.location.href);
      if (seed === 0) url.searchParams.delete(SEED_PARAM);
      else url.searchParams.set(SEED_PARAM, String(seed));
      link.href = url.href;
    }
    if (serverRendered) return;
    for (const exercise of exercises) {
      const article = this.querySelector<HTMLElement>(`article[data-kind="${exercise.kind}"]`);
      if (article) this.#fill(article, exercise);
    }
    if (announce) {
      const status = this.querySelector('[data-seed-status]');
      if (status)
        status.textContent = `New numbers: variant ${formatCount(seed)}. Every exercise has changed.`;
      const notice = this.querySelector<HTMLElement>('[data-seed-notice]');
      if (notice) notice.hidden = true;
    }
  }

  #fill(article: HTMLElement, exercise: Exercise) {
    setText(article.querySelector('[data-question]'), exercise.question);
    setText(article.querySelector('[data-answer-text]'), exercise.answerText);
    setText(article.querySelector('[data-explanation]'), exercise.explanation);
    if (exercise.format === 'choice') {
      const radios = article.querySelectorAll<HTMLInputElement>('input[data-choice]');
      exercise.choices.forEach((choice, index) => {
        const radio = radios[index];
        if (!radio) return;
        radio.value = choice.value;
        radio.checked = false;
        setText(radio.parentElement?.querySelector('[data-choice-label]'), choice.label);
      });
      const keyItems = article.querySelectorAll<HTMLLIElement>('[data-key-choices] li');
      exercise.choices.forEach((choice, index) => {
        const item = keyItems[index];
        if (!item) return;
        const right = choice.value === exercise.answer;
        item.toggleAttribute('data-right', right);
        setText(item.querySelector('[data-choice-label]'), choice.label);
        setText(item.querySelector('[data-choice-mark]'), right ? ' ✓ (the answer)' : '');
      });
    }
    const input = article.querySelector<HTMLInputElement>('[data-answer-input]');
    if (input) {
      input.value = '';
      input.removeAttribute('aria-invalid');
    }
    const feedback = article.querySelector<HTMLElement>('[data-feedback]');
    if (feedback) {
      feedback.replaceChildren();
      delete feedback.dataset['status'];
    }
    const solution = article.querySelector<HTMLDetailsElement>('[data-solution]');
    if (solution && this.dataset['mode'] !== 'key') solution.open = false;
    // Each worked line takes the first free line of its template; the others hide.
    const free = [...exercise.work];
    for (const line of article.querySelectorAll<HTMLLIElement>('li[data-template]')) {
      const at = free.findIndex((step) => step.template === line.dataset['template']);
      const step = at >= 0 ? free.splice(at, 1)[0] : undefined;
      line.hidden = !step;
      if (!step) continue;
      for (const slot of line.querySelectorAll<HTMLElement>('[data-slot]')) {
        const value = step.values[Number(slot.dataset['slot'])];
        setText(slot, value === undefined ? '' : formatCount(value));
      }
    }
    setText(article.querySelector('[data-work-speech]'), derivationSpeech(exercise.work));
  }

  #check(form: HTMLFormElement) {
    const article = form.closest<HTMLElement>('article[data-kind]');
    const exercise = this.#exercises.get(article?.dataset['kind'] ?? '');
    if (!article || !exercise) return;
    const input = form.querySelector<HTMLInputElement>('[data-answer-input]');
    let feedback: Feedback;
    let focusTarget: HTMLInputElement | null;
    if (exercise.format === 'number') {
      feedback = checkNumberAnswer(exercise, input?.value ?? '');
      focusTarget = input;
      if (input) {
        if (feedback.status === 'invalid') input.setAttribute('aria-invalid', 'true');
        else input.removeAttribute('aria-invalid');
      }
    } else {
      const checked = form.querySelector<HTMLInputElement>('input[data-choice]:checked');
      feedback = checkChoiceAnswer(exercise, checked?.value ?? null);
      focusTarget = checked ?? form.querySelector<HTMLInputElement>('input[data-choice]');
    }
    const region = article.querySelector<HTMLElement>('[data-feedback]');
    if (region) {
      const icon = document.createElement('span');
      icon.className = 'feedback-icon';
      icon.setAttribute('aria-hidden', 'true');
      icon.textContent = ICONS[feedback.status];
      const text = document.createElement('span');
      text.textContent =
        feedback.status === 'wrong'
          ? `${feedback.message} The worked arithmetic is below.`
          : feedback.message;
      region.dataset['status'] = feedback.status;
      region.replaceChildren(icon, ' ', text);
      if (feedback.status === 'wrong') {
        // Screen readers hear the arithmetic with the verdict; the eye reads the KaTeX below.
        const spoken = document.createElement('span');
        spoken.className = 'visually-hidden';
        spoken.textContent = ` ${derivationSpeech(exercise.work)}`;
        region.append(spoken);
      }
    }
    if (feedback.status === 'wrong') {
      const solution = article.querySelector<HTMLDetailsElement>('[data-solution]');
      if (solution) solution.open = true;
    }
    focusTarget?.focus();
  }
}

if (!customElements.get('exercise-set')) customElements.define('exercise-set', ExerciseSet);
