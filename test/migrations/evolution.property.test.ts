/**
 * The property of protocol evolution (issue 10), on PGlite and PostgreSQL: random sequences of one to
 * four migrations, each of one or two spec edits (fields added, removed, renamed under their id, cast;
 * choice and vocabulary values added and removed; bounds tightened and relaxed; leaf levels added and
 * removed; labels), applied to a module holding random valid records. Each migration raises the version,
 * is planned, resolved by the test (set, map or archive, varied; sometimes left unresolved first, so the
 * upgrade must be refused and leave the database as it was), generated over the module folder and
 * upgraded. After each one:
 *   (a) every record is in the module's tables with its values as the plan says (renamed: under the new
 *       key; cast; resolved), or its values are in the archive schema with its record id;
 *   (b) the migrated schema equals a fresh install of the new spec (schemaSnapshot);
 * and no field holds values its new definition refuses without a step that checks them.
 *
 * Fixed seed and bounded runs: SUIVI_EVOLUTION_SEED and SUIVI_EVOLUTION_RUNS change them.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planMigration } from '../../generators/migrations/plan.ts';
import { compileProtocol, type ResolvedProtocol } from '../../protocol-specs/index.ts';
import type { Database } from '../../runtime/db/database.ts';
import { installModule } from '../../runtime/modules/install.ts';
import { ModuleUpgradeError, upgradeModule } from '../../runtime/modules/upgrade.ts';
import { runtimeEngines } from '../helpers/engines.ts';
import { databaseState, freshSchemaSnapshot, schemaSnapshot } from '../helpers/schema-snapshot.ts';
import { applyEdit, EDIT_KINDS, type EditChoice } from './evolution-edits.ts';
import {
  type ArchivedValue,
  checkingStep,
  chooseResolutions,
  expectedAfter,
  failingChanges,
  fieldChanges,
  type Records,
} from './evolution-expect.ts';
import {
  initialModel,
  type LevelModel,
  type ProtocolModel,
  prng,
  renderSpec,
  tableOf,
  type Value,
  validValue,
} from './evolution-model.ts';
import { generateAt } from './mini-module.ts';

const SEED = Number(process.env.SUIVI_EVOLUTION_SEED ?? 10_2026);
const RUNS = Number(process.env.SUIVI_EVOLUTION_RUNS ?? 15);

const script = fc.record({
  data: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  migrations: fc.array(
    fc.record({
      edits: fc.array(fc.record({ kind: fc.constantFrom(...EDIT_KINDS), a: fc.nat(999), b: fc.nat(999) }), {
        minLength: 1,
        maxLength: 2,
      }),
      refuseFirst: fc.boolean(),
    }),
    { minLength: 1, maxLength: 4 },
  ),
});

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** An assertion's message with what differs (vitest abbreviates both sides in the message). */
function explain(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const e = error as Error & { actual?: unknown; expected?: unknown };
  if (e.actual === undefined && e.expected === undefined) return e.message;
  const lines = (v: unknown) =>
    typeof v === 'object' && v !== null
      ? Object.entries(v).flatMap(([k, x]) =>
          Array.isArray(x) ? x.map((l) => `${k}: ${JSON.stringify(l)}`) : [`${k}: ${JSON.stringify(x)}`],
        )
      : [JSON.stringify(v)];
  const actual = lines(e.actual);
  const expected = lines(e.expected);
  const only = (a: string[], b: string[]) => a.filter((l) => !b.includes(l));
  return [
    e.message,
    ...only(expected, actual).map((l) => `  - expected ${l}`),
    ...only(actual, expected).map((l) => `  + actual   ${l}`),
  ].join('\n');
}

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const q = (name: string) => `"${name.replaceAll('"', '""')}"`;

