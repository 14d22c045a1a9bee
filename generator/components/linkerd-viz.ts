import { API_SERVICE, CLUSTER_RBAC, MUTATING_WEBHOOK } from './kinds.js';
import type { IgnoreDifference, IngressRoute } from '../model/config.js';
import type { K8sObject, Middleware } from '../model/k8s.js';
import { webhookCertificate } from './cert-manager-objects.js';
import { generatedSecret, producesWithEso } from './eso-objects.js';
import { checkLinkerdValues, externalWebhook, linkerdChart, POD_SECURITY_PRIVILEGED, releaseOf } from './linkerd-common.js';
import { linkerdPodMonitors } from './podmonitors.js';
import type { Component } from './types.js';

/** The user of the dashboard's basic auth, when the tree generates its Secret. */
export const VIZ_USER = 'admin';

/** The viz dashboard Service (`web`) and its HTTP port. */
export const VIZ_WEB = { service: 'web', port: 8084 };

/**
 * linkerd-viz on the cluster's existing Prometheus and Grafana: the chart's Prometheus is off,
 * metrics-api reads `prometheusUrl`, and the dashboard links into Grafana (`grafana.url` for an
 * in-cluster Grafana proxied through viz, or `grafana.externalUrl`; never both). Adds the
 * `linkerd-viz` Namespace (Helm does not create it), cert-manager webhook certificates, the three
 * PodMonitors and the dashboard Ingress for the configured controller.
 */
