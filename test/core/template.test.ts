import { describe, expect, it } from 'vitest';
import { renderTemplate } from '../../generator/render/template.js';
import { toYaml } from '../../generator/core/serialize.js';

const ctx = {
  settings: { domain: 'pi.example.com', replicas: 2, enabled: true, tags: { team: 'a' } },
  vars: { owner: 'team-a: primary # on-call', evil: 'x\nkind: Secret\ndata:\n  token: c2VjcmV0', hash: '#not-a-comment' },
  cluster: { name: 'pi' },
};

describe('templates: YAML first, Handlebars per string value', () => {
  it('renders variables inside strings', () => {
    const r = renderTemplate('values/a/values.yaml', 'host: "grafana.{{settings.domain}}"\n', ctx);
    expect(r.diagnostics).toEqual([]);
    expect(r.documents).toEqual([{ host: 'grafana.pi.example.com' }]);
  });

  it.each([
    ['": " and "#"', 'vars.owner', 'team-a: primary # on-call'],
    ['a newline followed by kind: Secret', 'vars.evil', 'x\nkind: Secret\ndata:\n  token: c2VjcmV0'],
    ['a leading #', 'vars.hash', '#not-a-comment'],
  ])('a value holding %s stays one string', (_label, variable, expected) => {
    const r = renderTemplate('values/a/values.yaml', `note: "{{${variable}}}"\nother: 1\n`, ctx);
    expect(r.diagnostics).toEqual([]);
    expect(r.documents).toEqual([{ note: expected, other: 1 }]);
    // ...and it survives serialisation and a re-parse unchanged.
    expect(toYaml(r.documents[0])).toContain('other: 1');
    const reparsed = renderTemplate('x.yaml', toYaml(r.documents[0]), {}).documents[0];
    expect(reparsed).toEqual({ note: expected, other: 1 });
  });

  it('keeps an escaped \\{{ as a literal {{ (e.g. a Prometheus alert template)', () => {
    const r = renderTemplate('values/a/values.yaml', "summary: '\\{{ $labels.pod }} on {{cluster.name}}'\n", ctx);
    expect(r.diagnostics).toEqual([]);
    expect(r.documents).toEqual([{ summary: '{{ $labels.pod }} on pi' }]);
  });

  it('never renders a variable\'s content again: a literal {{ in a var stays literal, in a string or in a map', () => {
    const lit = { ...ctx, vars: { alert: '{{ $labels.pod }} down', rules: { summary: '{{ $value }}' } } };
    const r = renderTemplate('values/a/values.yaml', 'a: "{{vars.alert}}"\nb: "{{vars.rules}}"\n', lit);
    expect(r.diagnostics).toEqual([]);
    expect(r.documents).toEqual([{ a: '{{ $labels.pod }} down', b: { summary: '{{ $value }}' } }]);
  });

  it('substitutes a whole-value variable with its typed value', () => {
    const r = renderTemplate('v.yaml', 'replicas: "{{settings.replicas}}"\non: "{{ settings.enabled }}"\nlabels: "{{settings.tags}}"\n', ctx);
    expect(r.documents).toEqual([{ replicas: 2, on: true, labels: { team: 'a' } }]);
  });

  it('keeps a rendered string a string even when it reads as a number', () => {
    const r = renderTemplate('v.yaml', 'port: "{{settings.replicas}}0"\n', ctx);
    expect(r.documents).toEqual([{ port: '20' }]);
  });

  it('names the template, line and variable of a missing variable', () => {
    const r = renderTemplate('values/grafana/values.yaml', 'a: 1\nb:\n  c: "https://{{settings.domian}}/x"\n', ctx);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({
      code: 'template/missing-variable',
      file: 'values/grafana/values.yaml',
      line: 3,
      message: "template variable 'settings.domian' is not defined; did you mean 'settings.domain'?",
    });
    expect(r.diagnostics[0]!.hint).toContain('settings');
  });

  it('reports a missing whole-value variable too', () => {
    const r = renderTemplate('v.yaml', 'x: "{{vars.nope}}"\n', ctx);
    expect(r.diagnostics[0]).toMatchObject({ code: 'template/missing-variable', line: 1, message: "template variable 'vars.nope' is not defined" });
  });

  it('reports a template that is not YAML with its position and a hint', () => {
    const r = renderTemplate('v.yaml', 'a: 1\n{{#if x}}\nb: 2\n{{/if}}\n', ctx);
    expect(r.diagnostics.length).toBeGreaterThan(0);
    expect(r.diagnostics[0]).toMatchObject({ code: 'template/not-yaml', file: 'v.yaml', line: 2 });
    expect(r.diagnostics[0]!.hint).toMatch(/parsed as YAML/);
  });

  it('refuses inherited properties instead of rendering them empty', () => {
    const r = renderTemplate('v.yaml', 'a: "x-{{vars.constructor}}"\nb: "{{vars.toString}}"\n', { vars: {} });
    expect(r.diagnostics.map((d) => d.message)).toEqual(["template variable 'vars.constructor' is not defined", "template variable 'vars.toString' is not defined"]);
  });

  it('refuses an unquoted expression, which YAML would read as a map', () => {
    const r = renderTemplate('v.yaml', '# {{comment}} is fine\nteam: {{vars.team}}\nok: "{{vars.team}}"\n', { vars: { team: 'a' } });
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: 'template/unquoted-expression', line: 2, col: 7 });
    expect(r.diagnostics[0]!.hint).toContain('"{{vars.team}}"');
  });

  it('explains a Handlebars syntax error with what it expected', () => {
    const r = renderTemplate('v.yaml', 'a: "{{#if x}x{{/if}}"\n', {});
    expect(r.diagnostics[0]!.code).toBe('template/error');
    expect(r.diagnostics[0]!.message).toMatch(/Parse error on line 1: Expecting/);
  });

  it('does not HTML-escape', () => {
    const r = renderTemplate('v.yaml', 'u: "{{vars.q}}"\n', { vars: { q: 'a<b & "c" ?x=1&y=2' } });
    expect(r.documents).toEqual([{ u: 'a<b & "c" ?x=1&y=2' }]);
  });

  it('renders each document of a multi-document template', () => {
    const r = renderTemplate('r.yaml', 'kind: A\nname: "{{cluster.name}}"\n---\nkind: B\n', ctx);
    expect(r.documents).toEqual([{ kind: 'A', name: 'pi' }, { kind: 'B' }]);
  });
});
