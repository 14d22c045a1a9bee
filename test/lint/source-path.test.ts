import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build, configCopy, lintEdited, lintFresh, LINT_FIXTURES, replaceOnce, withCode, type Built } from './helpers.js';

describe('lint/source-path', () => {
  let def: Built;
  let sets: Built;
  beforeAll(async () => {
    def = await build(configCopy());
    sets = await build(configCopy({}, path.join(LINT_FIXTURES, 'appsets')));
  });

  it('passes when every $values file and directory is in the tree', () => {
    expect(withCode(lintFresh(def), 'source-path')).toEqual([]);
    expect(withCode(lintFresh(sets), 'source-path')).toEqual([]);
  });

  it('reports a $values file missing from the tree at the valueFiles entry', () => {
    const found = withCode(lintEdited(def, { 'manifests/values/pi/linkerd-control-plane.yaml': null }), 'source-path');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'error', file: 'manifests/apps/pi/linkerd-control-plane.yaml', pointer: '/spec/sources/0/helm/valueFiles/0' });
    expect(found[0]!.message).toMatch(/values file manifests\/values\/pi\/linkerd-control-plane\.yaml, which is not in the tree/);
  });

  it('reports a directory source with no files', () => {
    const gone = Object.fromEntries(def.files.filter((f) => f.path.startsWith('manifests/resources/pi/linkerd-identity/')).map((f) => [f.path, null]));
    const found = withCode(lintEdited(def, gone), 'source-path');
    expect(found.map((d) => [d.file, d.pointer])).toEqual([['manifests/apps/pi/linkerd-identity.yaml', '/spec/source/path']]);
  });

  it('reports a $ref that no source defines', () => {
    const found = withCode(lintEdited(def, { 'manifests/apps/pi/linkerd-control-plane.yaml': replaceOnce('ref: values', 'ref: vals') }), 'source-path');
    expect(found.map((d) => d.message)).toEqual([expect.stringMatching(/no source has ref: values/)]);
  });

  it('resolves {{.cluster}} per ApplicationSet element', () => {
    const found = withCode(lintEdited(sets, { 'manifests/values/home/web.yaml': null }), 'source-path');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: 'manifests/appsets/web.yaml', pointer: '/spec/template/spec/sources/0/helm/valueFiles/0' });
    expect(found[0]!.message).toMatch(/^ApplicationSet web \(element 2, cluster home\) reads values file manifests\/values\/home\/web\.yaml/);

    const dirs = withCode(lintEdited(sets, { 'manifests/resources/lab/base/configmap-base-settings.yaml': null }), 'source-path');
    expect(dirs.map((d) => d.message)).toEqual([expect.stringMatching(/\(element 1, cluster lab\) deploys directory manifests\/resources\/lab\/base/)]);
  });

  it('reports a template field the list elements do not define', () => {
    const found = withCode(lintEdited(sets, { 'manifests/appsets/base.yaml': replaceOnce('path: manifests/resources/{{.cluster}}/base', 'path: manifests/resources/{{.region}}/base') }), 'source-path');
    expect(found.length).toBe(2);
    expect(found[0]!.message).toMatch(/\{\{\.region\}\}, which the list element does not define/);
  });
});
