/**
 * Custom resources checked against the CRD that defines them: each CRD's schema for a version is
 * compiled on first use, once per CRD object.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Ajv, ValidateFunction } from 'ajv';
import { K8S_SCHEMA_DIR } from '../model/package.js';
import { withoutAnnotations } from './annotations.js';
import { crdVersionSchema, strictCrdSchema, type JsonSchema } from './crd-schema.js';
import { explainErrors } from './errors.js';
import { firstLineOf, schemaPath, type BadSchema, type CheckOutcome } from './kind-schemas.js';
import { strictAjv } from './strict-ajv.js';

/** What a check of a custom resource found; `not-served` when the CRD has no such version. */
export type CrdCheckOutcome = CheckOutcome | { status: 'not-served' };

export class CrdSchemas {
  private readonly ajv: Ajv = strictAjv();
  /** CRD object -> apiVersion/kind -> compiled schema, null when the version has none, or why it cannot be used. */
  private readonly compiled = new WeakMap<object, Map<string, ValidateFunction | null | BadSchema | 'not-served'>>();

  constructor(schemaDir = K8S_SCHEMA_DIR) {
    // Compiled once, referenced by every CRD's schema.
    this.ajv.addSchema(objectMetaSchema(schemaDir), OBJECT_META);
  }

  /** One custom resource (string `apiVersion` and `kind`) against `crd`, the CRD of its group and kind. */
  check(obj: Record<string, unknown>, crd: Record<string, unknown>): CrdCheckOutcome {
    const apiVersion = String(obj['apiVersion']);
    const kind = String(obj['kind']);
    const found = this.lookup(crd, apiVersion, kind);
    if (found === 'not-served') return { status: 'not-served' };
    if (found === null) return { status: 'no-schema' };
    if ('problem' in found) return { status: 'bad-schema', problem: found.problem };
    return { status: 'checked', problems: found(obj) ? [] : explainErrors(found.errors ?? []) };
  }

  private lookup(crd: Record<string, unknown>, apiVersion: string, kind: string): ValidateFunction | null | BadSchema | 'not-served' {
    let byVersion = this.compiled.get(crd);
    if (!byVersion) this.compiled.set(crd, (byVersion = new Map()));
    const key = `${apiVersion}/${kind}`;
    const cached = byVersion.get(key);
    if (cached !== undefined) return cached;
    const v = crdVersionSchema(crd, apiVersion.slice(apiVersion.lastIndexOf('/') + 1));
    let result: ValidateFunction | null | BadSchema | 'not-served';
    if (!v.served) result = 'not-served';
    else if (!v.schema) result = null;
    else {
      try {
        result = this.ajv.compile(strictCrdSchema(v.schema, apiVersion, kind, { $ref: OBJECT_META }, v.keepsUnknown));
      } catch (e) {
        result = { problem: `its openAPIV3Schema for ${apiVersion} does not compile: ${firstLineOf(e)}` };
      }
    }
    byVersion.set(key, result);
    return result;
  }
}

const OBJECT_META = 'kubernetes-object-meta';
const metaOf = new Map<string, JsonSchema>();

/**
 * ObjectMeta as the shipped core schemas define it, taken from the ConfigMap schema (whose only
 * definitions are ObjectMeta's), read once per folder.
 */
function objectMetaSchema(schemaDir: string): JsonSchema {
  let found = metaOf.get(schemaDir);
  if (!found) {
    const file = path.join(schemaDir, ...schemaPath('v1', 'ConfigMap').split('/'));
    const schema = withoutAnnotations(JSON.parse(fs.readFileSync(file, 'utf8'))) as JsonSchema;
    found = { ...(schema['properties'] as Record<string, JsonSchema>)['metadata'], definitions: schema['definitions'] };
    metaOf.set(schemaDir, found);
  }
  return found;
}