export const linkerdViz: Component = {
  id: 'linkerd-viz',
  summary: 'linkerd-viz on an external Prometheus/Grafana, its Namespace, tap certificates, PodMonitors and dashboard Ingress',
  contribute(ctx) {
    const s = ctx.settings;
    const l = s.linkerd;
    const ns = ctx.app.namespace;
    const release = releaseOf(s);
    const host = l.viz.host;
    const values: Record<string, unknown> = {
      linkerdNamespace: l.namespace,
      prometheusUrl: s.monitoring.prometheusUrl,
      prometheus: { enabled: false },
      grafana: s.monitoring.grafanaExternalUrl ? { externalUrl: s.monitoring.grafanaExternalUrl } : { url: s.monitoring.grafanaUrl },
    };
    // The generator writes the Namespace itself; the metadata Job would only re-label it after every sync.
    if (release.createNamespaceMetadataJob) values['createNamespaceMetadataJob'] = false;
    const manifests: K8sObject[] = [];
    const ignoreDifferences: IgnoreDifference[] = [];
    if (l.webhookCerts === 'cert-manager') {
      values['tap'] = externalWebhook(ns, 'tap');
      values['tapInjector'] = externalWebhook(ns, 'linkerd-tap-injector');
      manifests.push(
        webhookCertificate({ name: 'tap', namespace: ns, service: 'tap', secretName: 'tap-k8s-tls', issuer: s.certManager.caIssuer }),
        webhookCertificate({ name: 'linkerd-tap-injector', namespace: ns, service: 'linkerd-tap-injector', secretName: 'tap-injector-k8s-tls', issuer: s.certManager.caIssuer }),
      );
    } else {
      ignoreDifferences.push(
        { group: '', kind: 'Secret', name: 'tap-k8s-tls', jsonPointers: ['/data/tls.crt', '/data/tls.key'] },
        { group: '', kind: 'Secret', name: 'tap-injector-k8s-tls', jsonPointers: ['/data/tls.crt', '/data/tls.key'] },
        { group: 'apiregistration.k8s.io', kind: 'APIService', name: 'v1alpha1.tap.linkerd.io', jsonPointers: ['/spec/caBundle'] },
        { group: 'admissionregistration.k8s.io', kind: 'MutatingWebhookConfiguration', name: 'linkerd-tap-injector-webhook-config', jsonPointers: ['/webhooks/0/clientConfig/caBundle'] },
        { group: 'apps', kind: 'Deployment', name: 'tap', jsonPointers: ['/spec/template/metadata/annotations/checksum~1config'] },
        { group: 'apps', kind: 'Deployment', name: 'tap-injector', jsonPointers: ['/spec/template/metadata/annotations/checksum~1config'] },
      );
    }
    manifests.push(...linkerdPodMonitors({ namespace: ns, linkerdNamespace: l.namespace, vizNamespace: ns, release: s.monitoring.prometheusRelease }));
    // The dashboard's basic-auth Secret, generated once in the cluster: `users` for Traefik's
    // basicAuth, `auth` for ingress-nginx (both, so switching controllers needs no new Secret),
    // and the password itself for the operator to read (user admin).
    if (host && l.viz.basicAuthSecret && producesWithEso(ctx, ns, l.viz.basicAuthSecret)) {
      const htpasswd = `{{ htpasswd "${VIZ_USER}" .password "bcrypt" }}`;
      manifests.push(...generatedSecret({ name: l.viz.basicAuthSecret, namespace: ns, data: { users: htpasswd, auth: htpasswd, password: '{{ .password }}' } }));
    }

    const ingress: IngressRoute[] = [];
    if (host) {
      const route: IngressRoute = { host, service: VIZ_WEB.service, port: VIZ_WEB.port, path: '/', annotations: {}, middlewares: [], tlsIssuer: s.certManager.ingressIssuer };
      if (s.ingress.controller === 'nginx') {
        // Rewrite Host to the service so the dashboard's host check passes and Linkerd routes by it;
        // hide the proxy's l5d-* response headers from the outside.
        route.annotations['nginx.ingress.kubernetes.io/upstream-vhost'] = `$service_name.$namespace.svc.cluster.local:${VIZ_WEB.port}`;
        route.annotations['nginx.ingress.kubernetes.io/configuration-snippet'] = 'proxy_set_header Origin "";\nproxy_hide_header l5d-remote-ip;\nproxy_hide_header l5d-server-id;\n';
        if (l.viz.basicAuthSecret) {
          route.annotations['nginx.ingress.kubernetes.io/auth-type'] = 'basic';
          route.annotations['nginx.ingress.kubernetes.io/auth-secret'] = l.viz.basicAuthSecret;
          route.annotations['nginx.ingress.kubernetes.io/auth-realm'] = 'Linkerd dashboard';
        }
      } else {
        // Traefik keeps the outside Host header; the dashboard must accept it.
        values['dashboard'] = { enforcedHostRegexp: `^${host.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$` };
        if (l.viz.basicAuthSecret) {
          const basicAuth: Middleware = {
            apiVersion: 'traefik.io/v1alpha1',
            kind: 'Middleware',
            metadata: { name: 'linkerd-viz-basic-auth', namespace: ns },
            // removeHeader: Grafana behind the dashboard would otherwise answer the credentials with 401.
            spec: { basicAuth: { secret: l.viz.basicAuthSecret, removeHeader: true } },
          };
          manifests.push(basicAuth);
          route.middlewares.push(`${ns}-linkerd-viz-basic-auth@kubernetescrd`);
        }
      }
      ingress.push(route);
    }
    return {
      chart: linkerdChart(s, 'linkerd-viz')!,
      values,
      manifests,
      ingress,
      ignoreDifferences,
      namespace: {
        object: true,
        labels: { 'linkerd.io/extension': 'viz', ...POD_SECURITY_PRIVILEGED },
        annotations: (s.monitoring.prometheusUrl ? { 'viz.linkerd.io/external-prometheus': s.monitoring.prometheusUrl } : {}) as Record<string, string>,
      },
      sync: { skipDryRunOnMissingResource: true, ...(ignoreDifferences.length ? { respectIgnoreDifferences: true } : {}) },
      clusterResources: [
        ...CLUSTER_RBAC,
        MUTATING_WEBHOOK,
        API_SERVICE,
      ],
    };
  },
  checkValues: (values, ctx, where) => checkLinkerdValues('linkerd-viz', values, ctx, where),
};
