/**
 * The builder's drafts in the database (core migration 0008): a spec being designed, saved as it is
 * (valid or not), with a row version so that two designers never overwrite each other silently, and a
 * revision per save: the undo history across sessions. The newest MAX_REVISIONS revisions of a draft
 * are kept; older ones are deleted as new ones come (a draft autosaved for a season stays small).
 */
import { sql } from 'kysely';
import { coreDb } from '../../runtime/db/core-database.ts';
import type { Queryable } from '../../runtime/db/database.ts';
import { now } from '../../runtime/db/sql-time.ts';

export const MAX_REVISIONS = 200;

export type Spec = Readonly<Record<string, unknown>>;

export interface Who {
  readonly login: string;
}

export interface DraftSummary {
  readonly id: string;
  readonly code: string;
  readonly label: unknown;
  readonly base_version: number | null;
  readonly row_version: number;
  readonly updated_at: string;
  readonly updated_by: Who | null;
}

export interface Draft {
  readonly id: string;
  readonly code: string;
  readonly spec: Spec;
  readonly row_version: number;
  readonly base_version: number | null;
  readonly updated_at: string;
  readonly updated_by: Who | null;
  /** How many revisions are kept. */
  readonly revisions: number;
}

/** The spec's code, when it has one (a draft may have none yet). */
export const specCode = (spec: Spec): string => (typeof spec.code === 'string' ? spec.code : '');

const who = (login: string | null): Who | null => (login === null ? null : { login });

function drafts(q: Queryable) {
  return coreDb(q)
    .selectFrom('suivi.protocol_draft as d')
    .leftJoin('suivi.app_user as u', 'u.id', 'd.updated_by')
    .select([
      'd.id',
      'd.code',
      'd.spec',
      'd.base_version',
      'd.row_version',
      'd.updated_at',
      'u.login',
      (eb) =>
        eb
          .selectFrom('suivi.protocol_draft_revision as r')
          .select((r) => r.fn.countAll<number>().as('n'))
          .whereRef('r.draft_id', '=', 'd.id')
          .as('revisions'),
    ]);
}

type DraftRow = Awaited<ReturnType<ReturnType<typeof drafts>['executeTakeFirstOrThrow']>>;

const draftOf = (r: DraftRow): Draft => ({
  id: r.id,
  code: r.code,
  spec: r.spec as Spec,
  row_version: r.row_version,
  base_version: r.base_version,
  updated_at: r.updated_at,
  updated_by: who(r.login),
  revisions: Number(r.revisions ?? 0),
});

export async function listDrafts(q: Queryable): Promise<DraftSummary[]> {
  const rows = await drafts(q).orderBy('d.updated_at', 'desc').orderBy('d.id').execute();
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    label: (r.spec as Spec).label ?? null,
    base_version: r.base_version,
    row_version: r.row_version,
    updated_at: r.updated_at,
    updated_by: who(r.login),
  }));
}

export async function findDraft(q: Queryable, id: string): Promise<Draft | undefined> {
  const row = await drafts(q).where('d.id', '=', id).executeTakeFirst();
  return row ? draftOf(row) : undefined;
}

async function addRevision(q: Queryable, id: string, revision: number, spec: Spec, by: string) {
  await coreDb(q)
    .insertInto('suivi.protocol_draft_revision')
    .values({ draft_id: id, revision, spec: JSON.stringify(spec), saved_by: by })
    .execute();
  await coreDb(q)
    .deleteFrom('suivi.protocol_draft_revision')
    .where('draft_id', '=', id)
    .where('revision', '<=', revision - MAX_REVISIONS)
    .execute();
}

export async function createDraft(
  q: Queryable,
  spec: Spec,
  baseVersion: number | null,
  by: string,
): Promise<string> {
  const { id } = await coreDb(q)
    .insertInto('suivi.protocol_draft')
    .values({
      code: specCode(spec),
      spec: JSON.stringify(spec),
      base_version: baseVersion,
      created_by: by,
      updated_by: by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await addRevision(q, id, 1, spec, by);
  return id;
}

export type SaveResult =
  | { readonly saved: true; readonly row_version: number }
  | { readonly saved: false; readonly current?: { row_version: number; updated_by: Who | null } };

/**
 * Saves `spec` over row version `rowVersion`: the new row version (also the revision's number), or, when
 * someone saved in between, the current row version and who saved it (nothing written); `current`
 * absent: no such draft. `baseVersion` changes the base version too (a publish).
 */
export async function saveDraft(
  q: Queryable,
  id: string,
  spec: Spec,
  rowVersion: number,
  by: string,
  baseVersion?: number,
): Promise<SaveResult> {
  const row = await coreDb(q)
    .updateTable('suivi.protocol_draft')
    .set({
      code: specCode(spec),
      spec: JSON.stringify(spec),
      row_version: sql<number>`row_version + 1`,
      updated_by: by,
      updated_at: now,
      ...(baseVersion === undefined ? {} : { base_version: baseVersion }),
    })
    .where('id', '=', id)
    .where('row_version', '=', rowVersion)
    .returning('row_version')
    .executeTakeFirst();
  if (row) {
    await addRevision(q, id, row.row_version, spec, by);
    return { saved: true, row_version: row.row_version };
  }
  const current = await findDraft(q, id);
  return current
    ? { saved: false, current: { row_version: current.row_version, updated_by: current.updated_by } }
    : { saved: false };
}

export async function deleteDraft(q: Queryable, id: string): Promise<boolean> {
  const { numDeletedRows } = await coreDb(q)
    .deleteFrom('suivi.protocol_draft')
    .where('id', '=', id)
    .executeTakeFirst();
  return numDeletedRows > 0n;
}

export interface RevisionEntry {
  readonly revision: number;
  readonly saved_at: string;
  readonly saved_by: Who | null;
}

/** Newest first. */
export async function listRevisions(q: Queryable, id: string): Promise<RevisionEntry[]> {
  const rows = await coreDb(q)
    .selectFrom('suivi.protocol_draft_revision as r')
    .leftJoin('suivi.app_user as u', 'u.id', 'r.saved_by')
    .select(['r.revision', 'r.saved_at', 'u.login'])
    .where('r.draft_id', '=', id)
    .orderBy('r.revision', 'desc')
    .execute();
  return rows.map((r) => ({ revision: r.revision, saved_at: r.saved_at, saved_by: who(r.login) }));
}

export async function findRevision(
  q: Queryable,
  id: string,
  revision: number,
): Promise<{ revision: number; spec: Spec } | undefined> {
  const row = await coreDb(q)
    .selectFrom('suivi.protocol_draft_revision')
    .select(['revision', 'spec'])
    .where('draft_id', '=', id)
    .where('revision', '=', revision)
    .executeTakeFirst();
  return row ? { revision: row.revision, spec: row.spec as Spec } : undefined;
}

/** After a publish: the version the draft now edits (its row version unchanged: the spec did not move). */
export async function setBaseVersion(q: Queryable, id: string, version: number): Promise<void> {
  await coreDb(q)
    .updateTable('suivi.protocol_draft')
    .set({ base_version: version })
    .where('id', '=', id)
    .execute();
}
