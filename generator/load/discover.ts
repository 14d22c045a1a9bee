import path from 'node:path';
import { realpath } from 'node:fs/promises';
import { globSync } from 'glob';
import { minimatch } from 'minimatch';
import type { Diagnostic } from '../model/diagnostics.js';
import { withPrefix } from '../core/sorted.js';
import { APPS_DIR, HELM_RELEASE_MAX, NAME_RE, VALUES_DIR } from '../model/files.js';

/** Every input file of a repository, listed once per run. */
export interface InputListing {
  root: string;
  /** The root with links resolved, for the "stays inside the repository" check of every read. */
  realRoot: string;
  /** Files under apps/ (.yaml and .yml), sorted. */
  appFiles: string[];
  /** Every file under values/, sorted. */
  valueFiles: string[];
  valueFileSet: ReadonlySet<string>;
}

/**
 * One listing of the inputs and one realpath of the root per run: with thousands of apps the
 * per-file globbing and path resolution would dominate the run.
 */
export async function listInputs(root: string): Promise<InputListing> {
  const realRoot = await realpath(root);
  const listing = globSync([`${APPS_DIR}/**/*.{yaml,yml}`, `${VALUES_DIR}/**`], { cwd: root, posix: true, nodir: true, dot: true, follow: false }).sort();
  const valueFiles = listing.filter((f) => f.startsWith(`${VALUES_DIR}/`));
  return { root, realRoot, appFiles: listing.filter((f) => f.startsWith(`${APPS_DIR}/`)), valueFiles, valueFileSet: new Set(valueFiles) };
}

/** A .yml template would be silently ignored (the defaults look for .yaml): refuse it. */
export function checkTemplateNames(listing: InputListing, diags: Diagnostic[]): void {
  for (const f of listing.valueFiles.filter((v) => v.endsWith('.yml'))) {
    diags.push({ severity: 'error', code: 'config/file-name', file: f, message: "templates must end in '.yaml'", hint: `rename it to ${f.replace(/\.yml$/, '.yaml')}` });
  }
}

/** The app files and the app name each one defines (its file name); bad or duplicate names are errors. */
export function appFilesOf(listing: InputListing, diags: Diagnostic[]): { file: string; name: string }[] {
  const byName = new Map<string, string>();
  const wanted: { file: string; name: string }[] = [];
  for (const file of listing.appFiles) {
    if (file.endsWith('.yml')) {
      diags.push({ severity: 'error', code: 'config/file-name', file, message: "app files must end in '.yaml'", hint: `rename it to ${file.replace(/\.yml$/, '.yaml')}` });
      continue;
    }
    const name = path.posix.basename(file, '.yaml');
    if (!NAME_RE.test(name)) {
      diags.push({
        severity: 'error',
        code: 'config/app-name',
        file,
        message: `app name '${name}' (from the file name) is not a valid Kubernetes name`,
        hint: 'use lower-case letters, digits and "-", start and end with a letter or digit, at most 63 characters',
      });
      continue;
    }
    if (name.length > HELM_RELEASE_MAX) {
      diags.push({
        severity: 'error',
        code: 'config/app-name',
        file,
        message: `app name '${name}' is ${name.length} characters; it is also the Helm release name, which Helm limits to ${HELM_RELEASE_MAX}`,
        hint: 'use a shorter file name',
      });
      continue;
    }
    const other = byName.get(name);
    if (other) {
      diags.push({ severity: 'error', code: 'config/duplicate-app', file, message: `app '${name}' is defined twice: in ${other} and in ${file}`, hint: 'app names come from file names and must be unique across apps/' });
      continue;
    }
    byName.set(name, file);
    wanted.push({ file, name });
  }
  return wanted;
}

/**
 * The files of a sorted listing that match a glob. Only the range sharing the pattern's literal
 * prefix is tested, so thousands of apps each with their own pattern stay linear, not quadratic.
 */
export function filesMatching(sorted: readonly string[], pattern: string): string[] {
  const magic = pattern.search(/[*?[\]{}()!+@]/);
  const prefix = magic < 0 ? pattern : pattern.slice(0, pattern.lastIndexOf('/', magic) + 1);
  return withPrefix(sorted, prefix, (f) => f).filter((f) => minimatch(f, pattern));
}
