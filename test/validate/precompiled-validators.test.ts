/**
 * The validators the build compiles ahead of time (schemas-build/validators.ts, dist/validators/)
 * find exactly what the run-time compile finds, are the same bytes on every build, and are used
 * only for the very schema file they were compiled from.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { configAjv } from '../../generator/core/ajv-setup.js';
import { precompiledValidator } from '../../generator/core/precompiled-validators.js';
import { buildValidators } from '../../generator/schemas-build/validators.js';
import { KindSchemas } from '../../generator/schema/kind-schemas.js';
import { SchemaValidator, type ManifestFile } from '../../generator/validate/schema-validator.js';
import { REPO_ROOT, tempDir } from '../helpers.js';

const SCHEMA_DIR = path.join(REPO_ROOT, 'schemas', 'k8s');
const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'schema');

/** The schemas the fixtures below use (a subset: compiling all of them takes a while). */
const USED = [
  'config/app.schema.json',
  'k8s/v1/configmap_v1.json',
  'k8s/v1/namespace_v1.json',
  'k8s/v1/secret_v1.json',
  'k8s/v1/service_v1.json',
  'k8s/v1/serviceaccount_v1.json',
  'k8s/argoproj.io/application_v1alpha1.json',
  'k8s/argoproj.io/applicationset_v1alpha1.json',
  'k8s/argoproj.io/appproject_v1alpha1.json',
  'k8s/cert-manager.io/certificate_v1.json',
  'k8s/apps/deployment_v1.json',
];

/** Every invalid fixture, and the valid ones of the kinds in USED. */
function fixtures(): ManifestFile[] {
  const invalid = fs.readdirSync(path.join(FIXTURES, 'invalid')).filter((f) => f.endsWith('.yaml')).sort().map((f) => `invalid/${f}`);
  return [...invalid, 'valid/core.yaml', 'valid/argocd.yaml'].map((rel) => ({ path: rel, text: fs.readFileSync(path.join(FIXTURES, rel), 'utf8') }));
}

let built: string;

const validator = (schemas: KindSchemas) => new SchemaValidator({ schemaDir: schemas.schemaDir, schemas });

beforeAll(() => {
  built = tempDir('gitops-validators-');
  buildValidators(built, USED);
}, 120_000);

describe('precompiled validators', () => {
  it('find the same problems, at the same places, as the schemas compiled at run time', () => {
    const files = fixtures();
    const preSchemas = new KindSchemas(SCHEMA_DIR, built);
    const runSchemas = new KindSchemas(SCHEMA_DIR, false);
    const a = validator(preSchemas).validateFiles(files);
    const b = validator(runSchemas).validateFiles(files);
    expect(a.diagnostics.filter((d) => d.code === 'schema/invalid').length).toBeGreaterThan(5);
    expect(a).toEqual(b);
    expect(preSchemas.compiledBy('v1', 'ConfigMap')).toBe('precompiled');
    expect(preSchemas.compiledBy('apps/v1', 'Deployment')).toBe('precompiled');
    expect(runSchemas.compiledBy('v1', 'ConfigMap')).toBe('run time');
  });

  it('check formats the same way (int32, int-or-string)', () => {
    const svc = (port: string, target: string) => `apiVersion: v1
kind: Service
metadata: {name: s}
spec: {ports: [{port: ${port}, targetPort: ${target}}]}
`;
    const files = [svc('80', 'http'), svc('4294967296', '8080'), svc('"80"', 'http'), svc('80', 'true')].map((text, i) => ({ path: `f${i}.yaml`, text }));
    const pre = validator(new KindSchemas(SCHEMA_DIR, built)).validateFiles(files);
    const run = validator(new KindSchemas(SCHEMA_DIR, false)).validateFiles(files);
    expect(pre).toEqual(run);
    expect(pre.diagnostics.map((d) => d.file)).toEqual(['f1.yaml', 'f2.yaml', 'f3.yaml']);
  });

  it('are not used for a schema file that differs from the one they were compiled from', () => {
    const dir = tempDir('gitops-schemas-');
    fs.cpSync(SCHEMA_DIR, dir, { recursive: true });
    const file = path.join(dir, 'v1', 'configmap_v1.json');
    const schema = JSON.parse(fs.readFileSync(file, 'utf8')) as { required?: string[] };
    schema.required = [...(schema.required ?? []), 'data'];
    fs.writeFileSync(file, JSON.stringify(schema));
    const schemas = new KindSchemas(dir, built);
    const found = validator(schemas).validateFiles([{ path: 'cm.yaml', text: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n' }]).diagnostics;
    expect(schemas.compiledBy('v1', 'ConfigMap')).toBe('run time');
    expect(found.map((d) => d.message)).toEqual(["ConfigMap x: missing required field 'data'"]);
  });

  it('of the config schemas report what the run-time compile reports', () => {
    const text = fs.readFileSync(path.join(REPO_ROOT, 'schemas', 'config', 'app.schema.json'), 'utf8');
    const pre = precompiledValidator(built, 'config', 'app.schema.json', text)!;
    expect(pre).toBeDefined();
    expect(precompiledValidator(built, 'config', 'app.schema.json', text + ' ')).toBeUndefined();
    const run = configAjv().compile(JSON.parse(text) as object);
    for (const doc of [{ namespace: 'x', chart: { repoURL: 1, name: 'n', version: 'latest' }, typo: true }, { description: 'ok', namespace: 'a', chart: { repoURL: 'https://x', name: 'n', version: '1.0.0' } }, []]) {
      expect(pre(doc)).toBe(run(doc));
      expect(pre.errors).toEqual(run.errors);
    }
    expect(pre.errors).not.toBeNull();
  });

  it('are the same bytes on every build', () => {
    const again = tempDir('gitops-validators-');
    const files = buildValidators(again, ['config/cluster.schema.json', 'k8s/v1/configmap_v1.json']);
    expect(files).toEqual(['config/cluster.schema.cjs', 'k8s/v1/configmap_v1.cjs']);
    const first = tempDir('gitops-validators-');
    buildValidators(first, ['config/cluster.schema.json', 'k8s/v1/configmap_v1.json']);
    for (const f of files) expect(fs.readFileSync(path.join(again, f), 'utf8')).toBe(fs.readFileSync(path.join(first, f), 'utf8'));
    expect(fs.readFileSync(path.join(again, 'k8s/v1/configmap_v1.cjs'), 'utf8')).toBe(fs.readFileSync(path.join(built, 'k8s/v1/configmap_v1.cjs'), 'utf8'));
  });
});
