/**
 * One converted row → its records: each ancestor found by its `match` key under its own parent, or
 * created once per distinct key (remembered for the rest of the file, refusals included, in the
 * database: staging.ts), then the target record inserted, or, in upsert mode, updated when its key
 * finds one. A batch's ancestors are found level by level, one lookup statement per level.
 */
import type { ResolvedLevel } from '../../../protocol-specs/index.ts';
import type { Database } from '../../db/database.ts';
import type { AccessScope } from '../../records/access.ts';
import type { LevelPlan, ModulePlan } from '../../records/model/module-plan.ts';
import type { RecordOperations } from '../../records/operations.ts';
import type { ConvertedRow } from '../convert/bodies.ts';
import { IMPORT_WORDS } from '../import-i18n.ts';
import type { ImportMode, ImportProblem, ImportTemplate, RecordMatch } from '../template.ts';
import { findByFields, findById, findManyByFields } from './find.ts';
import { type Found, type ImportStaging, keyHash } from './staging.ts';
import { createThroughApi, type LinkWriter, updateThroughApi, type WriteTarget } from './write-row.ts';

export type RowOutcome =
  | { action: 'inserted'; id: string }
  | { action: 'updated' }
  | { problems: ImportProblem[] };

/** The target record a row creates, once its ancestors are found or created: its body, as the API gets it. */
export interface PendingCreate {
  readonly target: WriteTarget;
  readonly body: Record<string, unknown>;
}

export interface RowWriter {
  /** The row's key on the target level (its `match`), undefined when the level has none. */
  dedupKey(row: ConvertedRow): string | undefined;
  /**
   * The ancestors of a batch's rows found or created level by level, `createMany` creating each
   * level's new ones together; `resolve` then finds them remembered. Rows are the batch's, deduplicated.
   */
  prepareAncestors(
    rows: readonly ConvertedRow[],
    createMany: (pending: readonly PendingCreate[]) => Promise<RowOutcome[]>,
  ): Promise<void>;
  /** Ancestors found or created, an upsert's update done; a target to create is left to the caller. */
  resolve(row: ConvertedRow): Promise<RowOutcome | { create: PendingCreate }>;
  /** One target record created through the record API, linked to the job. */
  create(pending: PendingCreate): Promise<RowOutcome>;
  write(row: ConvertedRow): Promise<RowOutcome>;
}

interface RowWriterOptions {
  readonly links: LinkWriter;
  /** How an ancestor is created (the batch path's writer, one record at a time); else the row path. */
  readonly createAncestor?: (pending: PendingCreate) => Promise<RowOutcome>;
  readonly db: Database;
  readonly ops: RecordOperations;
  readonly module: ModulePlan;
  readonly chain: readonly ResolvedLevel[];
  readonly template: ImportTemplate;
  readonly mode: ImportMode;
  readonly access: AccessScope;
  /** The file's dedup keys and ancestors, in the database. */
  readonly staging: ImportStaging;
}

function keyValues(match: RecordMatch, row: ConvertedRow, level: string): unknown[] {
  if ('uuid_column' in match) return [row.source.cells[match.uuid_column]?.trim() ?? ''];
  const body = row.levels[level]?.body ?? {};
  return match.fields.map((f) => body[f] ?? null);
}

