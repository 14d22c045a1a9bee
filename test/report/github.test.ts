import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, githubReporter } from '../../generator/report/github.js';
import { REPORT } from './fixtures.js';

describe('github reporter', () => {
  it('turns diagnostics into ::error/::warning annotations, notes into ::notice, and ends with the summary', () => {
    expect(githubReporter.format(REPORT)).toBe(
      [
        '::error title=check/drift::manifests/ differs from a fresh render',
        "::error file=cluster.yaml,line=1,col=1,title=config/required::missing property 'repoURL'",
        "::error file=manifests/apps/pi/web.yaml,line=12,col=5,title=schema/additional-property::unknown field 'automate' (at /spec/syncPolicy/automate)%0Ahint: did you mean 'automated'?",
        '::warning file=manifests/apps/pi/web.yaml,line=20,col=3,title=lint/MESH-001::namespace web has no linkerd.io/inject annotation (document 2)',
        '::notice::kubeconform not found (set KUBECONFORM or put it on PATH); the built-in validator ran',
        'Summary: 2 files, 5 documents, 3 errors, 1 warning',
        '',
      ].join('\n'),
    );
  });

  it('escapes % CR LF in the message, and also : and , in properties', () => {
    const out = githubReporter.format({
      diagnostics: [
        {
          severity: 'warning',
          code: 'lint/A:B,C',
          message: '100% sure: a,b\r\nnext %0A',
          file: 'dir,x/a:b.yaml',
          line: 2,
        },
      ],
    });
    expect(out).toBe(
      '::warning file=dir%2Cx/a%3Ab.yaml,line=2,title=lint/A%3AB%2CC::100%25 sure: a,b%0D%0Anext %250A\n' +
        'Summary: 0 errors, 1 warning\n',
    );
  });

  it('exposes the escaping rules', () => {
    expect(escapeData('%\r\n:,')).toBe('%25%0D%0A:,');
    expect(escapeProperty('%\r\n:,')).toBe('%25%0D%0A%3A%2C');
  });
});
