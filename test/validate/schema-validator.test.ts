import fs from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../generator/model/diagnostics.js';
import { buildSchemas } from '../../generator/schemas-build/build.js';
import { KINDS, schemaRelPath } from '../../generator/schemas-build/kinds.js';
import { parseWithYaml } from '../../generator/core/manifest-documents.js';
import { SchemaValidator, parseManifestFile, schemaPath, type ManifestFile } from '../../generator/validate/schema-validator.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const SCHEMA_DIR = path.join(REPO, 'schemas', 'k8s');
const FIXTURES = fileURLToPath(new URL('../fixtures/schema', import.meta.url));

function fixture(rel: string): ManifestFile {
  return { path: `test/fixtures/schema/${rel}`, text: fs.readFileSync(path.join(FIXTURES, rel), 'utf8') };
}

function fixtureDir(dir: string): ManifestFile[] {
  return fs
    .readdirSync(path.join(FIXTURES, dir))
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => fixture(`${dir}/${f}`));
}

const validator = new SchemaValidator({ schemaDir: SCHEMA_DIR });

function check(text: string, opts?: { allowKinds?: string[] }): Diagnostic[] {
  const v = opts ? new SchemaValidator({ schemaDir: SCHEMA_DIR, ...opts }) : validator;
  return v.validateFiles([{ path: 'manifests/x.yaml', text }]).diagnostics;
}

/** Only the fields a test pins down, so wording elsewhere may change. */
function brief(d: Diagnostic) {
  return { code: d.code, line: d.line, col: d.col, document: d.document, pointer: d.pointer };
}

