import type { Diagnostic } from '../model/diagnostics.js';
import type { AppConfig, ChartRef } from '../model/config.js';
import { groupOf, type K8sObject } from '../model/k8s.js';
import { chartSecretUses } from '../components/chart-secrets.js';
import { EXTERNAL_SECRETS_COMPONENT, esoApp, generatedSecret, inboxSecret, producesWithEso } from '../components/eso-objects.js';
import type { AppInstance } from '../plan/types.js';

/**
 * The Secrets a chart's values name (`components/chart-secrets.ts`), made in the cluster with
 * External Secrets when it runs there: a generated password (Grafana's admin), or a copy from the
 * secrets inbox (Velero's object-store keys). A Secret the operator declares as an input is left
 * to them.
 */
export function chartSecretObjects(inst: AppInstance, chart: ChartRef | undefined, values: Record<string, unknown>): K8sObject[] {
  if (!chart) return [];
  const { app, ctx } = inst;
  const out: K8sObject[] = [];
  for (const use of chartSecretUses(chart.name, values)) {
    if (!producesWithEso(ctx, app.namespace, use.name)) continue;
    if (use.ref.produce.kind === 'generated') {
      const produce = use.ref.produce;
      const data = Object.fromEntries(
        use.ref.keys.map((k, i) => {
          const how = produce.values[k.key] ?? 'password';
          return [use.keys[i]!, how === 'password' ? '{{ .password }}' : how.literal];
        }),
      );
      out.push(...generatedSecret({ name: use.name, namespace: app.namespace, data }));
    } else {
      out.push(inboxSecret({ name: use.name, namespace: app.namespace, settings: ctx.settings, keys: Object.fromEntries(use.keys.map((k) => [k, k])) }));
    }
  }
  return out;
}

const ESO_GROUPS = new Set(['external-secrets.io', 'generators.external-secrets.io']);

/**
 * An app holding External Secrets objects must sync after the app that installs their CRDs and
 * controller on the same cluster; sync waves come only from `dependsOn`.
 */
export function esoDependency(inst: AppInstance, manifests: readonly K8sObject[]): Diagnostic[] {
  const eso = esoApp(inst.ctx);
  if (!eso || eso.name === inst.app.name || inst.app.component === EXTERNAL_SECRETS_COMPONENT) return [];
  const uses = manifests.find((m) => ESO_GROUPS.has(groupOf(m.apiVersion)));
  if (!uses || dependsOn(inst.app, eso.name, inst.ctx.appsOnCluster)) return [];
  return [
    {
      severity: 'error',
      code: 'render/eso-dependency',
      file: inst.app.file,
      pointer: inst.app.dependsOn.length ? '/dependsOn' : '',
      message: `app '${inst.app.name}' has ${uses.kind} ${uses.metadata.name}, but does not depend on '${eso.name}', which installs External Secrets on cluster ${inst.cluster.name}: its sync would not wait for the CRDs`,
      hint: `add ${eso.name} to dependsOn`,
    },
  ];
}

function dependsOn(app: AppConfig, target: string, apps: ReadonlyMap<string, AppConfig>, seen = new Set<string>()): boolean {
  for (const d of app.dependsOn) {
    if (d === target) return true;
    if (seen.has(d)) continue;
    seen.add(d);
    const next = apps.get(d);
    if (next && dependsOn(next, target, apps, seen)) return true;
  }
  return false;
}
