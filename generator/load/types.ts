import type { Config } from '../model/config.js';
import type { RenderRecords } from '../model/renders.js';
import type { SourceDocument } from '../model/source.js';
import type { Diagnostic } from '../model/diagnostics.js';

/** The operator's config as the later stages see it: typed, defaulted, with every source kept. */
export interface LoadedConfig extends Config {
  /** Template sources by repository-relative path. */
  templates: Map<string, string>;
  /** Parsed config documents by file, for mapping pointers to lines in later stages. */
  sources: Map<string, SourceDocument>;
  /** Warnings found while loading (errors are thrown). */
  diagnostics: Diagnostic[];
  /** What each app's chart rendered, per `<cluster>/<app>`, from charts.lock.yaml (`renders:`). */
  renders: RenderRecords;
}
