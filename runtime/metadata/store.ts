/**
 * Acquisition frameworks and datasets (SINP metadata) as the administration API reads and writes them.
 * A framework cannot go while datasets belong to it; a dataset cannot go while a module's spec names it
 * or records hold it (usage.ts): a 409 says which.
 */
import { coreDb } from '../db/core-database.ts';
import type { Queryable } from '../db/database.ts';
import { conflict } from '../http/errors.ts';
import type { DatasetUsage } from './usage.ts';

export interface FrameworkRow {
  readonly id: string;
  readonly label: string;
  readonly description: string | null;
  readonly sinp_uuid: string | null;
  readonly organisation_id: string | null;
  readonly datasets: number;
}

export interface DatasetRow {
  readonly id: string;
  readonly acquisition_framework_id: string;
  readonly label: string;
  readonly description: string | null;
  readonly sinp_uuid: string | null;
  readonly organisation_id: string | null;
  readonly diffusion_level: string;
  readonly sensitivity_level: string;
  readonly modules: readonly string[];
  readonly records: number;
}

export async function listFrameworks(db: Queryable, id?: string): Promise<FrameworkRow[]> {
  let query = coreDb(db)
    .selectFrom('suivi.acquisition_framework as f')
    .select((eb) => [
      'f.id',
      'f.label',
      'f.description',
      'f.sinp_uuid',
      'f.organisation_id',
      eb
        .selectFrom('suivi.dataset as d')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('d.acquisition_framework_id', '=', 'f.id')
        .$asScalar()
        .as('datasets'),
    ])
    .orderBy('f.label')
    .orderBy('f.id');
  if (id) query = query.where('f.id', '=', id);
  const rows = await query.execute();
  return rows.map((r) => ({ ...r, datasets: Number(r.datasets ?? 0) }));
}

export async function listDatasets(
  db: Queryable,
  usage: ReadonlyMap<string, DatasetUsage>,
  id?: string,
): Promise<DatasetRow[]> {
  let query = coreDb(db)
    .selectFrom('suivi.dataset as d')
    .select([
      'd.id',
      'd.acquisition_framework_id',
      'd.label',
      'd.description',
      'd.sinp_uuid',
      'd.organisation_id',
      'd.diffusion_level',
      'd.sensitivity_level',
    ])
    .orderBy('d.label')
    .orderBy('d.id');
  if (id) query = query.where('d.id', '=', id);
  const rows = await query.execute();
  return rows.map((r) => ({
    ...r,
    modules: usage.get(r.id)?.modules ?? [],
    records: usage.get(r.id)?.records ?? 0,
  }));
}

/** 409 unless nothing uses the framework; the caller deletes it in the same transaction. */
export async function refuseFrameworkInUse(db: Queryable, id: string): Promise<void> {
  const found = await listFrameworks(db, id);
  const n = found[0]?.datasets ?? 0;
  if (n > 0)
    throw conflict(
      'in_use',
      `Ce cadre d’acquisition a ${n} jeu(x) de données : supprimez-les ou déplacez-les d’abord.`,
      {
        path: '',
        datasets: n,
      },
    );
}

/** 409 while a module's spec names the dataset or records hold it. */
export function refuseDatasetInUse(id: string, usage: ReadonlyMap<string, DatasetUsage>): void {
  const u = usage.get(id);
  if (!u || (u.records === 0 && u.modules.length === 0)) return;
  const what =
    u.records > 0
      ? `${u.records} enregistrement(s) l’utilisent (modules ${u.modules.join(', ')})`
      : `le protocole des modules ${u.modules.join(', ')} le nomme`;
  throw conflict('in_use', `Ce jeu de données ne peut pas être supprimé : ${what}.`, {
    path: '',
    records: u.records,
    modules: u.modules,
  });
}
