/// <reference types="vitest/config" />
import { getViteConfig } from 'astro/config';

// Tests by kind: unit (the engine and pure modules), component (Astro's Container API,
// which needs the node environment), e2e (the built site in Chromium).
export default getViteConfig({
  test: {
    // `npm run test:unit` measures how much of the engine and the browser state its tests run
    // (lines and branches), prints it per file and fails below the thresholds.
    coverage: {
      provider: 'v8',
      include: ['src/lib/**/*.ts', 'src/client/**/*.ts'],
      // The barrel only re-exports.
      exclude: ['src/lib/index.ts'],
      reporter: ['text', 'text-summary'],
      // Enforced where the tests reach: the engine, and the browser state with the modules built on
      // it. The other widgets' elements in src/client/ are printed but not yet held to it (the
      // browser tests in tests/e2e/ run them; unit tests for them are still to write).
      thresholds: {
        'src/lib/**/*.ts': { lines: 95, branches: 95 },
        'src/client/{training-state,adjustable-number,live-text,dom,slider-scales,lazy,framework-table-element,dataset-presets-element,embed-frame,embed-host,embed-share,exercise-set-element,hours-estimator-element,setup-code-element}.ts':
          { lines: 95, branches: 95 },
      },
    },
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
      {
        extends: true,
        test: { name: 'component', include: ['tests/component/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One browser, one preview server: run e2e files one after another.
          fileParallelism: false,
        },
      },
    ],
  },
});
