/** The key tree of each Linkerd chart; one file per chart next to this one. */
import type { LinkerdChartName } from '../versions.js';
import { CONTROL_PLANE_KEYS } from './control-plane.js';
import { CRDS_KEYS } from './crds.js';
import { JAEGER_KEYS } from './jaeger.js';
import type { MapNode } from './tree.js';
import { VIZ_KEYS } from './viz.js';

export const CHART_KEYS: Readonly<Record<LinkerdChartName, MapNode>> = {
  'linkerd-crds': CRDS_KEYS,
  'linkerd-control-plane': CONTROL_PLANE_KEYS,
  'linkerd-viz': VIZ_KEYS,
  'linkerd-jaeger': JAEGER_KEYS,
};

export * from './tree.js';
