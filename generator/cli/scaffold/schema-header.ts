import path from 'node:path';
import { CONFIG_SCHEMA_DIR, PACKAGE_NAME } from '../../model/package.js';

/** The editor hint on the first line of a config file: `# yaml-language-server: $schema=<path>`. */
const HEADER_RE = /^# yaml-language-server: \$schema=\S*?([\w.-]+\.schema\.json)[ \t]*$/m;

/**
 * Where a repository's config files find the JSON Schemas, relative to the root: this package's
 * own folder when it lies inside the repository (this clone), else the installed devDependency.
 */
export function schemaBase(root: string): string {
  const rel = path.relative(path.resolve(root), CONFIG_SCHEMA_DIR);
  if (rel && !rel.startsWith('..') && !path.isAbsolute(rel) && !rel.split(path.sep).includes('node_modules')) return rel.split(path.sep).join('/');
  return `node_modules/${PACKAGE_NAME}/schemas/config`;
}

/** The header for a file at `file` (relative to the root), e.g. `../node_modules/<pkg>/schemas/config/app.schema.json`. */
export function schemaHeader(file: string, schema: 'cluster' | 'app', base: string): string {
  const depth = file.split('/').length - 1;
  const up = depth === 0 ? './' : '../'.repeat(depth);
  return `# yaml-language-server: $schema=${up}${base}/${schema}.schema.json`;
}

/** Point an existing schema header at `base`; text without one is returned unchanged. */
export function rewriteSchemaHeader(text: string, file: string, base: string): string {
  return text.replace(HEADER_RE, (_, schemaFile: string) => {
    const schema = schemaFile.replace(/\.schema\.json$/, '');
    return schema === 'cluster' || schema === 'app' ? schemaHeader(file, schema, base) : _;
  });
}
