import { argocd } from './argocd.js';
import { certManager } from './cert-manager.js';
import { externalSecrets } from './external-secrets.js';
import { linkerdControlPlane } from './linkerd-control-plane.js';
import { linkerdCrds } from './linkerd-crds.js';
import { linkerdIdentity } from './linkerd-identity.js';
import { linkerdJaeger } from './linkerd-jaeger.js';
import { linkerdViz } from './linkerd-viz.js';
import { trustManager } from './trust-manager.js';
import type { Component } from './types.js';

/** Every built-in component, by id. Add a component by adding its file and one line here. */
const COMPONENTS: Component[] = [argocd, certManager, externalSecrets, trustManager, linkerdIdentity, linkerdCrds, linkerdControlPlane, linkerdViz, linkerdJaeger];

const byId = new Map(COMPONENTS.map((c) => [c.id, c]));

export function getComponent(id: string): Component | undefined {
  return byId.get(id);
}

export function componentIds(): string[] {
  return [...byId.keys()].sort();
}

export function allComponents(): Component[] {
  return [...COMPONENTS].sort((a, b) => (a.id < b.id ? -1 : 1));
}
