/**
 * The built-in offline validator: every document of every manifest file against the strict
 * schemas in `schemas/k8s/` (kubeconform's catalog layout), with file:line:col for each finding.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import { kubernetesAjv, kubernetesFormats } from '../core/ajv-setup.js';
import { PRECOMPILED_DIR, precompiledValidator } from '../core/precompiled-validators.js';
import type { Diagnostic } from '../model/diagnostics.js';
import { closest } from '../core/suggest.js';
import { positionOf } from '../core/yaml-source.js';
import { encodePointer, unescapePointerSegment, type Position } from '../model/source.js';
import { parseManifestFile, renderedManifests, type ManifestFile, type ParsedManifest } from '../core/manifest-documents.js';
import { withoutAnnotations } from './schema-annotations.js';

export type { ManifestFile, ParsedManifest } from '../core/manifest-documents.js';
export { parseManifestFile } from '../core/manifest-documents.js';

export interface ValidateOptions {
  /** Folder laid out as `<group>/<kind>_<version>.json` (e.g. `schemas/k8s`). */
  schemaDir: string;
  /** Kinds that may appear without a schema: `apiVersion/Kind` (`elasticsearch.k8s.elastic.co/v1/Elasticsearch`) or `Kind`. */
  allowKinds?: string[];
  /** Folder of the build's precompiled validators (default: dist/validators); false compiles every schema at run time. */
  precompiled?: string | false;
}

export interface ValidateResult {
  diagnostics: Diagnostic[];
  /** Non-empty documents read (parse failures included). */
  documents: number;
}

