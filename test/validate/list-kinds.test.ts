/**
 * `kind: List` documents, and typed lists such as ConfigMapList, are validated item by item as
 * kubeconform and Argo CD take them: each item on its own, an item's error at `/items/<i>/...`.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SchemaValidator } from '../../generator/validate/schema-validator.js';
import { REPO_ROOT } from '../helpers.js';

const validator = new SchemaValidator({ schemaDir: path.join(REPO_ROOT, 'schemas/k8s') });
const check = (text: string) => validator.validateFiles([{ path: 'manifests/list.yaml', text }]).diagnostics;
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

const LIST = `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: ConfigMap
    metadata:
      name: one
  - apiVersion: v1
    kind: Service
    metadata:
      name: two
    spec:
      ports:
        - port: 80
  - apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: three
    spec:
      replicas: lots
      selector:
        matchLabels: { app: three }
      template:
        metadata:
          labels: { app: three }
        spec:
          containers:
            - name: c
              image: nginx
`;

describe('kind: List', () => {
  it('validates each item as its own resource; an item error names the item index and its line', () => {
    const d = check(LIST);
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ code: 'schema/invalid', pointer: '/items/2/spec/replicas', line: lineOf(LIST, 'replicas: lots'), document: 1 });
    expect(d[0]!.message).toMatch(/Deployment three \(item 2 of the List\)/);
    expect(d[0]!.message).toMatch(/must be integer/);
  });

  it('passes a valid List and an empty one', () => {
    expect(check(LIST.replace('replicas: lots', 'replicas: 2'))).toEqual([]);
    expect(check('apiVersion: v1\nkind: List\nitems: []\n')).toEqual([]);
  });

  it('needs kind and apiVersion on every item of a plain List', () => {
    const text = 'apiVersion: v1\nkind: List\nitems:\n  - metadata:\n      name: x\n';
    expect(check(text)).toMatchObject([{ code: 'schema/missing-kind', pointer: '/items/0' }]);
  });

  it('refuses items that are not a list', () => {
    expect(check('apiVersion: v1\nkind: List\nitems: {}\n')).toMatchObject([{ code: 'schema/invalid', pointer: '/items', line: 3 }]);
  });

  it('does not expand a List inside a List (kubeconform does not either)', () => {
    const text = 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: List\n    items: []\n';
    expect(check(text)).toMatchObject([{ code: 'schema/unknown-kind', pointer: '/items/0/kind' }]);
  });
});

describe('typed lists (ConfigMapList)', () => {
  it('validates the items, which take their kind and apiVersion from the list when they have none', () => {
    const text = `apiVersion: v1
kind: ConfigMapList
items:
  - metadata:
      name: a
    data:
      ok: "yes"
  - metadata:
      name: b
    data:
      count: 3
`;
    const d = check(text);
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ code: 'schema/invalid', pointer: '/items/1/data/count', line: lineOf(text, 'count: 3') });
    expect(d[0]!.message).toMatch(/ConfigMap b \(item 1 of the ConfigMapList\)/);
  });

  it('leaves a *List kind without items to the schema lookup', () => {
    expect(check('apiVersion: v1\nkind: WidgetList\nmetadata: {}\n')).toMatchObject([{ code: 'schema/unknown-kind' }]);
  });
});
