/// <reference types="vitest/config" />
import { getViteConfig } from 'astro/config';

// Tests by kind: unit (the engine and pure modules), component (Astro's Container API,
// which needs the node environment), e2e (the built site in Chromium).
export default getViteConfig({
  test: {
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
