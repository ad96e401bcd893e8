/**
 * Demo data for the installed modules, in one transaction: organisations, accounts, an acquisition
 * framework and every dataset the modules name, the SINP vocabularies (the built-in catalogue and those
 * the modules use) and the demo taxa. The seed only adds what is missing: run at every start, it never
 * overwrites a renamed dataset, a changed password or labels loaded from a fuller reference file.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { ResolvedField, ResolvedProtocol, ResolvedVocabulary } from '../../protocol-specs/index.ts';
// The catalogue file itself, not the package index: the index loads the whole spec compiler (ajv and
// its schemas), ~0.75 s of every start for one constant.
import { SINP_NOMENCLATURES } from '../../protocol-specs/standard/sinp-nomenclatures.ts';
import { seedDemoGrants } from '../auth/demo-grants.ts';
import { hashPassword } from '../auth/password.ts';
import { coreDb } from '../db/core-database.ts';
import type { Database, Queryable } from '../db/database.ts';
import type { ModuleRuntime } from '../modules/load.ts';
import { loadTaxrefLines } from '../refdata/taxref.ts';
import { upsertVocabularies, type VocabularyInput } from '../refdata/vocabularies.ts';
import {
  DEMO_ACCOUNTS,
  DEMO_FRAMEWORK,
  DEMO_ORGANISATIONS,
  DEMO_TAXA_CSV,
  type DemoAccount,
} from './demo-data.ts';

export interface DemoSeed {
  /** Accounts created by this run (the others existed already). */
  readonly createdAccounts: readonly string[];
  readonly accounts: readonly DemoAccount[];
  readonly datasets: number;
  readonly vocabularyTypes: number;
  readonly taxa: number;
}

const fieldsOf = (p: ResolvedProtocol): ResolvedField[] =>
  p.levels.flatMap((l) => l.fields.flatMap((f) => [f, ...(f.kind === 'group' ? f.fields : [])]));

/** Every dataset a module names, with a label from the first protocol naming it. */
export function demoDatasets(modules: readonly ModuleRuntime[]): Map<string, string> {
  const datasets = new Map<string, string>();
  for (const { protocol } of modules) {
    const ids = [
      ...protocol.datasets,
      ...fieldsOf(protocol).flatMap((f) => (f.kind === 'dataset' ? f.datasets : [])),
    ];
    [...new Set(ids)].forEach((id, i, all) => {
      const suffix = all.length > 1 ? ` (${i + 1})` : '';
      if (!datasets.has(id)) datasets.set(id, `${protocol.label.fr} — jeu de démonstration${suffix}`);
    });
  }
  return datasets;
}

const fromResolved = (v: ResolvedVocabulary): VocabularyInput => ({
  type: v.code,
  labelFr: v.label.fr,
  ...(v.label.en ? { labelEn: v.label.en } : {}),
  values: v.values.map((x) => ({
    code: x.code,
    labelFr: x.label.fr,
    ...(x.label.en ? { labelEn: x.label.en } : {}),
    ...(x.definition?.fr ? { definitionFr: x.definition.fr } : {}),
    ...(x.broader ? { broader: x.broader } : {}),
  })),
});

const CATALOGUE: readonly VocabularyInput[] = SINP_NOMENCLATURES.map((v) => ({
  type: v.code,
  labelFr: v.label,
  ...(v.sinpAttribute ? { sinpAttribute: v.sinpAttribute } : {}),
  values: v.values.map((x) => ({
    code: x.code,
    labelFr: x.label,
    ...(x.broader ? { broader: x.broader } : {}),
  })),
}));

async function seedAccounts(tx: Queryable): Promise<string[]> {
  await coreDb(tx)
    .insertInto('suivi.organisation')
    .values(Object.values(DEMO_ORGANISATIONS).map((o) => ({ id: o.id, name: o.name })))
    .onConflict((oc) => oc.doNothing())
    .execute();
  const existing = await coreDb(tx)
    .selectFrom('suivi.app_user')
    .select('login')
    .where(
      'login',
      'in',
      DEMO_ACCOUNTS.map((a) => a.login),
    )
    .execute();
  const missing = DEMO_ACCOUNTS.filter((a) => !existing.some((r) => r.login === a.login));
  for (const a of missing) {
    await coreDb(tx)
      .insertInto('suivi.app_user')
      .values({
        id: a.id,
        organisation_id: a.organisationId,
        login: a.login,
        display_name: a.displayName,
        password_hash: await hashPassword(a.password),
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  return missing.map((a) => a.login);
}

async function seedMetadata(tx: Queryable, modules: readonly ModuleRuntime[]): Promise<number> {
  await coreDb(tx)
    .insertInto('suivi.acquisition_framework')
    .values({
      id: DEMO_FRAMEWORK.id,
      label: DEMO_FRAMEWORK.label,
      organisation_id: DEMO_FRAMEWORK.organisationId,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const datasets = demoDatasets(modules);
  if (datasets.size > 0) {
    await coreDb(tx)
      .insertInto('suivi.dataset')
      .values(
        [...datasets].map(([id, label]) => ({
          id,
          label,
          acquisition_framework_id: DEMO_FRAMEWORK.id,
          organisation_id: DEMO_FRAMEWORK.organisationId,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  return datasets.size;
}

async function seedTaxa(tx: Queryable): Promise<number> {
  const input = createReadStream(DEMO_TAXA_CSV, { encoding: 'utf8' });
  try {
    const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
    const load = await loadTaxrefLines(tx, lines, { name: DEMO_TAXA_CSV.pathname, onConflict: 'nothing' });
    return load.rows;
  } finally {
    input.destroy();
  }
}

export async function seedDemo(db: Database, modules: readonly ModuleRuntime[]): Promise<DemoSeed> {
  return db.transaction(async (tx) => {
    const createdAccounts = await seedAccounts(tx);
    await seedDemoGrants(tx, DEMO_ACCOUNTS);
    const datasets = await seedMetadata(tx, modules);
    // The modules' own copies first: they carry English labels and definitions the catalogue lacks.
    const used = modules.flatMap((m) =>
      m.protocol.vocabularies.filter((v) => v.source === 'sinp').map(fromResolved),
    );
    await upsertVocabularies(tx, used, 'missing');
    const { types } = await upsertVocabularies(tx, CATALOGUE, 'missing');
    const taxa = await seedTaxa(tx);
    return { createdAccounts, accounts: DEMO_ACCOUNTS, datasets, vocabularyTypes: types, taxa };
  });
}
