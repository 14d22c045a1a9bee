/**
 * lint/undeclared-secret-input and lint/unused-secret-input: every Secret a workload reads is
 * produced by the tree or declared under settings.inputs, and every declared input is read.
 */
import { describe, expect, it } from 'vitest';
import { build, configCopy, lintFresh, withCode } from './helpers.js';

const INPUTS_BLOCK = /  inputs:\n(?:    .*\n|      .*\n)+/;

/** A Deployment of the demo app that reads `secret` through secretKeyRef and a volume. */
function reader(secret: string, key: string): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: reader
  namespace: tracing
spec:
  selector: { matchLabels: { app: reader } }
  template:
    metadata: { labels: { app: reader } }
    spec:
      containers:
        - name: app
          image: busybox:1.37
          env:
            - name: TOKEN
              valueFrom: { secretKeyRef: { name: ${secret}, key: ${key} } }
`;
}

describe('lint/undeclared-secret-input', () => {
  it('passes on the shipped config: every Secret is produced in the cluster or declared (one input)', async () => {
    const d = lintFresh(await build(configCopy()));
    expect(withCode(d, 'undeclared-secret-input')).toEqual([]);
    expect(withCode(d, 'unused-secret-input')).toEqual([]);
  });

  it('fails when the declared input behind Velero is removed, naming the Secret the inbox store would copy', async () => {
    const root = configCopy({ 'cluster.yaml': (t) => t.replace(INPUTS_BLOCK, '') });
    const found = withCode(lintFresh(await build(root)), 'undeclared-secret-input');
    expect(found.length).toBeGreaterThan(0);
    expect(found.map((f) => f.message).join('\n')).toMatch(/secrets-inbox\/platform-inputs/);
    expect(found.every((f) => f.severity === 'error')).toBe(true);
  });

  it('fails for a workload reading a Secret nothing produces, naming the workload, and passes once it is declared', async () => {
    const extra = { 'values/tempo/resources/reader.yaml': reader('mystery-token', 'token') };
    const found = withCode(lintFresh(await build(configCopy(extra))), 'undeclared-secret-input');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toMatch(/reader/);
    expect(found[0]!.message).toMatch(/tracing\/mystery-token/);

    const declared = configCopy({
      ...extra,
      'cluster.yaml': (t) => t.replace('  inputs:\n', '  inputs:\n    - namespace: tracing\n      name: mystery-token\n      keys: [token]\n'),
    });
    expect(withCode(lintFresh(await build(declared)), 'undeclared-secret-input')).toEqual([]);
  });
});

describe('lint/unused-secret-input', () => {
  it('warns for a declared input nothing reads', async () => {
    const root = configCopy({ 'cluster.yaml': (t) => t.replace('  inputs:\n', '  inputs:\n    - namespace: tracing\n      name: nobody-reads-this\n      keys: [x]\n') });
    const found = withCode(lintFresh(await build(root)), 'unused-secret-input');
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('warning');
    expect(found[0]!.message).toMatch(/nobody-reads-this/);
  });
});