describe.each(runtimeEngines())('protocol evolution property on $name', (engine) => {
  let db: Database;
  let runs = 0;
  beforeAll(async () => {
    db = await engine.openPrepared('migrated');
  });
  afterAll(async () => {
    await db?.close();
  });

  const protocolIn = (out: string): ResolvedProtocol =>
    (
      JSON.parse(readFileSync(join(out, 'ir/protocol.resolved.json'), 'utf8')) as {
        protocol: ResolvedProtocol;
      }
    ).protocol;

  /** Inserts one to three valid records per level (and rows per group), into the model too. */
  async function insertRecords(
    model: ProtocolModel,
    records: Records,
    random: () => number,
    serial: { n: number },
  ) {
    for (const level of model.levels) {
      const mine = records.get(level.id) ?? new Map();
      records.set(level.id, mine);
      const parentLevel = model.levels.find((l) => l.key === level.parent && l.type !== 'group');
      const parents = parentLevel ? [...(records.get(parentLevel.id)?.keys() ?? [])] : [];
      if (parentLevel && parents.length === 0) continue;
      const count = 1 + Math.floor(random() * 3);
      for (let i = 0; i < count; i++) {
        const id = uuid(++serial.n);
        const parent = parents[Math.floor(random() * parents.length)];
        const values = Object.fromEntries(level.fields.map((f) => [f.id, validValue(model, f, random)]));
        const position =
          level.type === 'group'
            ? 1 + [...mine.values()].filter((r) => r.parent === parent).length
            : undefined;
        const standard = standardColumns(level, parent, position);
        const columns = ['id', ...Object.keys(standard), ...level.fields.map((f) => f.key)];
        const params = [id, ...Object.values(standard), ...level.fields.map((f) => values[f.id])];
        await db.query(
          `INSERT INTO ${q(model.code)}.${q(tableOf(level))} (${columns.map(q).join(', ')}) VALUES (${params.map((_, n) => `$${n + 1}`).join(', ')})`,
          params,
        );
        mine.set(id, { ...(parent ? { parent } : {}), ...(position ? { position } : {}), values });
      }
    }
  }

  /** The columns a record needs besides its fields: name, parent, date; a group row's record and position. */
  function standardColumns(level: LevelModel, parent: string | undefined, position: number | undefined) {
    switch (level.type) {
      case 'site':
        return { base_site_name: 'Site' };
      case 'visit':
        return { [`${level.parent}_id`]: parent, visit_date_min: '2026-05-01' };
      case 'observation':
        return { [`${level.parent}_id`]: parent };
      case 'group':
        return { record_id: parent, position };
    }
  }

  /** (a): the tables hold exactly the expected records and values. */
  async function expectRecords(model: ProtocolModel, records: Records) {
    for (const level of model.levels) {
      const found = await db.query<{ row: Record<string, Value> }>(
        `SELECT to_jsonb(t) AS row FROM ${q(model.code)}.${q(tableOf(level))} AS t`,
      );
      const actual = Object.fromEntries(
        found.rows.map(({ row }) => [
          row.id,
          Object.fromEntries(level.fields.map((f) => [f.key, row[f.key] ?? null])),
        ]),
      );
      const expected = Object.fromEntries(
        [...(records.get(level.id) ?? [])].map(([id, r]) => [
          id,
          Object.fromEntries(level.fields.map((f) => [f.key, r.values[f.id] ?? null])),
        ]),
      );
      expect(actual, `records of ${tableOf(level)}`).toEqual(expected);
    }
  }

  /** (a): every value that left the tables is in an archive table of the module, beside its record id. */
  async function expectArchived(code: string, archived: readonly ArchivedValue[]) {
    const tables = await db.query<{ name: string }>(
      "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'suivi_archive' AND tablename LIKE $1",
      [`${code}\\_\\_%`],
    );
    const rows: Array<Record<string, unknown>> = [];
    for (const { name } of tables.rows) {
      const found = await db.query<{ row: Record<string, unknown> }>(
        `SELECT to_jsonb(t) AS row FROM suivi_archive.${q(name)} AS t`,
      );
      rows.push(...found.rows.map((r) => r.row));
    }
    const missing = archived.filter(
      (a) =>
        !rows.some(
          (row) =>
            (row.id === a.recordId || row.record_id === a.recordId) &&
            Object.entries(row).some(
              ([k, v]) => k !== 'id' && k !== 'record_id' && JSON.stringify(v) === JSON.stringify(a.value),
            ),
        ),
    );
    expect(missing, 'values missing from the archive').toEqual([]);
  }

  it('keeps every record through random spec edits, and the schema equals a fresh install', {
    timeout: 900_000,
  }, async () => {
    const property = fc.asyncProperty(script, async ({ data, migrations }) => {
      const random = prng(data);
      const code = `evo_${engine.name === 'pglite' ? 'l' : 'p'}${++runs}`;
      const dir = mkdtempSync(join(tmpdir(), `suivi-${code}-`));
      dirs.push(dir);
      let model = initialModel(code);
      const first = await generateAt(dir, renderSpec(model));
      expect(first.code, first.stderr).toBe(0);
      expect((await installModule(db, first.out)).status).toBe('installed');
      const records: Records = new Map();
      const archived: ArchivedValue[] = [];
      const serial = { n: 0 };
      await insertRecords(model, records, random, serial);
      const log: string[] = [];
      try {
        for (const migration of migrations) {
          const bumped = { ...model, version: model.version + 1 };
          let next = bumped;
          const busy = new Set<string>();
          for (const edit of migration.edits as EditChoice[]) {
            const edited = applyEdit(next, edit, busy);
            if (!edited) continue;
            next = edited.model;
            for (const id of edited.touched) busy.add(id);
            log.push(`v${next.version}: ${edited.description}`);
          }
          await migrate(model, next, records, archived, random, migration.refuseFirst, dir, log);
          model = next;
          await expectRecords(model, records);
          await expectArchived(code, archived);
          await insertRecords(model, records, random, serial);
        }
        if (process.env.SUIVI_EVOLUTION_VERBOSE) console.info(`${code}:\n${log.join('\n')}`);
      } catch (error) {
        throw new Error(`${log.join('\n')}\n${explain(error)}`);
      } finally {
        await db.exec(`DROP SCHEMA IF EXISTS ${q(code)} CASCADE`);
      }
    });
    const result = await fc.check(property, { seed: SEED, numRuns: RUNS, endOnFailure: true });
    const cause =
      result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance);
    expect(
      result.failed,
      `evolution property failed on ${engine.name} after ${result.numRuns} runs (SUIVI_EVOLUTION_SEED=${SEED} SUIVI_EVOLUTION_RUNS=${RUNS} reproduce it; counterexample path ${result.counterexamplePath})\n${cause}`,
    ).toBe(false);
  });

  async function migrate(
    model: ProtocolModel,
    next: ProtocolModel,
    records: Records,
    archived: ArchivedValue[],
    random: () => number,
    refuseFirst: boolean,
    dir: string,
    log: string[],
  ) {
    const compiled = compileProtocol(renderSpec(next));
    if (!compiled.ok)
      throw new Error(`the edited spec does not compile: ${JSON.stringify(compiled.diagnostics)}`);
    const previous = protocolIn(join(dir, 'generated'));
    const draft = planMigration(previous, compiled.protocol, {});
    const changes = fieldChanges(model, next, records);
    // Nothing the new spec refuses stays unchecked.
    for (const change of failingChanges(changes))
      expect(
        checkingStep(draft, change),
        `a step checking ${change.level}.${change.after.key}`,
      ).toBeDefined();
    const chosen = chooseResolutions(draft, model, next, changes, random, refuseFirst);
    if (chosen.unresolved.length > 0) {
      const partial = Object.fromEntries(
        Object.entries(chosen.resolutions).filter(([id]) => !chosen.unresolved.includes(id)),
      );
      const generated = await generateAt(dir, renderSpec(next), { from: model.version, value: partial });
      expect(generated.code, generated.stderr).toBe(0);
      const before = await databaseState(db, next.code);
      const error = await upgradeModule(db, generated.out).catch((e: unknown) => e);
      expect(error, 'an upgrade with an unresolved failing check').toBeInstanceOf(ModuleUpgradeError);
      const failed = (error as ModuleUpgradeError).report.steps.filter((s) => !s.ok);
      // After a failed check, later checks may read columns earlier steps would have changed: the
      // upgrade says so ("not checked: …"); any other error is a statement of the plan that failed.
      const errors = failed.flatMap((s) => (s.error && !s.error.startsWith('not checked:') ? [s.error] : []));
      expect(errors, 'statements that failed').toEqual([]);
      expect(failed.map((s) => s.id)).toEqual(expect.arrayContaining([...chosen.unresolved]));
      expect(await databaseState(db, next.code)).toEqual(before);
      log.push(`  refused first, as expected: ${failed.map((s) => s.id).join(', ')}`);
    }
    const generated = await generateAt(dir, renderSpec(next), {
      from: model.version,
      value: chosen.resolutions,
    });
    expect(generated.code, generated.stderr).toBe(0);
    log.push(`  resolutions: ${JSON.stringify(chosen.resolutions)}`);
    const report = await upgradeModule(db, generated.out).catch((error: unknown) => {
      if (error instanceof ModuleUpgradeError)
        throw new Error(`${error.message}\n${JSON.stringify(error.report.steps.filter((s) => !s.ok))}`);
      throw error;
    });
    expect(report.status).toBe('upgraded');
    // (b) the schema of a fresh install.
    expect(await schemaSnapshot(db, next.code)).toEqual(await freshSchemaSnapshot(db, compiled.protocol));
    const plan = planMigration(previous, compiled.protocol, chosen.resolutions);
    expectedAfter(model, next, records, archived, changes, plan, chosen.outcomes);
  }
});
