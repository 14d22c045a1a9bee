/**
 * Helm's failures as diagnostics at the config line that causes them. A values.schema.json error
 * names the key path (`- at '/replicas': got string, want integer`), so it goes to that key of the
 * values template when the operator set it there; anything else goes to the app's chart.
 */
import type { Diagnostic } from '../model/diagnostics.js';
import { escapePointerSegment } from '../model/source.js';
import type { ChartArchive, HydrateBlame, HydrateSubject, Where } from './types.js';

const SCHEMA_HEAD = /values don't meet the specifications of the schema\(s\) in the following chart\(s\):/;

export interface HelmFailure {
  subject: HydrateSubject;
  sourceIndex: number;
  archive: ChartArchive;
  /** `helm template ...` as run. */
  command: string;
  stderr: string;
  reason: string;
}

export function helmFailureDiagnostics(f: HelmFailure, blame: HydrateBlame): Diagnostic[] {
  const who = `${f.subject.kind === 'Application' ? 'Application' : 'ApplicationSet element'} ${f.subject.name}`;
  const chart = `chart ${f.archive.name} ${f.archive.version}`;
  if (SCHEMA_HEAD.test(f.stderr)) {
    const out: Diagnostic[] = [];
    for (const e of schemaErrors(f.stderr, f.archive)) {
      const where = blame.value(f.subject, e.pointer) ?? blame.chart(f.subject, f.sourceIndex);
      out.push(diag(where, `${chart} refuses the values of ${who} (its values.schema.json, in ${e.chart}): at ${e.pointer || '/'}: ${e.message}`, 'fix the value (the key path is in the message), or remove the key if the chart does not know it'));
    }
    if (out.length > 0) return out;
  }
  return [diag(blame.chart(f.subject, f.sourceIndex), `${chart} does not render for ${who}: ${f.reason}\n    command: ${f.command}`, 'run the command above to see Helm\'s whole output; fix the values or pick a chart version that renders')];
}

function diag(where: Where, message: string, hint: string): Diagnostic {
  return { severity: 'error', code: 'rendered/helm-failed', ...where, message, hint };
}

interface SchemaError {
  chart: string;
  pointer: string;
  message: string;
}

/** `<chart>:` headings, then `- at '<pointer>': <message>` lines; subchart pointers get their alias prefix. */
function schemaErrors(stderr: string, archive: ChartArchive): SchemaError[] {
  const out: SchemaError[] = [];
  let chart = archive.name;
  let prefix = '';
  for (const line of stderr.split(/\r?\n/)) {
    const heading = /^([A-Za-z0-9][\w.-]*):\s*$/.exec(line);
    if (heading) {
      chart = heading[1]!;
      prefix = prefixOf(archive, chart) ?? '';
      continue;
    }
    const m = /^\s*-\s+at\s+'([^']*)':\s*(.+)$/.exec(line);
    if (!m) continue;
    const at = prefix + (m[1] === '/' ? '' : m[1]!);
    const message = m[2]!.trim();
    // Unknown keys are reported at each key, so the line of the key itself is shown.
    const extra = /^additional properties? (.+) not allowed$/.exec(message);
    if (extra) {
      for (const k of extra[1]!.match(/'([^']*)'/g) ?? []) out.push({ chart, pointer: `${at}/${escapePointerSegment(k.slice(1, -1))}`, message: `unknown key ${k}: the chart's schema does not allow it` });
      continue;
    }
    out.push({ chart, pointer: at, message });
  }
  return out;
}

/** Where a subchart's values sit in the parent's: `/<alias>`, nested for sub-subcharts. */
function prefixOf(archive: ChartArchive, name: string, base = ''): string | undefined {
  if (base === '' && archive.name === name) return '';
  for (const s of archive.subcharts) {
    const here = `${base}/${escapePointerSegment(s.as)}`;
    if (s.name === name || s.as === name) return here;
    const deeper = prefixOf(s, name, here);
    if (deeper !== undefined && deeper !== '') return deeper;
  }
  return undefined;
}
