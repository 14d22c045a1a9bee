/**
 * Schemas from elsewhere (kubeconform's own test schemas, CRD catalogs) carry annotation keywords
 * ajv's strict mode does not know. They are ignored, neither crashing the validator nor checking
 * anything; a schema that cannot be read or compiled is a finding, never a crash.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SchemaValidator } from '../../generator/validate/schema-validator.js';
import { tempDir } from '../helpers.js';

function schemaDir(schemas: Record<string, unknown>): string {
  const dir = tempDir('schemas-');
  for (const [rel, schema] of Object.entries(schemas)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), typeof schema === 'string' ? schema : JSON.stringify(schema));
  }
  return dir;
}

const WIDGET = (spec: string) => `apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n${spec}`;

const ANNOTATED = {
  type: 'object',
  description: 'a widget',
  example: { spec: { size: 1 } },
  examples: [{}],
  'x-kubernetes-group-version-kind': [{ group: 'example.com', kind: 'Widget', version: 'v1' }],
  'x-kubernetes-something-new': true,
  'x-vendor-annotation': { anything: ['goes'] },
  nullable: true,
  properties: {
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    metadata: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
    // A property really named like an annotation is a property, and is still checked.
    spec: {
      type: 'object',
      additionalProperties: false,
      'x-kubernetes-validations': [{ rule: 'self.size > 0' }],
      properties: {
        size: { type: 'integer', example: 3, 'x-go-type': 'int32', $comment: 'why' },
        'x-note': { type: 'string' },
        description: { type: 'string', description: 'a field named description' },
      },
      anyOf: [{ required: ['size'], 'x-hint': 'size or note' }, { required: ['x-note'] }],
    },
  },
};

describe('annotation keywords in schemas', () => {
  it('ignores them and still validates what the schema says', () => {
    const v = new SchemaValidator({ schemaDir: schemaDir({ 'example.com/widget_v1.json': ANNOTATED }) });
    const ok = v.validateFiles([{ path: 'w.yaml', text: WIDGET('  size: 2\n  x-note: hi\n  description: d\n') }]);
    expect(ok.diagnostics).toEqual([]);
    const bad = v.validateFiles([{ path: 'w.yaml', text: WIDGET('  size: big\n  x-note: 3\n  extra: 1\n') }]).diagnostics;
    expect(bad.map((d) => d.pointer).sort()).toEqual(['/spec/extra', '/spec/size', '/spec/x-note']);
  });

  it('reports a schema that is not JSON, or does not compile, as a finding at the document', () => {
    const v = new SchemaValidator({
      schemaDir: schemaDir({ 'example.com/widget_v1.json': '{ "type": "object", ', 'example.com/gadget_v1.json': { type: 'object', properties: { spec: 'not a schema' } } }),
    });
    const d = v.validateFiles([{ path: 'w.yaml', text: `${WIDGET('  size: 1\n')}---\n${WIDGET('  size: 1\n').replace('Widget', 'Gadget')}` }]).diagnostics;
    expect(d.map((x) => [x.code, x.document, x.line])).toEqual([
      ['schema/bad-schema', 1, 2],
      ['schema/bad-schema', 2, 9],
    ]);
    expect(d[0]!.message).toMatch(/example\.com\/widget_v1\.json.*(JSON|Unexpected|position)/);
    expect(d[1]!.message).toMatch(/example\.com\/gadget_v1\.json/);
  });
});