const API_VERSION_RE = /^(?:[a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?v[0-9]+(?:(?:alpha|beta)[0-9]+)?$/;
const KIND_RE = /^[A-Za-z][A-Za-z0-9]*$/;

export class SchemaValidator {
  /** Created on the first schema that has no precompiled validator. */
  private ajv: Ajv | undefined;
  private readonly schemaDir: string;
  private readonly precompiled: string | false;
  private readonly allow: Set<string>;
  /** apiVersion/kind -> compiled validator, null when no schema file exists, or why it cannot be used. */
  private readonly validators = new Map<string, ValidateFunction | null | SchemaProblem>();
  /** Schema file -> how its validator came to be (kinds that differ only in case share a file). */
  private readonly origin = new Map<string, 'precompiled' | 'run time'>();
  private readonly byFile = new Map<string, ValidateFunction | SchemaProblem>();

  constructor(opts: ValidateOptions) {
    this.schemaDir = opts.schemaDir;
    this.precompiled = opts.precompiled ?? PRECOMPILED_DIR;
    this.allow = new Set(opts.allowKinds ?? []);
  }

  /** How the validator of a kind came to be, once it was needed: loaded from the build, or compiled now. */
  compiledBy(apiVersion: string, kind: string): 'precompiled' | 'run time' | undefined {
    return this.origin.get(schemaPath(apiVersion, kind));
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
    const found = this.validatorFor(apiVersion, kind);
    if (found !== null && typeof found === 'object' && 'problem' in found) {
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
    if (validate(obj)) return [];

    const name = objectName(record);
    const label = `${name ? `${kind} ${name}` : kind}${list ? ` (item ${list.index} of the ${list.kind})` : ''}`;
    return simplify(validate.errors ?? []).map((err) => this.toDiagnostic(err, label, file, doc, at, prefix));
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

  /** Compiled on first use; one schema object per kind so ajv's cache holds. */
  private validatorFor(apiVersion: string, kind: string): ValidateFunction | null | SchemaProblem {
    const key = `${apiVersion}/${kind}`;
    const cached = this.validators.get(key);
    if (cached !== undefined) return cached;
    let validate: ValidateFunction | null | SchemaProblem = null;
    if (API_VERSION_RE.test(apiVersion) && KIND_RE.test(kind)) {
      const rel = schemaPath(apiVersion, kind);
      const file = path.join(this.schemaDir, ...rel.split('/'));
      if (fs.existsSync(file)) validate = this.byFile.get(rel) ?? this.compile(file, rel);
    }
    this.validators.set(key, validate);
    return validate;
  }

  /** A schema file that is not JSON, or that ajv cannot compile, is a finding, never a crash. */
  private compile(file: string, rel: string): ValidateFunction | SchemaProblem {
    const result = this.compileFile(file, rel);
    this.byFile.set(rel, result);
    return result;
  }

  private compileFile(file: string, rel: string): ValidateFunction | SchemaProblem {
    let text: string;
    let schema: unknown;
    try {
      text = fs.readFileSync(file, 'utf8');
      schema = JSON.parse(text);
    } catch (e) {
      return { problem: `schema ${rel} is not valid JSON (${firstLineOf(e)})` };
    }
    if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return { problem: `schema ${rel} is not a JSON object` };
    const ready = precompiledValidator(this.precompiled, 'k8s', rel, text, kubernetesFormats());
    if (ready) {
      this.origin.set(rel, 'precompiled');
      return ready;
    }
    this.origin.set(rel, 'run time');
    const ajv = (this.ajv ??= kubernetesAjv());
    // Keyed by the file's path, as the build compiles it (schemas-build/validators.ts).
    try {
      ajv.addSchema(withoutAnnotations(schema) as object, rel);
      const validate = ajv.getSchema(rel);
      if (!validate) return { problem: `schema ${rel} did not compile` };
      return validate;
    } catch (e) {
      ajv.removeSchema(rel);
      return { problem: `schema ${rel} does not compile: ${firstLineOf(e)}` };
    }
  }

  private toDiagnostic(
    err: ErrorObject,
    label: string,
    file: string,
    doc: ParsedManifest,
    at: (pointer: string, key?: string) => Position,
    prefix: string,
  ): Diagnostic {
    const ptr = err.instancePath;
    const make = (message: string, pointer: string, pos: Position, hint?: string): Diagnostic => ({
      severity: 'error',
      code: 'schema/invalid',
      message: `${label}: ${message}`,
      file,
      line: pos.line,
      col: pos.col,
      document: doc.index,
      pointer: prefix + pointer,
      ...(hint ? { hint } : {}),
    });
    if (err.keyword === 'additionalProperties') {
      const key = String(err.params.additionalProperty);
      const allowed = Object.keys((err.parentSchema?.properties ?? {}) as object);
      const guess = closest(key, allowed);
      const hint = guess
        ? `did you mean '${guess}'?`
        : allowed.length > 0 && allowed.length <= 15
          ? `allowed: ${allowed.join(', ')}`
          : undefined;
      return make(`unknown field '${key}'`, ptr + encodePointer([key]), at(ptr, key), hint);
    }
    if (err.keyword === 'required') {
      // point at the key that holds the incomplete object
      const segs = ptr.split('/');
      const pos = ptr === '' ? at('') : at(segs.slice(0, -1).join('/'), unescapePointerSegment(segs[segs.length - 1]!));
      return make(`missing required field '${String(err.params.missingProperty)}'${ptr ? ` in ${ptr}` : ''}`, ptr, pos);
    }
    const field = ptr === '' ? 'the document' : `'${unescapePointerSegment(ptr.slice(ptr.lastIndexOf('/') + 1))}'`;
    return make(`${field} ${describe(err)}`, ptr, at(ptr));
  }
}

/**
 * kubeconform's catalog template `{{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json`: Group is
 * the text before the first `/` (so `v1` for core objects), the kind is lower-cased.
 */
export function schemaPath(apiVersion: string, kind: string): string {
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? apiVersion : apiVersion.slice(0, slash);
  return `${group}/${kind.toLowerCase()}_${apiVersion.slice(apiVersion.lastIndexOf('/') + 1)}.json`;
}

interface SchemaProblem {
  problem: string;
}

function firstLineOf(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  const i = m.indexOf('\n');
  return (i < 0 ? m : m.slice(0, i)).slice(0, 300);
}

function objectName(obj: Record<string, unknown>): string | undefined {
  const meta = obj.metadata;
  if (meta === null || typeof meta !== 'object') return undefined;
  const { name, generateName } = meta as Record<string, unknown>;
  if (typeof name === 'string') return name;
  if (typeof generateName === 'string') return `${generateName}*`;
  return undefined;
}

/**
 * Optional fields of core kinds are `anyOf: [<schema>, {type: null}]`. When the value is wrong,
 * ajv reports the real problem, "must be null" and "must match a schema in anyOf"; keep the first.
 */
function simplify(errors: ErrorObject[]): ErrorObject[] {
  const real = errors.filter((e) => !(e.keyword === 'type' && e.params.type === 'null'));
  const kept = real.filter(
    (e) =>
      e.keyword !== 'anyOf' ||
      !real.some((o) => o !== e && o.keyword !== 'anyOf' && (o.instancePath === e.instancePath || o.instancePath.startsWith(e.instancePath + '/'))),
  );
  // "must be integer" says it all; "must be a valid int32" on the same value is noise.
  const typed = new Set(kept.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  const seen = new Set<string>();
  return kept.filter((e) => {
    if (e.keyword === 'format' && typed.has(e.instancePath)) return false;
    const id = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

function describe(err: ErrorObject): string {
  const got = ` (got ${show(err.data)})`;
  switch (err.keyword) {
    case 'type': {
      const types = String(err.params.type).split(',').filter((t) => t !== 'null');
      return `must be ${types.join(' or ')}${got}`;
    }
    case 'enum': {
      const values = (err.params.allowedValues as unknown[]).filter((v) => v !== null);
      const shown = values.slice(0, 12).map((v) => JSON.stringify(v)).join(', ');
      return `must be one of ${shown}${values.length > 12 ? ', …' : ''}${got}`;
    }
    case 'format':
      return `must be a valid ${String(err.params.format)}${got}`;
    case 'pattern':
      return `must match ${String(err.params.pattern)}${got}`;
    default:
      return `${err.message ?? 'is invalid'}${got}`;
  }
}

function show(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  const s = JSON.stringify(v);
  return s.length > 60 ? s.slice(0, 57) + '…"' : s;
}
