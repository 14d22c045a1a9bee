import { beforeAll, describe, expect, it } from 'vitest';
import { build, configCopy, lintEdited, lintFresh, replaceOnce, withCode, type Built } from './helpers.js';

const PROJECT = 'manifests/projects/platform.yaml';

describe('lint/project-wildcard', () => {
  let def: Built;
  beforeAll(async () => {
    def = await build(configCopy());
  });

  it('passes on the generated least-privilege projects', () => {
    expect(withCode(lintFresh(def), 'project-wildcard')).toEqual([]);
  });

  it('reports a wildcard source repository in a hand-edited project', () => {
    const found = withCode(lintEdited(def, { [PROJECT]: replaceOnce('  sourceRepos:\n', '  sourceRepos:\n    - "*"\n') }), 'project-wildcard');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'error', file: PROJECT, pointer: '/spec/sourceRepos/0' });
    expect(found[0]!.message).toMatch(/allows any source repository matching '\*'/);
  });

  it('reports wildcard destinations', () => {
    const found = withCode(lintEdited(def, { [PROJECT]: (t) => t.replace(/namespace: velero\n/, 'namespace: "*"\n') }), 'project-wildcard');
    expect(found.map((d) => d.message)).toEqual([expect.stringMatching(/allows destination namespace '\*'/)]);
  });

  it('points at the app file when an app asks for a wildcard cluster resource', async () => {
    const b = await build(configCopy({ 'apps/velero.yaml': (t) => `${t}  - { group: "*", kind: ClusterRole }\n` }));
    const found = withCode(lintFresh(b), 'project-wildcard');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: 'apps/velero.yaml', pointer: '/clusterResources/2' });
    expect(found[0]!.message).toMatch(/clusterResourceWhitelist entry '\*\/ClusterRole'/);
    expect(found[0]!.line).toBeGreaterThan(1);
  });
});
