/**
 * Concrete fixes for values the config schema rejects. A fix is only ever offered when the fixed
 * value passes the same schema, so following a hint never leads to the next error.
 */

/** What a string property of the schema accepts (the keywords the config schemas use). */
export interface StringRule {
  pattern?: string;
  enum?: unknown[];
  minLength?: number;
}

export function accepts(rule: StringRule, value: string): boolean {
  if (rule.pattern !== undefined && !new RegExp(rule.pattern, 'u').test(value)) return false;
  if (rule.enum !== undefined && !rule.enum.includes(value)) return false;
  if (rule.minLength !== undefined && value.length < rule.minLength) return false;
  return true;
}

/** A fixed value for the property at `pointer`, or undefined when there is no sure one. */
export function suggestFix(pointer: string, written: string, rule: StringRule): string | undefined {
  const fix = /\/chart\/version$/.test(pointer) ? exactVersion(written) : undefined;
  return fix !== undefined && accepts(rule, fix) ? fix : undefined;
}

/**
 * The one exact version a chart version range or short version names: `^1.2.0`, `~1.2`, `>=1.2.3`
 * and `=1.2.3` name their lower bound, `1.2`, `1.2.x` and `3` pad with zeros. A range of several
 * versions (`1.2 - 1.4`, `||`), an upper bound or a tag (`latest`) names none.
 */
export function exactVersion(written: string): string | undefined {
  const m = /^\s*(?:\^|~|>=|=)?\s*(v?)(\d+)(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?\s*$/.exec(written);
  if (!m) return undefined;
  const part = (p: string | undefined) => (p === undefined || /^[xX*]$/.test(p) ? '0' : String(Number(p)));
  // A wildcard before a number (1.x.3) is no version at all.
  if (m[3] !== undefined && /^[xX*]$/.test(m[3]) && m[4] !== undefined && !/^[xX*]$/.test(m[4])) return undefined;
  return `${m[1]}${Number(m[2])}.${part(m[3])}.${part(m[4])}${m[5] ?? ''}${m[6] ?? ''}`;
}
