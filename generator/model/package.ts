import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the generator's own files are, resolved once: the code runs from `generator/` (a clone,
 * through tsx) or from `dist/` (the installed package), and everything it ships beside the code
 * (schemas, init templates, the default config) is found from the package root, never from a
 * path relative to one source file.
 */
const here = path.dirname(fileURLToPath(import.meta.url));

/** The folder holding the generator's modules: `generator/` in a clone, `dist/` when installed. */
export const CODE_DIR = path.resolve(here, '..');

function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}: the generator is not installed as a package`);
  }
}

/** The folder with the generator's package.json (the clone, or node_modules/<name>). */
export const PACKAGE_ROOT = findPackageRoot(CODE_DIR);

interface PackageJson {
  name: string;
  version: string;
}

const pkg = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as PackageJson;

/** The npm package name, as a config repository's devDependency names it. */
export const PACKAGE_NAME = pkg.name;
export const PACKAGE_VERSION = pkg.version;

/** Folders shipped with the package. */
export const CONFIG_SCHEMA_DIR = path.join(PACKAGE_ROOT, 'schemas', 'config');
export const K8S_SCHEMA_DIR = path.join(PACKAGE_ROOT, 'schemas', 'k8s');
export const TEMPLATES_DIR = path.join(PACKAGE_ROOT, 'templates');
