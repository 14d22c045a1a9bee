/** Custom resources against their CRD's openAPIV3Schema, read as the API server reads a structural schema. */
import { describe, expect, it } from 'vitest';
import { crdVersionSchema } from '../../generator/schema/crd-schema.js';
import { CrdSchemas } from '../../generator/schema/crd-schemas.js';

const crdWith = (openAPIV3Schema: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'things.example.org' },
  spec: { group: 'example.org', names: { kind: 'Thing', plural: 'things' }, scope: 'Namespaced', versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema } }], ...extra },
});

const thing = (spec: unknown, more: Record<string, unknown> = {}) => ({ apiVersion: 'example.org/v1', kind: 'Thing', metadata: { name: 't', namespace: 'n' }, spec, ...more });

function problems(crd: Record<string, unknown>, obj: Record<string, unknown>): string[] {
  const r = new CrdSchemas().check(obj, crd);
  if (r.status !== 'checked') return [r.status];
  return r.problems.map((p) => `${p.pointer}: ${p.message}`);
}

describe('CRD schemas', () => {
  it('closes every object node that lists its fields, and checks metadata as ObjectMeta', () => {
    const crd = crdWith({ type: 'object', properties: { spec: { type: 'object', properties: { a: { type: 'string' }, nested: { type: 'object', properties: { b: { type: 'integer' } } } } } } });
    expect(problems(crd, thing({ a: 'x', nested: { b: 1 } }))).toEqual([]);
    expect(problems(crd, thing({ a: 'x', nested: { b: 1, c: 2 } }))).toEqual(["/spec/nested/c: unknown field 'c'"]);
    expect(problems(crd, thing({ a: 1 }))).toEqual(["/spec/a: 'a' must be string (got 1)"]);
    expect(problems(crd, { ...thing({}), metadata: { name: 't', labelz: {} } })).toEqual(["/metadata/labelz: unknown field 'labelz'"]);
    expect(problems(crd, thing({}, { status: {} }))).toEqual(["/status: unknown field 'status'"]);
    expect(problems(crd, { ...thing({}), kind: 'Thing', apiVersion: 'example.org/v1', extra: 1 })).toEqual(["/extra: unknown field 'extra'"]);
  });

  it('leaves open what x-kubernetes-preserve-unknown-fields or additionalProperties opens, and only there', () => {
    const crd = crdWith({
      type: 'object',
      properties: {
        spec: {
          type: 'object',
          properties: {
            free: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
            partly: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { inner: { type: 'object', properties: { k: { type: 'string' } } } } },
            labels: { type: 'object', additionalProperties: { type: 'string' } },
            anything: { type: 'object', additionalProperties: true },
          },
        },
      },
    });
    expect(problems(crd, thing({ free: { x: { y: 1 } }, partly: { other: 1, inner: { k: 'v' } }, labels: { a: 'b' }, anything: { z: [1] } }))).toEqual([]);
    expect(problems(crd, thing({ partly: { inner: { k: 'v', q: 1 } }, labels: { a: 1 } }))).toEqual(["/spec/partly/inner/q: unknown field 'q'", "/spec/labels/a: 'a' must be string (got 1)"]);
  });

  it('reads int-or-string, nullable, embedded resources, draft-4 exclusive bounds, and never closes allOf/anyOf branches', () => {
    const crd = crdWith({
      type: 'object',
      properties: {
        spec: {
          type: 'object',
          properties: {
            port: { 'x-kubernetes-int-or-string': true },
            note: { type: 'string', nullable: true },
            template: { type: 'object', 'x-kubernetes-embedded-resource': true, properties: { spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } },
            ratio: { type: 'number', minimum: 0, exclusiveMinimum: true },
            either: { type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } }, anyOf: [{ required: ['a'] }, { properties: { b: { minLength: 2 } } }] },
          },
        },
      },
    });
    expect(problems(crd, thing({ port: 80, note: null, template: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { x: 1 } }, ratio: 0.5, either: { a: 'x', b: 'y' } }))).toEqual([]);
    expect(problems(crd, thing({ port: 'http' }))).toEqual([]);
    expect(problems(crd, thing({ port: 1.5, ratio: 0, template: { other: 1 } }))).toEqual([
      "/spec/port: 'port' must be integer or string (got 1.5)",
      "/spec/template/other: unknown field 'other'",
      "/spec/ratio: 'ratio' must be > 0 (got 0)",
    ]);
  });

  it('ignores what it cannot check (CEL rules, unknown formats, RE2-only patterns) instead of failing the CRD', () => {
    const crd = crdWith({
      type: 'object',
      'x-kubernetes-validations': [{ rule: 'self.spec.a == self.spec.a' }],
      properties: { spec: { type: 'object', properties: { a: { type: 'string', format: 'cidr', pattern: '(?i)^[a-z]+$', example: 'x' }, d: { type: 'string', format: 'date-time' } } } },
    });
    expect(problems(crd, thing({ a: '10.0.0.0/8 UPPER', d: '2026-01-01T00:00:00Z' }))).toEqual([]);
    expect(problems(crd, thing({ d: 'yesterday' }))).toEqual(["/spec/d: 'd' must be a valid date-time (got \"yesterday\")"]);
  });

  it('finds the schema per version, the CRD-wide one of v1beta1, or none; keeps unknown fields under preserveUnknownFields', () => {
    const crd = crdWith({ type: 'object' });
    expect(crdVersionSchema(crd, 'v1')).toEqual({ served: true, schema: { type: 'object' } });
    expect(crdVersionSchema(crd, 'v2')).toEqual({ served: false });
    expect(problems(crd, { ...thing({}), apiVersion: 'example.org/v2' })).toEqual(['not-served']);
    const beta = { spec: { group: 'example.org', version: 'v1', validation: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object' } } } } } };
    expect(crdVersionSchema(beta, 'v1')).toEqual({ served: true, schema: { type: 'object', properties: { spec: { type: 'object' } } } });
    const noSchema = { spec: { versions: [{ name: 'v1', served: true }] } };
    expect(problems(noSchema, thing({ anything: 1 }))).toEqual(['no-schema']);
    const legacy = crdWith({ type: 'object', properties: { spec: { type: 'object', properties: { a: { type: 'string' } } } } }, { preserveUnknownFields: true });
    expect(problems(legacy, thing({ a: 'x', b: 1 }))).toEqual([]);
    expect(problems(legacy, thing({ a: 1 }))).toEqual(["/spec/a: 'a' must be string (got 1)"]);
    const unserved = { spec: { versions: [{ name: 'v1', served: false, schema: { openAPIV3Schema: { type: 'object' } } }] } };
    expect(crdVersionSchema(unserved, 'v1')).toEqual({ served: false });
  });
});
