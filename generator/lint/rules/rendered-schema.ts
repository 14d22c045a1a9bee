import type { CrdFact, HydratedApp, RenderedObject } from '../../hydrate/types.js';
import { BUILT_IN_CLUSTER_SCOPED, BUILT_IN_NAMESPACED } from '../../model/api-versions.js';
import { groupOf } from '../../model/k8s.js';
import type { Diagnostic } from '../../model/diagnostics.js';
import { decodePointer } from '../../model/source.js';
import { valueAt } from '../../core/value-at.js';
import { CrdSchemas, type CrdCheckOutcome } from '../../schema/crd-schemas.js';
import type { SchemaProblem } from '../../schema/errors.js';
import { shippedSchemas } from '../../schema/kind-schemas.js';
import { atRenderedValue } from '../rendered-blame.js';
import { atChart, describeRendered, renderedTree, type RenderedApp } from '../rendered.js';
import type { LintContext, LintRule } from '../types.js';
import { finding } from '../blame.js';

/**
 * Helm accepts whatever a template prints; the API server does not. Every object Argo CD applies
 * is checked as strictly as the generated tree: built-in kinds against `schemas/k8s/`, custom
 * resources against the CRD that defines them (in the tree, or rendered by a chart). A kind with
 * neither is refused unless `validation.allowKinds` lets it through unchecked.
 */
export const renderedSchema: LintRule = {
  id: 'rendered/schema',
  scope: 'tree',
  severity: 'error',
  title: 'a rendered object does not match the schema of its kind (or the CRD of a custom resource), or no CRD defines its kind',
  hint: 'fix the value that renders it (the values key, or the chart version), or add the app that installs the CRD; a kind validated by nothing can be listed under validation.allowKinds in cluster.yaml',
  docs: 'lint-rules.md#rules-on-rendered-objects',
  check(ctx) {
    const render = renderedTree(ctx);
    if (!render) return [];
    const allow = new Set(ctx.plan.config.rootConfig.allowKinds);
    const kinds = shippedSchemas();
    const crds = new CrdSchemas();
    const out: Diagnostic[] = [];
    for (const h of render.apps) {
      for (const o of h.objects) {
        if (!o.applied) continue;
        const crd = o.group === '' ? undefined : render.crds.get(`${o.group}/${o.kind}`);
        const outcome: CrdCheckOutcome = crd ? crds.check(o.data, crd.object) : kinds.check(o.data);
        const against = crd ? `the CRD ${crdName(crd)} (${crd.from})` : 'schemas/k8s';
        const chart = () => atChart(ctx, h.app, h.sourceIndex);
        const about = `${describeRendered(o)} (chart ${h.chart.name} ${h.chart.version}, ${h.app.name})`;
        switch (outcome.status) {
          case 'checked':
            for (const p of outcome.problems) out.push(finding(this, blame(ctx, h, o, p), `${about}, ${p.pointer || '/'}: ${p.message} (checked against ${against})`, p.hint));
            break;
          case 'not-served':
            out.push(finding(this, chart(), `${about}: ${against} does not serve ${o.apiVersion}; it serves ${crd!.versions.join(', ') || 'no version'}`, 'use an apiVersion the CRD serves (a chart value or another chart version), or update the CRD'));
            break;
          case 'bad-schema':
            out.push(finding(this, chart(), `${about}: cannot check it against ${against}: ${outcome.problem}`));
            break;
          case 'no-schema': {
            // A CRD version without a schema checks nothing, as in the API server.
            if (crd) break;
            const builtIn = BUILT_IN_NAMESPACED.has(`${o.group}/${o.kind}`) || BUILT_IN_CLUSTER_SCOPED.has(`${o.group}/${o.kind}`);
            if (builtIn && !h.apiVersions.includes(`${o.apiVersion}/${o.kind}`)) {
              const served = h.apiVersions.filter((v) => v.endsWith(`/${o.kind}`) && groupOf(v.slice(0, -o.kind.length - 1)) === o.group).map((v) => v.slice(0, -o.kind.length - 1));
              out.push(finding(this, chart(), `${about}: Kubernetes ${kubeVersionOf(h)} does not serve ${o.apiVersion} ${o.kind}${served.length ? `; it serves ${served.join(', ')}` : ''}`, 'use a chart version (or a value) that renders an apiVersion the cluster serves, or set the cluster\'s settings.kubernetesVersion to what it runs'));
              break;
            }
            if (allow.has(o.kind) || allow.has(`${o.apiVersion}/${o.kind}`)) break;
            if (builtIn) {
              out.push(finding(this, chart(), `${about}: no schema for the built-in ${o.apiVersion} ${o.kind} ships in schemas/k8s, so it cannot be checked`, `list ${o.apiVersion}/${o.kind} under validation.allowKinds in cluster.yaml (it is then checked by nothing), or add the kind to generator/schemas-build/kinds.ts and run npm run schemas`));
              break;
            }
            out.push(
              finding(
                this,
                chart(),
                `${about}: no CRD for ${o.group === '' ? 'core' : o.group}/${o.kind} is in the tree or in a rendered chart, and no schema for ${o.apiVersion} ${o.kind} ships in schemas/k8s, so the API server refuses it until a CRD defines that kind`,
                `add the app that installs the CRD for ${o.group}/${o.kind} (its chart or manifests), or list ${o.apiVersion}/${o.kind} under validation.allowKinds in cluster.yaml if it is installed some other way`,
              ),
            );
          }
        }
      }
    }
    return out;
  },
};

/** An error at the values key that gives the offending value, when one does. */
function blame(ctx: LintContext, h: RenderedApp, o: RenderedObject, p: SchemaProblem) {
  const segments = decodePointer(p.pointer);
  const key = segments[segments.length - 1];
  const value = segments.length ? valueAt(o.data, segments) : undefined;
  if (key === undefined || value === undefined) return atChart(ctx, h.app, h.sourceIndex);
  return atRenderedValue(ctx, h, o, key, value);
}

function crdName(f: CrdFact): string {
  const md = f.object['metadata'] as { name?: unknown } | undefined;
  return typeof md?.name === 'string' ? md.name : `for ${f.group}/${f.kind}`;
}

/** The `--kube-version` the chart was rendered for. */
function kubeVersionOf(h: HydratedApp): string {
  const i = h.argv.indexOf('--kube-version');
  return i >= 0 ? (h.argv[i + 1] ?? '') : 'of the cluster';
}
