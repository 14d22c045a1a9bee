/** The pieces of rendered/unknown-values-key and rendered/default-credentials that need no Helm. */
import { describe, expect, it } from 'vitest';
import type { ChartValues } from '../../generator/lint/chart-values.js';
import { defaultPasswords } from '../../generator/lint/default-credentials.js';
import { commentedKeys } from '../../generator/lint/values-comments.js';
import { unknownValueKeys } from '../../generator/lint/values-keys.js';
import { schemaVerdict, type PlacedSchema } from '../../generator/lint/values-schema.js';

function chart(defaults: Record<string, unknown>, more: Partial<ChartValues> = {}): ChartValues {
  return { defaults, commented: new Set(), schemas: [], roots: new Map([['', 'demo']]), ...more };
}
const paths = (values: Record<string, unknown>, c: ChartValues) => unknownValueKeys(values, c).map((u) => [u.path.join('.'), u.suggestion]);

describe('unknownValueKeys', () => {
  it('reports keys the defaults lack, at any depth, with the closest key of the same map', () => {
    const c = chart({ service: { port: 80, type: 'ClusterIP' }, replicaCount: 1 });
    expect(paths({ service: { prot: 8080, type: 'NodePort' }, replicas: 2, zzz: 1 }, c)).toEqual([
      ['service.prot', 'port'],
      ['replicas', undefined],
      ['zzz', undefined],
    ]);
  });

  it('does not judge keys under an empty or null default, a well-known free-form key, global, or a value of another type', () => {
    const c = chart({ extra: {}, nothing: null, resources: { limits: { cpu: '1' } }, list: [1], scalar: 'x' });
    expect(paths({ extra: { a: 1 }, nothing: { b: 2 }, resources: { requests: { memory: '1Gi' } }, list: { c: 3 }, scalar: { d: 4 }, global: { e: 5 } }, c)).toEqual([]);
    // global only where Helm hands it out: at a chart's own root.
    expect(paths({ resources: {}, extra: {}, sub: { global: 1 } }, chart({ resources: {}, extra: {}, sub: { a: 1 } }))).toEqual([['sub.global', undefined]]);
  });

  it('passes through a map whose defaults have a dotted key (a ConfigMap body such as argo-cd configs.cm), and still judges its siblings', () => {
    const c = chart({ configs: { cm: { create: true, 'exec.enabled': false }, params: { create: true } } });
    expect(paths({ configs: { cm: { 'resource.customizations.health.argoproj.io_Application': 'x' }, params: { crate: true } } }, c)).toEqual([['configs.params.crate', 'create']]);
    // Without the dotted default the same key is unknown.
    expect(paths({ configs: { cm: { 'resource.x': 'y' } } }, chart({ configs: { cm: { create: true } } }))).toEqual([['configs.cm.resource.x', undefined]]);
  });

  it('takes keys from comments and from the schema, and stops below a map the schema leaves open', () => {
    const schemas: PlacedSchema[] = [{ prefix: [], schema: { properties: { host: { type: 'string' }, labelsMap: { additionalProperties: { type: 'string' } } } } }];
    const c = chart({ labelsMap: { a: 'b' } }, { commented: new Set(['/existingSecret']), schemas });
    expect(paths({ host: 'h', existingSecret: 's', labelsMap: { any: 'x' }, hots: 'h' }, c)).toEqual([['hots', 'host']]);
  });
});

describe('commentedKeys', () => {
  it('finds commented-out keys under their real parent, nested ones too', () => {
    const text = ['admin:', '  user: admin', '  # existingSecret: ""', '# podLabels:', '#   team: a', 'service:', '  port: 80', '# Note: prose', '  - name: x'].join('\n');
    expect([...commentedKeys(text)].sort()).toEqual(['/Note', '/admin/existingSecret', '/podLabels', '/podLabels/team']);
  });
});

describe('schemaVerdict', () => {
  const schema = {
    definitions: { svc: { type: 'object', properties: { port: { type: 'integer' } }, additionalProperties: false } },
    properties: { service: { $ref: '#/definitions/svc' }, extra: { allOf: [{ patternProperties: { '^x-': {} } }] }, open: { additionalProperties: true } },
  };
  const placed: PlacedSchema[] = [{ prefix: ['sub'], schema }];
  it('follows local $refs and allOf, matches patternProperties, and places a subchart schema under its key', () => {
    expect(schemaVerdict(placed, ['sub', 'service'], 'port')).toBe('declared');
    expect(schemaVerdict(placed, ['sub', 'service'], 'prot')).toBeUndefined();
    expect(schemaVerdict(placed, ['sub', 'extra'], 'x-one')).toBe('declared');
    expect(schemaVerdict(placed, ['sub', 'open'], 'anything')).toBe('open');
    expect(schemaVerdict(placed, ['service'], 'port')).toBeUndefined();
  });

  it('expands a recursive schema once per node', () => {
    const tree = { properties: { name: {}, children: { items: { $ref: '#' } }, self: { $ref: '#' } }, allOf: [{ $ref: '#' }, { $ref: '#' }] };
    expect(schemaVerdict([{ prefix: [], schema: tree }], ['self', 'self', 'self'], 'name')).toBe('declared');
  });
});

describe('defaultPasswords', () => {
  it('lists non-empty password defaults the values leave as they are or set to the same', () => {
    const defaults = { adminPassword: 'prom-operator', grafana: { adminPassword: 'admin', rootPass: '' }, db: { password: 'changeme' }, user: 'admin' };
    expect(defaultPasswords(defaults, { db: { password: 'mine' }, grafana: { adminPassword: 'admin' } })).toEqual([
      { path: ['adminPassword'], value: 'prom-operator' },
      { path: ['grafana', 'adminPassword'], value: 'admin' },
    ]);
  });
});
