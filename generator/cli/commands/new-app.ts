import { existsSync } from 'node:fs';
import path from 'node:path';
import { closest } from '../../core/suggest.js';
import { appFilesOf, listInputs } from '../../load/discover.js';
import { parseYamlConfig } from '../../load/parse.js';
import type { ChartRef, MeshMode } from '../../model/config.js';
import type { Diagnostic } from '../../model/diagnostics.js';
import { APPS_DIR, CLUSTER_FILE, HELM_RELEASE_MAX, NAME_RE, VALUES_DIR } from '../../model/files.js';
import { paths } from '../../model/paths.js';
import { UsageError } from '../args.js';
import { EXIT } from '../exit.js';
import { BIN } from '../help.js';
import { ROOT_FLAG, repoRoot } from '../flags.js';
import { appFileText, resourceFileText, valuesFileText, type NewApp } from '../scaffold/app-file.js';
import { writeNewFiles, type NewFile } from '../scaffold/files.js';
import { schemaBase, schemaHeader } from '../scaffold/schema-header.js';
import { defineCommand } from '../types.js';

const MESH_MODES = ['namespace', 'workloads', 'ingress', 'off'] as const satisfies readonly MeshMode[];

/** The same name rules the loader applies to app file names. */
function checkName(name: string): void {
  if (!NAME_RE.test(name)) {
    throw new UsageError(`app name '${name}' is not a valid Kubernetes name: use lower-case letters, digits and "-", start and end with a letter or digit`, 'new-app');
  }
  if (name.length > HELM_RELEASE_MAX) {
    throw new UsageError(`app name '${name}' is ${name.length} characters; it is also the Helm release name, which Helm limits to ${HELM_RELEASE_MAX}`, 'new-app');
  }
}

function parseChart(value: string[] | undefined): ChartRef | undefined {
  if (!value) return undefined;
  const [repoURL, spec] = value as [string, string];
  const at = spec.lastIndexOf('@');
  if (at <= 0 || at === spec.length - 1) throw new UsageError(`--chart takes <repoURL> <chart>@<version>, e.g. --chart https://charts.jetstack.io cert-manager@v1.16.2; got '${spec}'`, 'new-app');
  return { repoURL, name: spec.slice(0, at), version: spec.slice(at + 1) };
}

/** Which flag a schema finding in the composed app file comes from. */
const FLAG_OF: [string, string][] = [
  ['/chart', '--chart'],
  ['/namespace', '--namespace'],
  ['/mesh', '--mesh'],
  ['/dependsOn', '--depends-on'],
];

function asUsage(diags: Diagnostic[]): UsageError {
  const lines = diags.map((d) => {
    const flag = FLAG_OF.find(([p]) => d.pointer?.startsWith(p))?.[1];
    return `${flag ? `${flag}: ` : ''}${d.message}${d.pointer ? ` (at ${d.pointer})` : ''}`;
  });
  return new UsageError(`the app file would be invalid:\n  ${lines.join('\n  ')}`, 'new-app');
}

export const newAppCommand = defineCommand({
  name: 'new-app',
  summary: 'add apps/<name>.yaml and its values template (or a resources template without a chart)',
  usage: '<name>',
  help: `Writes apps/<name>.yaml (with the schema header, chart keys in the order Renovate reads) and
values/<name>/values.yaml; without --chart, values/<name>/resources/<name>.yaml (a ConfigMap to replace).
Refuses a name the loader would refuse (exit 2) and an app or file that exists (exit 1).
Example: new-app cert-manager --chart https://charts.jetstack.io cert-manager@v1.16.2 --depends-on trust-manager`,
  flags: {
    root: ROOT_FLAG,
    chart: { type: 'string', values: ['<repoURL>', '<chart>@<version>'], description: 'the Helm chart (exact version)' },
    namespace: { type: 'string', values: ['<ns>'], description: 'target namespace (default: the app name)' },
    mesh: { type: 'string', values: ['<mode>'], description: 'Linkerd meshing', choices: MESH_MODES },
    'depends-on': { type: 'string', values: ['<app>'], multiple: true, description: 'an app that must be healthy first (repeat, or a,b)' },
  },
  args: { min: 1, max: 1 },
  async run(ctx) {
    const name = ctx.args[0]!;
    const root = repoRoot(ctx, 'new-app');
    const red = ctx.colors.err.red;
    checkName(name);
    if (!existsSync(path.join(root, CLUSTER_FILE))) {
      ctx.io.err.write(`${red('error')}: no ${CLUSTER_FILE} in ${root}; run '${BIN} init' first, or pass --root\n`);
      return EXIT.INVALID;
    }
    const existing = appFilesOf(await listInputs(root), []);
    const same = existing.find((a) => a.name === name);
    if (same) {
      ctx.io.err.write(`${red('error')}: app '${name}' exists already (${same.file})\n`);
      return EXIT.INVALID;
    }
    const known = existing.map((a) => a.name);
    const dependsOn = [...new Set(ctx.flags['depends-on'].flatMap((d) => d.split(',')).map((d) => d.trim()).filter(Boolean))];
    for (const d of dependsOn) {
      if (!known.includes(d)) {
        const guess = closest(d, known);
        throw new UsageError(`--depends-on: '${d}' is not an app${guess ? `; did you mean '${guess}'?` : ''}`, 'new-app');
      }
    }
    const app: NewApp = { name, dependsOn, ...(ctx.flags.namespace ? { namespace: ctx.flags.namespace } : {}), ...(ctx.flags.mesh ? { mesh: ctx.flags.mesh } : {}) };
    const chart = parseChart(ctx.flags.chart);
    if (chart) app.chart = chart;

    const file = `${APPS_DIR}/${name}.yaml`;
    const text = appFileText(app, schemaHeader(file, 'app', schemaBase(root)));
    const diags: Diagnostic[] = [];
    parseYamlConfig(file, text, 'app', diags, new Map());
    if (diags.length) throw asUsage(diags);

    const files: NewFile[] = [{ path: file, content: text }];
    if (app.chart) files.push({ path: `${VALUES_DIR}/${name}/values.yaml`, content: valuesFileText({ ...app, chart: app.chart }, paths.values('<cluster>', name)) });
    else files.push({ path: `${VALUES_DIR}/${name}/resources/${name}.yaml`, content: resourceFileText(app) });
    const clash = files.find((f) => existsSync(path.join(root, f.path)));
    if (clash) {
      ctx.io.err.write(`${red('error')}: ${clash.path} exists already; nothing was written\n`);
      return EXIT.INVALID;
    }
    const { written } = writeNewFiles(root, files);
    ctx.io.out.write([`new-app: wrote ${written.join(', ')}`, `  next: edit them, then run generate`].join('\n') + '\n');
    return EXIT.OK;
  },
});
