import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { deepMerge } from '../../generator/core/merge.js';
import { buildTree } from '../../generator/pipeline.js';
import { copyDefaultConfig } from '../helpers.js';

export type Obj = Record<string, any>;

/** The shipped config with `defaults:` overridden, rendered in memory: path -> parsed documents. */
export async function renderDefault(defaults: Obj = {}): Promise<Map<string, Obj>> {
  const root = copyDefaultConfig();
  if (Object.keys(defaults).length) {
    const file = path.join(root, 'cluster.yaml');
    const cfg = parse(readFileSync(file, 'utf8')) as Obj;
    cfg['defaults'] = deepMerge(cfg['defaults'] ?? {}, defaults);
    writeFileSync(file, stringify(cfg));
  }
  const t = await buildTree(root);
  return new Map(t.files.filter((f) => f.path.endsWith('.yaml')).map((f) => [f.path, parse(f.content) as Obj]));
}

export function get(files: Map<string, Obj>, p: string): Obj {
  const v = files.get(p);
  if (!v) throw new Error(`${p} not rendered; have:\n${[...files.keys()].join('\n')}`);
  return v;
}
