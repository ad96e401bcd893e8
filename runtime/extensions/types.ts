/**
 * What a module's extension is (`<module source>/extensions/index.ts`, docs/generators.md#extension-points):
 * custom routes under `/api/modules/<code>/x/…` and record lifecycle hooks, both typed with the module's
 * generated types (`types/<code>.ts`: its Kysely `<Code>Database` and its `Records` map).
 */
import type { Context, Hono } from 'hono';
import type { Expression, Kysely, SqlBool } from 'kysely';
import type { PermissionAction, PermissionScope } from '../auth/permissions.ts';
import type { Actor } from '../records/access.ts';
import type { WriteEvent } from '../records/hooks.ts';

/** Fields the server writes on every record (and on validated levels): not in a hook's `data`. */
type ServerField =
  | 'id'
  | 'organisation_id'
  | 'created_at'
  | 'created_by'
  | 'updated_at'
  | 'updated_by'
  | 'row_version'
  | 'spec_version'
  | 'validation_status'
  | 'validated_by'
  | 'validated_at'
  | 'validation_comment';

/** A record about to be written, as validated: parent links, values (computed ones included), geometry. */
export type RecordData<R> = Omit<R, ServerField>;

interface HookBase<DB> {
  readonly module: string;
  readonly level: string;
  /** Typed queries inside the write's transaction: committed or rolled back with the record. */
  readonly tx: Kysely<DB>;
  /** Who writes (never anonymous: writes need a grant). */
  readonly actor: Actor;
}

/** The hooks of one level, `R` its record type (`Records['visit']` of the generated types). */
export interface LevelHooks<DB, R> {
  readonly beforeCreate?: (call: HookBase<DB> & { readonly data: RecordData<R> }) => void | Promise<void>;
  readonly afterCreate?: (call: HookBase<DB> & { readonly record: R }) => void | Promise<void>;
  readonly beforeUpdate?: (
    call: HookBase<DB> & { readonly data: RecordData<R> & { readonly id: string }; readonly previous: R },
  ) => void | Promise<void>;
  readonly afterUpdate?: (
    call: HookBase<DB> & { readonly record: R; readonly previous: R },
  ) => void | Promise<void>;
  readonly beforeDelete?: (call: HookBase<DB> & { readonly record: R }) => void | Promise<void>;
  readonly afterDelete?: (call: HookBase<DB> & { readonly record: R }) => void | Promise<void>;
}

/** A grant an extension route checked: who acts, and the rows that grant reaches. */
export interface ExtensionGrant {
  readonly actor: Actor;
  readonly scope: PermissionScope;
  /** A predicate limiting the rows of the level table aliased `alias` to the grant's scope. */
  where(alias: string): Expression<SqlBool>;
}

/** What an extension's `routes` receives. */
export interface ExtensionApp<DB> {
  readonly module: string;
  /** A Hono app mounted at `/api/modules/<code>/x`: `app.get('/site-summary', …)` serves `…/x/site-summary`. */
  readonly app: Hono;
  /** Typed queries on the module's tables (and any the extension adds to `DB`), outside any transaction. */
  readonly db: Kysely<DB>;
  /** 401 when anonymous, 403 without a grant of `action` (C, R, U, V, E, D) on the module; the grant otherwise. */
  requireAction(c: Context, action: PermissionAction): ExtensionGrant;
  /** Runs `work` in one transaction of the database (rolled back if it throws). */
  transaction<T>(work: (tx: Kysely<DB>) => Promise<T>): Promise<T>;
}

/**
 * A module's extension, the default export of its `extensions/index.ts`. `DB` is the module's
 * `<Code>Database` (plus tables of custom generators), `R` its generated `Records` map.
 */
export interface SuiviExtension<DB = unknown, R = Record<string, Record<string, unknown>>> {
  readonly routes?: (x: ExtensionApp<DB>) => void;
  readonly hooks?: { readonly [L in keyof R & string]?: LevelHooks<DB, R[L]> };
}

/** The same, with the types erased: what the runtime holds once loaded. */
export interface LoadedExtension {
  readonly module: string;
  /** The file it was loaded from. */
  readonly file: string;
  readonly routes?: (x: ExtensionApp<unknown>) => void;
  readonly hooks: Readonly<Record<string, Partial<Record<WriteEvent, (call: object) => unknown>>>>;
}

/** Types an extension with its module's Database and Records, e.g. `defineExtension<NichoirsDemoDatabase, Records>({…})`. */
export const defineExtension = <DB, R>(extension: SuiviExtension<DB, R>): SuiviExtension<DB, R> => extension;
