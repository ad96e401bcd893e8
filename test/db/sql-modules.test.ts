/**
 * The SQL generator's output, executed: the core migrations, the four example modules (their generated
 * folders, which generated-examples.test.ts keeps equal to the generator's output) and an edge-case module
 * are applied on PGlite + PostGIS (and PostgreSQL + PostGIS when DATABASE_URL is set) once per content
 * hash, in the `reference` template (test/helpers/database-templates.ts), which a failing statement fails
 * to build; on a copy of it, a valid row goes into every table, each kind of constraint refuses a bad row
 * under its documented name, and the export and SINP views show what the rows hold.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemaModel } from '../../generators/sql/index.ts';
import { compileProtocol, type ResolvedProtocol } from '../../protocol-specs/index.ts';
import { CORE_MIGRATIONS } from '../../runtime/db/core-schema/core-migrations.ts';
import { type Database, failureOf, testEngines } from './databases.ts';
import { amphibiensMares } from './fixtures/amphibiens-mares.ts';
import { chiroGites } from './fixtures/chiro-gites.ts';
import { EDGE_SPEC, edgeCases } from './fixtures/edge-cases.ts';
import { floreQuadrats } from './fixtures/flore-quadrats.ts';
import { oiseauxPointsEcoute } from './fixtures/oiseaux-points-ecoute.ts';
import { failingRow, insert, type ModuleFixture, mismatch } from './module-fixture.ts';

const EXAMPLES: readonly ModuleFixture[] = [amphibiensMares, chiroGites, floreQuadrats, oiseauxPointsEcoute];

function compiled(spec: unknown, what: string): ResolvedProtocol {
  const result = compileProtocol(spec);
  if (!result.ok) throw new Error(`${what} does not compile: ${JSON.stringify(result.diagnostics)}`);
  return result.protocol;
}

const read = (code: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../examples/${code}/protocol.json`, import.meta.url), 'utf8'));

const MODULES = [
  ...EXAMPLES.map((fixture) => ({
    fixture,
    protocol: compiled(read(fixture.code), fixture.code),
  })),
  {
    fixture: edgeCases,
    protocol: compiled(EDGE_SPEC, 'EDGE_SPEC'),
  },
];

describe.each(testEngines())('generated SQL on $name', (engine) => {
  let db: Database;

  beforeAll(async () => {
    // The core migrations, the example modules' SQL, the edge-case module's and the reference rows.
    db = await engine.openPrepared('reference');
  });

  afterAll(async () => {
    await db?.close();
  });

  it('records the core migrations it applied', async () => {
    expect(await db.query('SELECT id FROM suivi.schema_migration ORDER BY id')).toEqual(
      CORE_MIGRATIONS.map((m) => ({ id: m.id })),
    );
  });

  it('gives every SINP view the same columns, nomenclature codes aside', async () => {
    const shapes = new Set<string>();
    for (const { fixture } of MODULES.filter((m) => m.protocol.occurrence)) {
      const columns = await db.query<{ column_name: string }>(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'v_occurrence_sinp' ORDER BY ordinal_position",
        [fixture.code],
      );
      shapes.add(
        columns
          .map((c) => c.column_name)
          .filter((c) => !c.endsWith('_code'))
          .join(','),
      );
    }
    expect([...shapes]).toEqual([
      'id_sinp_occtax,cd_nom,cd_ref,nom_cite,date_debut,date_fin,denombrement_min,denombrement_max,observateur,determinateur,geom,geom_wkt,jdd_uuid,comment,organisation_id,modified_at',
    ]);
  });

  describe.each(MODULES.map((m) => ({ ...m, code: m.fixture.code })))('$code', ({ fixture, protocol }) => {
    it('accepts a valid row in every table, links and group rows included', async () => {
      for (const row of fixture.rows) await insert(db, fixture.code, row.table, row.values);
      for (const table of schemaModel(protocol).tables) {
        const [{ n }] = (await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM "${table.schema}"."${table.name}"`,
        )) as [{ n: number }];
        expect(n, `${table.name} has rows`).toBeGreaterThan(0);
      }
    });

    it.each(fixture.views.map((v, i) => ({ ...v, i })))('shows the rows in $view', async (v) => {
      const rows = await db.query(`SELECT * FROM "${fixture.code}"."${v.view}"`);
      expect(rows).toHaveLength(v.rows);
      if (v.row) {
        const row = rows.find((r) => r[v.row?.key as string] === v.row?.id);
        expect(row, `${v.view} row ${v.row.id}`).toMatchObject(v.row.values);
      }
    });

    it.each(fixture.failures)('refuses $name', async (failure) => {
      let refused: ReturnType<typeof failureOf> | undefined;
      try {
        await insert(db, fixture.code, failure.table, failingRow(fixture, failure));
      } catch (error) {
        refused = failureOf(error);
      }
      expect(mismatch(refused, failure.expect)).toBeUndefined();
    });
  });
});
