/**
 * An area bundle (`GET /api/offline/<code>/bundle`, docs/offline.md): what a client needs to enter data
 * offline in an area — its records (bundle-records.ts), the module's vocabularies, its taxa, the users
 * and datasets its forms name — in one JSON document, or only its counts and size (`?estimate=1`).
 */
import type { ResolvedField } from '../../protocol-specs/index.ts';
import { coreDb } from '../db/core-database.ts';
import type { Database } from '../db/database.ts';
import type { AccessScope, Actor } from '../records/access.ts';
import type { ModulePlan } from '../records/model/module-plan.ts';
import type { ApiRecord } from '../records/read/read-records.ts';
import { datasetsOf } from '../server/refdata-routes.ts';
import { lookupTaxa, scopeSql } from '../server/taxa-routes.ts';
import { readBundleRecords, type Selection, selectBundleIds } from './bundle-records.ts';

/** Most taxa of a group scope a bundle carries (besides those its records name): a kingdom has tens of thousands. */
export const MAX_SCOPE_TAXA = 5_000;

export interface BundleRequest {
  readonly db: Database;
  readonly module: ModulePlan;
  readonly actor: Actor;
  readonly access: AccessScope;
  readonly selection: Selection;
  readonly now?: Date;
}

const size = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

export async function bundleEstimate(request: BundleRequest) {
  const { db, module, access, selection } = request;
  const ids = await selectBundleIds(db, module, access, selection);
  const counts: Record<string, number> = {};
  let bytes = 0;
  for (const level of module.protocol.levels) {
    const found = ids.get(level.key);
    if (!found) continue;
    counts[level.key] = found.ids.length;
    bytes += found.bytes;
  }
  const reference = await referenceData(request, {});
  return { counts, size_bytes: bytes + size(reference) };
}

export async function bundle(request: BundleRequest) {
  const { db, module, access, selection } = request;
  const ids = await selectBundleIds(db, module, access, selection);
  const records = await readBundleRecords(db, module, ids);
  const body = {
    module: module.protocol.code,
    generated_at: (request.now ?? new Date()).toISOString(),
    // The occurrence feed's cursor (runtime/sync) serves regional platforms, not field clients.
    cursor: null,
    records,
    ...(await referenceData(request, records)),
  };
  // The size counts its own digits: a few rounds settle it.
  let bytes = size({ ...body, size_bytes: 0 });
  for (let round = 0; round < 3; round++) bytes = size({ ...body, size_bytes: bytes });
  return { ...body, size_bytes: bytes };
}

async function referenceData(request: BundleRequest, records: Readonly<Record<string, ApiRecord[]>>) {
  const { db, module } = request;
  const protocol = module.protocol;
  const types = protocol.vocabularies.map((v) => v.code);
  const rows =
    types.length === 0
      ? []
      : await coreDb(db)
          .selectFrom('ref.vocabulary')
          .select(['type', 'code', 'label_fr', 'label_en', 'broader_code'])
          .where((eb) => eb('type', '=', eb.fn.any(eb.val(types))))
          .orderBy('type')
          .orderBy('code')
          .execute();
  const vocabularies: Record<string, unknown[]> = Object.fromEntries(types.map((t) => [t, []]));
  for (const r of rows)
    vocabularies[r.type]?.push({
      code: r.code,
      label: r.label_fr,
      label_en: r.label_en,
      broader: r.broader_code,
    });

  const taxa = await lookupTaxa(db, [
    ...new Set([...(await scopeTaxa(request)), ...namedTaxa(module, records)]),
  ]);

  const userIds = new Set<string>();
  for (const list of Object.values(records)) for (const r of list) collectUsers(r, userIds);
  const users = await coreDb(db)
    .selectFrom('suivi.app_user as u')
    .select(['u.id', 'u.display_name'])
    .where((eb) =>
      eb.or([
        eb('u.id', '=', eb.fn.any(eb.val([...userIds]))),
        ...(request.actor.organisationId
          ? [eb.and([eb('u.active', '=', true), eb('u.organisation_id', '=', request.actor.organisationId)])]
          : []),
      ]),
    )
    .orderBy('u.display_name')
    .orderBy('u.id')
    .execute();

  const datasetIds = datasetsOf(protocol);
  const datasets =
    datasetIds.length === 0
      ? []
      : await coreDb(db)
          .selectFrom('suivi.dataset as d')
          .select(['d.id', 'd.label'])
          .where((eb) => eb('d.id', '=', eb.fn.any(eb.val(datasetIds))))
          .orderBy('d.label')
          .orderBy('d.id')
          .execute();
  return {
    vocabularies,
    taxa,
    users: users.map((u) => ({ id: u.id, name: u.display_name })),
    datasets: datasets.map((d) => ({ id: d.id, name: d.label })),
  };
}

/** The taxa of the module's scope: all of a list or species, at most MAX_SCOPE_TAXA of a group. */
async function scopeTaxa({ db, module }: BundleRequest): Promise<number[]> {
  const params: unknown[] = [];
  const scope = scopeSql(module.protocol, params);
  if (!scope.sql) return [];
  params.push(MAX_SCOPE_TAXA);
  const { rows } = await db.query<{ cd_nom: number }>(
    `SELECT t.cd_nom FROM ref.taxon t WHERE ${scope.sql} ORDER BY t.cd_nom LIMIT $${params.length}::integer`,
    params,
  );
  return rows.map((r) => Number(r.cd_nom));
}

/** The taxon codes the records' taxon fields hold (group rows included). */
function namedTaxa(module: ModulePlan, records: Readonly<Record<string, ApiRecord[]>>): number[] {
  const out: number[] = [];
  const walk = (fields: readonly ResolvedField[], values: Record<string, unknown>) => {
    for (const f of fields) {
      const v = values[f.key];
      if (f.kind === 'taxon')
        for (const code of [v].flat()) if (Number.isInteger(code)) out.push(code as number);
      if (f.kind === 'group' && Array.isArray(v))
        for (const row of v)
          if (row && typeof row === 'object') walk(f.fields, row as Record<string, unknown>);
    }
  };
  for (const [key, list] of Object.entries(records)) {
    const fields = module.levels.get(key)?.level.fields ?? [];
    for (const r of list) walk(fields, r);
  }
  return out;
}

/** Account ids a record names: its audit columns and observers (group rows included). */
function collectUsers(value: unknown, out: Set<string>): void {
  if (Array.isArray(value)) for (const v of value) collectUsers(v, out);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      if ((k === 'user_id' || k === 'created_by' || k === 'updated_by') && typeof v === 'string') out.add(v);
      else if (typeof v === 'object') collectUsers(v, out);
    }
}
