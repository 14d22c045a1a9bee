#!/usr/bin/env node
/**
 * The `gitops-generator` executable (dist/cli.js once built; `tsx generator/cli.ts` in a clone).
 * The commands live in cli/: cli/main.ts dispatches, cli/commands/ holds one module per command.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { main } from './cli/main.js';

export { main } from './cli/main.js';
export { EXIT } from './cli/exit.js';
export type { CliIO } from './cli/io.js';

/** True when this file is the program (also through npm's bin link), not when a test imports it. */
function isProgram(): boolean {
  if (!process.argv[1]) return false;
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isProgram()) {
  // `gitops-generator ... | head` closes the pipe early: stop printing, keep the run's exit code.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
    });
  }
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
