/** linkerd-crds values. The chart reads nothing but the Gateway API switches. */
import { INSTALL_NAMESPACE } from './common.js';
import { ANY, closed, since, type MapNode } from './tree.js';

export const CRDS_KEYS: MapNode = closed({
  installGatewayAPI: since(
    '2.18',
    ANY,
    'before 2.18 the Gateway API CRDs are switched per route kind with enableHttpRoutes',
  ),
  // The master switch before 2.18; from 2.18 an optional override read with `hasKey`.
  enableHttpRoutes: ANY,
  enableTlsRoutes: since('2.17'),
  enableTcpRoutes: since('2.17'),
  installNamespace: INSTALL_NAMESPACE,
});
