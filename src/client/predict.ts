// Predict-then-reveal (<Predict>): the reader's guess is judged against the live count in the
// disclosure, which the live text keeps current; the answer opens with the verdict.
import { formatCount } from '../lib/format';

/** A guess as typed ("700", "1,500", "90 000"), or `undefined` when it is not a whole number. */
export function parseGuess(text: string): number | undefined {
  const digits = text.replace(/[,\s_]/g, '');
  const guess = /^\d{1,16}$/.test(digits) ? Number(digits) : NaN;
  return Number.isSafeInteger(guess) ? guess : undefined;
}

/** Feedback on a guess, in words. */
export function predictionVerdict(guess: number, answer: number): string {
  const verdict =
    guess === answer
      ? '✓ Exactly right.'
      : guess < answer
        ? '✗ Not quite: the answer is higher.'
        : '✗ Not quite: the answer is lower.';
  return `You guessed ${formatCount(guess)}. ${verdict} It is ${formatCount(answer)}.`;
}

export function enhancePrediction(root: HTMLElement): void {
  const form = root.querySelector<HTMLFormElement>('[data-predict-form]');
  const guessField = root.querySelector<HTMLInputElement>('[data-predict-guess]');
  const feedback = root.querySelector<HTMLElement>('[data-predict-feedback]');
  const details = root.querySelector<HTMLDetailsElement>('[data-predict-details]');
  const answer = root.querySelector<HTMLElement>('[data-live-count]');
  if (!form || !guessField || !feedback || !details || !answer) return;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const guess = parseGuess(guessField.value);
    if (guess === undefined) {
      feedback.textContent = 'Type a whole number for your guess (for example 700), then Reveal.';
      guessField.setAttribute('aria-invalid', 'true');
      return;
    }
    guessField.removeAttribute('aria-invalid');
    const shown = answer.dataset['value'];
    if (shown === undefined) return;
    feedback.textContent = predictionVerdict(guess, Number(shown));
    details.open = true;
  });
}
