import type { PodMonitor, RelabelConfig } from '../model/k8s.js';

/**
 * The three Linkerd PodMonitors for a Prometheus Operator outside Linkerd (the viz chart's own
 * Prometheus is off). Corrections over the copies that circulate: the controller monitor selects
 * the control-plane *and* viz namespaces explicitly, every key is camelCase (`sourceLabels`),
 * every endpoint is a list item, and the proxy monitor keeps its 10s interval.
 */
export function linkerdPodMonitors(opts: { namespace: string; linkerdNamespace: string; vizNamespace: string; release: string }): PodMonitor[] {
  const labels = { app: 'linkerd', release: opts.release };
  const job = (name: string): RelabelConfig => ({ action: 'replace', targetLabel: 'job', replacement: name });
  return [
    {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PodMonitor',
      metadata: { name: 'linkerd-controller', namespace: opts.namespace, labels },
      spec: {
        namespaceSelector: { matchNames: [opts.linkerdNamespace, opts.vizNamespace] },
        selector: {},
        podMetricsEndpoints: [
          {
            relabelings: [
              // Control-plane admin ports are named <component>-admin, viz ones admin-http; the
              // proxies' linkerd-admin port belongs to the linkerd-proxy monitor.
              { action: 'keep', sourceLabels: ['__meta_kubernetes_pod_container_port_name'], regex: '^(admin-http|.+-admin)$' },
              { action: 'drop', sourceLabels: ['__meta_kubernetes_pod_container_port_name'], regex: '^linkerd-admin$' },
              { action: 'replace', sourceLabels: ['__meta_kubernetes_pod_container_name'], targetLabel: 'component' },
              job('linkerd-controller'),
            ],
          },
        ],
      },
    },
    {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PodMonitor',
      metadata: { name: 'linkerd-service-mirror', namespace: opts.namespace, labels },
      spec: {
        namespaceSelector: { any: true },
        selector: {},
        podMetricsEndpoints: [
          {
            relabelings: [
              {
                action: 'keep',
                sourceLabels: ['__meta_kubernetes_pod_label_linkerd_io_control_plane_component', '__meta_kubernetes_pod_container_port_name'],
                regex: 'linkerd-service-mirror;admin-http$',
              },
              { action: 'replace', sourceLabels: ['__meta_kubernetes_pod_container_name'], targetLabel: 'component' },
              job('linkerd-service-mirror'),
            ],
          },
        ],
      },
    },
    {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PodMonitor',
      metadata: { name: 'linkerd-proxy', namespace: opts.namespace, labels },
      spec: {
        namespaceSelector: { any: true },
        selector: {},
        podMetricsEndpoints: [
          {
            interval: '10s',
            scrapeTimeout: '10s',
            relabelings: [
              {
                action: 'keep',
                sourceLabels: ['__meta_kubernetes_pod_container_name', '__meta_kubernetes_pod_container_port_name', '__meta_kubernetes_pod_label_linkerd_io_control_plane_ns'],
                regex: `^linkerd-proxy;linkerd-admin;${opts.linkerdNamespace}$`,
              },
              { action: 'replace', sourceLabels: ['__meta_kubernetes_namespace'], targetLabel: 'namespace' },
              { action: 'replace', sourceLabels: ['__meta_kubernetes_pod_name'], targetLabel: 'pod' },
              { action: 'replace', sourceLabels: ['__meta_kubernetes_pod_label_linkerd_io_proxy_job'], targetLabel: 'k8s_job' },
              { action: 'labeldrop', regex: '__meta_kubernetes_pod_label_linkerd_io_proxy_job' },
              { action: 'labelmap', regex: '__meta_kubernetes_pod_label_linkerd_io_proxy_(.+)' },
              { action: 'labeldrop', regex: '__meta_kubernetes_pod_label_linkerd_io_proxy_(.+)' },
              { action: 'labelmap', regex: '__meta_kubernetes_pod_label_linkerd_io_(.+)' },
              { action: 'labelmap', regex: '__meta_kubernetes_pod_label_(.+)', replacement: '__tmp_pod_label_$1' },
              { action: 'labelmap', regex: '__tmp_pod_label_linkerd_io_(.+)', replacement: '__tmp_pod_label_$1' },
              { action: 'labeldrop', regex: '__tmp_pod_label_linkerd_io_(.+)' },
              { action: 'labelmap', regex: '__tmp_pod_label_(.+)' },
              job('linkerd-proxy'),
            ],
          },
        ],
      },
    },
  ];
}
