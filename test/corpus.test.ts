/**
 * The config corpus: every folder under test/fixtures/invalid/ is one broken config with the
 * messages it must produce, every folder under test/fixtures/valid/ one config that must generate
 * and then pass `check`. Both tables are data; adding a case is adding a folder.
 *
 * Invalid cases start from test/fixtures/invalid/_base (generated once, so each case runs against
 * a real committed-looking manifests/ tree), then remove and overlay files. `expected.yaml`:
 *   exit        expected exit code (default 1)
 *   remove      base files to delete first
 *   setup       what a fixture file cannot hold: symlinkOutside {link: file in the case folder},
 *               bigFile {path, bytes}
 *   errors      [{at: file[:line[:col]], code, words}] - each must be printed; the summary must
 *               count exactly these errors
 *   pending     the whole case fails today because of a generator bug (the reason); it runs as
 *               an expected failure, so fixing the bug turns it red: then drop `pending`
 *   knownIssue  {reason, errors}: a further expectation that fails today, run the same way
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { globSync } from 'glob';
import { parse, parseDocument } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, run, snapshot, tempDir } from './helpers.js';

const INVALID_DIR = path.join(REPO_ROOT, 'test/fixtures/invalid');
const VALID_DIR = path.join(REPO_ROOT, 'test/fixtures/valid');
/** Valid-config folders owned by other tests, with their own expectations. */
const NOT_OURS = new Set(['multi-cluster']);

interface ExpectedError {
  at: string;
  code?: string;
  words?: string[];
}

interface InvalidCase {
  description: string;
  exit?: number;
  remove?: string[];
  setup?: { symlinkOutside?: Record<string, string>; bigFile?: { path: string; bytes: number } };
  errors: ExpectedError[];
  pending?: string;
  knownIssue?: { reason: string; errors: ExpectedError[] };
}

type FactPath = string | (string | number)[];
interface Fact {
  file: string;
  path?: FactPath;
  equals?: unknown;
  startsWith?: string;
  absent?: boolean;
  contains?: string;
}

interface ValidCase {
  description: string;
  base?: string;
  remove?: string[];
  patch?: Record<string, Record<string, unknown>>;
  warnings?: number;
  files?: string[];
  present?: string[];
  absent?: string[];
  facts?: Fact[];
}


function caseNames(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('_') && !NOT_OURS.has(e.name) && existsSync(path.join(dir, e.name, 'expected.yaml')))
    .map((e) => e.name)
    .sort();
}

function readExpected<T>(dir: string): T {
  return parse(readFileSync(path.join(dir, 'expected.yaml'), 'utf8')) as T;
}

/** Copy a fixture folder's config files into `root` (over what is there), leaving out the test's own files. */
function overlay(fixture: string, root: string): void {
  for (const ent of readdirSync(fixture)) {
    if (ent === 'expected.yaml' || ent === 'outside') continue;
    cpSync(path.join(fixture, ent), path.join(root, ent), { recursive: true, verbatimSymlinks: true });
  }
}

/** Every file under `root`, repository-relative, sorted (symlinks listed, never followed). */
function listFiles(root: string, rel = ''): string[] {
  const out: string[] = [];
  for (const ent of readdirSync(path.join(root, rel), { withFileTypes: true })) {
    const child = rel ? `${rel}/${ent.name}` : ent.name;
    if (ent.isDirectory()) out.push(...listFiles(root, child));
    else out.push(child);
  }
  return out.sort();
}

/** One printed diagnostic: its location, code and the whole text (message, hint, diff lines). */
interface Printed {
  where: string;
  code: string;
  text: string;
}

function parseOutput(output: string): Printed[] {
  const blocks: Printed[] = [];
  for (const line of output.split('\n')) {
    const m = /^(.+?): (?:error|warning) \[([^\]]+)\] /.exec(line);
    if (m) blocks.push({ where: m[1]!, code: m[2]!, text: line });
    else if (line.startsWith('    ') && blocks.length) blocks[blocks.length - 1]!.text += '\n' + line;
  }
  return blocks;
}

function errorCount(output: string): number | undefined {
  const m = /Summary: (?:.*?, )?(\d+) errors?/.exec(output);
  return m ? Number(m[1]) : undefined;
}

/** `at` names the file and as much of line:col as it gives; a more precise location still matches. */
function matches(p: Printed, e: ExpectedError): boolean {
  if (p.where !== e.at && !p.where.startsWith(e.at + ':')) return false;
  if (e.code !== undefined && p.code !== e.code) return false;
  const text = p.text.toLowerCase();
  return (e.words ?? []).every((w) => text.includes(String(w).toLowerCase()));
}

function expectPrinted(output: string, errors: ExpectedError[], exactCount: boolean): void {
  const printed = parseOutput(output);
  for (const e of errors) {
    const found = printed.some((p) => matches(p, e));
    expect(found, `expected ${e.at} [${e.code ?? '*'}] with ${JSON.stringify(e.words ?? [])} in:\n${output}`).toBe(true);
  }
  if (exactCount) expect(errorCount(output), `error count in:\n${output}`).toBe(errors.length);
}

