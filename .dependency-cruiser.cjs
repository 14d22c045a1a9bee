/**
 * The generator's layers, lowest first. An import may go to the same layer or a lower one, never
 * to a later one, so data flows one way: load -> plan -> render -> hydrate -> validate -> write.
 * `npm run deps` checks it (and CI runs it); a backward import fails with the rule's name.
 * docs/design.md draws the same picture.
 */
const LAYERS = [
  'model', //      0  types and constants every stage shares; imports nothing of the generator
  'core', //       1  pure helpers (merge, suggest, YAML reading and writing, positions)
  'schema', //     1  strict JSON Schema checks of one object: shipped kind schemas, CRD schemas (no positions)
  'cache', //      1  where the project cache lives (.cache/gitops-generator)
  'helm', //       1  finding and running a Helm 4 binary, its folders inside the cache
  'charts', //     1  the chart cache pinned by digest (charts.lock.yaml), mirrors, offline use
  'linkerd', //    2  the Linkerd release table and chart key tables
  'components', // 3  built-in components (what a chart or platform piece contributes)
  'load', //       4  read and schema-check cluster.yaml, apps/ and templates
  'plan', //       5  defaults, cluster fan-out, sync waves
  'mesh', //       6  Linkerd meshing of one app on one cluster (render calls it)
  'render', //     6  typed objects and output files, in memory
  'hydrate', //    6  every Helm chart of the tree rendered with Helm 4, as Argo CD renders it (--render)
  'lint', //       7  pitfalls no schema catches, on the serialised tree
  'validate', //   7  strict schemas, then lint (validate may import lint, not the reverse)
  'write', //      8  the transactional tree writer, drift check, run cache
];
/**
 * Imported by nothing inside the layers: the CLI (the bin entry cli.ts and the cli/ folder: command
 * registry, one module per command, argument parsing, scaffolding), the pipeline that wires the
 * stages (and its --render half), the schema and docs builds.
 */
const ENTRY_POINTS = '^generator/(pipeline|pipeline-render|cli)\\.ts$|^generator/cli/|^generator/(schemas|docs)-build/';

const dir = (names) => `^generator/(${names.join('|')})/`;

/** One rule per layer: it may import itself and the layers below it, nothing else of the generator. */
const layerRules = LAYERS.slice(2).map((layer, i) => {
  const below = LAYERS.slice(0, i + 2);
  const later = LAYERS.slice(i + 3);
  return {
    name: `${layer}-no-later-stage`,
    comment: `${layer} may import ${[...below, layer].join(', ')}; not ${[...later, 'report', 'pipeline, cli, cli/, schemas-build, docs-build'].join(', ')}`,
    severity: 'error',
    from: { path: dir([layer]) },
    to: { path: '^generator/', pathNot: dir([...below, layer]) },
  };
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No import cycle between files (and so none between folders the layer rules allow).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'model-is-a-leaf',
      comment: 'model holds the shared types and constants; it imports nothing of the generator (npm packages are fine).',
      severity: 'error',
      from: { path: dir(['model']) },
      to: { path: '^generator/', pathNot: dir(['model']) },
    },
    {
      name: 'core-imports-only-model',
      comment: 'core holds pure helpers; they know the model and nothing of any stage.',
      severity: 'error',
      from: { path: dir(['core']) },
      to: { path: '^generator/', pathNot: dir(['model', 'core']) },
    },
    ...layerRules,
    {
      name: 'report-imports-only-model',
      comment: 'Reporters format diagnostics; they need the model and nothing else.',
      severity: 'error',
      from: { path: dir(['report']) },
      to: { path: '^generator/', pathNot: dir(['model', 'report']) },
    },
    {
      name: 'entry-points-are-not-imported',
      comment: 'pipeline.ts, cli.ts, cli/, schemas-build/ and docs-build/ sit on top; no layer imports them.',
      severity: 'error',
      from: { path: '^generator/', pathNot: ENTRY_POINTS },
      to: { path: ENTRY_POINTS },
    },
    {
      name: 'generator-does-not-import-tests',
      comment: 'The product never depends on test/ or bench/.',
      severity: 'error',
      from: { path: '^generator/' },
      to: { path: '^(test|bench)/' },
    },
    {
      name: 'no-orphans',
      comment: 'A module nothing imports is dead code or a forgotten wiring (entry points excepted).',
      severity: 'warn',
      from: { orphan: true, path: '^generator/', pathNot: ENTRY_POINTS },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a cycle through types is still a cycle between modules.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
