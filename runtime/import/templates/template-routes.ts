/**
 * `/api/import/templates`: the import templates of the modules an account may import into (it has the
 * module's create grant; administrators have every module). Listed per module, level and provider;
 * read at any version; saved as a new version; exported as a JSON file; imported from one. Every body is
 * checked against the module (check-template.ts) and refused with all its problems, each with the JSON
 * pointer of the culprit and a message in French (`message`, as every API error) and English
 * (`messages.en`). OpenAPI: template-openapi.ts.
 */

import type { Context, Hono } from 'hono';
import { requestSession, scopeFor } from '../../auth/index.ts';
import { readObject } from '../../auth/request-body.ts';
import type { Database } from '../../db/database.ts';
import { type ApiError, HttpError, invalid } from '../../http/errors.ts';
import type { ModuleRegistry } from '../../modules/registry.ts';
import { check, textParam } from '../../server/query-params.ts';
import { checkTemplate } from './check-template.ts';
import type { TemplateProblem } from './template-problems.ts';
import {
  createTemplate,
  findByName,
  findTemplate,
  findVersion,
  listTemplates,
  listVersions,
  saveVersion,
  type TemplateSummary,
} from './template-store.ts';

export const TEMPLATES_PATH = '/api/import/templates';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_COMMENT = 1000;

/** A template problem as an API error: French `message`, both languages in `messages`. */
export const apiProblem = (p: TemplateProblem, prefix = ''): ApiError => ({
  path: `${prefix}${p.path}`,
  code: p.code,
  message: p.message.fr,
  messages: p.message,
});

export function signedIn(c: Context) {
  const session = requestSession(c);
  if (session.actor.userId === null)
    throw new HttpError(401, 'unauthorized', 'Connectez-vous pour utiliser les modèles d’import.');
  return session;
}

/** The codes of the served modules the account may import into. */
function importable(c: Context, registry: ModuleRegistry): string[] {
  const { actor, grants } = signedIn(c);
  return registry
    .runtimes()
    .map((m) => m.code)
    .filter((code) => scopeFor(actor, grants, code, 'create') !== undefined);
}

export function requireModule(c: Context, registry: ModuleRegistry, code: string): void {
  if (!importable(c, registry).includes(code))
    throw new HttpError(
      403,
      'forbidden',
      `Vous n’avez pas le droit d’importer dans le module ${code} (il faut le droit de créer ses enregistrements).`,
    );
}

const notFound = (id: string) =>
  new HttpError(404, 'not_found', `Le modèle d’import ${id} n’existe pas (ou ne vous est pas visible).`);

/** The template `id`, when it exists and the account may import into its module; a 404 otherwise. */
async function visibleTemplate(c: Context, db: Database, registry: ModuleRegistry): Promise<TemplateSummary> {
  const id = c.req.param('id') ?? '';
  const found = UUID.test(id) ? await findTemplate(db, id.toLowerCase()) : undefined;
  if (!found || !importable(c, registry).includes(found.module)) throw notFound(id);
  return found;
}

function comment(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value.length > MAX_COMMENT)
    throw invalid([
      { path: '/comment', code: 'invalid', message: `Un texte de ${MAX_COMMENT} caractères au plus.` },
    ]);
  return value.trim() || null;
}

/** The body's template, checked against the served modules (422 with every problem). */
function checked(registry: ModuleRegistry, value: unknown, prefix: string, module?: string) {
  const result = checkTemplate(value, registry.runtimes(), module === undefined ? {} : { module });
  if (!result.ok) throw invalid(result.problems.map((p) => apiProblem(p, prefix)));
  return result.template;
}

const nameTaken = (existing: TemplateSummary) =>
  new HttpError(
    409,
    'name_taken',
    `Un modèle « ${existing.name} » existe déjà pour ${existing.provider} : enregistrez-en une nouvelle version.`,
    [
      {
        path: '/template/name',
        code: 'name_taken',
        message: `Un modèle « ${existing.name} » existe déjà pour ${existing.provider} : enregistrez-en une nouvelle version.`,
        messages: {
          fr: `Un modèle « ${existing.name} » existe déjà pour ${existing.provider} : enregistrez-en une nouvelle version.`,
          en: `A template "${existing.name}" already exists for ${existing.provider}: save a new version of it.`,
        },
        id: existing.id,
      },
    ],
  );

/** The detail answer: the template, its current body and its versions. */
async function detail(db: Database, id: string) {
  const template = await findTemplate(db, id);
  if (!template) throw notFound(id);
  const current = await findVersion(db, id, template.current_version);
  return { template, body: current?.template, versions: await listVersions(db, id) };
}

/** A file name for the export: the template's words, kept to letters, digits and dashes. */
const exportName = (t: TemplateSummary, version: number): string =>
  `${[t.module, t.provider, t.name]
    .join('-')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 120)}-v${version}.json`;

function versionParam(c: Context, raw: string | undefined, current: number): number {
  if (raw === undefined) return current;
  const n = /^\d{1,9}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(n) || n < 1)
    throw new HttpError(400, 'bad_request', 'La version est un entier positif.', [
      {
        path: c.req.param('version') === undefined ? '/query/version' : '/params/version',
        code: 'bad_request',
        message: 'La version est un entier positif.',
      },
    ]);
  return n;
}

