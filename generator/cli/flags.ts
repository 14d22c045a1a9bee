import { REPORT_FORMATS } from '../report/index.js';
import type { FlagSpec } from './types.js';

/** Flags several commands share; a command lists the ones it takes in its own `flags`. */
export const ROOT_FLAG = {
  type: 'string',
  values: ['<dir>'],
  description: 'repository root (default: the current directory)',
} as const satisfies FlagSpec;

export const FORMAT_FLAG = {
  type: 'string',
  values: ['<fmt>'],
  description: 'how to print problems',
  choices: REPORT_FORMATS,
  default: 'text',
} as const satisfies FlagSpec;
