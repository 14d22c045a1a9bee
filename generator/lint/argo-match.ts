/**
 * Argo CD's AppProject matching, for the rendered objects an Application will apply: source
 * repositories, destinations (server or name, and namespace; globs, `!` to deny) and resource
 * kinds (cluster-scoped ones in `clusterResourceWhitelist` and not in `clusterResourceBlacklist`,
 * namespaced ones not in `namespaceResourceBlacklist` and, when it is set, in
 * `namespaceResourceWhitelist`). Globs are gobwas globs without separators, as Argo CD uses them.
 */
import { isPlainObject } from '../core/merge.js';

const compiled = new Map<string, RegExp>();

/** `*` any run of characters, `?` one, `[...]`/`[!...]` a class, `{a,b}` alternatives, `\` escapes. */
export function argoGlob(pattern: string, text: string): boolean {
  let re = compiled.get(pattern);
  if (!re) {
    re = new RegExp(`^${globSource(pattern)}$`, 's');
    compiled.set(pattern, re);
  }
  return re.test(text);
}

function globSource(p: string): string {
  let out = '';
  for (let i = 0; i < p.length; i++) {
    const ch = p[i]!;
    if (ch === '\\' && i + 1 < p.length) out += escape(p[++i]!);
    else if (ch === '*') out += '.*';
    else if (ch === '?') out += '.';
    else if (ch === '[') {
      const end = p.indexOf(']', i + 1);
      if (end < 0) out += '\\[';
      else {
        let body = p.slice(i + 1, end);
        const negate = body.startsWith('!');
        if (negate) body = body.slice(1);
        out += `[${negate ? '^' : ''}${body.replace(/\\/g, '\\\\').replace(/\]/g, '\\]')}]`;
        i = end;
      }
    } else if (ch === '{') {
      const end = p.indexOf('}', i + 1);
      if (end < 0) out += '\\{';
      else {
        out += `(?:${p.slice(i + 1, end).split(',').map(globSource).join('|')})`;
        i = end;
      }
    } else out += escape(ch);
  }
  return out;
}

function escape(ch: string): string {
  return ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** A glob that may deny with a leading `!`. */
function matchOrDeny(pattern: string, text: string): boolean {
  return pattern.startsWith('!') ? !argoGlob(pattern.slice(1), text) : argoGlob(pattern, text);
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (isPlainObject(v) ? v : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function normaliseRepo(url: string): string {
  return url.trim().replace(/\/+$/, '').replace(/\.git$/, '').toLowerCase();
}

/** `sourceRepos`: some entry matches, and no `!` entry denies it. */
export function sourcePermitted(spec: Obj, repoURL: string): boolean {
  const url = normaliseRepo(repoURL);
  let any = false;
  for (const raw of list(spec['sourceRepos'])) {
    const pattern = str(raw);
    if (pattern === '') continue;
    const deny = pattern.startsWith('!');
    const p = (deny ? '!' : '') + normaliseRepo(deny ? pattern.slice(1) : pattern);
    const matched = matchOrDeny(p, url);
    if (matched) any = true;
    else if (deny) return false;
  }
  return any;
}

export interface Destination {
  server?: string;
  name?: string;
  namespace: string;
}

/** `destinations`: server (or name) and namespace match one entry, and no `!` entry denies them. */
export function destinationPermitted(spec: Obj, dst: Destination): boolean {
  let any = false;
  for (const raw of list(spec['destinations'])) {
    const item = obj(raw);
    const server = str(item['server']);
    const name = str(item['name']);
    const ns = str(item['namespace']);
    const nameMatched = dst.name !== undefined && dst.name !== '' && name !== '' && matchOrDeny(name, dst.name);
    const serverMatched = dst.server !== undefined && dst.server !== '' && server !== '' && matchOrDeny(server, dst.server);
    const nsMatched = matchOrDeny(ns, dst.namespace);
    if ((serverMatched || nameMatched) && nsMatched) any = true;
    else if ((!nameMatched && name.startsWith('!')) || (!serverMatched && server.startsWith('!')) || (!nsMatched && ns.startsWith('!'))) return false;
  }
  return any;
}

function inList(entries: unknown, group: string, kind: string, name: string): boolean {
  return list(entries).some((raw) => {
    const e = obj(raw);
    const n = str(e['name']);
    return argoGlob(str(e['group']), group) && argoGlob(str(e['kind']), kind) && (n === '' || argoGlob(n, name));
  });
}

/** Whether the project lets an Application apply this kind; why not, when it does not. */
export function kindPermitted(spec: Obj, group: string, kind: string, name: string, namespaced: boolean): { ok: true } | { ok: false; why: string } {
  if (namespaced) {
    const white = spec['namespaceResourceWhitelist'];
    if (Array.isArray(white) && !inList(white, group, kind, name)) return { ok: false, why: 'not in namespaceResourceWhitelist' };
    if (inList(spec['namespaceResourceBlacklist'], group, kind, name)) return { ok: false, why: 'in namespaceResourceBlacklist' };
    return { ok: true };
  }
  if (!inList(spec['clusterResourceWhitelist'], group, kind, name)) return { ok: false, why: 'not in clusterResourceWhitelist' };
  if (inList(spec['clusterResourceBlacklist'], group, kind, name)) return { ok: false, why: 'in clusterResourceBlacklist' };
  return { ok: true };
}
