/**
 * The live arithmetic's lines that its page did not render (loaded by derivation-element.ts the
 * first time the state needs one, so that pages whose readers never leave their own case do not
 * carry it). Each comes from `/derivation-forms.json` (every form, typeset at build time: no
 * KaTeX is shipped), fetched once per page; until it arrives, or if it cannot be had (offline,
 * a host that blocks it), the line shows the engine's words. Either way it has the markup of the
 * server's lines and goes where the engine puts it.
 */
import type { DerivationForm } from '../lib/derivation';
import type { DerivationStep } from '../lib/types';
// Types only: the element's module loads this one, never the other way round.
import type { Line } from './derivation-element';

/**
 * The forms file once fetched, `undefined` until then (and for good if it failed). Read as it
 * came: a form is used only if it has its HTML, so a damaged file or a host's error page
 * leaves those lines in words.
 */
let forms: Partial<Record<string, Partial<DerivationForm>>> | null | undefined;
let loading: Promise<void> | undefined;

/**
 * Fetches the forms file (src/pages/derivation-forms.json.ts, at the site's base path) once per
 * page; later calls share the fetch. Resolves when it has settled.
 */
export function loadForms(): Promise<void> {
  // A failure (offline, refused, not JSON) is final: the lines the page lacks keep the words.
  loading ??= fetch(`${import.meta.env.BASE_URL}derivation-forms.json`)
    .then((response) => response.json())
    .then(
      (data: typeof forms) => void (forms = data),
      () => {},
    );
  return loading;
}

/**
 * A new line with the markup of the server's: the engine's label (the form's, word for word)
 * and the form's KaTeX HTML (our own build's, from the site's own origin), or, with no form
 * (yet), one slot for the engine's words.
 */
function newLine(
  step: DerivationStep,
  html: string | undefined,
  lineOf: (item: HTMLLIElement) => Line,
): Line {
  const item = document.createElement('li');
  item.dataset['template'] = step.template;
  item.innerHTML = `<span class="derivation-label"></span><span class="derivation-math">${html ?? '<span data-slot="-1"> </span>'}</span>`;
  if (html === undefined) item.toggleAttribute('data-words', true);
  (item.firstChild as HTMLElement).textContent = step.label;
  return lineOf(item);
}

/**
 * Gives every step a line in `list`, in the steps' order: adds the ones missing (as formulas if
 * the forms are here, else in words), turns lines in words into formulas once they are, and
 * moves a line added earlier that the engine now puts elsewhere. `lines` is kept up to date;
 * `lineOf` reads a new line as the element reads its own.
 */
export function placeLines(
  list: HTMLOListElement,
  lines: Map<string, Line>,
  steps: readonly DerivationStep[],
  lineOf: (item: HTMLLIElement) => Line,
): void {
  let previous: HTMLLIElement | undefined;
  for (const step of steps) {
    let line = lines.get(step.template);
    const html = forms?.[step.template]?.html;
    const formula = typeof html === 'string' ? html : undefined;
    if (!line || (line.words && formula !== undefined)) {
      const added = newLine(step, formula, lineOf);
      line?.item.replaceWith(added.item);
      lines.set(step.template, (line = added));
    }
    const { item } = line;
    if (
      !item.parentNode ||
      (previous && !(previous.compareDocumentPosition(item) & Node.DOCUMENT_POSITION_FOLLOWING))
    ) {
      if (previous) previous.after(item);
      else list.prepend(item);
    }
    previous = item;
  }
}
