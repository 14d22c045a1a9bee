import type { Diagnostic } from '../../model/diagnostics.js';
import { IDENTITY_ISSUER } from '../../components/linkerd-identity.js';
import { at, atSetting, deployerOf, finding, fromTemplate, preferConfig, type Where } from '../blame.js';
import { formatDuration, parseGoDuration } from '../duration.js';
import { appConfig, obj, str, treeOf, type TreeObject } from '../tree.js';
import type { LintContext, LintRule } from '../types.js';

/** cert-manager's default when `duration` is not set: 90 days. */
const DEFAULT_DURATION = '2160h';

/**
 * cert-manager refuses a Certificate whose renewBefore is not below its duration, so it is never
 * issued and whatever waits for its Secret (the Linkerd identity controller) never starts.
 */
export const certRenewBefore: LintRule = {
  id: 'cert-renew-before',
  scope: 'tree',
  severity: 'error',
  title: 'a cert-manager Certificate whose renewBefore is not below its duration (or either is not a Go duration)',
  hint: 'make renewBefore shorter than duration, both as Go durations (e.g. duration: 48h0m0s, renewBefore: 25h0m0s)',
  docs: 'lint-rules.md#cert-renew-before',
  check(ctx) {
    const out: Diagnostic[] = [];
    for (const o of treeOf(ctx).objects) {
      if (o.group !== 'cert-manager.io' || o.kind !== 'Certificate') continue;
      const spec = obj(o.data['spec']);
      const renewText = str(spec['renewBefore']);
      if (renewText === undefined) continue; // cert-manager then renews at 2/3 of the duration
      const durationText = str(spec['duration']) ?? DEFAULT_DURATION;
      const duration = parseGoDuration(durationText);
      const renew = parseGoDuration(renewText);
      const name = `Certificate ${o.namespace ? `${o.namespace}/` : ''}${o.name}`;
      if (duration === undefined && spec['duration'] !== undefined) {
        out.push(finding(this, where(ctx, o, 'duration'), `${name}: duration '${durationText}' is not a Go duration`, 'use Go duration units: h, m, s (e.g. 2160h for 90 days); days are not a unit'));
        continue;
      }
      if (renew === undefined) {
        out.push(finding(this, where(ctx, o, 'renewBefore'), `${name}: renewBefore '${renewText}' is not a Go duration`, 'use Go duration units: h, m, s (e.g. 360h for 15 days); days are not a unit'));
        continue;
      }
      if (duration !== undefined && renew >= duration) {
        out.push(
          finding(
            this,
            where(ctx, o, 'renewBefore'),
            `${name} (${o.file}): renewBefore ${formatDuration(renew)} is not below duration ${formatDuration(duration)}${spec['duration'] === undefined ? " (cert-manager's default)" : ''}; cert-manager rejects it and never issues the certificate`,
          ),
        );
      }
    }
    return out;
  },
};

/** The setting behind a generated Certificate's field, else its template, else the file itself. */
function where(ctx: LintContext, o: TreeObject, field: 'duration' | 'renewBefore'): Where {
  const pointer = `/spec/${field}`;
  const by = deployerOf(ctx, o);
  const component = appConfig(ctx, by?.app)?.component;
  const settings = by ? ctx.plan.clusters.find((c) => c.name === by.cluster)?.settings : undefined;
  let setting: Where | undefined;
  if (component === 'linkerd-identity' && str(obj(o.data['spec'])['secretName']) === IDENTITY_ISSUER) setting = atSetting(ctx, by?.cluster, ['linkerd', 'identityIssuer', field]);
  else if (component === 'cert-manager' && settings && o.name === settings.certManager.rootCA.name) setting = atSetting(ctx, by?.cluster, ['certManager', 'rootCA', field]);
  return preferConfig(ctx, at(ctx, o, pointer), fromTemplate(ctx, o, pointer), setting);
}
