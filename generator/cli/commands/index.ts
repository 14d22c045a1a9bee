import type { Command, FlagSpecs } from '../types.js';
import { bootstrapCommand } from './bootstrap.js';
import { chartsCommand } from './charts.js';
import { checkCommand } from './check.js';
import { explainCommand } from './explain.js';
import { generateCommand } from './generate.js';
import { initCommand } from './init.js';
import { newAppCommand } from './new-app.js';

/** Every command, in the order `--help` lists them. Adding a command: its module, one line here. */
export const COMMANDS: readonly Command<FlagSpecs>[] = [
  generateCommand,
  checkCommand,
  chartsCommand,
  bootstrapCommand,
  initCommand,
  newAppCommand,
  explainCommand,
] as Command<FlagSpecs>[];
