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
