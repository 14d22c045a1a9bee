import type { Ajv } from 'ajv';
import { kubernetesAjv, type CodeOptions } from '../core/ajv-setup.js';

/** The string formats this ajv checks; any other `format` of a schema from elsewhere checks nothing. */
export const CHECKED_FORMATS: ReadonlySet<string> = new Set([
  'date-time', 'date', 'time', 'uri', 'email', 'hostname', 'ipv4', 'ipv6', 'uuid',
  'int32', 'int64', 'float', 'double', 'byte', 'int-or-string', 'duration',
]);

/**
 * The one ajv setup every strict check of Kubernetes objects uses (the shipped schemas and CRD
 * schemas alike): strict about schemas and unknown keywords, every error collected, with the
 * parent schema and data on each error for the messages. Configured in core/ajv-setup.ts, which
 * the build's precompiled validators share.
 */
export function strictAjv(code: CodeOptions = {}): Ajv {
  return kubernetesAjv(code);
}
