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
      // Enforced over the engine and over every browser module (each glob counted as a whole),
      // all tested in happy-dom; the browser tests in tests/e2e/ run them again for real.
      thresholds: {
        'src/lib/**/*.ts': { lines: 95, branches: 95 },
        'src/client/**/*.ts': { lines: 95, branches: 95 },
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
          // One preview server (global setup); a browser per file, two files at a time, and
          // within a file the tests marked concurrent three at a time: pages spend much of their
          // time waiting (for the network to go idle, for code loaded on approach), so two cores
          // run more than two of them.
          fileParallelism: true,
          maxWorkers: 2,
          maxConcurrency: 3,
          // Pages wait for code that loads on approach, on a machine running two files at once.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
