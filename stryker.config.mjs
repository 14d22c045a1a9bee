// Mutation testing with StrykerJS: `npm run mutate`. Not part of `npm test` or .ci/run, because a
// run takes many times longer than the test suite. docs/testing.md has the scores and how to read them.
// Any option can be narrowed on the command line: `npm run mutate -- --mutate generator/core/merge.ts`.

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  // related: each mutant runs only the tests whose imports reach its file (and, of those, only the
  // tests that executed it in the first run).
  vitest: { configFile: 'vitest.config.ts', related: true },
  // Mutants that do not type-check are dropped before any test runs.
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },

  // The stages issue #14 names (write, plan, render, mesh) and the pure helpers and rules beside
  // them, each with its own tests, where a surviving mutant points at a missing assertion.
  // Left out: type-only files; lint/context.ts (reads manifests/ from disk); the rendered/* lint
  // rules, which only have meaning on Helm output and are tested through real Helm in test/render.
  mutate: [
    'generator/core/**/*.ts',
    'generator/write/**/*.ts',
    'generator/plan/**/*.ts',
    'generator/render/**/*.ts',
    'generator/lint/**/*.ts',
    'generator/mesh/**/*.ts',
    '!generator/**/types.ts',
    '!generator/lint/context.ts',
    '!generator/lint/rendered.ts',
    '!generator/lint/rules/rendered-*.ts',
  ],
  // The tests of those stages. They run the pipeline in-process, so they see the active mutant; the
  // tests that spawn the CLI or Helm in a child process never would (the mutant is switched on inside
  // the vitest worker only), and would only make the first run slower.
  testFiles: ['test/core/**/*.test.ts', 'test/write/**/*.test.ts', 'test/plan/**/*.test.ts', 'test/render/**/*.test.ts', 'test/lint/**/*.test.ts', 'test/mesh/**/*.test.ts'],

  // The sandbox is a copy of the repository; caches and build output are not needed in it.
  ignorePatterns: ['/.cache', '/.scratch', '/bench/.out', '/dist', '/*.tgz', '/.vitest.json', '/reports'],
  coverageAnalysis: 'perTest',
  // Most tests build a tree in beforeAll, so nearly every mutant is also hit outside a test ("static").
  // Without this each such mutant reruns every related test; with it, a mutant runs only the tests
  // that executed it, and one reached only from beforeAll or module loading is left out of the
  // score as Ignored. On generator/core/merge.ts: same score, 8 min instead of 14.
  ignoreStatic: true,
  // Re-runs only test mutants whose code or covering tests changed since the last run.
  incremental: true,
  incrementalFile: '.cache/stryker/incremental.json',

  reporters: ['clear-text', 'html', 'progress'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  clearTextReporter: { allowColor: false, reportScoreTable: true, reportMutants: true, maxTestsToLog: 0 },
  // break: the run exits non-zero below it (set under the scores measured in docs/testing.md).
  thresholds: { high: 80, low: 70, break: 60 },

  // Two workers for the 2-core machines; generous timeouts because those machines are often busy
  // and a slow test must not be counted as a mutant that loops forever.
  concurrency: 2,
  timeoutMS: 20_000,
  timeoutFactor: 2.5,
  dryRunTimeoutMinutes: 30,
};
