import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Builds dist/ecs2k8s.cjs once, so that the tests that spawn the real bin run today's code.
    globalSetup: ['./test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // One process per test file (stated, not left to the default): the 50 MB and deep-nesting tests stay apart.
    pool: 'forks',
  },
});