export function mountImportTemplates(app: Hono, db: Database, registry: ModuleRegistry): void {
  app.get(TEMPLATES_PATH, async (c) => {
    const modules = importable(c, registry);
    const problems: ApiError[] = [];
    const module = textParam(c.req.query(), 'module', 200, problems);
    const level = textParam(c.req.query(), 'level', 200, problems);
    const provider = textParam(c.req.query(), 'provider', 500, problems);
    check(problems);
    const templates = await listTemplates(db, {
      modules,
      ...(module ? { module } : {}),
      ...(level ? { level } : {}),
      ...(provider ? { provider } : {}),
    });
    return c.json({ templates });
  });

  app.post(`${TEMPLATES_PATH}/check`, async (c) => {
    signedIn(c);
    const body = await readObject(c);
    const columns = body.columns;
    if (columns !== undefined && (!Array.isArray(columns) || columns.some((x) => typeof x !== 'string')))
      throw invalid([{ path: '/columns', code: 'invalid', message: 'Une liste de noms de colonnes.' }]);
    const result = checkTemplate(
      body.template,
      registry.runtimes(),
      columns ? { columns: columns as string[] } : {},
    );
    return c.json({ ok: result.ok, problems: result.problems.map((p) => apiProblem(p, '/template')) });
  });

  app.post(TEMPLATES_PATH, async (c) => {
    const { actor } = signedIn(c);
    const body = await readObject(c);
    const template = checked(registry, body.template, '/template');
    requireModule(c, registry, template.module);
    const note = comment(body.comment);
    const id = await db.transaction(async (tx) => {
      const existing = await findByName(tx, template);
      if (existing) throw nameTaken(existing);
      return createTemplate(tx, template, actor.userId as string, note);
    });
    return c.json(await detail(db, id), 201, { location: `${TEMPLATES_PATH}/${id}` });
  });

  app.post(`${TEMPLATES_PATH}/import`, async (c) => {
    const { actor } = signedIn(c);
    const template = checked(registry, await readObject(c), '');
    requireModule(c, registry, template.module);
    const { id, created } = await db.transaction(async (tx) => {
      const existing = await findByName(tx, template);
      if (!existing)
        return { id: await createTemplate(tx, template, actor.userId as string, null), created: true };
      await saveVersion(tx, existing.id, template, actor.userId as string, null);
      return { id: existing.id, created: false };
    });
    return c.json({ ...(await detail(db, id)), created }, created ? 201 : 200);
  });

  app.get(`${TEMPLATES_PATH}/:id`, async (c) => {
    const template = await visibleTemplate(c, db, registry);
    return c.json(await detail(db, template.id));
  });

  app.post(`${TEMPLATES_PATH}/:id/versions`, async (c) => {
    const { actor } = signedIn(c);
    const found = await visibleTemplate(c, db, registry);
    const body = await readObject(c);
    const template = checked(registry, body.template, '/template', found.module);
    const note = comment(body.comment);
    const base = body.base_version;
    if (base !== undefined && (typeof base !== 'number' || !Number.isInteger(base)))
      throw invalid([
        { path: '/base_version', code: 'invalid', message: 'La version de départ est un entier.' },
      ]);
    await db.transaction(async (tx) => {
      const current = await findTemplate(tx, found.id);
      if (base !== undefined && current && current.current_version !== base)
        throw new HttpError(
          409,
          'stale',
          `Le modèle a été enregistré entre-temps (version ${current.current_version}).`,
          [
            {
              path: '/base_version',
              code: 'stale',
              message: `Le modèle a été enregistré entre-temps (version ${current.current_version}).`,
              messages: {
                fr: `Le modèle a été enregistré entre-temps (version ${current.current_version}).`,
                en: `The template was saved meanwhile (version ${current.current_version}).`,
              },
              current_version: current.current_version,
            },
          ],
        );
      const other = await findByName(tx, template);
      if (other && other.id !== found.id) throw nameTaken(other);
      await saveVersion(tx, found.id, template, actor.userId as string, note);
    });
    return c.json(await detail(db, found.id), 201);
  });

  app.get(`${TEMPLATES_PATH}/:id/versions/:version`, async (c) => {
    const found = await visibleTemplate(c, db, registry);
    const number = versionParam(c, c.req.param('version'), found.current_version);
    const version = await findVersion(db, found.id, number);
    if (!version)
      throw new HttpError(404, 'not_found', `Le modèle ${found.name} n’a pas de version ${number}.`);
    return c.json({ version });
  });

  app.get(`${TEMPLATES_PATH}/:id/export`, async (c) => {
    const found = await visibleTemplate(c, db, registry);
    const number = versionParam(c, c.req.query('version'), found.current_version);
    const version = await findVersion(db, found.id, number);
    if (!version)
      throw new HttpError(404, 'not_found', `Le modèle ${found.name} n’a pas de version ${number}.`);
    return new Response(`${JSON.stringify(version.template, null, 2)}\n`, {
      status: 200,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'content-disposition': `attachment; filename="${exportName(found, number)}"`,
        'cache-control': 'no-store',
      },
    });
  });
}
