import type { Diagnostic } from '../model/diagnostics.js';
import type { Plan } from '../plan/types.js';
import { MANIFESTS_DIR } from '../model/files.js';
import type { RenderResult } from '../render/types.js';
import type { OutputFile } from '../model/output.js';
import { SchemaValidator } from './schema-validator.js';
import { createLintContext, runLint } from '../lint/index.js';
import { K8S_SCHEMA_DIR } from '../model/package.js';
import { shippedSchemas } from '../schema/kind-schemas.js';

/** The strict schemas ship with the generator (kubeconform catalog layout). */
export { K8S_SCHEMA_DIR };

export interface OutputValidation {
  diagnostics: Diagnostic[];
  documents: number;
}

/** Files Argo CD applies as Kubernetes objects: everything YAML in manifests/ but the Helm values. */
export function isManifestPath(p: string): boolean {
  return p.startsWith(`${MANIFESTS_DIR}/`) && p.endsWith('.yaml') && !p.startsWith(`${MANIFESTS_DIR}/values/`);
}

let cached: { key: string; validator: SchemaValidator } | undefined;

/** One validator per allow-list over the process's one set of shipped schemas (compiled lazily, per kind). */
export function schemaValidator(allowKinds: readonly string[]): SchemaValidator {
  const key = [...allowKinds].sort().join(',');
  if (!cached || cached.key !== key) cached = { key, validator: new SchemaValidator({ schemaDir: K8S_SCHEMA_DIR, allowKinds: [...allowKinds], schemas: shippedSchemas() }) };
  return cached.validator;
}

/** Strict schema check of every emitted object, then the lint rules over the tree. */
export function validateOutput(plan: Plan, rendered: RenderResult, files: OutputFile[]): OutputValidation {
  const text = new Map(files.map((f) => [f.path, f.content]));
  const manifests = rendered.files
    .filter((f) => isManifestPath(f.path) && f.documents)
    .map((f) => ({ path: f.path, text: text.get(f.path)!, documents: f.documents! }));
  const result = schemaValidator(plan.config.rootConfig.allowKinds).validateRendered(manifests);
  const lint = runLint(createLintContext({ plan, rendered, files }));
  return { diagnostics: [...result.diagnostics, ...lint], documents: result.documents };
}
