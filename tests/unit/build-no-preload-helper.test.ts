// The build step that drops Vite's preload helper (src/plugins/no-preload-helper.mjs), on the
// two forms of import the minifier writes.
import { describe, expect, test } from 'vitest';
import { withoutPreloadHelper } from '../../src/plugins/no-preload-helper.mjs';

describe('withoutPreloadHelper', () => {
  test('replaces a renamed import of the helper with a function that just loads', async () => {
    const code =
      'import{t as e}from"./lazy.js";import{t as n}from"./preload-helper.DygEbaNj.js";e(`x`,()=>n(()=>import(`./x.js`),[]));';
    const rewritten = withoutPreloadHelper(code);
    expect(rewritten?.helper).toBe('preload-helper.DygEbaNj.js');
    expect(rewritten?.code).toBe(
      'import{t as e}from"./lazy.js";function n(e){return e()}e(`x`,()=>n(()=>import(`./x.js`),[]));',
    );
    // The function it writes calls the loader and returns its promise, as the helper did.
    const load = new Function(
      `${rewritten?.code.match(/function n\(e\)\{return e\(\)\}/)?.[0]}; return n;`,
    )() as (loader: () => Promise<string>) => Promise<string>;
    await expect(load(() => Promise.resolve('module'))).resolves.toBe('module');
  });

  test('replaces an import under the helper’s own name', () => {
    const code = 'import{t}from"./preload-helper.AbC-12.js";t(async()=>{},[]);';
    expect(withoutPreloadHelper(code)).toEqual({
      code: 'function t(e){return e()}t(async()=>{},[]);',
      helper: 'preload-helper.AbC-12.js',
    });
  });

  test('leaves a chunk without the helper alone', () => {
    expect(withoutPreloadHelper('import{t}from"./lazy.js";t();')).toBeUndefined();
  });
});
