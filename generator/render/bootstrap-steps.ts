import { ARGOCD_COMPONENT } from '../components/argocd.js';
import { filledInput } from '../model/defaults.js';
import type { DeclaredInput, ResolvedCluster } from '../model/config.js';
import { BOOTSTRAP_COMMAND } from '../model/files.js';
import type { Plan } from '../plan/types.js';
import type { InstanceRender } from './types.js';

/** The label that makes a Secret in Argo CD's namespace a repository Secret. */
const REPOSITORY_LABEL = 'argocd.argoproj.io/secret-type';

/**
 * The commands that take one cluster from bare (k3s, kubectl and helm pointed at it) to the whole
 * platform, as a shell block: the declared inputs, Argo CD from the chart and values file its own
 * Application uses, then the root app-of-apps. Everything else arrives by sync, wave by wave. The
 * generated README and `gitops-generator bootstrap` print this same text.
 */
export function bootstrapScript(plan: Plan, instances: readonly InstanceRender[], clusterName: string): string {
  const cluster = plan.clusters.find((c) => c.name === clusterName);
  if (!cluster) throw new Error(`no cluster ${clusterName}`);
  const rc = plan.config.rootConfig;
  const lines: string[] = [];
  const inputs = cluster.settings.inputs.map(filledInput);

  lines.push(`# 1. The declared inputs of cluster ${cluster.name} (settings.inputs in cluster.yaml): the Secrets no object of the tree can produce.`);
  if (inputs.length === 0) lines.push('#    None: the tree produces every Secret its workloads read.');
  for (const ns of [...new Set(inputs.map((i) => i.namespace))]) lines.push(`kubectl create namespace ${ns}`);
  for (const input of inputs) lines.push(...inputCommands(input, cluster, rc.repo.url));

  const argocd = instances.find((r) => r.instance.cluster.name === cluster.name && r.instance.app.component === ARGOCD_COMPONENT);
  const elsewhere = instances.find((r) => r.instance.app.component === ARGOCD_COMPONENT);
  if (argocd?.chart && argocd.valuesPath) {
    const release = argocd.application.spec.sources?.[0]?.helm?.releaseName ?? argocd.instance.app.name;
    lines.push(`# 2. Argo CD, from the chart and values file of its own Application (${argocd.applicationPath}), which adopts this release.`);
    lines.push(
      `helm install ${release} ${argocd.chart.name} --repo ${argocd.chart.repoURL} --version ${argocd.chart.version} \\`,
      `  --namespace ${argocd.instance.app.namespace} --create-namespace --values ${argocd.valuesPath}`,
    );
    lines.push('# 3. The root app-of-apps and its AppProject; every other object arrives by sync, wave by wave.');
    lines.push(BOOTSTRAP_COMMAND);
  } else if (elsewhere) {
    lines.push(`# 2. Argo CD runs on cluster ${elsewhere.instance.cluster.name}: register this cluster there (argocd cluster add); its root app syncs this cluster's apps.`);
  } else {
    lines.push(`# 2. Argo CD is not an app of this tree: install it in namespace ${rc.argocd.namespace} yourself.`);
    lines.push('# 3. The root app-of-apps, its AppProject and the health checks (argocd-cm, merged by server-side apply).');
    lines.push(BOOTSTRAP_COMMAND);
  }
  return lines.join('\n') + '\n';
}

/** The kubectl commands that create one declared input, with placeholders for what only the operator knows. */
function inputCommands(input: DeclaredInput, cluster: ResolvedCluster, repoURL: string): string[] {
  const out: string[] = [];
  if (input.description) out.push(`# ${input.description}`);
  const ns = `kubectl -n ${input.namespace}`;
  if (input.type === 'kubernetes.io/tls') {
    const s = cluster.settings;
    const rootCA = s.linkerd.trustAnchor.mode === 'pem' && s.linkerd.trustAnchor.pem && input.namespace === s.certManager.namespace && input.name === s.certManager.rootCA.secretName;
    if (rootCA) {
      // The certificate is the pasted trust anchor itself, so the two cannot differ; kubectl checks that the key matches it.
      out.push(`cat > ${input.name}.crt <<'EOF'`, ...s.linkerd.trustAnchor.pem!.trimEnd().split('\n'), 'EOF');
      out.push(`${ns} create secret tls ${input.name} --cert=${input.name}.crt --key=<${input.name}.key: the root CA's private key>`);
    } else {
      out.push(`${ns} create secret tls ${input.name} --cert=<tls.crt file> --key=<tls.key file>`);
    }
  } else {
    const repository = input.labels[REPOSITORY_LABEL] === 'repository';
    const args = input.keys.map((k) => {
      if (input.files.includes(k)) return `--from-file=${k}=<${k} file>`;
      if (repository && k === 'url') return `--from-literal=url=${repoURL}`;
      if (repository && k === 'type') return '--from-literal=type=git';
      return `--from-literal=${k}='<${k}>'`;
    });
    out.push(`${ns} create secret generic ${input.name} \\`, ...args.map((a, i) => `  ${a}${i < args.length - 1 ? ' \\' : ''}`));
  }
  const labels = Object.entries(input.labels).sort(([a], [b]) => (a < b ? -1 : 1));
  if (labels.length) out.push(`${ns} label secret ${input.name} ${labels.map(([k, v]) => `${k}=${v}`).join(' ')}`);
  return out;
}
