import type { Diagnostic } from '../../generator/model/diagnostics.js';
import type { Report } from '../../generator/report/index.js';

/** Deliberately out of order: every reporter must sort. */
export const DIAGNOSTICS: Diagnostic[] = [
  {
    severity: 'warning',
    code: 'lint/MESH-001',
    message: 'namespace web has no linkerd.io/inject annotation',
    file: 'manifests/apps/pi/web.yaml',
    line: 20,
    col: 3,
    document: 2,
  },
  {
    severity: 'error',
    code: 'schema/additional-property',
    message: "unknown field 'automate'",
    file: 'manifests/apps/pi/web.yaml',
    line: 12,
    col: 5,
    document: 1,
    pointer: '/spec/syncPolicy/automate',
    hint: "did you mean 'automated'?",
  },
  { severity: 'error', code: 'config/required', message: "missing property 'repoURL'", file: 'cluster.yaml', line: 1, col: 1 },
  { severity: 'error', code: 'check/drift', message: 'manifests/ differs from a fresh render' },
];

export const REPORT: Report = {
  diagnostics: DIAGNOSTICS,
  summary: { files: 2, documents: 5, errors: 3, warnings: 1 },
  notes: ['kubeconform not found (set KUBECONFORM or put it on PATH); the built-in validator ran'],
};
