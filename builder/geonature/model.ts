/** The values the GeoNature importer and exporter exchange: folders as text, and the import report. */
import type { ProtocolSpec } from '../../protocol-specs/index.ts';

/** A protocol folder in memory: relative path (with `/`) → file text. Only the CLI touches the disk. */
export type ProtocolFolder = Readonly<Record<string, string>>;

/** Something the importer changed, guessed or left out, located in the GeoNature folder. */
export interface ImportWarning {
  readonly file: string;
  /** JSON pointer in that file ('' for the whole file). */
  readonly path: string;
  readonly message: string;
}

/** A JavaScript rule and what became of it. */
export interface RuleOutcome {
  readonly file: string;
  readonly path: string;
  readonly source: string;
  readonly reason: string;
}

export interface RuleCount {
  /** Every JavaScript rule string of the protocol's active files (GeoNature's own test: `(`, `)`, `{`, `}` and `=>`). */
  readonly total: number;
  /** Translated into the rule language or a declarative key, or built into Suivi (see `builtIn`). */
  readonly translated: number;
  /** Of the translated: rules whose meaning Suivi provides without a rule (listed in `builtIn`). */
  readonly builtIn: number;
  /** Source bugs found: rules that never fire in GeoNature as written, translated by their evident intent. */
  readonly sourceBugs: number;
}

export interface ImportReport {
  readonly warnings: readonly ImportWarning[];
  /** Rules that need a human: each with its file, JSON path, source and why. */
  readonly untranslated: readonly RuleOutcome[];
  /** Rules with no Suivi counterpart because Suivi does that itself (a parent link, a one-dataset picker). */
  readonly builtIn: readonly RuleOutcome[];
  /** Each source bug found, where, and why the rule never fires in GeoNature (also among the warnings). */
  readonly sourceBugs: readonly ImportWarning[];
  readonly rules: RuleCount;
}

export interface ImportResult {
  readonly spec: ProtocolSpec;
  readonly report: ImportReport;
}

export interface ExportResult {
  readonly folder: ProtocolFolder;
  /** What GeoNature cannot show as Suivi does (it travels in `suivi` keys GeoNature ignores). */
  readonly warnings: readonly string[];
}
