import { closest } from '../core/suggest.js';
import type { FlagSpec, FlagSpecs } from './types.js';

/** A wrong command line: exit 2, the message, and what to run for help. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose `--help` explains it; undefined for the top level. */
    readonly command?: string,
  ) {
    super(message);
  }
}

/** Flags every command takes. */
export const GLOBAL_FLAGS = {
  help: { type: 'boolean', short: 'h', description: 'show this help' },
  version: { type: 'boolean', description: "print the generator's version" },
} as const satisfies FlagSpecs;

export type RawFlags = Record<string, string | string[] | boolean | undefined>;

export interface ParsedArgs {
  flags: RawFlags;
  args: string[];
}

function arity(spec: FlagSpec): number {
  return spec.type === 'boolean' ? 0 : (spec.values?.length ?? 1);
}

export function flagUsage(name: string, spec: FlagSpec): string {
  if (spec.bare !== undefined) return `--${name}[=${(spec.choices ?? []).filter((c) => c !== spec.bare).join('|') || '<value>'}]`;
  const values = spec.type === 'boolean' ? [] : (spec.values ?? ['<value>']);
  return [`--${name}`, ...values].join(' ');
}

/**
 * Parse the arguments of one command against its flags (and the global ones): `--name value`,
 * `--name=value`, `-h`, repeated flags for `multiple`, `--` ends the flags. Unknown flags, missing
 * values and values outside `choices` are UsageErrors with a did-you-mean.
 */
export function parseFlags(argv: readonly string[], specs: FlagSpecs, command: string, otherFlags: ReadonlyMap<string, string[]> = new Map()): ParsedArgs {
  const all: FlagSpecs = { ...GLOBAL_FLAGS, ...specs };
  const byShort = new Map(Object.entries(all).flatMap(([n, s]) => (s.short ? [[s.short, n] as const] : [])));
  const flags: RawFlags = {};
  const args: string[] = [];
  for (const [name, spec] of Object.entries(all)) {
    flags[name] = spec.type === 'boolean' ? false : spec.multiple ? [] : spec.default;
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      args.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      args.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const written = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const name = written.startsWith('--') ? written.slice(2) : byShort.get(written.slice(1));
    const spec = name !== undefined && Object.hasOwn(all, name) ? all[name]! : undefined;
    if (name === undefined || !spec) throw unknownFlag(written, all, command, otherFlags);
    const n = arity(spec);
    if (n === 0) {
      if (inline !== undefined) throw new UsageError(`${written} takes no value`, command);
      flags[name] = true;
      continue;
    }
    let values: string[];
    if (spec.bare !== undefined) values = [inline ?? spec.bare];
    else if (inline !== undefined && n === 1) values = [inline];
    else {
      if (inline !== undefined) throw new UsageError(`${written} takes ${n} values: ${flagUsage(name, spec)}`, command);
      values = argv.slice(i + 1, i + 1 + n);
      if (values.length < n || values.some((v) => v.startsWith('-') && v !== '-')) {
        throw new UsageError(`${written} needs ${n === 1 ? 'a value' : `${n} values`}: ${flagUsage(name, spec)}`, command);
      }
      i += n;
    }
    for (const v of values) checkChoice(name, spec, v, command);
    if (spec.multiple) (flags[name] as string[]).push(...values);
    else flags[name] = n === 1 ? values[0] : values;
  }
  return { flags, args };
}

function unknownFlag(written: string, all: FlagSpecs, command: string, otherFlags: ReadonlyMap<string, string[]>): UsageError {
  const bare = written.replace(/^-+/, '');
  const guess = closest(bare, Object.keys(all));
  const elsewhere = otherFlags.get(bare);
  const why = guess ? `; did you mean --${guess}?` : elsewhere ? `; --${bare} is a flag of ${elsewhere.join(', ')}` : '';
  return new UsageError(`unknown flag '${written}' for '${command}'${why}`, command);
}

function checkChoice(name: string, spec: FlagSpec, value: string, command: string): void {
  if (!spec.choices || spec.choices.includes(value)) return;
  const guess = closest(value, spec.choices);
  throw new UsageError(`unknown --${name} '${value}'${guess ? `; did you mean '${guess}'?` : ''} (valid: ${spec.choices.join(', ')})`, command);
}
