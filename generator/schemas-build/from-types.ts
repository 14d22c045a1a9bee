import path from 'node:path';
import ts from 'typescript';
import {
  DEFAULT_CONFIG,
  ExposeNodeParser,
  SchemaGenerator,
  createFormatter,
  createParser,
  type CompletedConfig,
} from 'ts-json-schema-generator';
import type { KindSource } from './kinds.js';

export type JsonSchema = { [key: string]: unknown };

/**
 * Turns the TypeScript interfaces of the model packages into draft-07 JSON Schemas with
 * ts-json-schema-generator. One program serves every kind; the entry file exists only in memory
 * (placed inside the repository so that node_modules resolves), so the build writes nothing but
 * its output.
 */
export class TypeSchemaSource {
  private readonly generator: SchemaGenerator;
  private readonly aliases = new Map<string, string>();

  constructor(repoRoot: string, kinds: readonly KindSource[]) {
    const entry = path.join(repoRoot, 'generator', 'schemas-build', '__kinds_entry__.ts').split(path.sep).join('/');
    const lines: string[] = [];
    kinds.forEach((k, i) => {
      const alias = `Kind${i}`;
      this.aliases.set(`${k.apiVersion}/${k.kind}`, alias);
      lines.push(`import type { I${k.kind} as T${i} } from '${k.module}';`, `export type ${alias} = T${i};`);
    });
    const entryText = lines.join('\n') + '\n';

    const options: ts.CompilerOptions = {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: [],
    };
    const host = ts.createCompilerHost(options);
    const { getSourceFile, fileExists, readFile } = host;
    host.getSourceFile = (name, lang, onError, create) =>
      name === entry ? ts.createSourceFile(name, entryText, lang) : getSourceFile.call(host, name, lang, onError, create);
    host.fileExists = (name) => name === entry || fileExists.call(host, name);
    host.readFile = (name) => (name === entry ? entryText : readFile.call(host, name));
    const program = ts.createProgram([entry], options, host);
    const problems = ts.getPreEmitDiagnostics(program);
    if (problems.length > 0) {
      const text = problems.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('\n');
      throw new Error(`type errors in the kind entry file:\n${text}`);
    }

    const config: CompletedConfig = {
      ...DEFAULT_CONFIG,
      path: entry,
      expose: 'export',
      topRef: false,
      jsDoc: 'none', // descriptions would triple the files; the models carry no format annotations anyway
      sortProps: true,
      additionalProperties: false,
      skipTypeCheck: true,
      encodeRefs: false,
    };
    this.generator = new SchemaGenerator(program, createParser(program, config), createFormatter(config), config);
  }

  schemaFor(kind: KindSource): JsonSchema {
    const alias = this.aliases.get(`${kind.apiVersion}/${kind.kind}`);
    if (!alias) throw new Error(`unknown kind ${kind.apiVersion}/${kind.kind}`);
    return withQualifiedNames(() => this.generator.createSchema(alias) as JsonSchema);
  }
}

/**
 * The model packages reuse short interface names (cert-manager's and core's ILocalObjectReference),
 * which the generator refuses as "multiple definitions". Name each definition after the file that
 * declares it instead, e.g. `apimachinery.apis.meta.v1.ObjectMeta`. The generator has no option for
 * this, so its naming method is swapped for the duration of one call.
 */
function withQualifiedNames<T>(fn: () => T): T {
  type NameFn = (this: unknown, node: ts.Node, context: unknown) => string;
  const proto = ExposeNodeParser.prototype as unknown as { getDefinitionName: NameFn };
  const original = proto.getDefinitionName;
  proto.getDefinitionName = function (node, context) {
    const name = original.call(this, node, context);
    return qualifiedName(node.getSourceFile().fileName, name);
  };
  try {
    return fn();
  } finally {
    proto.getDefinitionName = original;
  }
}

export function qualifiedName(fileName: string, name: string): string {
  const file = fileName.split(path.sep).join('/');
  const own = /\/generator\/(model\/[^/]+)\.ts$/.exec(file);
  // Kinds described in this repository (model/external-secrets.ts): `local.model.external-secrets.<Name>`.
  if (own && !/[<>]/.test(name)) return `local.${own[1]!.replace(/\//g, '.')}.${/^I[A-Z]/.test(name) ? name.slice(1) : name}`;
  const at = file.lastIndexOf('/node_modules/');
  if (at < 0 || /[<>]/.test(name)) return name;
  const rel = file.slice(at + '/node_modules/'.length).replace(/\.d\.ts$/, '').replace(/^@kubernetes-models\//, '');
  const dir = rel.slice(0, rel.lastIndexOf('/') + 1);
  // The interface is `I<Name>`; the file already carries the plain name.
  const plain = /^I[A-Z]/.test(name) ? name.slice(1) : name;
  return (dir + plain).replace(/\//g, '.');
}
