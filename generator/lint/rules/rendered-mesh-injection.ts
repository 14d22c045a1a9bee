import { isPlainObject } from '../../core/merge.js';
import { valueAt } from '../../core/value-at.js';
import type { RenderedObject } from '../../hydrate/types.js';
import { INJECT, SKIP_OUTBOUND_PORTS } from '../../mesh/annotations.js';
import { nativeSidecarSupport, type NativeSidecarSupport } from '../../mesh/native-sidecar.js';
import { injectionOf, podFactsOf, proxyConfig, runsNativeSidecar, type Injection, type PodFacts } from '../../mesh/pod-injection.js';
import { findRecipe } from '../../mesh/recipes/index.js';
import { neverMeshReason, neverMeshWorkloadOf, tokenlessEckPods, unskippedPorts } from '../../mesh/workload-checks.js';
import { isRunToCompletion, podTemplatePath, usesLinkerdAwait } from '../../mesh/workloads.js';
import type { Diagnostic } from '../../model/diagnostics.js';
import type { K8sObject } from '../../model/k8s.js';
import { decodePointer } from '../../model/source.js';
import { finding, type Where } from '../blame.js';
import { meshCause, namespaceMeta, type NamespaceMeta } from '../namespace-metadata.js';
import { atRenderedValue } from '../rendered-blame.js';
import { atChart, describeRendered, renderedTree, type RenderedApp } from '../rendered.js';
import { appConfig } from '../tree.js';
import type { LintContext, LintRule } from '../types.js';

/**
 * The mesh as the charts really render it: which pod templates Linkerd injects (their own
 * `linkerd.io/inject`, else their namespace's; never hostNetwork pods), and, on those, the checks
 * the mesh rules make on values at generate time: a run-to-completion pod with a classic sidecar
 * never finishes, a recipe's never-mesh workload must stay out, a recipe's outbound ports must be
 * skipped, and ECK pods without a service-account token get no proxy.
 */
export const renderedMeshInjection: LintRule = {
  id: 'rendered/mesh-injection',
  scope: 'tree',
  severity: 'error',
  title: 'a rendered pod template Linkerd injects breaks: a Job that never completes without native sidecars, a never-mesh workload, an unskipped port, an ECK pod without token',
  hint: `set ${INJECT}: disabled on the pod template (through the chart's values), or mesh: off for the app`,
  docs: 'lint-rules.md#rules-on-rendered-objects',
  check(ctx) {
    const render = renderedTree(ctx);
    if (!render) return [];
    const out: Diagnostic[] = [];
    const namespaces = new Map<string, NamespaceMeta>();
    const nsOf = (cluster: string | undefined, ns: string | undefined): NamespaceMeta => {
      const key = `${cluster ?? ''}/${ns ?? ''}`;
      let m = namespaces.get(key);
      if (!m) namespaces.set(key, (m = ns === undefined ? { name: '', annotations: {}, labels: {}, whereAnnotation: () => undefined } : namespaceMeta(ctx, render.apps, cluster, ns)));
      return m;
    };
    for (const h of render.apps) {
      const support = supportOn(ctx, h.app.cluster);
      const cfg = appConfig(ctx, h.app.app);
      const recipe = findRecipe({ ...(cfg?.component !== undefined ? { component: cfg.component } : {}), chart: h.chart }, []);
      const about = (o: RenderedObject) => `${describeRendered(o)} (chart ${h.chart.name} ${h.chart.version}, ${h.app.name})`;
      for (const o of h.objects) {
        if (!o.applied) continue;
        const ns = nsOf(h.app.cluster, o.namespace);
        for (const pod of podTemplatesOf(o)) {
          const inj = injectionOf(pod.facts, ns);
          if (!inj.injected) continue;
          const how = `${INJECT}: ${inj.mode} on ${inj.from === 'pod' ? 'its pod template' : `namespace ${ns.name}`}`;
          const cause = () => injectionCause(ctx, h, o, inj, ns);

          if (support && runsToCompletion(o) && !runsNativeSidecar(support, pod.facts, ns) && !usesLinkerdAwait(o.data as unknown as K8sObject)) {
            out.push(
              finding(
                this,
                cause(),
                `${about(o)} gets a Linkerd proxy (${how}) but ${nativeReason(support)}: the proxy keeps running after the job's container exits, so ${o.kind === 'CronJob' ? 'its Jobs never complete' : o.kind === 'Pod' ? 'the Pod never completes' : 'the Job never completes'}`,
                `set ${INJECT}: disabled on its pod template (through the chart's values), or run the cluster on a Linkerd release with native sidecars (2.20+, or the opt-in annotation ${support.annotation ?? 'of the release'} on 2.15–2.19, on Kubernetes >= 1.29), or start the command with linkerd-await --shutdown`,
              ),
            );
          }
          const never = neverMeshWorkloadOf(recipe, o.kind, o.name);
          if (recipe && never) {
            out.push(finding(this, cause(), `${about(o)} gets a Linkerd proxy (${how}), but ${neverMeshReason(recipe, never)}`, never.podAnnotationsPath ? `set ${INJECT}: disabled under ${never.podAnnotationsPath.join('.')} in the values, or remove what injects it` : undefined));
          }
          const missing = unskippedPorts(recipe?.requiredSkipOutboundPorts ?? [], proxyConfig(SKIP_OUTBOUND_PORTS, pod.facts, ns));
          if (recipe && missing.length) {
            out.push(
              finding(
                this,
                cause(),
                `${about(o)} gets a Linkerd proxy (${how}) whose ${SKIP_OUTBOUND_PORTS} is '${proxyConfig(SKIP_OUTBOUND_PORTS, pod.facts, ns) ?? ''}', without ${missing.join(', ')}: ${recipe.id} must reach those ports around the proxy`,
                `add ${missing.join(',')} to ${SKIP_OUTBOUND_PORTS} on its pod template (or remove your value: the generator sets it)`,
              ),
            );
          }
        }
        for (const pointer of tokenlessEckPods(o.data as unknown as K8sObject)) {
          const template = valueAt(o.data, decodePointer(pointer).slice(0, -1));
          const inj = injectionOf(podFactsOf(template), ns);
          if (!inj.injected) continue;
          out.push(
            finding(
              this,
              atRenderedValue(ctx, h, o, 'automountServiceAccountToken', false),
              `${about(o)} sets ${pointer}/automountServiceAccountToken: false while its pods are to be meshed (${INJECT}: ${inj.mode} on ${inj.from === 'pod' ? 'the pod template' : `namespace ${ns.name}`}); the Linkerd proxy needs the token for its identity, so they get none`,
              'remove automountServiceAccountToken: false from the values, or keep the namespace out of the mesh',
            ),
          );
        }
      }
    }
    return out;
  },
};

