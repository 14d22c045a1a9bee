/**
 * How a long run tells the command line where it is: a stage label and, for stages that loop,
 * how far they got and in what (`rendering`, 120, 480, `apps`). The CLI draws it; everything else ignores it.
 */
export interface Progress {
  step(label: string, done?: number, total?: number, unit?: string): void;
}

export const NO_PROGRESS: Progress = { step() {} };