export function rowWriter(o: RowWriterOptions): RowWriter {
  const { links } = o;
  const { staging } = o;
  /** The batch's ancestors, by key hash (the file's are in `staging`). */
  const known = new Map<string, Found>();
  const planOf = (level: ResolvedLevel) => o.module.levels.get(level.key) as LevelPlan;
  const target = o.chain[o.chain.length - 1] as ResolvedLevel;

  /** The link column of `plan` to the chain's level above it, if the import fills that level. */
  const parentLink = (plan: LevelPlan, index: number) => {
    const above = o.chain[index - 1];
    return above ? plan.parents.find((p) => p.key === above.key) : undefined;
  };

  /** Existing records of `plan` with the row's key, under `parentId`. */
  async function existing(
    plan: LevelPlan,
    match: RecordMatch,
    row: ConvertedRow,
    parent?: { column: string; id: string },
  ) {
    if ('uuid_column' in match) {
      const id = row.source.cells[match.uuid_column]?.trim() ?? '';
      return /^[0-9a-f-]{36}$/i.test(id) && (await findById(o.db, plan, id, o.access)) ? [id] : [];
    }
    const body = row.levels[plan.level.key]?.body ?? {};
    const values = Object.fromEntries(match.fields.map((f) => [f, body[f] ?? null]));
    return findByFields(o.db, plan, values, parent, o.access);
  }

  async function create({ target: t, body }: PendingCreate): Promise<RowOutcome> {
    const created = await createThroughApi(t, body);
    if (!('ok' in created)) return { problems: created.problems };
    await links.link(t.plan.level.key, created.ok.id, 'inserted', created.ok.rowVersion);
    return { action: 'inserted', id: created.ok.id };
  }

  /** The body of `row` for the chain's level `index`, linked to `parentId`, and what it writes with. */
  function levelBody(row: ConvertedRow, index: number, parentId: string | undefined) {
    const level = o.chain[index] as ResolvedLevel;
    const plan = planOf(level);
    const body = { ...(row.levels[level.key]?.body ?? {}) };
    const columns = row.levels[level.key]?.columns ?? {};
    const link = parentLink(plan, index);
    const parent = link && parentId ? { column: link.column, id: parentId } : undefined;
    if (parent) body[parent.column] = parent.id;
    return { level, plan, body, parent, context: { ops: o.ops, plan, row: row.source.row, columns } };
  }

  const ambiguous = (row: ConvertedRow, level: ResolvedLevel, n: number): Found => ({
    problems: [
      {
        row: row.source.row,
        level: level.key,
        field: '',
        code: 'ambiguous_match',
        message: IMPORT_WORDS.parentAmbiguous(level.label.fr, n),
      },
    ],
  });

  const foundOf = (created: RowOutcome): Found =>
    'problems' in created ? { problems: created.problems } : { id: (created as { id: string }).id };

  /** Existing records of a level for a batch's new keys: one statement (`findManyByFields`). */
  async function existingMany(
    plan: LevelPlan,
    match: RecordMatch,
    wanted: readonly { row: ConvertedRow; parent: { column: string; id: string } | undefined }[],
  ): Promise<string[][]> {
    if ('uuid_column' in match) {
      const out: string[][] = [];
      for (const w of wanted) out.push(await existing(plan, match, w.row, w.parent));
      return out;
    }
    const keys = wanted.map((w) => ({
      values: keyValues(match, w.row, plan.level.key),
      ...(w.parent ? { parentId: w.parent.id } : {}),
    }));
    return findManyByFields(o.db, plan, match.fields, keys, wanted[0]?.parent?.column, o.access);
  }

  return {
    async prepareAncestors(rows, createMany) {
      known.clear();
      const state = rows.map((row) => ({
        row,
        parentId: undefined as string | undefined,
        path: [] as unknown[],
        key: '',
      }));
      let live = state;
      for (const [index, level] of o.chain.entries()) {
        if (level === target) break;
        const match = o.template.levels[level.key]?.match as RecordMatch;
        const first = new Map<string, (typeof state)[number]>();
        for (const s of live) {
          s.path = [...s.path, level.key, keyValues(match, s.row, level.key)];
          s.key = keyHash(JSON.stringify(s.path));
          if (!first.has(s.key)) first.set(s.key, s);
        }
        // Remembered from earlier batches, else looked up together, else created together.
        const remembered = await staging.ancestors([...first.keys()]);
        for (const [key, found] of remembered) known.set(key, found);
        const wanted = [...first.values()]
          .filter((s) => !remembered.has(s.key))
          .map((s) => ({ s, ...levelBody(s.row, index, s.parentId) }));
        const ids = await existingMany(
          planOf(level),
          match,
          wanted.map((w) => ({ row: w.s.row, parent: w.parent })),
        );
        const fresh = new Map<string, Found>();
        const pending = new Map<string, PendingCreate>();
        for (const [i, { s, body, context }] of wanted.entries()) {
          const found = ids[i] ?? [];
          if (found.length > 1) fresh.set(s.key, ambiguous(s.row, level, found.length));
          else if (found[0]) fresh.set(s.key, { id: found[0] });
          else {
            if ('uuid_column' in match) body.id = s.row.source.cells[match.uuid_column]?.trim();
            pending.set(s.key, { target: context, body });
          }
        }
        const created = await createMany([...pending.values()]);
        [...pending.keys()].forEach((key, i) => {
          fresh.set(key, foundOf(created[i] as RowOutcome));
        });
        await staging.remember(fresh);
        for (const [key, found] of fresh) known.set(key, found);
        live = live.filter((s) => {
          const found = known.get(s.key);
          if (!found || 'problems' in found) return false;
          s.parentId = found.id;
          return true;
        });
      }
    },

    dedupKey(row) {
      const match = o.template.levels[target.key]?.match;
      if (!match) return undefined;
      const parents = o.chain.slice(0, -1).map((l) => {
        const m = o.template.levels[l.key]?.match;
        return m ? keyValues(m, row, l.key) : [];
      });
      return JSON.stringify([parents, keyValues(match, row, target.key)]);
    },

    create,

    async write(row) {
      const resolved = await this.resolve(row);
      return 'create' in resolved ? this.create(resolved.create) : resolved;
    },

    async resolve(row) {
      let parentId: string | undefined;
      let path: unknown[] = [];
      for (const [index, level] of o.chain.entries()) {
        const mapping = o.template.levels[level.key];
        const { plan, body, parent, context } = levelBody(row, index, parentId);
        if (level !== target) {
          const match = mapping?.match as RecordMatch;
          path = [...path, level.key, keyValues(match, row, level.key)];
          const key = keyHash(JSON.stringify(path));
          let found = known.get(key) ?? (await staging.ancestors([key])).get(key);
          if (!found) {
            const ids = await existing(plan, match, row, parent);
            if (ids.length > 1) found = ambiguous(row, level, ids.length);
            else if (ids[0]) found = { id: ids[0] };
            else {
              if ('uuid_column' in match) body.id = row.source.cells[match.uuid_column]?.trim();
              found = foundOf(await (o.createAncestor ?? create)({ target: context, body }));
            }
            await staging.remember(new Map([[key, found]]));
          }
          known.set(key, found);
          if ('problems' in found)
            return { problems: found.problems.map((p) => ({ ...p, row: row.source.row })) };
          parentId = found.id;
          continue;
        }
        const match = mapping?.match;
        if (o.mode === 'upsert' && match) {
          const ids = await existing(plan, match, row, parent);
          if (ids.length > 1)
            return {
              problems: [
                {
                  row: row.source.row,
                  level: level.key,
                  field: '',
                  code: 'ambiguous_match',
                  message: IMPORT_WORDS.matchAmbiguous(ids.length),
                },
              ],
            };
          if (ids[0]) {
            const updated = await updateThroughApi(context, o.db, ids[0], body);
            if (!('ok' in updated)) return { problems: updated.problems };
            await links.link(level.key, updated.ok.id, 'updated', updated.ok.rowVersion, updated.before);
            return { action: 'updated' };
          }
        }
        if (match && 'uuid_column' in match) {
          const id = row.source.cells[match.uuid_column]?.trim();
          if (id) body.id = id;
        }
        return { create: { target: context, body } };
      }
      return { problems: [] };
    },
  };
}
