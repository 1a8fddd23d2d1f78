// The browser code's dynamic imports without Vite's preload helper. Vite wraps every `import()`
// of the client build as `__vitePreload(() => import("./x.js"), deps)`, and the helper (a chunk
// of its own, about 0.9 KB gzip) is then loaded by every page that lazy-loads anything. Its only
// jobs are to preload `deps` and to add the CSS of the imported chunk. Here `deps` is always
// empty (modulePreload is off for the client, see astro.config.mjs), and the build fails if a
// lazily imported chunk ever has CSS. So each chunk's import of the helper becomes a one-line
// function that just calls the import, and the helper's file goes.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const HELPER_IMPORT = /import\{([\w$]+)(?: as ([\w$]+))?\}from"\.\/(preload-helper\.[\w-]+\.js)";?/;

/**
 * One chunk's code with its import of the helper replaced by `function n(load){return load()}`
 * (a declaration: hoisted, like the import it replaces); undefined when it does not import it.
 */
export function withoutPreloadHelper(code) {
  const helper = HELPER_IMPORT.exec(code);
  if (!helper) return undefined;
  const [statement, exported, local = exported, file] = helper;
  return { code: code.replace(statement, `function ${local}(e){return e()}`), helper: file };
}

/** @returns {import('vite').Plugin} */
export function noPreloadHelper() {
  return {
    name: 'how-many-batches:no-preload-helper',
    applyToEnvironment: (environment) => environment.name === 'client',
    // On the files as written: Vite fills in each call's list of deps in its own last pass.
    writeBundle(options, bundle) {
      const dir = options.dir ?? '';
      const chunks = Object.values(bundle).filter((chunk) => chunk.type === 'chunk');
      for (const chunk of chunks) {
        if (!chunk.isDynamicEntry) continue;
        const css = chunk.viteMetadata?.importedCss;
        if (css && css.size > 0) {
          throw new Error(`${chunk.fileName} is imported lazily and has CSS: the preload helper is needed.`);
        }
      }
      const helpers = new Set();
      for (const chunk of chunks) {
        const file = path.join(dir, chunk.fileName);
        const rewritten = withoutPreloadHelper(readFileSync(file, 'utf8'));
        if (!rewritten) continue;
        helpers.add(rewritten.helper);
        writeFileSync(file, rewritten.code);
      }
      for (const chunk of chunks) {
        if (!helpers.has(path.basename(chunk.fileName))) continue;
        const file = path.join(dir, chunk.fileName);
        const stillUsed = chunks.some(
          (other) =>
            other !== chunk &&
            readFileSync(path.join(dir, other.fileName), 'utf8').includes(path.basename(file)),
        );
        if (stillUsed) throw new Error(`${chunk.fileName} is still imported after the rewrite.`);
        rmSync(file);
      }
    },
  };
}
