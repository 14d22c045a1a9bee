import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_DEFAULTS, DEFAULT_TARGET_REVISION, defaultArgoCD, defaultRender, defaultRepoCredentials, defaultSettings, defaultSync, INPUT_DEFAULTS } from '../../generator/model/defaults.js';
import { buildConfigSchemas, CONFIG_SCHEMA_OUT, CONFIG_SCHEMAS } from '../../generator/schemas-build/config-schemas.js';

type Schema = { [key: string]: unknown };
type Path = string[];

const committed = (file: string): string => readFileSync(path.join(CONFIG_SCHEMA_OUT, file), 'utf8');
const schemaOf = (file: string): Schema => JSON.parse(committed(file)) as Schema;

/** Every `default` in a schema, by property path (`[]` for a list item), following `$ref`s. */
function schemaDefaults(root: Schema): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const definitions = (root.definitions ?? {}) as Record<string, Schema>;
  const walk = (node: Schema, at: Path, depth: number): void => {
    if (depth > 20) throw new Error(`schema nests deeper than expected at ${at.join('.')}`);
    if ('default' in node) out.set(at.join('.'), node.default);
    if (typeof node.$ref === 'string') walk(definitions[node.$ref.replace('#/definitions/', '')]!, at, depth + 1);
    for (const [key, child] of Object.entries((node.properties ?? {}) as Record<string, Schema>)) walk(child, [...at, key], depth + 1);
    if (node.items && typeof node.items === 'object') walk(node.items as Schema, [...at, '[]'], depth + 1);
    for (const branch of (node.oneOf ?? []) as Schema[]) walk(branch, at, depth + 1);
  };
  walk(root, [], 0);
  return out;
}

/** Every leaf of a typed-defaults object by path: scalars, lists and empty maps. */
function leaves(value: unknown, at: Path = [], out = new Map<string, unknown>()): Map<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value)) leaves(v, [...at, k], out);
  } else out.set(at.join('.'), value);
  return out;
}

/** The built-in defaults of model/defaults.ts in the shape of each file. */
const TYPED_DEFAULTS: Record<string, unknown> = {
  'cluster.schema.json': {
    repo: { targetRevision: DEFAULT_TARGET_REVISION, credentials: defaultRepoCredentials() },
    argocd: defaultArgoCD(),
    render: defaultRender(),
    defaults: defaultSettings(),
    // A cluster's own settings document the built-in defaults too (they sit under `defaults:`).
    clusters: { '[]': { settings: defaultSettings() } },
  },
  'app.schema.json': {
    description: APP_DEFAULTS.description,
    project: APP_DEFAULTS.project,
    dependsOn: APP_DEFAULTS.dependsOn,
    clusters: APP_DEFAULTS.clusters,
    namespaceObject: APP_DEFAULTS.namespaceObject,
    sync: defaultSync(),
    ingress: { '[]': { path: APP_DEFAULTS.ingressPath } },
  },
};

/**
 * Defaults of list entries: the list itself defaults to [] (a leaf above), its entries' fields
 * have defaults of their own.
 */
const ENTRY_DEFAULTS: Record<string, Record<string, unknown>> = {
  'cluster.schema.json': Object.fromEntries(
    ['defaults', 'clusters.[].settings'].flatMap((at) => Object.entries(INPUT_DEFAULTS).map(([k, v]) => [`${at}.inputs.[].${k}`, v])),
  ),
  'app.schema.json': {},
};

/** Typed defaults the schema cannot state: they are derived from another setting. */
const DERIVED = new Set(['ingress.className', 'ingress.namespace'].flatMap((p) => [`defaults.${p}`, `clusters.[].settings.${p}`]));

describe('schemas/config, generated from generator/model/config-input.ts', () => {
  it('regenerate to exactly the committed files (run npm run config-schemas after changing the types)', () => {
    const built = buildConfigSchemas();
    expect([...built.keys()].sort()).toEqual(CONFIG_SCHEMAS.map((s) => s.file).sort());
    for (const [file, text] of built) expect(text, file).toBe(committed(file));
  });

  it('are strict, portable and editor-ready: closed objects, oneOf for unions, enums without a type', () => {
    for (const { file } of CONFIG_SCHEMAS) {
      const schema = schemaOf(file);
      expect(schema).toMatchObject({ $schema: 'http://json-schema.org/draft-07/schema#', $id: expect.stringMatching(new RegExp(`/${file}$`)), title: expect.any(String), description: expect.any(String) });
      const walk = (node: unknown, at: string): void => {
        if (node === null || typeof node !== 'object') return;
        const n = node as Schema;
        if (n.properties !== undefined) expect(n.additionalProperties, `${file} ${at}`).toBe(false);
        expect(n.anyOf, `${file} ${at}`).toBeUndefined();
        expect(n.const, `${file} ${at}`).toBeUndefined();
        if (n.enum !== undefined) expect(n.type, `${file} ${at}`).toBeUndefined();
        for (const [k, v] of Object.entries(n)) if (k !== 'enum' && k !== 'default' && k !== 'examples') walk(v, `${at}/${k}`);
      };
      walk(schema, '#');
      expect(committed(file)).toBe(`${JSON.stringify(schema, Object.keys(flatKeys(schema)).sort(), 2)}\n`);
    }
  });

  for (const { file } of CONFIG_SCHEMAS) {
    it(`agree with the typed defaults of model/defaults.ts (${file})`, () => {
      const inSchema = schemaDefaults(schemaOf(file));
      const typed = leaves(TYPED_DEFAULTS[file]);
      for (const [at, v] of Object.entries(ENTRY_DEFAULTS[file]!)) typed.set(at, v);
      expect(inSchema.size).toBeGreaterThan(0);
      for (const [at, value] of inSchema) {
        expect(typed.has(at), `${file}: schema default at ${at} has no typed default`).toBe(true);
        expect(value, `${file}: default at ${at}`).toEqual(typed.get(at));
      }
      const undocumented = [...typed.keys()].filter((at) => !inSchema.has(at) && !DERIVED.has(at));
      expect(undocumented, `${file}: typed defaults without a schema default`).toEqual([]);
    });
  }
});

/** Every key used anywhere in the value, so JSON.stringify's key list sorts all of them. */
function flatKeys(value: unknown, out: Record<string, true> = {}): Record<string, true> {
  if (Array.isArray(value)) value.forEach((v) => flatKeys(v, out));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out[k] = true;
      flatKeys(v, out);
    }
  }
  return out;
}
