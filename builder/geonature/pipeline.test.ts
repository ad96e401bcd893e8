/**
 * Fixture protocols that use issue 15's translations (parent values, dependent vocabularies, text
 * includes, record checks from setErrors, parent defaults, source bugs) go through the whole pipeline:
 * `import-gn --report` (validate, generate, SQL on PGlite, forms rendered), then on each engine
 * (PGlite, and PostgreSQL with DATABASE_URL) the generated SQL applies over the core migrations and the
 * record checks translated from GeoNature are CHECK constraints over the fields they read.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileProtocol } from '../../protocol-specs/index.ts';
import { migrate } from '../../runtime/db/migrate.ts';
import { runtimeEngines } from '../../test/helpers/engines.ts';
import { readProtocolFolder } from './folder-io.ts';
import { importGeoNatureFolder } from './import/import-protocol.ts';
import { runReport } from './report/run-report.ts';
import { moduleSql } from './report/sql-check.ts';

const FOLDER = new URL('./fixtures/protocols/', import.meta.url);

describe('fixture protocols of the rule patterns', () => {
  it('pass import-gn --report: every rule translated, every protocol ok', async () => {
    const report = await runReport(fileURLToPath(FOLDER));
    expect(report.skipped).toEqual([]);
    expect(report.rows.length).toBeGreaterThan(0);
    for (const row of report.rows) {
      expect(row.result, row.protocol).toBe('ok');
      expect(row.rules.translated, row.protocol).toBe(row.rules.total);
    }
    expect(report.rows.find((r) => r.protocol === 'gites_mares')?.rules).toMatchObject({
      total: 8,
      sourceBugs: 2,
    });
  }, 120_000);
});

describe.each(runtimeEngines())('gites_mares on $name', (engine) => {
  it('applies, and its translated record checks are CHECK constraints over their fields', async () => {
    const { spec } = importGeoNatureFolder(
      await readProtocolFolder(fileURLToPath(new URL('gites_mares', FOLDER))),
      'gites_mares',
    );
    const visit = spec.levels.find((l) => l.key === 'visit') as { checks?: Array<{ id: string }> };
    expect(visit.checks?.map((c) => c.id)).toEqual(['date_fin_valid']);
    const compiled = compileProtocol(spec);
    expect(compiled.ok).toBe(true);
    if (!compiled.ok) return;
    const { generateModule } = await import('../../generators/module.ts');
    const files = await generateModule(compiled.protocol, { specPath: 'gites_mares/protocol.json' });
    const db = await engine.open();
    try {
      await migrate(db);
      for (const file of moduleSql(files)) await db.exec(file.contents);
      const constraints = await db.query<{ conname: string; def: string }>(
        "SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname LIKE 'ck\\_%' ORDER BY conname",
      );
      const names = constraints.rows.map((r) => r.conname);
      expect(
        names.some((n) => n.endsWith('date_fin_valid')),
        names.join(', '),
      ).toBe(true);
      expect(
        names.some((n) => n.endsWith('nb_males_valid')),
        names.join(', '),
      ).toBe(true);
      const males = constraints.rows.find((r) => r.conname.endsWith('nb_males_valid'));
      expect(males?.def).toMatch(/nb_males/);
      expect(males?.def).toMatch(/nb_total/);
    } finally {
      await db.close();
    }
  }, 120_000);
});
