import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // npm run mutate copies the repository into .stryker-tmp/; its tests are not ours to run.
    exclude: [...configDefaults.exclude, '.stryker-tmp/**'],
    globalSetup: ['test/global-setup.ts'],
    // Tests spawn the CLI and write temporary repositories; two workers match the 2-core machines.
    maxWorkers: 2,
    testTimeout: 60_000,
    // beforeAll hooks generate whole trees; on a loaded machine that takes longer than the 10 s default.
    hookTimeout: 60_000,
  },
});
