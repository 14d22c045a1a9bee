/**
 * Type-level test, checked by `tsc --noEmit` (tsconfig includes test/**): the emitted object
 * types in generator/model/k8s.ts come from the kubernetes-models packages, so a misspelt or
 * misplaced field is a compile error. Each `@ts-expect-error` fails the typecheck if its line ever
 * compiles; test/types/emitted-objects.test.ts compiles this file without the directives and checks
 * each error is the one named in the comment.
 */
import type { ApplicationSet, Bundle, Certificate, Ingress, Job, Middleware, PodMonitor } from '../../generator/model/k8s.js';

export const certificate: Certificate = {
  apiVersion: 'cert-manager.io/v1',
  kind: 'Certificate',
  metadata: { name: 'web', namespace: 'apps' },
  spec: {
    secretName: 'web-tls',
    // @ts-expect-error dnsName: the field is dnsNames
    dnsName: ['web.example.com'],
    issuerRef: { name: 'ca-issuer', kind: 'ClusterIssuer', group: 'cert-manager.io' },
  },
};

export const certificateKeyAlgorithm: Certificate = {
  apiVersion: 'cert-manager.io/v1',
  kind: 'Certificate',
  metadata: { name: 'web', namespace: 'apps' },
  spec: {
    secretName: 'web-tls',
    // @ts-expect-error ecdsa: the algorithms are RSA, ECDSA and Ed25519
    privateKey: { algorithm: 'ecdsa' },
    issuerRef: { name: 'ca-issuer' },
  },
};

export const ingress: Ingress = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name: 'web', namespace: 'apps' },
  spec: {
    // @ts-expect-error ingressClass: the field is ingressClassName
    ingressClass: 'traefik',
    rules: [{ host: 'web.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }],
  },
};

export const ingressBackend: Ingress = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name: 'web', namespace: 'apps' },
  spec: {
    // @ts-expect-error servicePort: the port is backend.service.port.number
    rules: [{ host: 'web.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', servicePort: 80 } } }] } }],
  },
};

export const applicationSet: ApplicationSet = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'ApplicationSet',
  metadata: { name: 'web', namespace: 'argocd' },
  spec: {
    goTemplate: true,
    generators: [{ list: { elements: [{ cluster: 'lab' }] } }],
    // @ts-expect-error rollingsync: the field is rollingSync
    strategy: { type: 'RollingSync', rollingsync: { steps: [] } },
    template: {
      metadata: { name: '{{.cluster}}-web' },
      spec: { project: 'platform', destination: { server: '{{.destination}}', namespace: 'apps' } },
    },
  },
};

export const applicationSetTemplate: ApplicationSet = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'ApplicationSet',
  metadata: { name: 'web', namespace: 'argocd' },
  spec: {
    generators: [{ list: { elements: [{ cluster: 'lab' }] } }],
    template: {
      metadata: { name: '{{.cluster}}-web' },
      // @ts-expect-error syncpolicy: the field is syncPolicy
      spec: { project: 'platform', destination: { namespace: 'apps' }, syncpolicy: {} },
    },
  },
};

export const bundle: Bundle = {
  apiVersion: 'trust.cert-manager.io/v1alpha1',
  kind: 'Bundle',
  metadata: { name: 'roots' },
  spec: {
    // @ts-expect-error secretRef: a source is secret, configMap, inLine or useDefaultCAs
    sources: [{ secretRef: { name: 'root-ca', key: 'ca.crt' } }],
    target: { configMap: { key: 'ca-bundle.crt' } },
  },
};

export const podMonitor: PodMonitor = {
  apiVersion: 'monitoring.coreos.com/v1',
  kind: 'PodMonitor',
  metadata: { name: 'proxy', namespace: 'linkerd-viz' },
  spec: {
    selector: {},
    // @ts-expect-error source_labels: the field is sourceLabels (camelCase, not Prometheus' own spelling)
    podMetricsEndpoints: [{ relabelings: [{ action: 'keep', source_labels: ['__meta_kubernetes_pod_container_name'] }] }],
  },
};

export const middleware: Middleware = {
  apiVersion: 'traefik.io/v1alpha1',
  kind: 'Middleware',
  metadata: { name: 'auth', namespace: 'apps' },
  // @ts-expect-error basicauth: the field is basicAuth
  spec: { basicauth: { secret: 'htpasswd' } },
};

export const job: Job = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'patch', namespace: 'apps' },
  spec: {
    template: {
      // @ts-expect-error restartpolicy: the field is restartPolicy
      spec: { restartpolicy: 'Never', containers: [{ name: 'kubectl', image: 'registry.k8s.io/kubectl:v1.32.0' }] },
    },
  },
};

// The model narrows the package types: every emitted object is named and carries no status.
export const unnamed: Certificate = {
  apiVersion: 'cert-manager.io/v1',
  kind: 'Certificate',
  // @ts-expect-error name: emitted objects need metadata.name
  metadata: { namespace: 'apps' },
  spec: { secretName: 'web-tls', issuerRef: { name: 'ca-issuer' } },
};

export const withStatus: Ingress = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name: 'web' },
  spec: {},
  // @ts-expect-error status: status is never written to git
  status: {},
};

// The same objects, spelt right, compile.
export const valid: [Certificate, Ingress, ApplicationSet] = [
  {
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    metadata: { name: 'web', namespace: 'apps' },
    spec: { secretName: 'web-tls', dnsNames: ['web.example.com'], privateKey: { algorithm: 'ECDSA' }, issuerRef: { name: 'ca-issuer' } },
  },
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'web', namespace: 'apps' },
    spec: {
      ingressClassName: 'traefik',
      rules: [{ host: 'web.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }],
    },
  },
  {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: { name: 'web', namespace: 'argocd' },
    spec: {
      generators: [{ list: { elements: [{ cluster: 'lab' }] } }],
      strategy: { type: 'RollingSync', rollingSync: { steps: [] } },
      template: { metadata: { name: '{{.cluster}}-web' }, spec: { project: 'platform', destination: { namespace: 'apps' }, syncPolicy: {} } },
    },
  },
];
