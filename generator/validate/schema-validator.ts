/**
 * The built-in offline validator: every document of every manifest file against the strict
 * schemas in `schemas/k8s/` (kubeconform's catalog layout), with file:line:col for each finding.
 */
import type { Diagnostic } from '../model/diagnostics.js';
import { positionOf } from '../core/yaml-source.js';
import type { Position } from '../model/source.js';
import { parseManifestFile, renderedManifests, type ManifestFile, type ParsedManifest } from '../core/manifest-documents.js';
import { show, type SchemaProblem } from '../schema/errors.js';
import { KindSchemas } from '../schema/kind-schemas.js';

export type { ManifestFile, ParsedManifest } from '../core/manifest-documents.js';
export { parseManifestFile } from '../core/manifest-documents.js';
export { schemaPath } from '../schema/kind-schemas.js';

export interface ValidateOptions {
  /** Folder laid out as `<group>/<kind>_<version>.json` (e.g. `schemas/k8s`). */
  schemaDir: string;
  /** Kinds that may appear without a schema: `apiVersion/Kind` (`elasticsearch.k8s.elastic.co/v1/Elasticsearch`) or `Kind`. */
  allowKinds?: string[];
  /** Compiled schemas to share (they must be of `schemaDir`); a fresh set otherwise. */
  schemas?: KindSchemas;
}

export interface ValidateResult {
  diagnostics: Diagnostic[];
  /** Non-empty documents read (parse failures included). */
  documents: number;
}

export class SchemaValidator {
  private readonly allow: Set<string>;
  private readonly schemas: KindSchemas;

  constructor(opts: ValidateOptions) {
    this.allow = new Set(opts.allowKinds ?? []);
    this.schemas = opts.schemas ?? new KindSchemas(opts.schemaDir);
  }

  validateFiles(files: ManifestFile[]): ValidateResult {
    const diagnostics: Diagnostic[] = [];
    let documents = 0;
    for (const file of files) {
      const parsed = parseManifestFile(file);
      diagnostics.push(...parsed.diagnostics);
      documents += parsed.docs.length + new Set(parsed.diagnostics.map((d) => d.document)).size;
      for (const doc of parsed.docs) {
        const found = this.validateDocument(file.path, doc);
        if (found.length > 0) diagnostics.push(...found);
      }
    }
    return { diagnostics, documents };
  }

  /** Validate what the generator rendered, from the objects themselves (no YAML parsing). */
  validateRendered(files: readonly (ManifestFile & { documents: readonly unknown[] })[]): ValidateResult {
    const diagnostics: Diagnostic[] = [];
    let documents = 0;
    for (const file of files) {
      for (const doc of renderedManifests(file, file.documents)) {
        documents++;
        const found = this.validateDocument(file.path, doc);
        if (found.length > 0) diagnostics.push(...found);
      }
    }
    return { diagnostics, documents };
  }

  /** Check one parsed document; an empty array means valid (or allowed without schema). */
  validateDocument(file: string, doc: ParsedManifest): Diagnostic[] {
    return this.validateResource(file, doc, doc.object, '', undefined);
  }

