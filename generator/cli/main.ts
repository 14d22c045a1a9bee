import { closest } from '../core/suggest.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../model/package.js';
import { parseFlags, UsageError } from './args.js';
import { colorEnabled, colors } from './color.js';
import { COMMANDS } from './commands/index.js';
import { EXIT } from './exit.js';
import { BIN, commandHelp, topHelp } from './help.js';
import { progressLine } from './progress.js';
import type { CliIO, Command, CommandContext, FlagSpecs, FlagValues } from './types.js';

const byName = new Map(COMMANDS.map((c) => [c.name, c]));

/** Every flag name with the commands that take it, and how many values it takes. */
const FLAG_INDEX = new Map<string, { commands: string[]; arity: number }>();
for (const c of COMMANDS) {
  for (const [name, spec] of Object.entries(c.flags)) {
    const e = FLAG_INDEX.get(name) ?? { commands: [], arity: 0 };
    e.commands.push(c.name);
    e.arity = Math.max(e.arity, spec.type === 'boolean' ? 0 : (spec.values?.length ?? 1));
    FLAG_INDEX.set(name, e);
  }
}
const OTHER_FLAGS = new Map([...FLAG_INDEX].map(([n, e]) => [n, e.commands]));

/**
 * The command is the first positional argument; flags may come before it (`--root x check`), so
 * the values of known flags are skipped while looking for it.
 */
function splitCommand(argv: readonly string[]): { name?: string; rest: string[] } {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') break;
    if (arg.startsWith('-') && arg !== '-') {
      if (!arg.includes('=')) i += FLAG_INDEX.get(arg.replace(/^-+/, ''))?.arity ?? 0;
      continue;
    }
    return { name: arg, rest: [...argv.slice(0, i), ...argv.slice(i + 1)] };
  }
  return { rest: [...argv] };
}

function unknownCommand(name: string): UsageError {
  const guess = closest(name, byName.keys());
  return new UsageError(`unknown command '${name}'${guess ? `; did you mean '${guess}'?` : ''}`);
}

/** Runs one command line; returns the exit code. Never throws: a bug is exit 70 with its stack. */
export async function main(argv: string[], io: CliIO = { out: process.stdout, err: process.stderr }): Promise<number> {
  const env = io.env ?? process.env;
  const ctxColors = { out: colors(colorEnabled(io.out, env)), err: colors(colorEnabled(io.err, env)) };
  const progress = progressLine(io.err);
  const usage = (e: UsageError): number => {
    const more = e.command ? `run '${BIN} ${e.command} --help' for its options` : `run '${BIN} --help' for the commands`;
    io.err.write(`${ctxColors.err.red('error')}: ${e.message}\n${more}\n`);
    return EXIT.USAGE;
  };
  try {
    const { name, rest } = splitCommand(argv);
    const command: Command<FlagSpecs> | undefined = name === undefined ? undefined : byName.get(name);
    if (name !== undefined && !command) return usage(unknownCommand(name));
    if (!command) {
      const { flags } = parseFlags(rest, {}, '', OTHER_FLAGS);
      if (flags.version) io.out.write(`${PACKAGE_VERSION}\n`);
      else if (flags.help) io.out.write(topHelp(COMMANDS));
      else {
        io.err.write(`${ctxColors.err.red('error')}: missing command\n\n${topHelp(COMMANDS)}`);
        return EXIT.USAGE;
      }
      return EXIT.OK;
    }
    const { flags, args } = parseFlags(rest, command.flags, command.name, OTHER_FLAGS);
    if (flags.help) {
      io.out.write(commandHelp(command));
      return EXIT.OK;
    }
    if (flags.version) {
      io.out.write(`${PACKAGE_VERSION}\n`);
      return EXIT.OK;
    }
    if (args.length < command.args.min || args.length > command.args.max) {
      const what = args.length > command.args.max ? `unexpected argument '${args[command.args.max]}'` : `missing argument: ${command.usage}`;
      return usage(new UsageError(`${command.name}: ${what}`, command.name));
    }
    const ctx: CommandContext<FlagSpecs> = {
      flags: flags as FlagValues<FlagSpecs>,
      args,
      io,
      cwd: io.cwd ?? process.cwd(),
      colors: ctxColors,
      progress,
    };
    return await command.run(ctx);
  } catch (e) {
    progress.clear();
    if (e instanceof UsageError) return usage(e);
    io.err.write(`internal error in ${PACKAGE_NAME} ${PACKAGE_VERSION}: ${(e as Error).stack ?? String(e)}\n`);
    return EXIT.INTERNAL;
  } finally {
    progress.clear();
  }
}
