import { existsSync } from 'node:fs';
import path from 'node:path';
import { isMap } from 'yaml';
import type { Diagnostic } from '../model/diagnostics.js';
import type { SourceDocument } from '../model/source.js';
import { yamlErrorDiagnostic } from '../core/yaml-errors.js';
import { parseSourceDocuments, positionOf, significantErrors } from '../core/yaml-source.js';
import type { InputListing } from './discover.js';
import { readInput } from './read-input.js';
import type { AppFile, ClusterFile } from '../model/config-input.js';
import { isValidConfigDocument, type ConfigSchemaName } from './validate-config.js';

/** The text of one config file, or undefined (with a diagnostic) when it is missing or unreadable. */
export function readConfigText(ctx: Pick<InputListing, 'root' | 'realRoot'>, file: string, diags: Diagnostic[]): string | undefined {
  if (!existsSync(path.join(ctx.root, file))) {
    const yml = file.replace(/\.yaml$/, '.yml');
    const hint = existsSync(path.join(ctx.root, yml)) ? `rename ${yml} to ${file}` : `create ${file} at the repository root (see README: Config)`;
    diags.push({ severity: 'error', code: 'input/missing', file, message: 'file not found', hint });
    return undefined;
  }
  const r = readInput(ctx.root, file, ctx.realRoot);
  if (!r.ok) {
    diags.push(r.diagnostic);
    return undefined;
  }
  return r.text;
}

/** Parse (one document, no duplicate keys) and schema-check one config file; undefined (with diagnostics) when it is not valid. */
export function parseYamlConfig(file: string, text: string, schema: 'cluster', diags: Diagnostic[], sources: Map<string, SourceDocument>): ClusterFile | undefined;
export function parseYamlConfig(file: string, text: string, schema: 'app', diags: Diagnostic[], sources: Map<string, SourceDocument>): AppFile | undefined;
export function parseYamlConfig(file: string, text: string, schema: ConfigSchemaName, diags: Diagnostic[], sources: Map<string, SourceDocument>): ClusterFile | AppFile | undefined {
  const docs = parseSourceDocuments(file, text);
  const real = docs.filter((d) => d.doc.contents !== null || d.doc.errors.length > 0);
  if (real.length === 0) {
    diags.push({ severity: 'error', code: 'config/empty', file, line: 1, col: 1, message: 'file is empty', hint: schema === 'app' ? 'an app needs at least a chart or resources; delete the file to remove the app' : 'see README: Config for a minimal cluster.yaml' });
    return undefined;
  }
  if (real.length > 1) {
    const pos = positionOf(real[1]!, '');
    diags.push({ severity: 'error', code: 'config/multiple-documents', file, ...pos, message: 'holds more than one YAML document; a config file is one document' });
    return undefined;
  }
  const src = real[0]!;
  if (src.doc.errors.length > 0) {
    for (const e of significantErrors(src.doc.errors)) diags.push(yamlErrorDiagnostic(file, e, text));
    return undefined;
  }
  if (!isMap(src.doc.contents)) {
    diags.push({ severity: 'error', code: 'config/wrong-type', file, ...positionOf(src, ''), pointer: '', message: 'must be a YAML mapping (key: value pairs)' });
    return undefined;
  }
  sources.set(file, src);
  let value: unknown;
  try {
    value = src.doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    // e.g. an alias bomb: "Excessive alias count indicates a resource exhaustion attack"
    diags.push({ severity: 'error', code: 'config/yaml-syntax', file, line: 1, col: 1, message: `cannot be read: ${(e as Error).message}`, hint: 'YAML aliases may be used at most 100 times per document' });
    return undefined;
  }
  return isValidConfigDocument(schema, src, value, diags) ? value : undefined;
}