  /**
   * One resource: the document itself, or (`prefix` `/items/<i>`) one item of a List, which is
   * validated on its own as kubeconform and Argo CD take it; its findings point into the document.
   */
  private validateResource(file: string, doc: ParsedManifest, obj: unknown, prefix: string, list: { kind: string; index: number } | undefined): Diagnostic[] {
    const at = (pointer: string, key?: string): Position => positionOf(doc.source, prefix + pointer, key);
    const fail = (code: string, message: string, pointer: string, pos: Position, hint?: string): Diagnostic[] => [
      { severity: 'error', code, message: list ? `${message} (item ${list.index} of the ${list.kind})` : message, file, line: pos.line, col: pos.col, document: doc.index, pointer: prefix + pointer, ...(hint ? { hint } : {}) },
    ];

    if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
      return fail('schema/not-an-object', `document is a ${Array.isArray(obj) ? 'list' : typeof obj}, not a Kubernetes object`, '', at(''));
    }
    const record = obj as Record<string, unknown>;
    // kind first, then apiVersion: kubeconform's order
    for (const field of ['kind', 'apiVersion'] as const) {
      const v = record[field];
      if (typeof v !== 'string' || v === '') {
        const msg = v === undefined ? `missing '${field}'` : `'${field}' must be a non-empty string`;
        return fail(`schema/missing-${field}`, msg, v === undefined ? '' : `/${field}`, v === undefined ? at('') : at(`/${field}`));
      }
    }
    const apiVersion = record.apiVersion as string;
    const kind = record.kind as string;
    const found = this.schemas.lookup(apiVersion, kind);
    if (found !== null && 'problem' in found) {
      return fail('schema/bad-schema', `cannot validate ${apiVersion} ${kind}: ${found.problem}`, '/kind', at('/kind'), 'fix or replace the schema file (npm run schemas rebuilds the shipped ones)');
    }
    const validate = found;
    // A List (kubeconform: kind `list` in any case) holds resources, not fields: each item is
    // validated on its own; so are the items of a typed list (ConfigMapList) that has no schema of
    // its own, and items without kind and apiVersion take them from it, as the API machinery does.
    if (!list && (kind.toLowerCase() === 'list' || (!validate && kind.length > 4 && kind.endsWith('List') && record.items !== undefined))) {
      return this.validateItems(file, doc, record, kind, apiVersion, fail, at);
    }
    if (!validate) {
      if (this.allow.has(kind) || this.allow.has(`${apiVersion}/${kind}`)) return [];
      return fail(
        'schema/unknown-kind',
        `no schema for ${apiVersion} ${kind}`,
        '/kind',
        at('/kind'),
        'add it to the allowed kinds (validated by nothing), or add a schema to schemas/k8s (generator/schemas-build/kinds.ts)',
      );
    }
    const outcome = this.schemas.check(record);
    if (outcome.status !== 'checked' || outcome.problems.length === 0) return [];

    const name = objectName(record);
    const label = `${name ? `${kind} ${name}` : kind}${list ? ` (item ${list.index} of the ${list.kind})` : ''}`;
    return outcome.problems.map((p) => toDiagnostic(p, label, file, doc, at, prefix));
  }

  private validateItems(
    file: string,
    doc: ParsedManifest,
    record: Record<string, unknown>,
    kind: string,
    apiVersion: string,
    fail: (code: string, message: string, pointer: string, pos: Position, hint?: string) => Diagnostic[],
    at: (pointer: string) => Position,
  ): Diagnostic[] {
    const items = record.items;
    if (items === undefined || items === null) return [];
    if (!Array.isArray(items)) return fail('schema/invalid', `${kind}: 'items' must be a list of resources (got ${show(items)})`, '/items', at('/items'));
    const typed = kind.toLowerCase() !== 'list';
    const out: Diagnostic[] = [];
    items.forEach((item, i) => {
      let resource: unknown = item;
      if (typed && item !== null && typeof item === 'object' && !Array.isArray(item)) {
        const r = item as Record<string, unknown>;
        if (r.kind === undefined && r.apiVersion === undefined) resource = { ...r, kind: kind.slice(0, -'List'.length), apiVersion };
      }
      out.push(...this.validateResource(file, doc, resource, `/items/${i}`, { kind, index: i }));
    });
    return out;
  }
}

/** A problem placed in the YAML document it was found in. */
function toDiagnostic(p: SchemaProblem, label: string, file: string, doc: ParsedManifest, at: (pointer: string, key?: string) => Position, prefix: string): Diagnostic {
  const pos = at(p.at.pointer, p.at.key);
  return {
    severity: 'error',
    code: 'schema/invalid',
    message: `${label}: ${p.message}`,
    file,
    line: pos.line,
    col: pos.col,
    document: doc.index,
    pointer: prefix + p.pointer,
    ...(p.hint ? { hint: p.hint } : {}),
  };
}

function objectName(obj: Record<string, unknown>): string | undefined {
  const meta = obj.metadata;
  if (meta === null || typeof meta !== 'object') return undefined;
  const { name, generateName } = meta as Record<string, unknown>;
  if (typeof name === 'string') return name;
  if (typeof generateName === 'string') return `${generateName}*`;
  return undefined;
}
