import path from 'node:path';
import { APPS_DIR, CHARTS_LOCK_FILE, CLUSTER_FILE, VALUES_DIR } from '../../model/files.js';
import { PACKAGE_ROOT, TEMPLATES_DIR } from '../../model/package.js';
import { readTree, type NewFile } from './files.js';

/** A starting config for `init`: cluster.yaml, apps/ and values/ (and charts.lock.yaml when it has one). */
export interface ConfigTemplate {
  description: string;
  files(): NewFile[];
}

// The lock's render records shape the AppProjects, so a config is not whole without it.
const configIn = (dir: string): NewFile[] => [CLUSTER_FILE, APPS_DIR, VALUES_DIR, CHARTS_LOCK_FILE].flatMap((rel) => readTree(dir, rel));

/** The templates `init --template` offers; adding one is one entry here. */
export const CONFIG_TEMPLATES = {
  minimal: {
    description: 'one cluster, one chart app (podinfo) with a values template',
    files: () => configIn(path.join(TEMPLATES_DIR, 'minimal')),
  },
  // The config this package ships (and renders in its own manifests/): one source, copied as is.
  'pi-linkerd': {
    description: 'the Linkerd-on-Raspberry-Pi platform this package ships (cert-manager, trust-manager, Linkerd, viz, monitoring, tracing, ...)',
    files: () => configIn(PACKAGE_ROOT),
  },
} as const satisfies Record<string, ConfigTemplate>;

export type TemplateName = keyof typeof CONFIG_TEMPLATES;
export const TEMPLATE_NAMES = Object.keys(CONFIG_TEMPLATES) as TemplateName[];
