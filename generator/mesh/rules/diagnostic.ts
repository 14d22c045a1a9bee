import type { Diagnostic } from '../../model/diagnostics.js';
import { ruleCode } from '../../model/rules.js';
import type { AppInstance } from '../../plan/types.js';
import type { MeshRule } from '../types.js';

/** A finding of `rule` about the app file of `instance`; the cluster is named because apps fan out. */
export function finding(rule: Pick<MeshRule, 'id' | 'scope' | 'severity'>, instance: AppInstance, pointer: string, message: string, hint: string): Diagnostic {
  return {
    severity: rule.severity,
    code: ruleCode(rule),
    file: instance.app.file,
    pointer,
    message: `${message} (cluster '${instance.cluster.name}')`,
    hint,
  };
}

/** The inject values that put a proxy into a pod. */
export function meshes(inject: unknown): boolean {
  return inject === 'enabled' || inject === 'ingress';
}
