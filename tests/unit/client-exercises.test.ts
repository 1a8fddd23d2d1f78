// @vitest-environment happy-dom
// The exercises' browser code (src/client/exercise-set-element.ts) in a DOM, on the markup of
// src/components/ExerciseSet.astro and Exercise.astro: answers checked with feedback, the seed
// of the address, "New numbers" for every set on the page, and the teacher's key.
import { afterEach, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import {
  KIND_TEMPLATES,
  WORK_TEMPLATES,
  derivationSpeech,
  exerciseSet,
  formatCount,
  makeExercise,
  slotCount,
  type Exercise,
  type ExerciseKind,
} from '../../src/lib';

function escape(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/** One exercise as Exercise.astro renders it (the default variant; KaTeX reduced to its slots). */
function exerciseMarkup(exercise: Exercise, mode: 'practice' | 'key'): string {
  const anchor = `exercise-${exercise.kind}`;
  const free = [...exercise.work];
  const lines = KIND_TEMPLATES[exercise.kind].map((id) => {
    const template = WORK_TEMPLATES[id];
    const at = free.findIndex((step) => step.template === id);
    const step = at >= 0 ? free.splice(at, 1)[0] : undefined;
    const values = step?.values ?? Array.from({ length: slotCount(template.tex) }, () => 1);
    const slots = values.map((value, slot) => `<span data-slot="${slot}">${formatCount(value)}</span>`);
    return `<li data-template="${id}"${step ? '' : ' hidden'}><span class="exercise-work-label">${escape(template.label)}</span><span class="exercise-work-math">${slots.join(' ')}</span></li>`;
  });
  const key = mode === 'key';
  const keyChoices =
    exercise.format === 'choice' && key
      ? `<ul class="exercise-choices-key" data-key-choices>${exercise.choices
          .map((choice) => {
            const right = choice.value === exercise.answer;
            return `<li${right ? ' data-right' : ''}><span data-choice-label>${escape(choice.label)}</span><span class="choice-mark" data-choice-mark>${right ? ' ✓ (the answer)' : ''}</span></li>`;
          })
          .join('')}</ul>`
      : '';
  const field =
    exercise.format === 'number'
      ? `<div class="exercise-field"><label for="${anchor}-answer" data-answer-label>${escape(exercise.answerLabel)}</label><input id="${anchor}-answer" name="answer" type="text" inputmode="decimal" data-answer-input /></div>`
      : `<fieldset class="exercise-choices"><legend>Your answer</legend>${exercise.choices
          .map(
            (choice, index) =>
              `<label class="exercise-choice"><input type="radio" name="${anchor}-choice" value="${choice.value}" data-choice="${index}" /><span data-choice-label>${escape(choice.label)}</span></label>`,
          )
          .join('')}</fieldset>`;
  const form = key
    ? ''
    : `<form class="exercise-form" data-exercise-form>${field}<button type="button" class="exercise-check" data-check>Check</button></form>
       <p class="exercise-feedback" id="${anchor}-feedback" role="status" aria-live="polite" data-feedback></p>`;
  return `<article class="exercise" id="${anchor}" data-kind="${exercise.kind}" data-mode="${mode}">
    <h3 class="exercise-title">${escape(exercise.title)}</h3>
    <p class="exercise-question" data-question>${escape(exercise.question)}</p>
    ${keyChoices}${form}
    <details class="exercise-solution" data-solution${key ? ' open' : ''}>
      <summary>Show the answer and the worked arithmetic</summary>
      <p class="exercise-answer">Answer: <strong data-answer-text>${escape(exercise.answerText)}</strong></p>
      <ol class="exercise-work" aria-hidden="true">${lines.join('')}</ol>
      <p class="visually-hidden" data-work-speech>${escape(derivationSpeech(exercise.work))}</p>
      <p class="exercise-explanation" data-explanation>${escape(exercise.explanation)}</p>
    </details>
  </article>`;
}

/** A set as ExerciseSet.astro renders it: seed 0, the article's own numbers. */
function setMarkup(
  kinds: ExerciseKind[],
  { mode = 'practice' as 'practice' | 'key', link = true } = {},
): string {
  const key = mode === 'key';
  const anchor = key
    ? '<a href="/chapters/8/" data-seed-link>Back to the exercises with these numbers</a>'
    : '<a href="/answer-key/" data-seed-link>Teacher’s answer key for these numbers</a>';
  return `<exercise-set class="exercise-set" data-kinds="${kinds.join(',')}" data-mode="${mode}" data-seed="0">
    <div class="exercise-toolbar">
      <p class="exercise-seed"><span data-seed-text>Numbers: the article’s own (seed 0).</span> ${link ? anchor : ''}</p>
      ${key ? '' : '<button type="button" class="exercise-new" data-new-numbers>New numbers</button>'}
      <p class="exercise-notice" data-seed-notice hidden></p>
      <p class="visually-hidden" aria-live="polite" data-seed-status></p>
    </div>
    ${exerciseSet(0, kinds)
      .map((exercise) => exerciseMarkup(exercise, mode))
      .join('')}
  </exercise-set>`;
}

/** Opens a page at `search` whose body is `html`; the elements connect when it is attached. */
function openPage(html: string, search = '', before?: (body: HTMLElement) => void): HTMLElement {
  window.history.replaceState(null, '', `/chapters/8/${search}`);
  const body = document.createElement('div');
  body.innerHTML = html;
  before?.(body);
  document.body.append(body);
  return body;
}

function find<T extends Element = HTMLElement>(selector: string, within: ParentNode = document): T {
  const found = within.querySelector<T>(selector);
  if (!found) throw new Error(`nothing matches ${selector}`);
  return found;
}

function article(kind: string, within: ParentNode = document): HTMLElement {
  return find(`article[data-kind="${kind}"]`, within);
}

/** What the reader sees of one exercise: question, answer, shown worked lines with their slots. */
function shown(kind: string, within: ParentNode = document) {
  const part = article(kind, within);
  return {
    question: find('[data-question]', part).textContent,
    answer: find('[data-answer-text]', part).textContent,
    work: [...part.querySelectorAll<HTMLElement>('li[data-template]')]
      .filter((line) => !line.hidden)
      .map((line) => [
        line.dataset['template'],
        ...[...line.querySelectorAll('[data-slot]')].map((slot) => slot.textContent),
      ]),
    speech: find('[data-work-speech]', part).textContent,
    explanation: find('[data-explanation]', part).textContent,
  };
}

function answer(kind: string, text: string, within: ParentNode = document): void {
  find<HTMLInputElement>('[data-answer-input]', article(kind, within)).value = text;
}

function check(kind: string, within: ParentNode = document): void {
  find<HTMLButtonElement>('[data-check]', article(kind, within)).click();
}

function feedback(kind: string, within: ParentNode = document) {
  const region = find('[data-feedback]', article(kind, within));
  return {
    status: region.dataset['status'],
    icon: region.querySelector('.feedback-icon')?.textContent,
    text: region.textContent,
  };
}

function solutionOpen(kind: string, within: ParentNode = document): boolean {
  return find<HTMLDetailsElement>('[data-solution]', article(kind, within)).open;
}

/** Makes crypto give these 32-bit words in turn (a seed is 1 + ⌊word / 2³² × 999,999,999⌋). */
function randomWords(...words: number[]) {
  return vi.spyOn(crypto, 'getRandomValues').mockImplementation((array) => {
    (array as unknown as Uint32Array)[0] = words.shift() ?? 0;
    return array;
  });
}

beforeAll(async () => {
  await import('../../src/client/exercise-set-element');
});
beforeEach(() => {
  window.history.replaceState(null, '', '/chapters/8/');
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('<exercise-set>: the seed', () => {
  test('seed 0 (no seed in the address): the server’s markup stands, an answer typed before the code came kept', () => {
    openPage(setMarkup(['remainder']), '', (body) => answer('remainder', '751', body));
    expect(find<HTMLInputElement>('[data-answer-input]').value).toBe('751');
    expect(find('[data-seed-text]').textContent).toBe('Numbers: the article’s own (seed 0).');
    expect(find<HTMLAnchorElement>('[data-seed-link]').href).toBe('http://localhost:3000/answer-key/');
    // 48,001 images in batches of 64, kept: ⌈48,001 / 64⌉ = 751.
    expect(shown('remainder').work).toEqual([['batches-per-epoch/ceil', '48,001', '64', '751']]);
    check('remainder');
    expect(feedback('remainder').status).toBe('right');
  });

  test('a seed in the address: every exercise is that variant, and the links carry it', () => {
    openPage(setMarkup(['remainder', 'validation-split', 'hours']), '?seed=7', (body) =>
      answer('remainder', '751', body),
    );
    expect(find('[data-seed-text]').textContent).toBe('Numbers: variant 7.');
    expect(find<HTMLAnchorElement>('[data-seed-link]').href).toBe('http://localhost:3000/answer-key/?seed=7');
    // Variant 7 of "A remainder": 33,942 images in batches of 64; 530 × 64 = 33,920, 22 left: 531.
    const remainder = shown('remainder');
    expect(remainder.question).toMatch(/^33,942 images in batches of 64;/);
    expect(remainder.answer).toBe('531 batches');
    expect(remainder.work).toEqual([['batches-per-epoch/ceil', '33,942', '64', '531']]);
    expect(remainder.explanation).toBe('The last batch holds only 22 images, but it is still a batch.');
    expect(find<HTMLInputElement>('[data-answer-input]').value).toBe('');
    // Each of the other exercises shows exactly the engine's variant 7, its unused lines hidden.
    for (const kind of ['validation-split', 'hours'] as const) {
      const exercise = makeExercise(kind, 7);
      expect(shown(kind)).toEqual({
        question: exercise.question,
        answer: exercise.answerText,
        work: exercise.work.map((step) => [step.template, ...step.values.map((value) => formatCount(value))]),
        speech: derivationSpeech(exercise.work),
        explanation: exercise.explanation,
      });
    }
  });

  test('a choice exercise takes the variant’s options; the key marks its answer', () => {
    openPage(setMarkup(['framework-drop']) + setMarkup(['framework-drop'], { mode: 'key' }), '?seed=7');
    const [practice, key] = [...document.querySelectorAll('exercise-set')] as [HTMLElement, HTMLElement];
    const options = [...practice.querySelectorAll<HTMLInputElement>('input[data-choice]')].map((radio) => [
      radio.value,
      radio.parentElement?.querySelector('[data-choice-label]')?.textContent,
    ]);
    expect(options).toEqual([
      ['lightning', 'Lightning'],
      ['keras', 'Keras'],
      ['hf-trainer', 'Hugging Face Trainer'],
      ['deepspeed', 'DeepSpeed'],
      ['fastai', 'fastai'],
      ['pytorch', 'PyTorch'],
    ]);
    // 22,036 images in batches of 128: 172 full batches and 20 images; fastai drops them.
    expect(shown('framework-drop', key).work).toEqual([
      ['batches-per-epoch/ceil', '22,036', '128', '173'],
      ['batches-per-epoch/floor', '22,036', '128', '172'],
    ]);
    const items = [...key.querySelectorAll<HTMLElement>('[data-key-choices] li')].map((item) => [
      item.hasAttribute('data-right'),
      item.textContent,
    ]);
    expect(items[0]).toEqual([false, 'Lightning']);
    expect(items[4]).toEqual([true, 'fastai ✓ (the answer)']);
    expect(items.filter(([right]) => right)).toHaveLength(1);
    expect(solutionOpen('framework-drop', key)).toBe(true);
    expect(key.querySelector('a[data-seed-link]')?.getAttribute('href')).toBe(
      'http://localhost:3000/chapters/8/?seed=7',
    );
  });

  test('a seed that is no seed: the article’s numbers, and a notice that says why', () => {
    openPage(setMarkup(['remainder']), '?seed=12abc');
    const notice = find('[data-seed-notice]');
    expect(notice.hidden).toBe(false);
    expect(notice.textContent).toBe(
      'The seed in the address must be a whole number of at most 9 digits; “12abc” is not one, so these are the article’s own numbers (seed 0).',
    );
    expect(shown('remainder').answer).toBe('751 batches');
  });

  test('an address that cannot be read: the article’s numbers, no notice', () => {
    vi.stubGlobal(
      'URLSearchParams',
      class {
        constructor() {
          throw new Error('no address here');
        }
      },
    );
    openPage(setMarkup(['remainder']), '?seed=7');
    vi.unstubAllGlobals();
    expect(find('[data-seed-notice]').hidden).toBe(true);
    expect(shown('remainder').answer).toBe('751 batches');
  });
});

describe('<exercise-set>: checking answers', () => {
  test('a number: right, wrong (with the mistake named and the arithmetic opened), not a number', () => {
    openPage(setMarkup(['remainder', 'exact']));
    const input = find<HTMLInputElement>('[data-answer-input]', article('remainder'));
    answer('remainder', '750');
    check('remainder');
    expect(feedback('remainder')).toEqual({
      status: 'wrong',
      icon: '✗',
      text:
        '✗ Not quite: 750 is not it; the answer is 751 batches. That is 48,001 ÷ 64 rounded down: it leaves out the last batch of 1 image. Kept, it counts, so round up. The worked arithmetic is below.' +
        ` ${derivationSpeech(makeExercise('remainder').work)}`,
    });
    // The arithmetic in words is for screen readers only.
    expect(find('.visually-hidden', find('[data-feedback]', article('remainder'))).textContent).toMatch(
      /^ Batches per epoch .+: 48,001 divided by 64, rounded up, is 751 batches per epoch\.$/,
    );
    expect(solutionOpen('remainder')).toBe(true);
    expect(solutionOpen('exact')).toBe(false);
    expect(document.activeElement).toBe(input);
    answer('remainder', 'seven hundred');
    check('remainder');
    expect(feedback('remainder').status).toBe('invalid');
    expect(feedback('remainder').icon).toBe('!');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    answer('remainder', ' 751 ');
    check('remainder');
    expect(feedback('remainder')).toEqual({
      status: 'right',
      icon: '✓',
      text: '✓ Right: 751 batches. The last batch holds only 1 image, but it is still a batch.',
    });
    expect(input.hasAttribute('aria-invalid')).toBe(false);
    expect(feedback('exact').text).toBe('');
  });

  test('a choice: none chosen, a wrong one, the right one', () => {
    openPage(setMarkup(['framework-drop']));
    const radios = [...document.querySelectorAll<HTMLInputElement>('input[data-choice]')];
    // Each radio set one by one: happy-dom keeps a stale `:checked` match for the radio a click unchecks.
    const choose = (value: string) => {
      for (const radio of radios) radio.checked = radio.value === value;
    };
    check('framework-drop');
    expect(feedback('framework-drop').text).toBe('! Choose one of the answers first.');
    expect(document.activeElement).toBe(radios[0]);
    choose('pytorch');
    check('framework-drop');
    expect(feedback('framework-drop').status).toBe('wrong');
    expect(feedback('framework-drop').text).toMatch(
      /^✗ Not quite: PyTorch keeps the last batch by default: 751 batches per epoch, the last one of 1 image\. The answer is fastai\. The worked arithmetic is below\. /,
    );
    expect(document.activeElement?.getAttribute('value')).toBe('pytorch');
    choose('fastai');
    check('framework-drop');
    expect(feedback('framework-drop').status).toBe('right');
    expect(feedback('framework-drop').text).toMatch(
      /^✓ Right: fastai\. fastai’s training loader drops by default/,
    );
  });

  test('Enter in an answer field checks it, without submitting; other keys and fields do nothing', () => {
    openPage(setMarkup(['remainder']) + '<form data-other><input data-other-input /></form>');
    const input = find<HTMLInputElement>('[data-answer-input]');
    const press = (target: Element, key: string) => {
      const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
      target.dispatchEvent(event);
      return event.defaultPrevented;
    };
    input.value = '751';
    expect(press(input, 'a')).toBe(false);
    expect(press(find('[data-check]'), 'Enter')).toBe(false);
    expect(feedback('remainder').status).toBeUndefined();
    expect(press(input, 'Enter')).toBe(true);
    expect(feedback('remainder').status).toBe('right');
    // A submission of the exercise's form (a frame without allow-forms drops it) is stopped.
    const submit = (form: Element) => {
      const event = new Event('submit', { bubbles: true, cancelable: true });
      form.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(submit(find('form[data-exercise-form]'))).toBe(true);
    expect(submit(find('form[data-other]'))).toBe(false);
  });

  test('a field or button outside any exercise of the set is left alone', () => {
    openPage(
      setMarkup(['remainder']).replace(
        '</exercise-set>',
        `<form data-exercise-form><input data-loose /><button type="button" data-check>Check</button></form>
         <article data-kind="unknown"><form data-exercise-form><button type="button" data-check>Check</button></form><p data-feedback></p></article>
         <form data-other-form></form><p><input data-bare /></p></exercise-set>`,
      ),
    );
    const submit = new Event('submit', { bubbles: true, cancelable: true });
    find('[data-other-form]').dispatchEvent(submit);
    expect(submit.defaultPrevented).toBe(false);
    find('[data-bare]').parentElement?.append('text');
    find('[data-bare]').parentElement?.lastChild?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    const press = (target: Element) => {
      const event = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true });
      target.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(press(find('[data-bare]'))).toBe(false);
    for (const button of document.querySelectorAll<HTMLButtonElement>('[data-check]')) button.click();
    find('.exercise-toolbar').click();
    expect(find('article[data-kind="unknown"] [data-feedback]').textContent).toBe('');
    expect(feedback('remainder').status).toBe('invalid'); // Its own Check, with an empty field.
  });
});

describe('<exercise-set>: markup with less than the server renders', () => {
  test('does what its markup allows: the seed, the exercises it has, checks without a field or feedback line', () => {
    randomWords(2 ** 31);
    openPage(`
      <exercise-set data-kinds="remainder,exact,total,no-such-kind">
        <span data-seed-text></span><button type="button" data-new-numbers>New numbers</button>
        <article data-kind="exact"><form data-exercise-form><input data-answer-input /><button type="button" data-check>Check</button></form></article>
        <article data-kind="total"><form data-exercise-form><button type="button" data-check>Check</button></form><p data-feedback></p></article>
      </exercise-set>
      <exercise-set><span data-seed-text></span></exercise-set>`);
    const [first, second] = [...document.querySelectorAll('exercise-set')] as [HTMLElement, HTMLElement];
    answer('exact', '1');
    check('exact'); // Wrong, with nowhere to say it and no worked arithmetic to open.
    expect(document.activeElement).toBe(find('[data-answer-input]', article('exact')));
    check('total'); // No field: an empty answer.
    expect(feedback('total').status).toBe('invalid');
    find('[data-new-numbers]', first).click();
    expect(find('[data-seed-text]', first).textContent).toBe('Numbers: variant 500,000,000.');
    expect(find('[data-seed-text]', second).textContent).toBe('Numbers: variant 500,000,000.');
  });

  test('the element is defined once, however often its module runs', async () => {
    const defined = customElements.get('exercise-set');
    vi.resetModules();
    await import('../../src/client/exercise-set-element');
    expect(customElements.get('exercise-set')).toBe(defined);
  });
});

describe('<exercise-set>: New numbers', () => {
  test('every set on the page takes a fresh seed, kept in the address; answers and feedback are cleared', () => {
    // Seed 1 twice (the page's own, so drawn again), then 2³¹: 1 + ⌊0.5 × 999,999,999⌋ = 500,000,000.
    const draws = randomWords(0, 0, 2 ** 31);
    openPage(setMarkup(['remainder']) + setMarkup(['exact'], { link: false }), '?seed=1&chapter=8');
    const [first, second] = [...document.querySelectorAll('exercise-set')] as [HTMLElement, HTMLElement];
    answer('remainder', '1');
    check('remainder');
    expect(solutionOpen('remainder')).toBe(true);
    find('[data-new-numbers]', second).click();
    expect(draws).toHaveBeenCalledTimes(3);
    expect(window.location.search).toBe('?seed=500000000&chapter=8');
    for (const set of [first, second]) {
      expect(find('[data-seed-text]', set).textContent).toBe('Numbers: variant 500,000,000.');
      expect(find('[data-seed-status]', set).textContent).toBe(
        'New numbers: variant 500,000,000. Every exercise has changed.',
      );
    }
    expect(shown('remainder').question).toBe(makeExercise('remainder', 500_000_000).question);
    expect(shown('exact').question).toBe(makeExercise('exact', 500_000_000).question);
    expect(find<HTMLInputElement>('[data-answer-input]').value).toBe('');
    expect(feedback('remainder')).toEqual({ status: undefined, icon: undefined, text: '' });
    expect(solutionOpen('remainder')).toBe(false);
    expect(find<HTMLAnchorElement>('[data-seed-link]', first).href).toBe(
      'http://localhost:3000/answer-key/?seed=500000000',
    );
  });

  test('the notice about a bad seed goes once new numbers are drawn', () => {
    randomWords(2 ** 31);
    openPage(setMarkup(['remainder']), '?seed=x');
    expect(find('[data-seed-notice]').hidden).toBe(false);
    find('[data-new-numbers]').click();
    expect(find('[data-seed-notice]').hidden).toBe(true);
  });

  test('without crypto, Math.random; in a frame that refuses history, the address stays', () => {
    vi.spyOn(crypto, 'getRandomValues').mockImplementation(() => {
      throw new Error('no crypto here');
    });
    vi.spyOn(Math, 'random').mockReturnValue(0.25);
    openPage(setMarkup(['remainder']));
    vi.spyOn(window.history, 'replaceState').mockImplementation(() => {
      throw new Error('SecurityError');
    });
    find('[data-new-numbers]').click();
    // 1 + ⌊0.25 × 999,999,999⌋ = 250,000,000.
    expect(find('[data-seed-text]').textContent).toBe('Numbers: variant 250,000,000.');
    expect(window.location.search).toBe('');
  });

  test('a set removed from the page stops following; one moved in it keeps one set of listeners', () => {
    const draws = randomWords(2 ** 31, 2 ** 30);
    openPage(setMarkup(['remainder']) + setMarkup(['exact'], { link: false }));
    const [first, second] = [...document.querySelectorAll('exercise-set')] as [HTMLElement, HTMLElement];
    second.remove();
    document.body.prepend(first); // Moved: disconnected, then connected again.
    find('[data-new-numbers]', first).click();
    expect(draws).toHaveBeenCalledOnce();
    expect(find('[data-seed-text]', first).textContent).toBe('Numbers: variant 500,000,000.');
    expect(find('[data-seed-text]', second).textContent).toBe('Numbers: the article’s own (seed 0).');
    // 1 + ⌊0.25 × 999,999,999⌋ = 250,000,000, announced to the set that is still on the page.
    find('[data-new-numbers]', first).click();
    expect(find('[data-seed-text]', first).textContent).toBe('Numbers: variant 250,000,000.');
  });

  test('an announced seed that is no whole number, or the set’s own, changes nothing', () => {
    openPage(setMarkup(['remainder']), '?seed=7');
    answer('remainder', '5');
    for (const detail of [7, 2.5, Number.NaN, '9', null]) {
      document.dispatchEvent(new CustomEvent('exercise-seed', { detail }));
    }
    expect(find('[data-seed-text]').textContent).toBe('Numbers: variant 7.');
    expect(find<HTMLInputElement>('[data-answer-input]').value).toBe('5');
    expect(find('[data-seed-status]').textContent).toBe('');
  });
});
