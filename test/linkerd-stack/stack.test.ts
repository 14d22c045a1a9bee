import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { copyDefaultConfig, run } from '../helpers.js';
import { get, renderDefault, type Obj } from './helpers.js';
import { ROOT_CA_INPUT, SHIPPED_INPUTS, TRUST_ANCHOR_PEM } from '../helpers/pem.js';

const R = 'manifests/resources/pi';

describe('the shipped Linkerd stack', () => {
  it('builds the CA chain in cert-manager: self-signed issuer, ECDSA root CA, CA ClusterIssuer', async () => {
    const f = await renderDefault();
    expect(get(f, `${R}/cert-manager/clusterissuer-self-signed-issuer.yaml`).spec).toEqual({ selfSigned: {} });
    const root = get(f, `${R}/cert-manager/certificate-root-ca.yaml`);
    expect(root.metadata).toEqual({ name: 'root-ca', namespace: 'cert-manager' });
    expect(root.spec).toMatchObject({
      isCA: true,
      secretName: 'root-ca',
      privateKey: { algorithm: 'ECDSA', size: 256, rotationPolicy: 'Never' },
      issuerRef: { name: 'self-signed-issuer', kind: 'ClusterIssuer', group: 'cert-manager.io' },
    });
    expect(get(f, `${R}/cert-manager/clusterissuer-ca-issuer.yaml`).spec).toEqual({ ca: { secretName: 'root-ca' } });
  });

  it('distributes the trust anchor with the Bundle linkerd-identity-trust-roots', async () => {
    const b = get(await renderDefault(), `${R}/linkerd-identity/bundle-linkerd-identity-trust-roots.yaml`);
    expect(b.apiVersion).toBe('trust.cert-manager.io/v1alpha1');
    expect(b.metadata).toEqual({ name: 'linkerd-identity-trust-roots' });
    expect(b.spec).toEqual({
      sources: [{ secret: { name: 'root-ca', key: 'ca.crt' } }],
      target: { configMap: { key: 'ca-bundle.crt' }, namespaceSelector: { matchLabels: { 'linkerd.io/is-control-plane': 'true' } } },
    });
  });

  it('creates the linkerd Namespace with the exact metadata the chart expects', async () => {
    const ns = get(await renderDefault(), `${R}/linkerd-identity/namespace-linkerd.yaml`);
    expect(ns.metadata).toEqual({
      name: 'linkerd',
      labels: {
        'config.linkerd.io/admission-webhooks': 'disabled',
        'linkerd.io/control-plane-ns': 'linkerd',
        'linkerd.io/is-control-plane': 'true',
        'pod-security.kubernetes.io/enforce': 'privileged',
      },
      annotations: { 'linkerd.io/inject': 'disabled' },
    });
  });

  it('creates the linkerd-viz Namespace and turns the metadata Job off', async () => {
    const f = await renderDefault();
    expect(get(f, `${R}/linkerd-viz/namespace-linkerd-viz.yaml`).metadata).toEqual({
      name: 'linkerd-viz',
      labels: { 'linkerd.io/extension': 'viz', 'pod-security.kubernetes.io/enforce': 'privileged' },
      annotations: { 'viz.linkerd.io/external-prometheus': 'http://kube-prometheus-stack-prometheus.monitoring.svc.cluster.local:9090' },
    });
    expect(get(f, 'manifests/values/pi/linkerd-viz.yaml').createNamespaceMetadataJob).toBe(false);
    // The Namespace object replaces CreateNamespace for these apps.
    expect(get(f, 'manifests/apps/pi/linkerd-viz.yaml').spec.syncPolicy.syncOptions ?? []).not.toContain('CreateNamespace=true');
  });

  it('issues the identity issuer certificate from the CA issuer with the design values', async () => {
    const c = get(await renderDefault(), `${R}/linkerd-identity/certificate-linkerd-identity-issuer.yaml`);
    expect(c.metadata).toEqual({ name: 'linkerd-identity-issuer', namespace: 'linkerd' });
    expect(c.spec).toEqual({
      secretName: 'linkerd-identity-issuer',
      commonName: 'identity.linkerd.cluster.local',
      dnsNames: ['identity.linkerd.cluster.local'],
      isCA: true,
      duration: '48h0m0s',
      renewBefore: '25h0m0s',
      usages: ['cert sign', 'crl sign', 'server auth', 'client auth'],
      privateKey: { algorithm: 'ECDSA', rotationPolicy: 'Always' },
      issuerRef: { name: 'ca-issuer', kind: 'ClusterIssuer', group: 'cert-manager.io' },
    });
  });

  it('names the identity issuer after the Linkerd namespace, so another namespace still passes check', async () => {
    const root = copyDefaultConfig();
    const edit = (rel: string, from: string, to: string) => {
      const file = path.join(root, rel);
      const text = readFileSync(file, 'utf8');
      if (!text.includes(from)) throw new Error(`${from} not in ${rel}`);
      writeFileSync(file, text.replace(from, to));
    };
    edit('cluster.yaml', '  linkerd:\n', '  linkerd:\n    namespace: linkerd-system\n');
    for (const app of ['linkerd-crds', 'linkerd-identity', 'linkerd-control-plane']) edit(`apps/${app}.yaml`, 'namespace: linkerd\n', 'namespace: linkerd-system\n');
    const g = await run(['generate', '--root', root]);
    expect(g.code, g.err).toBe(0);
    const issuer = parse(readFileSync(path.join(root, `${R}/linkerd-identity/certificate-linkerd-identity-issuer.yaml`), 'utf8')) as Obj;
    expect(issuer.metadata).toEqual({ name: 'linkerd-identity-issuer', namespace: 'linkerd-system' });
    expect(issuer.spec).toMatchObject({ commonName: 'identity.linkerd-system.cluster.local', dnsNames: ['identity.linkerd-system.cluster.local'] });
    const c = await run(['check', '--root', root]);
    expect(c.code, c.out).toBe(0);
  });

  it('takes issuer duration and renewBefore from settings', async () => {
    const c = get(await renderDefault({ linkerd: { identityIssuer: { duration: '72h0m0s', renewBefore: '36h0m0s' } } }), `${R}/linkerd-identity/certificate-linkerd-identity-issuer.yaml`);
    expect(c.spec).toMatchObject({ duration: '72h0m0s', renewBefore: '36h0m0s' });
  });

  it('runs the control plane from the edge repository with an external CA (trust-manager path)', async () => {
    const f = await renderDefault();
    const app = get(f, 'manifests/apps/pi/linkerd-control-plane.yaml');
    expect(app.spec.sources[0]).toMatchObject({ repoURL: 'https://helm.linkerd.io/edge', chart: 'linkerd-control-plane', targetRevision: '2026.6.3' });
    expect(get(f, 'manifests/apps/pi/linkerd-crds.yaml').spec.sources[0]).toMatchObject({ chart: 'linkerd-crds', targetRevision: '2026.6.3' });
    const v = get(f, 'manifests/values/pi/linkerd-control-plane.yaml');
    expect(v.identity).toEqual({ externalCA: true, issuer: { scheme: 'kubernetes.io/tls' } });
    expect(v.identityTrustAnchorsPEM).toBeUndefined();
  });

  it('supports the other path: the trust anchor PEM without trust-manager', async () => {
    const pem = TRUST_ANCHOR_PEM;
    const f = await renderDefault({ linkerd: { trustAnchor: { mode: 'pem', pem } }, inputs: [...SHIPPED_INPUTS, ROOT_CA_INPUT] });
    const v = get(f, 'manifests/values/pi/linkerd-control-plane.yaml');
    expect(v.identity).toEqual({ externalCA: false, issuer: { scheme: 'kubernetes.io/tls' } });
    expect(v.identityTrustAnchorsPEM).toBe(pem);
    expect([...f.keys()].some((p) => p.includes('bundle-'))).toBe(false);
  });

  it('points viz at the existing Prometheus and Grafana, never both Grafana keys', async () => {
    const v = get(await renderDefault(), 'manifests/values/pi/linkerd-viz.yaml');
    expect(v).toMatchObject({
      prometheusUrl: 'http://kube-prometheus-stack-prometheus.monitoring.svc.cluster.local:9090',
      prometheus: { enabled: false },
      grafana: { externalUrl: 'https://grafana.pi.example.com' },
      linkerdNamespace: 'linkerd',
    });
    const proxied = get(await renderDefault({ monitoring: { grafanaExternalUrl: '', grafanaUrl: 'grafana.monitoring.svc.cluster.local' } }), 'manifests/values/pi/linkerd-viz.yaml');
    expect(proxied.grafana).toEqual({ url: 'grafana.monitoring.svc.cluster.local' });
  });

  it('orders the stack by dependsOn: cert-manager, trust-manager, identity, CRDs, control plane, viz', async () => {
    const f = await renderDefault();
    const wave = (app: string) => Number(get(f, `manifests/apps/pi/${app}.yaml`).metadata.annotations['argocd.argoproj.io/sync-wave']);
    const order = ['cert-manager', 'trust-manager', 'linkerd-identity', 'linkerd-crds', 'linkerd-control-plane', 'linkerd-viz'].map(wave);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(new Set(order).size).toBe(order.length);
  });

  it('converges: cert-manager issues the webhook certificates and the heartbeat schedule is fixed', async () => {
    const f = await renderDefault();
    const v = get(f, 'manifests/values/pi/linkerd-control-plane.yaml');
    expect(v.proxyInjector).toEqual({ externalSecret: true, injectCaFrom: 'linkerd/linkerd-proxy-injector' });
    expect(v.profileValidator).toEqual({ externalSecret: true, injectCaFrom: 'linkerd/linkerd-sp-validator' });
    expect(v.policyValidator).toEqual({ externalSecret: true, injectCaFrom: 'linkerd/linkerd-policy-validator' });
    expect(v.heartbeatSchedule).toBe('0 0 * * *');
    const inj = get(f, `${R}/linkerd-identity/certificate-linkerd-proxy-injector.yaml`);
    expect(inj.spec).toMatchObject({ secretName: 'linkerd-proxy-injector-k8s-tls', dnsNames: ['linkerd-proxy-injector.linkerd.svc'], usages: ['server auth'] });
    expect(get(f, `${R}/linkerd-identity/certificate-linkerd-policy-validator.yaml`).spec.privateKey).toMatchObject({ encoding: 'PKCS8' });
    expect(get(f, `${R}/linkerd-viz/certificate-tap.yaml`).spec.secretName).toBe('tap-k8s-tls');
    expect(get(f, 'manifests/values/pi/linkerd-viz.yaml').tapInjector).toEqual({ externalSecret: true, injectCaFrom: 'linkerd-viz/linkerd-tap-injector' });
    expect(get(f, 'manifests/apps/pi/linkerd-control-plane.yaml').spec.ignoreDifferences).toBeUndefined();
  });

  it('or, when chosen, ignores exactly the random fields with bare groups and RespectIgnoreDifferences', async () => {
    const f = await renderDefault({ linkerd: { webhookCerts: 'ignore-differences' } });
    const app = get(f, 'manifests/apps/pi/linkerd-control-plane.yaml');
    expect(app.spec.syncPolicy.syncOptions).toContain('RespectIgnoreDifferences=true');
    const ignores = app.spec.ignoreDifferences as Obj[];
    expect(ignores).toContainEqual({ group: 'admissionregistration.k8s.io', kind: 'MutatingWebhookConfiguration', name: 'linkerd-proxy-injector-webhook-config', jsonPointers: ['/webhooks/0/clientConfig/caBundle'] });
    expect(ignores).toContainEqual({ group: '', kind: 'Secret', name: 'linkerd-policy-validator-k8s-tls', jsonPointers: ['/data/tls.crt', '/data/tls.key'] });
    expect(ignores).toContainEqual({ group: 'batch', kind: 'CronJob', name: 'linkerd-heartbeat', jsonPointers: ['/spec/schedule'] });
    expect(ignores.every((i) => !String(i.group).includes('/'))).toBe(true);
    expect(get(f, 'manifests/values/pi/linkerd-control-plane.yaml').proxyInjector).toBeUndefined();
  });

  it('emits the three PodMonitors, corrected, labelled for the Prometheus release', async () => {
    const f = await renderDefault();
    const ctl = get(f, `${R}/linkerd-viz/podmonitor-linkerd-controller.yaml`);
    expect(ctl.metadata.labels).toEqual({ app: 'linkerd', release: 'kube-prometheus-stack' });
    expect(ctl.spec.namespaceSelector).toEqual({ matchNames: ['linkerd', 'linkerd-viz'] });
    const proxy = get(f, `${R}/linkerd-viz/podmonitor-linkerd-proxy.yaml`);
    expect(proxy.spec.podMetricsEndpoints[0]).toMatchObject({ interval: '10s', scrapeTimeout: '10s' });
    expect(proxy.spec.podMetricsEndpoints[0].relabelings[0]).toEqual({
      action: 'keep',
      sourceLabels: ['__meta_kubernetes_pod_container_name', '__meta_kubernetes_pod_container_port_name', '__meta_kubernetes_pod_label_linkerd_io_control_plane_ns'],
      regex: '^linkerd-proxy;linkerd-admin;linkerd$',
    });
    const mirror = get(f, `${R}/linkerd-viz/podmonitor-linkerd-service-mirror.yaml`);
    expect(JSON.stringify([ctl, proxy, mirror])).not.toMatch(/source_labels|target_label/);
    expect(mirror.spec.namespaceSelector).toEqual({ any: true });
  });
});
