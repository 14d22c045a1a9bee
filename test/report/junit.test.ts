import { describe, expect, it } from 'vitest';
import { junitReporter } from '../../generator/report/junit.js';
import { REPORT } from './fixtures.js';

describe('junit reporter', () => {
  it('writes one suite per file and one case per diagnostic; errors fail, warnings pass', () => {
    expect(junitReporter.format(REPORT)).toBe(`<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="gitops-check" tests="4" failures="3" errors="0">
  <testsuite name="&lt;config&gt;" tests="1" failures="1" errors="0">
    <testcase name="check/drift" classname="&lt;config&gt;">
      <failure message="manifests/ differs from a fresh render" type="check/drift">&lt;config&gt;: error [check/drift] manifests/ differs from a fresh render</failure>
    </testcase>
  </testsuite>
  <testsuite name="cluster.yaml" tests="1" failures="1" errors="0">
    <testcase name="config/required (line 1, col 1)" classname="cluster.yaml" file="cluster.yaml" line="1">
      <failure message="missing property &apos;repoURL&apos;" type="config/required">cluster.yaml:1:1: error [config/required] missing property 'repoURL'</failure>
    </testcase>
  </testsuite>
  <testsuite name="manifests/apps/pi/web.yaml" tests="2" failures="1" errors="0">
    <testcase name="schema/additional-property (line 12, col 5)" classname="manifests/apps/pi/web.yaml" file="manifests/apps/pi/web.yaml" line="12">
      <failure message="unknown field &apos;automate&apos;" type="schema/additional-property">manifests/apps/pi/web.yaml:12:5: error [schema/additional-property] unknown field 'automate' (at /spec/syncPolicy/automate)
    hint: did you mean 'automated'?</failure>
    </testcase>
    <testcase name="lint/MESH-001 (line 20, col 3)" classname="manifests/apps/pi/web.yaml" file="manifests/apps/pi/web.yaml" line="20">
      <system-out>manifests/apps/pi/web.yaml:20:3: warning [lint/MESH-001] namespace web has no linkerd.io/inject annotation (document 2)</system-out>
    </testcase>
  </testsuite>
</testsuites>
`);
  });

  it('escapes markup, quotes, line breaks in attributes and characters XML cannot hold', () => {
    const out = junitReporter.format({
      diagnostics: [
        {
          severity: 'error',
          code: 'lint/X&Y',
          message: 'a <b> & "c" \'d\'\nnext\tline\u0007 ]]> \uD800',
          file: 'apps/a&b.yaml',
          document: 3,
        },
      ],
    });
    expect(out).toBe(`<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="gitops-check" tests="1" failures="1" errors="0">
  <testsuite name="apps/a&amp;b.yaml" tests="1" failures="1" errors="0">
    <testcase name="lint/X&amp;Y (document 3)" classname="apps/a&amp;b.yaml" file="apps/a&amp;b.yaml">
      <failure message="a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;&#10;next&#9;line\\u0007 ]]&gt; \\uD800" type="lint/X&amp;Y">apps/a&amp;b.yaml: error [lint/X&amp;Y] a &lt;b&gt; &amp; "c" 'd'
next\tline\\u0007 ]]&gt; \\uD800 (document 3)</failure>
    </testcase>
  </testsuite>
</testsuites>
`);
  });

  it('writes an empty testsuites element for a clean run', () => {
    expect(junitReporter.format({ diagnostics: [] })).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="gitops-check" tests="0" failures="0" errors="0"/>\n',
    );
  });
});