interface RenderedPod {
  /** JSON pointer of the pod template in the object. */
  pointer: string;
  facts: PodFacts;
}

/** The API group of each kind with a pod template: a custom `Deployment` of another group is not one. */
const WORKLOAD_GROUP: Readonly<Record<string, string>> = { Pod: '', Job: 'batch', CronJob: 'batch', Deployment: 'apps', StatefulSet: 'apps', DaemonSet: 'apps', ReplicaSet: 'apps' };

/** The pod template of a workload (a Pod is its own); none for other kinds. */
function podTemplatesOf(o: RenderedObject): RenderedPod[] {
  const path = podTemplatePath(o.kind);
  if (!path || WORKLOAD_GROUP[o.kind] !== o.group) return [];
  const template = valueAt(o.data, path);
  return isPlainObject(template) ? [{ pointer: path.length ? `/${path.join('/')}` : '', facts: podFactsOf(template) }] : [];
}

/** Jobs, CronJobs and Pods that are meant to exit. */
function runsToCompletion(o: RenderedObject): boolean {
  if (isRunToCompletion(o.data as unknown as K8sObject)) return true;
  const policy = valueAt(o.data, ['spec', 'restartPolicy']);
  return o.kind === 'Pod' && (policy === 'Never' || policy === 'OnFailure');
}

/** Native-sidecar support of the cluster an app runs on (the only cluster, for an app without one). */
function supportOn(ctx: LintContext, cluster: string | undefined): NativeSidecarSupport | undefined {
  const clusters = ctx.plan.clusters;
  const c = cluster !== undefined ? clusters.find((x) => x.name === cluster) : clusters.length === 1 ? clusters[0] : undefined;
  return c ? nativeSidecarSupport(c.settings.linkerd.version, c.settings.kubernetesVersion) : undefined;
}

function nativeReason(s: NativeSidecarSupport): string {
  if (!s.available) return s.reason;
  return s.byDefault ? `native sidecars are turned off for it (${s.annotation ?? 'the opt-out annotation'}: "false")` : `${s.reason}, and it is not opted in`;
}

/**
 * The config line behind an injection: the values key that sets the pod template's annotation
 * (the app's `mesh:` when the generator wrote it there), or where the namespace's annotation is set.
 */
function injectionCause(ctx: LintContext, h: RenderedApp, o: RenderedObject, inj: Injection & { injected: true }, ns: NamespaceMeta): Where {
  if (inj.from === 'namespace') return ns.whereAnnotation(INJECT) ?? atChart(ctx, h.app, h.sourceIndex);
  const where = atRenderedValue(ctx, h, o, INJECT, inj.mode);
  // A value only the generated values file has came from the mesh recipe, so from the app's mesh setting.
  if (ctx.fresh.has(where.file) && h.app.valueFiles.includes(where.file)) return meshCause(ctx, h.app.app) ?? where;
  return where;
}
