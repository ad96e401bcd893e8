/** The demo seed on both engines: what it creates, and that a second run changes nothing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SINP_NOMENCLATURES } from '../../protocol-specs/index.ts';
import { runtimeEngines } from '../../test/helpers/engines.ts';
import { hashPassword, verifyPassword } from '../auth/password.ts';
import type { Database } from '../db/database.ts';
import { EXAMPLES_ROOT, generatedModuleFolders } from '../modules/folders.ts';
import { loadModules, type ModuleRuntime } from '../modules/load.ts';
import { DEMO_ACCOUNTS, DEMO_ORGANISATIONS } from './demo-data.ts';
import { demoDatasets, seedDemo } from './seed.ts';

const FOLDERS = generatedModuleFolders(EXAMPLES_ROOT);

describe('passwords', () => {
  it('hashes with scrypt and its parameters, and verifies', async () => {
    const hash = await hashPassword('correct horse');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await verifyPassword('correct horse', hash)).toBe(true);
    expect(await verifyPassword('wrong horse', hash)).toBe(false);
    expect(await verifyPassword('x', 'bcrypt$whatever')).toBe(false);
    expect(await hashPassword('correct horse')).not.toBe(hash);
  });
});

describe.each(runtimeEngines())('demo seed on $name', (engine) => {
  let db: Database;
  let modules: readonly ModuleRuntime[];
  const count = async (sql: string) =>
    (await db.query<{ n: number }>(`SELECT count(*) AS n FROM ${sql}`)).rows[0]!.n;

  beforeAll(async () => {
    db = await engine.openPrepared('installed');
    modules = await loadModules(db, FOLDERS);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('creates the organisations, accounts, datasets, vocabularies and taxa', async () => {
    const seed = await seedDemo(db, modules);
    expect(seed.createdAccounts).toEqual(['admin', 'partenaire.cen', 'partenaire.chiro']);
    const users = await db.query<{ login: string; organisation_id: string; password_hash: string }>(
      'SELECT login, organisation_id, password_hash FROM suivi.app_user ORDER BY login',
    );
    expect(users.rows.map((u) => [u.login, u.organisation_id])).toEqual([
      ['admin', DEMO_ORGANISATIONS.cen.id],
      ['partenaire.cen', DEMO_ORGANISATIONS.cen.id],
      ['partenaire.chiro', DEMO_ORGANISATIONS.chiro.id],
    ]);
    for (const account of DEMO_ACCOUNTS) {
      const row = users.rows.find((u) => u.login === account.login)!;
      expect(await verifyPassword(account.password, row.password_hash)).toBe(true);
    }
    // Every dataset a spec names, e.g. chiro_gites' two and flore_quadrats' campaign datasets.
    expect(seed.datasets).toBe(demoDatasets(modules).size);
    expect(await count("suivi.dataset WHERE id = '3f6c2a1e-8b4d-4c7a-9e2f-5a1b7c9d0e11'")).toBe(1);
    expect(await count('suivi.dataset')).toBe(seed.datasets);
    expect(await count("ref.vocabulary_type WHERE source = 'sinp'")).toBe(SINP_NOMENCLATURES.length);
    expect(
      await count("ref.vocabulary WHERE type = 'TYPE_SITE' AND broader_code IS NOT NULL"),
    ).toBeGreaterThan(0);
    expect(seed.taxa).toBe(85);
    expect(await count("ref.taxon WHERE lb_nom_search = 'myotis myotis'")).toBe(1);
  });

  it('changes nothing the second time, and keeps a changed password', async () => {
    await db.query("UPDATE suivi.app_user SET password_hash = $1 WHERE login = 'admin'", [
      await hashPassword('changed'),
    ]);
    const before = await db.query('SELECT * FROM suivi.dataset ORDER BY id');
    const seed = await seedDemo(db, modules);
    expect(seed.createdAccounts).toEqual([]);
    expect((await db.query('SELECT * FROM suivi.dataset ORDER BY id')).rows).toEqual(before.rows);
    const admin = await db.query<{ password_hash: string }>(
      "SELECT password_hash FROM suivi.app_user WHERE login = 'admin'",
    );
    expect(await verifyPassword('changed', admin.rows[0]!.password_hash)).toBe(true);
    expect(await count('suivi.organisation')).toBe(2);
    expect(await count('ref.taxon')).toBe(85);
  });
});
