import { MANIFESTS_DIR } from './files.js';

/** Where each generated file lives inside the repository. */
export const paths = {
  readme: () => `${MANIFESTS_DIR}/README.md`,
  rootApp: () => `${MANIFESTS_DIR}/bootstrap/root-app.yaml`,
  rootProject: () => `${MANIFESTS_DIR}/bootstrap/root-project.yaml`,
  argocdCm: () => `${MANIFESTS_DIR}/bootstrap/argocd-cm.yaml`,
  project: (p: string) => `${MANIFESTS_DIR}/projects/${p}.yaml`,
  application: (cluster: string, app: string) => `${MANIFESTS_DIR}/apps/${cluster}/${app}.yaml`,
  appset: (app: string) => `${MANIFESTS_DIR}/appsets/${app}.yaml`,
  values: (cluster: string, app: string) => `${MANIFESTS_DIR}/values/${cluster}/${app}.yaml`,
  valuesTemplated: (app: string) => `${MANIFESTS_DIR}/values/{{.cluster}}/${app}.yaml`,
  resourcesDir: (cluster: string, app: string) => `${MANIFESTS_DIR}/resources/${cluster}/${app}`,
  resourcesDirTemplated: (app: string) => `${MANIFESTS_DIR}/resources/{{.cluster}}/${app}`,
  resource: (cluster: string, app: string, file: string) => `${MANIFESTS_DIR}/resources/${cluster}/${app}/${file}`,
};

/** The Application name of an app on a cluster; stable when clusters are added. */
export function applicationName(cluster: string, app: string): string {
  return `${cluster}-${app}`;
}
