import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../generator/model/diagnostics.js';
import { jsonReporter } from '../../generator/report/json.js';
import { REPORT } from './fixtures.js';

describe('json reporter', () => {
  it('prints sorted diagnostics with keys in a fixed order, then summary and notes', () => {
    expect(jsonReporter.format(REPORT)).toBe(`{
  "diagnostics": [
    {
      "severity": "error",
      "code": "check/drift",
      "message": "manifests/ differs from a fresh render"
    },
    {
      "severity": "error",
      "code": "config/required",
      "message": "missing property 'repoURL'",
      "file": "cluster.yaml",
      "line": 1,
      "col": 1
    },
    {
      "severity": "error",
      "code": "schema/additional-property",
      "message": "unknown field 'automate'",
      "file": "manifests/apps/pi/web.yaml",
      "line": 12,
      "col": 5,
      "document": 1,
      "pointer": "/spec/syncPolicy/automate",
      "hint": "did you mean 'automated'?"
    },
    {
      "severity": "warning",
      "code": "lint/MESH-001",
      "message": "namespace web has no linkerd.io/inject annotation",
      "file": "manifests/apps/pi/web.yaml",
      "line": 20,
      "col": 3,
      "document": 2
    }
  ],
  "summary": {
    "files": 2,
    "documents": 5,
    "errors": 3,
    "warnings": 1
  },
  "notes": [
    "kubeconform not found (set KUBECONFORM or put it on PATH); the built-in validator ran"
  ]
}
`);
  });

  it('does not depend on the key order the producer used', () => {
    const a: Diagnostic = { message: 'm "q"\n', code: 'c', severity: 'warning', pointer: '/a~1b', file: 'f.yaml' };
    const b: Diagnostic = { file: 'f.yaml', severity: 'warning', pointer: '/a~1b', code: 'c', message: 'm "q"\n' };
    const expected = `{
  "diagnostics": [
    {
      "severity": "warning",
      "code": "c",
      "message": "m \\"q\\"\\n",
      "file": "f.yaml",
      "pointer": "/a~1b"
    }
  ],
  "summary": {
    "errors": 0,
    "warnings": 1
  },
  "notes": []
}
`;
    expect(jsonReporter.format({ diagnostics: [a] })).toBe(expected);
    expect(jsonReporter.format({ diagnostics: [b] })).toBe(expected);
  });
});