describe('valid manifests', () => {
  it('every kind in the schema build has a valid fixture, and all of them pass', () => {
    const files = fixtureDir('valid');
    const result = validator.validateFiles(files);
    expect(result.diagnostics).toEqual([]);
    const seen = new Set<string>();
    for (const f of files) for (const d of parseManifestFile(f).docs) {
      const o = d.object as { apiVersion: string; kind: string };
      seen.add(`${o.apiVersion}/${o.kind}`);
    }
    expect([...seen].sort()).toEqual(KINDS.map((k) => `${k.apiVersion}/${k.kind}`).sort());
    expect(result.documents).toBe(51);
  });

  it('accepts both forms of IntOrString and Quantity, and free-form Helm values', () => {
    const svc = (port: string) => `apiVersion: v1
kind: Service
metadata: {name: s}
spec:
  ports:
    - port: 80
      targetPort: ${port}
`;
    expect(check(svc('8080'))).toEqual([]);
    expect(check(svc('http'))).toEqual([]);
    expect(check(svc('80.5')).map((d) => d.pointer)).toEqual(['/spec/ports/0/targetPort']);

    const pod = (qty: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  selector: {matchLabels: {a: b}}
  template:
    spec:
      containers:
        - name: c
          resources:
            limits: {memory: ${qty}}
`;
    for (const ok of ['268435456', '0.5', '"1Gi"', '500m', '1e3']) expect(check(pod(ok)), ok).toEqual([]);
    expect(check(pod('"1 GB"')).map((d) => d.pointer)).toEqual(['/spec/template/spec/containers/0/resources/limits/memory']);

    const app = `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: a}
spec:
  project: default
  destination: {server: https://kubernetes.default.svc}
  source:
    repoURL: https://charts.example.com
    chart: c
    targetRevision: 1.0.0
    helm:
      valuesObject:
        anything: {goes: [1, "two", {deep: {deeper: null}}]}
        replicas: 3
`;
    expect(check(app)).toEqual([]);
  });

  it('reads YAML 1.1 scalars like kubeconform: yes is a boolean, dates stay strings', () => {
    const cm = (value: string) => `apiVersion: v1
kind: ConfigMap
metadata: {name: c}
data:
  value: ${value}
`;
    expect(check(cm('2024-01-01'))).toEqual([]);
    expect(check(cm('"yes"'))).toEqual([]);
    const bad = check(cm('yes'));
    expect(bad.map(brief)).toEqual([{ code: 'schema/invalid', line: 5, col: 10, document: 1, pointer: '/data/value' }]);
    expect(bad[0]!.message).toContain('must be string (got true)');
  });

  it('accepts null for optional fields of core kinds only', () => {
    expect(check('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns\n  creationTimestamp: null\n')).toEqual([]);
    const crd = check('apiVersion: cert-manager.io/v1\nkind: ClusterIssuer\nmetadata: {name: i}\nspec:\n  selfSigned: null\n');
    expect(crd.map((d) => d.pointer)).toEqual(['/spec/selfSigned']);
  });

  it('skips empty and comment-only documents', () => {
    const r = validator.validateFiles([{ path: 'm.yaml', text: '# header\n---\n---\n# nothing\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: ns}\n---\n~\n' }]);
    expect(r).toEqual({ diagnostics: [], documents: 1 });
  });
});

describe('invalid manifests', () => {
  it('reports unknown fields at the root, nested, and in metadata, with the closest key', () => {
    const diags = validator.validateFiles([fixture('invalid/unknown-fields.yaml')]).diagnostics;
    expect(diags.map(brief)).toEqual([
      { code: 'schema/invalid', line: 6, col: 1, document: 1, pointer: '/dataa' },
      { code: 'schema/invalid', line: 24, col: 5, document: 2, pointer: '/spec/syncPolicy/automate' },
      { code: 'schema/invalid', line: 32, col: 3, document: 3, pointer: '/metadata/lables' },
    ]);
    expect(diags.map((d) => d.hint)).toEqual(["did you mean 'data'?", "did you mean 'automated'?", "did you mean 'labels'?"]);
    expect(diags[1]!.message).toBe("Application web: unknown field 'automate'");
    expect(diags.every((d) => d.file === 'test/fixtures/schema/invalid/unknown-fields.yaml' && d.severity === 'error')).toBe(true);
  });

  it('reports wrong types with positions counted in the whole multi-document file', () => {
    const diags = validator.validateFiles([fixture('invalid/wrong-types.yaml')]).diagnostics;
    expect(diags.map(brief)).toEqual([
      { code: 'schema/invalid', line: 6, col: 13, document: 1, pointer: '/spec/replicas' },
      { code: 'schema/invalid', line: 19, col: 30, document: 1, pointer: '/spec/template/spec/containers/0/ports/0/containerPort' },
      { code: 'schema/invalid', line: 31, col: 21, document: 2, pointer: '/spec/source/targetRevision' },
      { code: 'schema/invalid', line: 34, col: 14, document: 2, pointer: '/spec/syncPolicy/automated/prune' },
    ]);
    expect(diags[0]!.message).toBe(`Deployment web: 'replicas' must be integer (got "two")`);
  });

  it('reports a missing required field at the key of the object that lacks it', () => {
    const text = 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: a}\nspec:\n  project: default\n  source: {repoURL: https://x}\n';
    const diags = check(text);
    expect(diags.map(brief)).toEqual([{ code: 'schema/invalid', line: 4, col: 1, document: 1, pointer: '/spec' }]);
    expect(diags[0]!.message).toContain("missing required field 'destination'");
  });

  it('rejects a wrong apiVersion or kind spelling through the schema itself', () => {
    expect(check('apiVersion: v1\nkind: namespace\nmetadata: {name: ns}\n').map((d) => d.pointer)).toEqual(['/kind']);
  });

  it('reports missing kind, unknown kinds and non-string apiVersion', () => {
    const diags = validator.validateFiles([fixture('invalid/type-meta.yaml')]).diagnostics;
    expect(diags.map(brief)).toEqual([
      { code: 'schema/missing-kind', line: 2, col: 1, document: 1, pointer: '' },
      { code: 'schema/unknown-kind', line: 7, col: 7, document: 2, pointer: '/kind' },
      { code: 'schema/missing-apiVersion', line: 13, col: 13, document: 3, pointer: '/apiVersion' },
    ]);
  });

  it('lets allowed kinds through without a schema, by Kind or by apiVersion/Kind', () => {
    const es = 'apiVersion: elasticsearch.k8s.elastic.co/v1\nkind: Elasticsearch\nmetadata: {name: e}\n';
    expect(check(es).map((d) => d.code)).toEqual(['schema/unknown-kind']);
    expect(check(es, { allowKinds: ['Elasticsearch'] })).toEqual([]);
    expect(check(es, { allowKinds: ['elasticsearch.k8s.elastic.co/v1/Elasticsearch'] })).toEqual([]);
    expect(check(es, { allowKinds: ['kibana.k8s.elastic.co/v1/Elasticsearch'] }).map((d) => d.code)).toEqual(['schema/unknown-kind']);
    // allowed kinds that do have a schema are still checked
    expect(check('apiVersion: v1\nkind: Namespace\nmetadata: {nme: ns}\n', { allowKinds: ['Namespace'] }).map((d) => d.code)).toEqual(['schema/invalid']);
  });

  it('reports duplicate keys and syntax errors with positions, and skips only that document', () => {
    expect(validator.validateFiles([fixture('invalid/duplicate-key.yaml')]).diagnostics.map((d) => ({ ...brief(d), message: d.message }))).toEqual([
      { code: 'schema/duplicate-key', line: 5, col: 3, document: 1, pointer: undefined, message: "duplicate key 'name'" },
    ]);
    const r = validator.validateFiles([{ path: 'm.yaml', text: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: ns}\n---\na: [1\n---\napiVersion: v1\nkind: Namespace\nmetadata: {nam: ns}\n' }]);
    expect(r.diagnostics.map((d) => [d.code, d.document, d.line])).toEqual([
      ['schema/yaml-syntax', 2, 6],
      ['schema/invalid', 3, 9],
    ]);
    expect(r.documents).toBe(3);
  });

  it('rejects documents that are not objects', () => {
    expect(check('- a\n- b\n').map((d) => d.code)).toEqual(['schema/not-an-object']);
  });
});

describe('manifest reading', () => {
  it('reads YAML 1.1 scalars as kubeconform does', () => {
    const { docs } = parseWithYaml({ path: 'm.yaml', text: 'a: yes\nb: 0755\nc: 2024-01-01\n<<: {d: 1}\n' });
    expect(docs[0]!.object).toEqual({ a: true, b: 493, c: '2024-01-01', d: 1 });
  });

  it('validates rendered objects without parsing, and parses only to place an error', () => {
    const v = new SchemaValidator({ schemaDir: SCHEMA_DIR });
    const good = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } };
    const bad = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'b', lables: {} } };
    // The text deliberately differs from the objects: only positions are read from it.
    const text = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: b\n  lables: {}\n';
    const r = v.validateRendered([{ path: 'm.yaml', text, documents: [good, bad] }]);
    expect(r.documents).toBe(2);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ document: 2, line: 10, pointer: '/metadata/lables' });
  });

  it('builds the positioned yaml tree only when a document has a problem', () => {
    const file = { path: 'm.yaml', text: 'a: 1\n---\nb:\n  c: 2\n' };
    const { docs, diagnostics } = parseManifestFile(file);
    expect(diagnostics).toEqual([]);
    expect(docs.map((d) => [d.index, d.object])).toEqual([
      [1, { a: 1 }],
      [2, { b: { c: 2 } }],
    ]);
    const src = docs[1]!.source;
    expect(src.index).toBe(2);
    expect(src.lineCounter.linePos(src.doc.contents!.range![0])).toEqual({ line: 3, col: 1 });
    expect(parseWithYaml(file).docs.map((d) => d.object)).toEqual(docs.map((d) => d.object));
  });
});

describe('schemas/k8s', () => {
  it('lays files out as kubeconform’s {{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json', () => {
    expect(schemaPath('v1', 'Namespace')).toBe('v1/namespace_v1.json');
    expect(schemaPath('apps/v1', 'Deployment')).toBe('apps/deployment_v1.json');
    expect(schemaPath('networking.k8s.io/v1', 'Ingress')).toBe('networking.k8s.io/ingress_v1.json');
    for (const k of KINDS) {
      expect(schemaRelPath(k.apiVersion, k.kind)).toBe(schemaPath(k.apiVersion, k.kind));
      expect(fs.existsSync(path.join(SCHEMA_DIR, schemaPath(k.apiVersion, k.kind))), k.kind).toBe(true);
    }
  });

  it('every schema is strict and portable to draft-4 (kubeconform)', () => {
    for (const k of KINDS) {
      const schema = JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, schemaPath(k.apiVersion, k.kind)), 'utf8')) as Record<string, unknown>;
      expect(schema.additionalProperties, k.kind).toBe(false);
      const props = schema.properties as Record<string, { enum: unknown[] }>;
      expect(props.apiVersion!.enum).toEqual([k.apiVersion]);
      expect(props.kind!.enum).toEqual([k.kind]);
      expect(props.metadata, k.kind).toBeDefined();
      const problems: string[] = [];
      const walk = (n: unknown, at: string): void => {
        if (Array.isArray(n)) return n.forEach((x, i) => walk(x, `${at}/${i}`));
        if (n === null || typeof n !== 'object') return;
        const o = n as Record<string, unknown>;
        for (const bad of ['const', '$schema', 'propertyNames', 'if', 'exclusiveMinimum', 'exclusiveMaximum', 'contains'])
          if (bad in o && !at.endsWith('/properties')) problems.push(`${at}: ${bad}`);
        if (typeof o.$ref === 'string' && !o.$ref.startsWith('#/definitions/')) problems.push(`${at}: external $ref`);
        if (o.properties !== undefined && o.additionalProperties !== false && !at.endsWith('/properties')) problems.push(`${at}: open object`);
        for (const [key, v] of Object.entries(o)) {
          if (key === 'enum' || key === 'required') continue;
          if (typeof v === 'boolean' && key !== 'additionalProperties' && key !== 'x-kubernetes-preserve-unknown-fields' && key !== 'x-kubernetes-int-or-string')
            problems.push(`${at}/${key}: boolean schema`);
          walk(v, `${at}/${key}`);
        }
      };
      walk(schema, '#');
      expect(problems, k.kind).toEqual([]);
    }
  });

  it('the build reproduces the committed schemas byte for byte', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'schemas-'));
    try {
      await buildSchemas(out);
      const list = (dir: string): string[] =>
        fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json')).map((f) => f.split(path.sep).join('/')).sort();
      const files = list(out);
      expect(files).toEqual(list(SCHEMA_DIR));
      expect(files).toContain('SOURCES.json');
      for (const f of files) {
        const same = fs.readFileSync(path.join(out, f)).equals(fs.readFileSync(path.join(SCHEMA_DIR, f)));
        expect(same, `${f} differs from schemas/k8s: run the schema build`).toBe(true);
      }
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});

describe('the fast reader (js-yaml with YAML 1.1 scalars)', () => {
  it('reads every fixture exactly as the yaml package does', () => {
    for (const f of [...fixtureDir('valid'), ...fixtureDir('invalid')]) {
      const exact = parseWithYaml(f);
      const fast = parseManifestFile(f);
      expect(fast.docs.map((d) => [d.index, d.object]), f.path).toEqual(exact.docs.map((d) => [d.index, d.object]));
      expect(fast.diagnostics, f.path).toEqual(exact.diagnostics);
    }
  });

  it.each(['yes', 'No', 'on', '0755', '0x1F', '1:30', '1_000', '2024-01-01', '1.5', '.inf', '~', 'null', '1e5', '0b101', '"yes"', '08', '12e03', '+12'])(
    'reads the scalar %s as YAML 1.1 does',
    (scalar) => {
      const f = { path: 'x.yaml', text: `a: ${scalar}\n` };
      expect(parseManifestFile(f).docs[0]!.object).toEqual(parseWithYaml(f).docs[0]!.object);
    },
  );

  it('leaves duplicate keys and syntax errors to the exact reader, with positions', () => {
    const r = parseManifestFile({ path: 'x.yaml', text: 'a: 1\nb: 2\na: 3\n' });
    expect(r.diagnostics[0]).toMatchObject({ code: 'schema/duplicate-key', line: 3 });
  });
});
