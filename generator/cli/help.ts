import { flagUsage, GLOBAL_FLAGS } from './args.js';
import { EXIT_HELP } from './exit.js';
import { FORMAT_FLAG, ROOT_FLAG } from './flags.js';
import type { Command, FlagSpec, FlagSpecs } from './types.js';

export const BIN = 'gitops-generator';

function optionLines(specs: FlagSpecs): string[] {
  const rows = Object.entries(specs).map(([name, spec]: [string, FlagSpec]) => {
    const left = `${spec.short ? `-${spec.short}, ` : ''}${flagUsage(name, spec)}${spec.multiple ? ' ...' : ''}`;
    const extra = [spec.choices ? `one of ${spec.choices.join(', ')}` : '', spec.default !== undefined ? `default: ${spec.default}` : ''].filter(Boolean);
    return [left, `${spec.description}${extra.length ? ` (${extra.join('; ')})` : ''}`] as const;
  });
  const width = Math.max(...rows.map(([l]) => l.length)) + 2;
  return rows.map(([l, r]) => `  ${l.padEnd(width)}${r}`);
}

/** `gitops-generator --help`: every command with its summary, then the exit codes. */
export function topHelp(commands: readonly Command<FlagSpecs>[]): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 3;
  return [
    `Usage: ${BIN} <command> [options]`,
    '',
    'Renders a committed, validated Argo CD GitOps tree (manifests/) from cluster.yaml, apps/ and values/.',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    `Run '${BIN} <command> --help' for the options of one command.`,
    '',
    'Options:',
    ...optionLines({ root: ROOT_FLAG, format: FORMAT_FLAG, ...GLOBAL_FLAGS }),
    '',
    EXIT_HELP,
  ].join('\n');
}

/** `gitops-generator <command> --help`. */
export function commandHelp(command: Command<FlagSpecs>): string {
  return [
    `Usage: ${BIN} ${command.name}${command.usage ? ` ${command.usage}` : ''} [options]`,
    '',
    command.summary,
    ...(command.help ? ['', command.help.trimEnd()] : []),
    '',
    'Options:',
    ...optionLines({ ...command.flags, ...GLOBAL_FLAGS }),
    '',
    EXIT_HELP,
  ].join('\n');
}
