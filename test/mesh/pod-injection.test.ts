import { describe, expect, it } from 'vitest';
import { nativeSidecarSupport } from '../../generator/mesh/native-sidecar.js';
import { injectionOf, podFactsOf, runsNativeSidecar } from '../../generator/mesh/pod-injection.js';

const pod = (annotations: Record<string, string> = {}, spec: Record<string, unknown> = {}, labels: Record<string, string> = {}) => podFactsOf({ metadata: { annotations, labels }, spec });
const ns = (annotations: Record<string, string> = {}, labels: Record<string, string> = {}, name = 'apps') => ({ name, annotations, labels });

describe('injectionOf', () => {
  it('the pod template decides, then its namespace', () => {
    expect(injectionOf(pod({ 'linkerd.io/inject': 'enabled' }), ns())).toEqual({ injected: true, mode: 'enabled', from: 'pod' });
    expect(injectionOf(pod(), ns({ 'linkerd.io/inject': 'ingress' }))).toEqual({ injected: true, mode: 'ingress', from: 'namespace' });
    expect(injectionOf(pod({ 'linkerd.io/inject': 'disabled' }), ns({ 'linkerd.io/inject': 'enabled' }))).toMatchObject({ injected: false, from: 'pod' });
    expect(injectionOf(pod(), ns())).toMatchObject({ injected: false });
  });

  it('never injects hostNetwork pods, skipped namespaces, namespaces with the webhooks off, or Linkerd’s own pods', () => {
    const on = { 'linkerd.io/inject': 'enabled' };
    expect(injectionOf(pod(on, { hostNetwork: true }), ns(on))).toEqual({ injected: false, why: 'pods with hostNetwork: true are never injected' });
    expect(injectionOf(pod(on), ns(on, {}, 'kube-system'))).toMatchObject({ injected: false });
    expect(injectionOf(pod(on), ns(on, {}, 'cert-manager'))).toMatchObject({ injected: false });
    expect(injectionOf(pod(on), ns(on, { 'config.linkerd.io/admission-webhooks': 'disabled' }))).toMatchObject({ injected: false });
    expect(injectionOf(pod(on, {}, { 'linkerd.io/control-plane-component': 'destination' }), ns())).toMatchObject({ injected: false });
  });
});

describe('runsNativeSidecar', () => {
  it('follows the release default, the opt-in or opt-out annotation (pod over namespace), and the cluster', () => {
    const v220 = nativeSidecarSupport('2.20', '1.32');
    const v218 = nativeSidecarSupport('2.18', '1.30');
    const GA = 'config.linkerd.io/proxy-enable-native-sidecar';
    const ALPHA = 'config.alpha.linkerd.io/proxy-enable-native-sidecar';
    expect(runsNativeSidecar(v220, pod(), ns())).toBe(true);
    expect(runsNativeSidecar(v220, pod({ [GA]: 'false' }), ns())).toBe(false);
    expect(runsNativeSidecar(v218, pod(), ns())).toBe(false);
    expect(runsNativeSidecar(v218, pod(), ns({ [ALPHA]: 'true' }))).toBe(true);
    expect(runsNativeSidecar(v218, pod({ [ALPHA]: 'false' }), ns({ [ALPHA]: 'true' }))).toBe(false);
    expect(runsNativeSidecar(nativeSidecarSupport('2.18', '1.28'), pod({ [ALPHA]: 'true' }), ns())).toBe(false);
    expect(runsNativeSidecar(nativeSidecarSupport('2.14', '1.32'), pod(), ns())).toBe(false);
  });
});
