/** What every generator returns: files as values. Only the CLI writes them to disk. */
export interface GeneratedFile {
  /** Path inside the module folder, with forward slashes, e.g. `sql/001-tables.sql`. */
  readonly path: string;
  readonly contents: string;
  /** For SQL files: when install and upgrade run it (manifest.ts, SqlKind). Other files are only read. */
  readonly sql?: SqlKind;
}

/**
 * How the runtime runs a generated SQL file, by its kind in the manifest and never by its folder:
 * - `install`: once, when the module is installed on an empty schema (tables, constraints, indexes);
 * - `derived`: at install and again after every upgrade, the module's views dropped first: objects
 *   derived from the tables (views, export views, triggers) that must be re-runnable;
 * - `migration`: only by an upgrade, as its plan says (generated/migrations/).
 * Files of one kind run in path order, the built-in generators' first, then those of custom generators
 * (suivi.config.json), which build on the module's tables.
 */
export type SqlKind = 'install' | 'derived' | 'migration';

export interface GeneratorContext {
  /** The spec file the module comes from, as the regenerate command names it (e.g. `examples/chiro_gites/protocol.json`). */
  readonly specPath: string;
  /**
   * The authored spec's text, when the caller has it (the CLI does): the `ir` generator keeps it as
   * `ir/protocol.spec.json`, so the version history of an installed module records what its author wrote.
   */
  readonly specText?: string;
  /** What the module folder held before this generation, read by the CLI: the migration plans need it. */
  readonly previous?: PreviousGeneration;
}

/** The earlier state of a module folder, for its migration files (generators/migrations/index.ts). */
export interface PreviousGeneration {
  /** The resolved protocol the folder held (its ir/protocol.resolved.json), if it held one. */
  readonly protocol?: import('../../protocol-specs/index.ts').ResolvedProtocol;
  /** The folder's migration files, paths inside `migrations/`, contents as they are. */
  readonly migrations: ReadonlyArray<{ readonly path: string; readonly contents: string }>;
  /** The resolutions files beside the spec, parsed, by transition name (`v1-to-v2`). */
  readonly resolutions: Readonly<Record<string, unknown>>;
}

/**
 * A generator: a pure function of the resolved protocol. Registered in registry.ts under its name, which
 * is also the folder its files go to. It must not mutate the protocol (it is frozen) and must return the
 * same bytes for the same protocol: sorted output, no timestamps, no absolute paths.
 */
export interface Generator {
  readonly description: string;
  generate(
    protocol: import('../../protocol-specs/index.ts').ResolvedProtocol,
    context: GeneratorContext,
  ): readonly GeneratedFile[] | Promise<readonly GeneratedFile[]>;
}
