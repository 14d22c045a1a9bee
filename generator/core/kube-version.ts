/** Minor of a Kubernetes version (`1.30`, `v1.30.2`, `1.30.1-k3s1`); undefined for anything else. */
export function kubeMinor(version: string): number | undefined {
  const m = /^v?1\.(\d+)(?:\.\d+)?(?:[-+].*)?$/.exec(version.trim());
  return m ? Number(m[1]) : undefined;
}
