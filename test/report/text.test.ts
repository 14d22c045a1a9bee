import { describe, expect, it } from 'vitest';
import { textReporter } from '../../generator/report/text.js';
import { DIAGNOSTICS, REPORT } from './fixtures.js';

describe('text reporter', () => {
  it('prints sorted diagnostics with hints, then notes, then the summary', () => {
    expect(textReporter.format(REPORT)).toBe(
      [
        '<config>: error [check/drift] manifests/ differs from a fresh render',
        "cluster.yaml:1:1: error [config/required] missing property 'repoURL'",
        "manifests/apps/pi/web.yaml:12:5: error [schema/additional-property] unknown field 'automate' (at /spec/syncPolicy/automate)",
        "    hint: did you mean 'automated'?",
        'manifests/apps/pi/web.yaml:20:3: warning [lint/MESH-001] namespace web has no linkerd.io/inject annotation (document 2)',
        'note: kubeconform not found (set KUBECONFORM or put it on PATH); the built-in validator ran',
        'Summary: 2 files, 5 documents, 3 errors, 1 warning',
        '',
      ].join('\n'),
    );
  });

  it('counts errors and warnings itself when no summary is given', () => {
    expect(textReporter.format({ diagnostics: DIAGNOSTICS.slice(0, 1) })).toBe(
      'manifests/apps/pi/web.yaml:20:3: warning [lint/MESH-001] namespace web has no linkerd.io/inject annotation (document 2)\n' +
        'Summary: 0 errors, 1 warning\n',
    );
  });

  it('prints only the summary for a clean run', () => {
    expect(textReporter.format({ diagnostics: [], summary: { files: 1, documents: 1, errors: 0, warnings: 0 } })).toBe(
      'Summary: 1 file, 1 document, 0 errors, 0 warnings\n',
    );
  });
});
