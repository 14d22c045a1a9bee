import type { CreateNodeOptions, DocumentOptions, ParseOptions, SchemaOptions, ToStringOptions } from 'yaml';

/**
 * How manifests are read: as kubeconform and the API server read them (sigs.k8s.io/yaml, YAML 1.1),
 * merge keys on, duplicate keys refused.
 */
export const MANIFEST_YAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.1',
  merge: true,
  uniqueKeys: true,
  prettyErrors: false,
  // Kubernetes keeps timestamps as strings; `yaml` 1.1 would turn them into Date objects.
  customTags: (tags) => tags.filter((t) => typeof t !== 'object' || t.tag !== 'tag:yaml.org,2002:timestamp'),
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
