/**
 * Secrets that charts and operators create at run time (a hook Job, a controller), so no rendered
 * or generated object shows them, yet they exist once the app runs: the secret-needs analysis
 * counts them as produced. Data only; each entry says who makes the Secret.
 */
export interface RuntimeSecret {
  name: string;
  by: string;
}

/** Per chart: the Secrets a release of it creates in its own namespace. */
export const CHART_RUNTIME_SECRETS: Readonly<Record<string, (release: string) => readonly RuntimeSecret[]>> = {
  'argo-cd': () => [
    // Hard-coded in the chart's Job command and its redis Deployment.
    { name: 'argocd-redis', by: 'the argo-cd chart\'s redis-secret-init Job' },
    { name: 'argocd-secret', by: 'the Argo CD server (server.secretkey)' },
    { name: 'argocd-initial-admin-secret', by: 'the Argo CD server (the first admin password)' },
  ],
  'cert-manager': (release) => [{ name: `${release}-webhook-ca`, by: 'the cert-manager webhook (its serving CA)' }],
  'ingress-nginx': (release) => [{ name: `${release}-admission`, by: "ingress-nginx's admission create Job" }],
  'kube-prometheus-stack': (release) => [{ name: `${release}-admission`, by: "kube-prometheus-stack's admission create Job" }],
  velero: () => [{ name: 'velero-repo-credentials', by: 'the Velero server (the kopia repository password)' }],
  'eck-operator': () => [{ name: 'elastic-webhook-server-cert', by: 'the ECK operator (its webhook certificate)' }],
};

/** Per custom resource kind (`group/Kind`): the Secrets its operator creates next to each object. */
export const KIND_RUNTIME_SECRETS: Readonly<Record<string, (name: string) => readonly RuntimeSecret[]>> = {
  'elasticsearch.k8s.elastic.co/Elasticsearch': (n) =>
    ['es-elastic-user', 'es-http-certs-public', 'es-http-certs-internal', 'es-http-ca-internal', 'es-transport-certs-public', 'es-transport-ca-internal'].map((s) => ({
      name: `${n}-${s}`,
      by: `the ECK operator, for Elasticsearch ${n}`,
    })),
  'kibana.k8s.elastic.co/Kibana': (n) =>
    ['kb-http-certs-public', 'kb-http-certs-internal', 'kb-http-ca-internal', 'kb-es-ca', 'kb-config', 'kibana-user'].map((s) => ({ name: `${n}-${s}`, by: `the ECK operator, for Kibana ${n}` })),
};
