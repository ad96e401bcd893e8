/**
 * Demo records: each example module's `demo/records.json` created through the record operations the API
 * uses (`validate` then `create`: JSON Schema, rules, parents, taxon scope, database constraints), each
 * acting as its owning demo account with that account's grants, so `created_by` and `organisation_id`
 * are the ones a partner entering them would give. Each record gets a random id; the file's ids only
 * tie its records together (demo-record-ids.ts).
 *
 * Idempotent by module: a module's demo records are seeded only while the module has no record at all
 * and has never had one deleted (`suivi.deletion_log`). So a second start adds nothing (one cheap query
 * per module), and a demo record a user edited or deleted is never recreated nor reset. A module is
 * seeded in one transaction: a record the operations refuse throws, naming it, and leaves the module
 * empty — the file ships with the code, so that is a bug the tests catch (demo-records.test.ts).
 */
import { sql } from 'kysely';
import { accessFor, type Grants, loadGrants } from '../auth/permissions.ts';
import { coreDb } from '../db/core-database.ts';
import type { Database, Queryable } from '../db/database.ts';
import { isHttpError } from '../http/errors.ts';
import type { ModuleRuntime } from '../modules/load.ts';
import type { Actor } from '../records/access.ts';
import { type ModulePlan, prepareModule } from '../records/model/module-plan.ts';
import { recordOperations } from '../records/operations.ts';
import { DEMO_ACCOUNTS } from './demo-data.ts';
import { withFreshIds } from './demo-record-ids.ts';
import { type DemoRecord, hasDemoRecords, readDemoRecords } from './demo-records-file.ts';

export interface DemoRecordsSeed {
  /** Records created by this run, per module code (modules left alone are absent). */
  readonly created: Readonly<Record<string, number>>;
  /** Per module code, the file's id of each record created → its id in the database (random). */
  readonly ids: Readonly<Record<string, ReadonlyMap<string, string>>>;
}

/** Whether a module holds a record or ever had one deleted: then its demo records are not seeded. */
async function moduleInUse(db: Queryable, module: ModuleRuntime): Promise<boolean> {
  // Only the top levels: a record below always has its parents (foreign keys, and a parent with
  // children cannot be deleted), and every table opened costs a start time. A level's table is
  // `<code>.<level>` (generators/sql/tables.ts; building the table model would cost ~50 ms a module).
  const tops = module.protocol.levels.filter((level) => level.parents.length === 0);
  const { used } = await coreDb(db)
    .selectNoFrom((eb) =>
      eb
        .or([
          ...tops.map(
            (level) => sql<boolean>`EXISTS (SELECT 1 FROM ${sql.id(module.protocol.code, level.key)})`,
          ),
          eb.exists(eb.selectFrom('suivi.deletion_log').select('id').where('module_code', '=', module.code)),
        ])
        .as('used'),
    )
    .executeTakeFirstOrThrow();
  return used === true;
}

/** The Database interface over one open transaction: the operations' own transactions join it. */
const joined = (db: Database, tx: Queryable): Database => ({
  engine: db.engine,
  query: (text, params) => tx.query(text, params),
  exec: (script) => tx.exec(script),
  transaction: (work) => work(tx),
  close: () => Promise.reject(new Error('the demo seed does not close the database')),
});

function ownerOf(entry: DemoRecord, file: string): Actor {
  const account = DEMO_ACCOUNTS.find((a) => a.login === entry.owner);
  if (!account) throw new Error(`${file}: ${entry.level} ${entry.record.id}: unknown owner ${entry.owner}`);
  return { userId: account.id, organisationId: account.organisationId, isAdmin: account.isAdmin === true };
}

/** What a refusal says, for the error naming the record: `/count_min min: …`. */
const refusal = (error: unknown): string =>
  isHttpError(error)
    ? error.details.map((p) => `${p.path} ${p.code}: ${p.message}`).join('; ')
    : String((error as Error)?.message ?? error);

async function seedModule(
  db: Database,
  module: ModuleRuntime,
  plans: ReadonlyMap<string, ModulePlan>,
): Promise<ReadonlyMap<string, string>> {
  const file = `examples/${module.code}/demo/records.json`;
  const entries = readDemoRecords(module);
  const fresh = withFreshIds(entries);
  await db.transaction(async (tx) => {
    const within = joined(db, tx);
    const grants = new Map<string, Grants>();
    for (const [index, named] of entries.entries()) {
      // Errors name the record by the file's id; the database gets its random one.
      const entry = fresh.records[index] as DemoRecord;
      const actor = ownerOf(named, file);
      const userId = actor.userId as string;
      if (!grants.has(userId)) grants.set(userId, await loadGrants(tx, userId, actor.organisationId));
      const granted = grants.get(userId) as Grants;
      const target = { module: module.code, level: entry.level };
      try {
        const access = accessFor(actor, granted);
        access.require(module.code, 'create');
        const operations = recordOperations({ db: within, modules: plans, actor, access, writePath: 'demo' });
        const body = await operations.validate({ ...target, mode: 'create', body: entry.record });
        await operations.create({ ...target, body: body as object });
      } catch (error) {
        throw new Error(`${file}: ${named.level} ${named.record.id} refused: ${refusal(error)}`);
      }
    }
  });
  return fresh.ids;
}

/**
 * Seeds the demo records of every module that has a `demo/records.json` and is not in use. Run after
 * `seedDemo` (accounts, grants, datasets, vocabularies and taxa must exist).
 */
export async function seedDemoRecords(
  db: Database,
  modules: readonly ModuleRuntime[],
): Promise<DemoRecordsSeed> {
  const created: Record<string, number> = {};
  const ids: Record<string, ReadonlyMap<string, string>> = {};
  for (const module of modules) {
    if (!hasDemoRecords(module) || (await moduleInUse(db, module))) continue;
    // Built only for a module about to be seeded: compiling its schemas is the costly part.
    const plan = prepareModule(
      module.protocol,
      module.model,
      Object.fromEntries(module.levels.map((l) => [l.key, l.forms.schema])),
    );
    const given = await seedModule(db, module, new Map([[module.code, plan]]));
    ids[module.code] = given;
    created[module.code] = given.size;
  }
  return { created, ids };
}
