import type { CreateNodeOptions, DocumentOptions, ParseOptions, SchemaOptions, ToStringOptions } from 'yaml';

/**
 * How sigs.k8s.io/yaml (go-yaml v2: kubectl, the API server, Argo CD, kubeconform) types a plain
 * scalar, apart from the null and boolean words (`~ null Null NULL` and empty; `y Y yes Yes YES
 * true True TRUE on On ON`, `n N no No NO false False FALSE off Off OFF`, which the YAML 1.1 schemas
 * of both readers already spell the same way): the number it reads, or undefined when the text stays
 * a string. go-yaml tries, in this order, and nothing else:
 *   - exactly `.inf .Inf .INF +.inf +.Inf +.INF` (Infinity), `-.inf -.Inf -.INF`, `.nan .NaN .NAN`;
 *   - text starting with `.`: Go's float syntax (`.5`, `.5e3`);
 *   - text starting with a digit, `+` or `-`, with every `_` removed: a Go integer literal (`42`, `+42`,
 *     `0x1F`, `0o17`, `0b101`, `0755` octal) within int64 (or uint64 without a sign), else
 *     `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?` as a finite float (`1e5`, `08`, `1.`);
 * so `1:20` (no sexagesimals), `2024-01-01` (timestamps stay strings), `0x`, `1e400`, `+.nan` and
 * `0xFFFFFFFFFFFFFFFFFF` are strings.
 */
export function goYamlNumber(text: string): number | undefined {
  const special = SPECIAL_FLOATS.get(text);
  if (special !== undefined) return special;
  const c = text.charCodeAt(0);
  if (c === 0x2e) return DOT_FLOAT.test(text) ? finite(Number(text.replace(/_/g, ''))) : undefined;
  if (!((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d)) return undefined;
  const plain = text.includes('_') ? text.replace(/_/g, '') : text;
  const int = goInteger(plain);
  if (int !== undefined) return int;
  return YAML_STYLE_FLOAT.test(plain) ? finite(Number(plain)) : undefined;
}

const SPECIAL_FLOATS: ReadonlyMap<string, number> = new Map([
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'].map((s) => [s, Infinity] as const),
  ...['-.inf', '-.Inf', '-.INF'].map((s) => [s, -Infinity] as const),
  ...['.nan', '.NaN', '.NAN'].map((s) => [s, NaN] as const),
]);
// Go's ParseFloat on text starting with '.': underscores only between digits.
const DOT_FLOAT = /^\.[0-9](?:_?[0-9])*(?:[eE][-+]?[0-9](?:_?[0-9])*)?$/;
const YAML_STYLE_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const GO_INT = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

function finite(n: number): number | undefined {
  return Number.isFinite(n) ? n : undefined;
}

/** strconv.ParseInt(s, 0, 64), then ParseUint(s, 0, 64), as go-yaml calls them. */
function goInteger(s: string): number | undefined {
  const m = GO_INT.exec(s);
  if (!m) return undefined;
  const digits = m[2]!;
  const magnitude = /^0[0-7]+$/.test(digits) ? BigInt(`0o${digits.slice(1)}`) : BigInt(digits);
  const limit = m[1] === '-' ? INT64_MAX + 1n : m[1] === '+' ? INT64_MAX : UINT64_MAX;
  if (magnitude > limit) return undefined;
  if (magnitude === 0n) return 0;
  return m[1] === '-' ? -Number(magnitude) : Number(magnitude);
}

/**
 * `yaml` tags for the numbers of goYamlNumber in place of the YAML 1.1 schema's own (which also
 * read sexagesimals and `+.nan`); a candidate that is no go-yaml number stays its text.
 */
const GO_YAML_NUMBER_TAGS = ['tag:yaml.org,2002:int', 'tag:yaml.org,2002:float'].map((tag) => ({
  tag,
  default: true,
  test: /^(?:[-+0-9][-+0-9a-zA-Z_.]*|\.[0-9][0-9_eE+-]*|[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN))$/,
  resolve: (text: string): number | string => goYamlNumber(text) ?? text,
  identify: () => false,
}));
const REPLACED_TAGS = new Set(['tag:yaml.org,2002:int', 'tag:yaml.org,2002:float', 'tag:yaml.org,2002:timestamp']);

/**
 * How manifests are read: as kubeconform and the API server read them (sigs.k8s.io/yaml, YAML 1.1
 * words, go-yaml's numbers), merge keys on, duplicate keys refused.
 */
export const MANIFEST_YAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.1',
  merge: true,
  uniqueKeys: true,
  prettyErrors: false,
  // Kubernetes keeps timestamps as strings; `yaml` 1.1 would turn them into Date objects.
  customTags: (tags) => [...tags.filter((t) => typeof t !== 'object' || !REPLACED_TAGS.has(t.tag)), ...GO_YAML_NUMBER_TAGS],
};

/**
 * How manifests are written: keys sorted, YAML 1.1 (Helm and Argo CD read 1.1), no anchors (an
 * object used twice is written out twice, as a reader of the manifest expects).
 */
export const MANIFEST_DOCUMENT_OPTIONS: DocumentOptions & SchemaOptions & CreateNodeOptions = { sortMapEntries: true, version: '1.1', aliasDuplicateObjects: false };

/** No line folding, sequences indented under their key, no `%YAML` directive. */
export const MANIFEST_TO_STRING_OPTIONS: ToStringOptions = { lineWidth: 0, minContentWidth: 0, indentSeq: true, directives: false };

/** The plain words a YAML 1.1 reader (Helm, go-yaml) takes for booleans or null, in any case. */
export const YAML11_RESERVED_WORDS: ReadonlySet<string> = new Set(['y', 'n', 'yes', 'no', 'true', 'false', 'on', 'off', 'null']);
