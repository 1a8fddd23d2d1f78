// The exercises as the server renders them (Astro's Container API): the default variant,
// readable without JavaScript, every number from the engine.
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, describe, expect, test } from 'vitest';
import ExerciseSet from '../../src/components/ExerciseSet.astro';
import { EXERCISE_KINDS, KIND_TEMPLATES, exerciseSet, formatCount } from '../../src/lib';

let container: AstroContainer;
beforeAll(async () => {
  container = await AstroContainer.create();
});

/** The HTML-escaped form Astro gives text ("’" stays, "&" and quotes are escaped). */
function escaped(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/** The part of the page for one exercise. */
function articleOf(html: string, kind: string): string {
  const start = html.indexOf(`id="exercise-${kind}"`);
  expect(start, kind).toBeGreaterThan(-1);
  const end = html.indexOf('</article>', start);
  return html.slice(start, end);
}

describe('ExerciseSet', () => {
  test('every kind by default, in order, each with its anchor, question and answer from the engine', async () => {
    const html = await container.renderToString(ExerciseSet);
    const kinds = [...html.matchAll(/<article[^>]*data-kind="([^"]+)"/g)].map((match) => match[1]);
    expect(kinds).toEqual([...EXERCISE_KINDS]);
    for (const exercise of exerciseSet(0)) {
      const part = articleOf(html, exercise.kind);
      expect(part).toContain(escaped(exercise.question));
      expect(part).toContain(`>${escaped(exercise.answerText)}</strong>`);
      expect(part).toContain(escaped(exercise.explanation));
    }
    expect(html).toContain('data-kinds="exact,total,remainder');
    expect(html).toContain('data-seed="0"');
    expect(html).toMatch(/<a href="\/answer-key\/" data-seed-link/);
  });

  test('a chosen few, with no key link unless asked', async () => {
    const html = await container.renderToString(ExerciseSet, { props: { kinds: ['remainder', 'exact'] } });
    const kinds = [...html.matchAll(/<article[^>]*data-kind="([^"]+)"/g)].map((match) => match[1]);
    expect(kinds).toEqual(['remainder', 'exact']);
    expect(html).toContain('Exercise 1.');
    expect(html).not.toContain('data-seed-link');
    expect(html).toContain('751 batches');
  });

  test('number answers: a labelled text field, a Check button, polite feedback, the answer in <details>', async () => {
    const html = await container.renderToString(ExerciseSet, { props: { kinds: ['remainder'] } });
    expect(html).toMatch(/<label for="exercise-remainder-answer"[^>]*>\s*Batches per epoch\s*<\/label>/);
    expect(html).toMatch(
      /<input id="exercise-remainder-answer" name="answer" type="text" inputmode="decimal"[^>]*aria-describedby="exercise-remainder-question exercise-remainder-feedback"/,
    );
    expect(html).toMatch(
      /<p class="exercise-feedback[^"]*" id="exercise-remainder-feedback" role="status" aria-live="polite"/,
    );
    expect(html).toMatch(/<details class="exercise-solution" data-solution(?! open)[^>]*>/);
    expect(html).toMatch(/<button type="button"[^>]*data-check[^>]*>\s*Check\s*<\/button>/);
  });

  test('choice answers: a radio group described by the question', async () => {
    const html = await container.renderToString(ExerciseSet, { props: { kinds: ['framework-drop'] } });
    expect(html).toMatch(/<fieldset[^>]*aria-describedby="exercise-framework-drop-question"/);
    const values = [
      ...html.matchAll(/type="radio" name="exercise-framework-drop-choice" value="([^"]+)"/g),
    ].map((match) => match[1]);
    expect(values).toEqual(['pytorch', 'keras', 'hf-trainer', 'lightning', 'fastai', 'deepspeed']);
  });

  test('worked arithmetic: KaTeX rendered on the server, one line per template, numbers in slots', async () => {
    const html = await container.renderToString(ExerciseSet, { props: { kinds: ['devices', 'hours'] } });
    const devices = articleOf(html, 'devices');
    for (const id of KIND_TEMPLATES.devices) expect(devices).toContain(`data-template="${id}"`);
    expect(devices).toContain('class="katex"');
    // ⌈48,001 / 2⌉ = 24,001; ⌈24,001 / 64⌉ = 376.
    for (const value of [48_001, 2, 24_001, 64, 376]) {
      expect(devices).toMatch(new RegExp(`data-slot="\\d"[^>]*>(<[^>]+>)*${formatCount(value)}<`));
    }
    expect(devices).toContain('24,001 divided by 64, rounded up, is 376 batches per epoch');
    const hours = articleOf(html, 'hours');
    expect(hours).toMatch(/>4\.4</);
    expect(html).not.toMatch(/NaN|Infinity|undefined/);
  });

  test('lines a kind may need for other seeds are rendered hidden', async () => {
    const html = await container.renderToString(ExerciseSet, { props: { kinds: ['validation-split'] } });
    expect(html).toMatch(/<li data-template="training-images\/keras"(?! hidden)[^>]*>/);
    expect(html).toMatch(/<li data-template="training-images\/random-split" hidden[^>]*>/);
  });

  test('answer key mode: answers shown, no fields, the right choice marked in words', async () => {
    const html = await container.renderToString(ExerciseSet, { props: { mode: 'key' } });
    expect(html).not.toContain('data-answer-input');
    expect(html).not.toContain('data-new-numbers');
    expect(html).toMatch(/<details class="exercise-solution" data-solution open[^>]*>/);
    expect(html).toMatch(
      /data-right[^>]*>\s*<span data-choice-label[^>]*>fastai<\/span>\s*<span[^>]*data-choice-mark[^>]*>\s*✓ \(the answer\)/,
    );
    // Without a page to go back to (the answer key gives chapter 8), the link leads to the cover.
    expect(html).toMatch(/<a href="\/" data-seed-link/);
    for (const exercise of exerciseSet(0)) expect(html).toContain(escaped(exercise.answerText));
  });
});