describe('invalid config corpus', () => {
  let base = '';

  beforeAll(async () => {
    base = tempDir('corpus-base-');
    overlay(path.join(INVALID_DIR, '_base'), base);
    const r = await run(['generate', '--root', base]);
    expect(r.code, r.out + r.err).toBe(0);
  });

  const outcomes = new Map<string, Promise<{ code: number; output: string; root: string; before: ReturnType<typeof snapshot> }>>();

  /** Runs a case once; its main test and its known-issue test share the result. */
  function outcome(name: string, c: InvalidCase) {
    let p = outcomes.get(name);
    if (!p) {
      p = (async () => {
        const root = tempDir(`corpus-${name.slice(0, 40)}-`);
        cpSync(base, root, { recursive: true });
        for (const rel of c.remove ?? []) rmSync(path.join(root, rel), { recursive: true, force: true });
        const fixture = path.join(INVALID_DIR, name);
        overlay(fixture, root);
        for (const [link, source] of Object.entries(c.setup?.symlinkOutside ?? {})) {
          const outside = path.join(tempDir('corpus-outside-'), path.basename(source));
          cpSync(path.join(fixture, source), outside);
          mkdirSync(path.dirname(path.join(root, link)), { recursive: true });
          rmSync(path.join(root, link), { force: true });
          symlinkSync(outside, path.join(root, link));
        }
        const big = c.setup?.bigFile;
        // Generated here so the repository does not carry 10 MB of padding.
        if (big) writeFileSync(path.join(root, big.path), Buffer.alloc(big.bytes, '# padding to push the file over the size limit\n'));
        const before = snapshot(path.join(root, 'manifests'));
        const r = await run(['generate', '--root', root]);
        return { code: r.code, output: r.out + r.err, root, before };
      })();
      outcomes.set(name, p);
    }
    return p;
  }

  const names = caseNames(INVALID_DIR);
  it('has at least 40 cases', () => {
    expect(names.length).toBeGreaterThanOrEqual(40);
  });

  for (const name of names) {
    const c = readExpected<InvalidCase>(path.join(INVALID_DIR, name));
    const main = async () => {
      const o = await outcome(name, c);
      expect(o.code, o.output).toBe(c.exit ?? 1);
      expectPrinted(o.output, c.errors, c.pending === undefined);
      // A failed generate must leave the committed tree exactly as it was, with no debris.
      const after = snapshot(path.join(o.root, 'manifests'));
      expect([...after.keys()]).toEqual([...o.before.keys()]);
      for (const [rel, f] of o.before) expect(after.get(rel), rel).toEqual(f);
      const debris = listFiles(o.root).filter((f) => /\.generate\.lock$|\.tmp-\d+$|\.bak-\d+$/.test(f));
      expect(debris).toEqual([]);
    };
    const title = `${name}: ${c.description}`;
    if (c.pending !== undefined) it.fails(`${title} [pending: ${c.pending}]`, main);
    else it(title, main);

    const known = c.knownIssue;
    if (known) {
      it.fails(`${name}: known issue: ${known.reason}`, async () => {
        const o = await outcome(name, c);
        expectPrinted(o.output, known.errors, false);
      });
    }
  }
});

function valueAt(doc: unknown, p: FactPath): unknown {
  const segments = typeof p === 'string' ? p.split('.') : p;
  let cur: unknown = doc;
  for (const s of segments) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[String(s)];
  }
  return cur;
}

function checkFact(root: string, f: Fact): void {
  const abs = path.join(root, f.file);
  expect(existsSync(abs), `${f.file} exists`).toBe(true);
  const text = readFileSync(abs, 'utf8');
  if (f.contains !== undefined) expect(text, f.file).toContain(f.contains);
  if (f.path === undefined) return;
  const value = valueAt(parse(text), f.path);
  const label = `${f.file} ${JSON.stringify(f.path)}`;
  if (f.absent) expect(value, label).toBeUndefined();
  if (f.equals !== undefined) expect(value, label).toEqual(f.equals);
  if (f.startsWith !== undefined) expect(String(value), label).toMatch(new RegExp(`^${f.startsWith.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
}

describe('valid config corpus', () => {
  for (const name of caseNames(VALID_DIR)) {
    const c = readExpected<ValidCase>(path.join(VALID_DIR, name));
    it(`${name}: ${c.description}`, async () => {
      const root = tempDir(`valid-${name}-`);
      if (c.base) overlay(path.join(VALID_DIR, c.base), root);
      overlay(path.join(VALID_DIR, name), root);
      for (const rel of c.remove ?? []) rmSync(path.join(root, rel), { recursive: true, force: true });
      for (const [file, sets] of Object.entries(c.patch ?? {})) {
        // Edit the parsed document so comments and layout of the base file survive.
        const doc = parseDocument(readFileSync(path.join(root, file), 'utf8'));
        for (const [dotted, value] of Object.entries(sets)) doc.setIn(dotted.split('.'), value);
        writeFileSync(path.join(root, file), doc.toString());
      }

      const gen = await run(['generate', '--root', root]);
      expect(gen.code, gen.out + gen.err).toBe(0);
      const chk = await run(['check', '--root', root]);
      expect(chk.code, chk.out + chk.err).toBe(0);
      if (c.warnings !== undefined) expect(chk.out + chk.err).toMatch(new RegExp(`\\b${c.warnings} warnings?\\b`));

      if (c.files) expect(listFiles(path.join(root, 'manifests')).map((f) => `manifests/${f}`)).toEqual([...c.files].sort());
      for (const p of c.present ?? []) expect(globSync(p, { cwd: root }), p).not.toEqual([]);
      for (const p of c.absent ?? []) expect(globSync(p, { cwd: root }), p).toEqual([]);
      for (const f of c.facts ?? []) checkFact(root, f);
    });
  }
});
