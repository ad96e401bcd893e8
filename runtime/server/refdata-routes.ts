/**
 * Read-only reference data for forms and pickers: vocabularies by type, taxa (taxa-routes.ts), users
 * (observers picker), datasets. Every value is bound; a malformed query parameter is a 400
 * `[{ path: '/query/<name>', code, message }]`.
 *
 * Who may read them: nothing personal without a session. Users (people's names and organisations)
 * and datasets (their labels and frameworks name people, organisations and projects; no form shows
 * them before sign-in) need an account, any account: 401 otherwise. Vocabularies and taxa are public
 * reference lists (SINP nomenclatures, TAXREF, the protocols' own values, already in each module's
 * public OpenAPI document) and stay open.
 */
import type { Hono } from 'hono';
import type { ResolvedProtocol } from '../../protocol-specs/index.ts';
import { requireAccount } from '../auth/index.ts';
import { coreDb } from '../db/core-database.ts';
import type { Database } from '../db/database.ts';
import { type ApiError, HttpError } from '../http/errors.ts';
import type { ModuleRegistry } from '../modules/registry.ts';
import {
  check,
  escapeLike,
  integerParam,
  moduleParam,
  problem,
  textParam,
  uuidListParam,
} from './query-params.ts';
import { mountTaxaRoutes } from './taxa-routes.ts';

const PICKER_MAX_LIMIT = 50;
const MAX_CODES = 500;
const MAX_IDS = 200;

/** Adds the reference-data routes to `app`. */
export function mountRefdataRoutes(app: Hono, db: Database, registry: ModuleRegistry): void {
  // The modules served when a request starts (`?module=` names one of them).
  const byCode = { get: (code: string) => registry.runtime(code) };
  // Value order per vocabulary type, as the protocols served list them (a select shows them in that order).
  const authoredOrderNow = registry.perGeneration(() => {
    const order = new Map<string, string[]>();
    for (const { protocol } of registry.runtimes()) {
      for (const v of protocol.vocabularies) {
        if (!order.has(v.code))
          order.set(
            v.code,
            v.values.map((x) => x.code),
          );
      }
    }
    return order;
  });

  app.get('/api/vocabularies/:type', async (c) => {
    const type = c.req.param('type');
    const problems: ApiError[] = [];
    if (!/^[A-Za-z0-9_.-]{1,100}$/.test(type))
      problems.push({
        path: '/params/type',
        code: 'invalid',
        message: `« ${type} » n’est pas un type de vocabulaire.`,
      });
    const rawCodes = textParam(c.req.query(), 'codes', 20_000, problems);
    const codes = rawCodes?.split(',').map((x) => x.trim());
    if (codes && (codes.some((x) => x === '') || codes.length > MAX_CODES))
      problems.push(
        problem('codes', 'invalid', `codes : une liste de 1 à ${MAX_CODES} codes séparés par des virgules.`),
      );
    check(problems);
    const found = await coreDb(db)
      .selectFrom('ref.vocabulary_type')
      .select(['type', 'label_fr', 'label_en', 'source'])
      .where('type', '=', type)
      .executeTakeFirst();
    if (!found) throw new HttpError(404, 'not_found', `Le vocabulaire ${type} n’existe pas.`);
    const all = coreDb(db)
      .selectFrom('ref.vocabulary')
      .select(['code', 'label_fr', 'label_en', 'definition_fr', 'definition_en', 'broader_code'])
      .where('type', '=', type)
      // Numeric codes first, by value ('2' before '10'), then the others.
      .orderBy((eb) => eb('code', '~', '^[0-9]+$'), 'desc')
      .orderBy((eb) => eb.fn('length', ['code']))
      .orderBy('code');
    const values = await (codes
      ? all.where((eb) => eb('code', '=', eb.fn.any(eb.val(codes))))
      : all
    ).execute();
    const order = authoredOrderNow().get(type) ?? [];
    const rank = (code: string) => (order.includes(code) ? order.indexOf(code) : order.length);
    const sorted = [...values].sort((a, b) => rank(a.code) - rank(b.code));
    return c.json({
      type: found.type,
      label: { fr: found.label_fr, ...(found.label_en ? { en: found.label_en } : {}) },
      source: found.source,
      values: sorted.map((v) => ({
        code: v.code,
        label: { fr: v.label_fr, ...(v.label_en ? { en: v.label_en } : {}) },
        ...(v.definition_fr
          ? { definition: { fr: v.definition_fr, ...(v.definition_en ? { en: v.definition_en } : {}) } }
          : {}),
        broader: v.broader_code,
      })),
    });
  });

  mountTaxaRoutes(app, db, byCode);

  app.get('/api/users', requireAccount, async (c) => {
    const query = c.req.query();
    const problems: ApiError[] = [];
    const q = textParam(query, 'q', 100, problems)?.trim();
    const limit = integerParam(query, 'limit', 20, PICKER_MAX_LIMIT, problems);
    // `ids=`: the names of the observers a record holds, whoever they are (inactive users included).
    const ids = uuidListParam(query, 'ids', MAX_IDS, problems);
    check(problems);
    const users = coreDb(db)
      .selectFrom('suivi.app_user as u')
      .leftJoin('suivi.organisation as o', 'o.id', 'u.organisation_id')
      .select(['u.id', 'u.display_name', 'o.id as org_id', 'o.name as org_name'])
      .orderBy('u.display_name')
      .orderBy('u.id');
    const pattern = q ? escapeLike(q) : undefined;
    const rows = await (ids
      ? users.where((eb) => eb('u.id', '=', eb.fn.any(eb.val(ids)))).limit(ids.length)
      : users
          .where('u.active', '=', true)
          .$if(pattern !== undefined, (active) =>
            active.where((eb) =>
              eb.or([eb('u.display_name', 'ilike', `%${pattern}%`), eb('u.login', 'ilike', `${pattern}%`)]),
            ),
          )
          .limit(limit)
    ).execute();
    return c.json({
      items: rows.map((u) => ({
        id: u.id,
        display_name: u.display_name,
        organisation: u.org_id ? { id: u.org_id, name: u.org_name } : null,
      })),
    });
  });

  app.get('/api/datasets', requireAccount, async (c) => {
    const problems: ApiError[] = [];
    const module = moduleParam(c.req.query(), byCode, problems);
    check(problems);
    const ids = module ? datasetsOf(module.protocol) : null;
    const datasets = coreDb(db)
      .selectFrom('suivi.dataset as d')
      .innerJoin('suivi.acquisition_framework as f', 'f.id', 'd.acquisition_framework_id')
      .select(['d.id', 'd.label', 'f.id as af_id', 'f.label as af_label'])
      .orderBy('d.label')
      .orderBy('d.id');
    const rows = await (ids
      ? datasets.where((eb) => eb('d.id', '=', eb.fn.any(eb.val(ids))))
      : datasets
    ).execute();
    return c.json({
      items: rows.map((d) => ({ id: d.id, name: d.label, framework: { id: d.af_id, name: d.af_label } })),
    });
  });
}

/** The datasets a protocol names: its defaults and those its dataset fields offer. */
export function datasetsOf(protocol: ResolvedProtocol): string[] {
  const fields = protocol.levels.flatMap((l) =>
    l.fields.flatMap((f) => [f, ...(f.kind === 'group' ? f.fields : [])]),
  );
  return [
    ...new Set([...protocol.datasets, ...fields.flatMap((f) => (f.kind === 'dataset' ? f.datasets : []))]),
  ];
}
