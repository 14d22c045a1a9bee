import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../../model/package.js';
import { EXIT } from '../exit.js';
import { BIN } from '../help.js';
import { configRepoFiles } from '../scaffold/config-repo.js';
import { writeNewFiles } from '../scaffold/files.js';
import { rewriteSchemaHeader } from '../scaffold/schema-header.js';
import { CONFIG_TEMPLATES, TEMPLATE_NAMES } from '../scaffold/templates.js';
import { defineCommand } from '../types.js';

/**
 * A `--tool` that names a local tarball or folder is written relative to the new repository, so
 * the repository can move with it; registry specs (`1.2.3`, `^1.2.0`, `npm:...`) pass unchanged.
 */
export function toolSpec(spec: string | undefined, cwd: string, dir: string): string {
  if (spec === undefined) return `^${PACKAGE_VERSION}`;
  const local = spec.startsWith('file:') ? spec.slice(5) : /^(\.{1,2}\/|\/)/.test(spec) || /\.(tgz|tar\.gz)$/.test(spec) ? spec : undefined;
  if (local === undefined) return spec;
  const rel = path.relative(dir, path.resolve(cwd, local)).split(path.sep).join('/');
  return `file:${rel || '.'}`;
}

export const initCommand = defineCommand({
  name: 'init',
  summary: 'start a config repository: cluster.yaml, apps/, values/, package.json, CI and Renovate config',
  usage: '[dir]',
  help: `Writes into [dir] (default: the current directory), which must be empty (a .git folder aside) unless --force;
an existing file is never replaced. Then: cd <dir> && npm install && npm run generate.
Templates: ${TEMPLATE_NAMES.map((t) => `${t} (${CONFIG_TEMPLATES[t].description})`).join('; ')}.`,
  flags: {
    template: { type: 'string', values: ['<name>'], description: 'the starting config', choices: TEMPLATE_NAMES, default: 'minimal' },
    tool: {
      type: 'string',
      values: ['<npm spec>'],
      description: `how package.json names ${PACKAGE_NAME} (a version, a tarball path or a file: URL; default: ^${PACKAGE_VERSION})`,
    },
    force: { type: 'boolean', description: 'write into a folder that is not empty (existing files are kept)' },
  },
  args: { min: 0, max: 1 },
  async run(ctx) {
    const dir = path.resolve(ctx.cwd, ctx.args[0] ?? '.');
    const red = ctx.colors.err.red;
    if (existsSync(dir) && !statSync(dir).isDirectory()) {
      ctx.io.err.write(`${red('error')}: ${dir} exists and is not a folder\n`);
      return EXIT.INVALID;
    }
    // A fresh `git init` counts as empty.
    if (existsSync(dir) && readdirSync(dir).some((e) => e !== '.git') && !ctx.flags.force) {
      ctx.io.err.write(`${red('error')}: ${dir} is not empty; choose an empty folder, or add --force to write only the files that are missing\n`);
      return EXIT.INVALID;
    }
    const template = CONFIG_TEMPLATES[ctx.flags.template];
    const base = `node_modules/${PACKAGE_NAME}/schemas/config`;
    const config = template.files().map((f) => ({ ...f, content: rewriteSchemaHeader(f.content, f.path, base) }));
    const files = [...config, ...configRepoFiles(dir, toolSpec(ctx.flags.tool, ctx.cwd, dir), ctx.flags.template)];
    const { written, kept } = writeNewFiles(dir, files);
    const shown = path.relative(ctx.cwd, dir) || '.';
    const lines = [
      `init: ${written.length} file(s) written to ${shown} (template ${ctx.flags.template})${kept.length ? `, ${kept.length} existing file(s) kept` : ''}`,
      ...kept.map((f) => `  kept ${f}`),
      '',
      'Next:',
      ...(shown === '.' ? [] : [`  cd ${shown}`]),
      '  npm install            # installs the generator (commit package-lock.json)',
      '  npm run generate       # renders manifests/',
      '  npm run check          # what CI runs',
      `  set repo.url in cluster.yaml to where this repository lives; add apps with '${BIN} new-app'`,
    ];
    ctx.io.out.write(lines.join('\n') + '\n');
    return EXIT.OK;
  },
});
