import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_NAME, PACKAGE_ROOT, TEMPLATES_DIR } from '../../model/package.js';
import type { NewFile } from './files.js';

/** npm's rules for a package name, loosely: lower case, URL-safe, not starting with `.` or `_`. */
function packageNameFor(dir: string): string {
  const name = path
    .basename(path.resolve(dir))
    .toLowerCase()
    .replace(/[^a-z0-9._~-]+/g, '-')
    .replace(/^[._-]+|-+$/g, '');
  return name.slice(0, 214) || 'gitops-config';
}

/**
 * What turns a config into a repository: package.json with the generator as a devDependency and
 * the two scripts, .gitignore, the CI workflow, the Renovate config (this package's own file, so
 * both stay one source) and a short README.
 */
export function configRepoFiles(dir: string, toolSpec: string, template: string): NewFile[] {
  const pkg = {
    name: packageNameFor(dir),
    private: true,
    description: `Argo CD GitOps config, rendered into manifests/ by ${PACKAGE_NAME}`,
    scripts: { generate: 'gitops-generator generate', check: 'gitops-generator check' },
    devDependencies: { [PACKAGE_NAME]: toolSpec },
  };
  const fromTemplates = (file: string) => readFileSync(path.join(TEMPLATES_DIR, 'config-repo', file), 'utf8');
  return [
    { path: 'package.json', content: `${JSON.stringify(pkg, null, 2)}\n` },
    { path: '.gitignore', content: fromTemplates('gitignore') },
    { path: '.github/workflows/gitops.yml', content: fromTemplates('gitops.yml') },
    { path: 'renovate.json', content: readFileSync(path.join(PACKAGE_ROOT, 'renovate.json'), 'utf8') },
    { path: 'README.md', content: readme(pkg.name, template) },
  ];
}

function readme(name: string, template: string): string {
  return `# ${name}

Argo CD GitOps config (started from the \`${template}\` template of ${PACKAGE_NAME}). Edit
\`cluster.yaml\`, \`apps/*.yaml\` and the Helm values templates in \`values/\`, then render and commit
\`manifests/\`:

\`\`\`sh
npm install                 # once (commit package-lock.json)
npm run generate            # render manifests/
npm run check               # what CI runs: config, drift, schemas, lint
npx gitops-generator new-app <name> --chart <repoURL> <chart>@<version>
npx gitops-generator explain <app>
\`\`\`

Bootstrap a cluster once: \`kubectl apply --server-side --field-manager=gitops-generator -f manifests/bootstrap/\`.
Renovate (\`renovate.json\`) bumps chart versions in \`apps/*.yaml\`; the CI workflow regenerates
\`manifests/\` on its branches.
`;
}
