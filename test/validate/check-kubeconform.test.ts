import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyDefaultConfig, REPO_ROOT, run, writeFiles } from '../helpers.js';

const STANDIN = path.join(REPO_ROOT, 'test/fixtures/kubeconform-standin/kubeconform');
const saved = process.env['KUBECONFORM'];
afterEach(() => {
  if (saved === undefined) delete process.env['KUBECONFORM'];
  else process.env['KUBECONFORM'] = saved;
});

describe('check with kubeconform', () => {
  it('says once that only the built-in validator ran when kubeconform is absent', async () => {
    process.env['KUBECONFORM'] = path.join(REPO_ROOT, 'no-such-kubeconform');
    const root = copyDefaultConfig();
    await run(['generate', '--root', root]);
    const r = await run(['check', '--root', root]);
    expect(r.code).toBe(0);
    expect(r.out.match(/kubeconform not found/g)).toHaveLength(1);
  });

  it('merges kubeconform findings into the report', async () => {
    process.env['KUBECONFORM'] = STANDIN;
    const root = copyDefaultConfig();
    await run(['generate', '--root', root]);
    const ok = await run(['check', '--root', root]);
    expect(ok.code, ok.out).toBe(0);
    expect(ok.out).toMatch(/kubeconform v0\.7\.0 checked \d+ files/);
    writeFiles(root, {
      'manifests/apps/pi/extra.yaml': '# standin: invalid /data/x got number, want string\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n  namespace: argocd\ndata:\n  x: "1"\n',
    });
    const bad = await run(['check', '--root', root]);
    expect(bad.code).toBe(3); // also check/unmanaged-file: a hand-written file the root app applies
    expect(bad.out).toMatch(/manifests\/apps\/pi\/extra\.yaml.*\[kubeconform\/invalid\].*got number, want string/);
  });

  it('places nested kubeconform errors at file:line:col of the deepest cause, in the right document', async () => {
    process.env['KUBECONFORM'] = STANDIN;
    const root = copyDefaultConfig();
    await run(['generate', '--root', root]);
    const first = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: first\n  namespace: argocd\n';
    const second =
      '# standin: invalid /data anyOf failed\n# standin: invalid> /data/x got number, want string\n# standin: invalid> /data got object, want null\n' +
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: second\n  namespace: argocd\ndata:\n  x: "1"\n';
    writeFiles(root, { 'manifests/apps/pi/extra.yaml': `${first}---\n${second}` });
    const bad = await run(['check', '--root', root]);
    const line = `${first}---\n${second}`.split('\n').indexOf('  x: "1"') + 1;
    expect(bad.out).toContain(
      `manifests/apps/pi/extra.yaml:${line}:6: error [kubeconform/invalid] ConfigMap second: anyOf failed at /data: got number, want string (at /data/x); got object, want null (at /data)`,
    );
  });
});
