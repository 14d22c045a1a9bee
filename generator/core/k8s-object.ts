import type { K8sObject } from '../model/k8s.js';
import { isPlainObject } from './merge.js';

/** Whether parsed data is a Kubernetes object: apiVersion, kind and metadata.name, all strings. */
export function isK8sObject(doc: unknown): doc is K8sObject {
  if (!isPlainObject(doc)) return false;
  const md = doc['metadata'];
  return typeof doc['apiVersion'] === 'string' && typeof doc['kind'] === 'string' && isPlainObject(md) && typeof md['name'] === 'string';
}
