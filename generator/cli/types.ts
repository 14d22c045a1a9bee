import type { Colors } from './color.js';
import type { CliIO } from './io.js';
import type { ProgressLine } from './progress.js';

export type { CliIO, CliStream } from './io.js';

/**
 * One command-line flag. `string` flags take one value (`--root x` or `--root=x`), `boolean` flags
 * none; `values` names several values taken together (`--chart <repoURL> <chart>@<version>`).
 */
export interface FlagSpec {
  type: 'string' | 'boolean';
  /** Placeholder(s) in help: `<dir>`; several for a flag taking several values. */
  values?: readonly string[];
  description: string;
  short?: string;
  /** May be given more than once; the values are collected in order. */
  multiple?: boolean;
  /** Allowed values, checked by the parser (with a did-you-mean). */
  choices?: readonly string[];
  default?: string;
  /**
   * The value of the flag given bare (`--render`); a value is then taken only inline
   * (`--render=available`), never from the next argument.
   */
  bare?: string;
}

export type FlagSpecs = Record<string, FlagSpec>;

/** The parsed value of each flag, typed from its spec. */
export type FlagValues<F extends FlagSpecs> = {
  [K in keyof F]: F[K] extends { type: 'boolean' }
    ? boolean
    : F[K] extends { multiple: true }
      ? string[]
      : F[K] extends { values: readonly [string, string, ...string[]] }
        ? string[] | undefined
        : F[K] extends { choices: readonly (infer C extends string)[]; default: string }
          ? C
          : F[K] extends { choices: readonly (infer C extends string)[] }
            ? C | undefined
            : F[K] extends { default: string }
              ? string
              : string | undefined;
};

/** What a command's run function gets. */
export interface CommandContext<F extends FlagSpecs = FlagSpecs> {
  flags: FlagValues<F>;
  /** Positional arguments after the command name. */
  args: string[];
  io: CliIO;
  cwd: string;
  /** Colours for `io.out` and `io.err` (identity functions when colour is off). */
  colors: { out: Colors; err: Colors };
  /** The in-place progress line on stderr (does nothing unless stderr is a TTY). */
  progress: ProgressLine;
}

/**
 * A command: one module under `cli/commands/`, listed once in `cli/commands/index.ts`.
 * Everything `--help` prints about it comes from here.
 */
export interface Command<F extends FlagSpecs = FlagSpecs> {
  name: string;
  /** One line for the command list of `gitops-generator --help`. */
  summary: string;
  /** Arguments after the name, as in help: `[dir]`, `<name>`. */
  usage: string;
  /** Longer text for `gitops-generator <command> --help`. */
  help?: string;
  flags: F;
  /** How many positional arguments the command takes. */
  args: { min: number; max: number };
  run(ctx: CommandContext<F>): Promise<number>;
}

/** Identity with inference, so a command's flags are typed in its run function. */
export function defineCommand<const F extends FlagSpecs>(command: Command<F>): Command<F> {
  return command;
}
