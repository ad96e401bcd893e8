/**
 * /api/import/templates through the server's app, on both engines: save, list, read every version, save
 * new versions, export and import JSON, the check with every problem's path, and who may do what.
 */
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runtimeEngines } from '../../../test/helpers/engines.ts';
import { type Caller, caller, request, serverApp, signIn } from '../../auth/auth.test-helpers.ts';
import type { Database } from '../../db/database.ts';
import { FLAT_CHIRO } from './template-fixtures.test-helpers.ts';

const PATH = '/api/import/templates';

describe.each(runtimeEngines())('import templates API on $name', (engine) => {
  let db: Database;
  let app: Hono;
  let admin: Caller;
  let partner: Caller;
  let reader: Caller;

  beforeAll(async () => {
    ({ db, app } = await serverApp(engine));
    admin = await signIn(app, 'admin');
    partner = await signIn(app, 'partenaire.chiro');
    const created = await admin.call('POST', '/api/admin/users', {
      login: 'lecteur.seul',
      display_name: 'Lecteur',
      password: 'un mot de passe assez long',
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const login = await request(app, 'POST', '/api/auth/login', {
      login: 'lecteur.seul',
      password: 'un mot de passe assez long',
    });
    reader = caller(app, { cookie: (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '' });
  });
  afterAll(async () => db?.close());

  it('saves a template, lists it per module and provider, and keeps every version', async () => {
    const saved = await partner.call('POST', PATH, { template: FLAT_CHIRO, comment: 'première version' });
    expect(saved.status, JSON.stringify(saved.json)).toBe(201);
    const id = (saved.json.template as { id: string }).id;
    expect(saved.headers.get('location')).toBe(`${PATH}/${id}`);
    expect(saved.json).toMatchObject({
      template: {
        module: 'chiro_gites',
        level: 'observation',
        provider: 'Groupe Chiroptères',
        current_version: 1,
      },
      body: FLAT_CHIRO,
      versions: [{ version: 1, comment: 'première version', saved_by: { login: 'partenaire.chiro' } }],
    });

    const v2 = { ...FLAT_CHIRO, conventions: { date_format: 'yyyy-mm-dd' } };
    const again = await partner.call('POST', `${PATH}/${id}/versions`, { template: v2, base_version: 1 });
    expect(again.status, JSON.stringify(again.json)).toBe(201);
    expect(again.json).toMatchObject({ template: { current_version: 2 }, body: v2 });
    expect((again.json.versions as { version: number }[]).map((v) => v.version)).toEqual([2, 1]);

    // A save over an old version is refused, naming the current one.
    const stale = await partner.call('POST', `${PATH}/${id}/versions`, { template: v2, base_version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.json).toMatchObject([{ code: 'stale', current_version: 2, path: '/base_version' }]);

    const first = await partner.call('GET', `${PATH}/${id}/versions/1`);
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ version: { version: 1, template: FLAT_CHIRO } });
    expect((await partner.call('GET', `${PATH}/${id}/versions/9`)).status).toBe(404);
    expect((await partner.call('GET', `${PATH}/${id}/versions/x`)).status).toBe(400);

    const listed = await partner.call('GET', `${PATH}?module=chiro_gites&provider=groupe%20chiropt%C3%A8res`);
    expect(listed.json).toMatchObject({
      templates: [{ id, name: 'Comptages hivernaux', current_version: 2 }],
    });
    expect((await partner.call('GET', `${PATH}?module=amphibiens_mares`)).json).toEqual({ templates: [] });
    expect((await partner.call('GET', `${PATH}?module=chiro_gites&level=visit`)).json).toEqual({
      templates: [],
    });

    // Saving a second template under the same name is refused: it would be a new version.
    const twice = await partner.call('POST', PATH, { template: FLAT_CHIRO });
    expect(twice.status).toBe(409);
    expect(twice.json).toMatchObject([{ code: 'name_taken', id, path: '/template/name' }]);
  });

  it('exports a version as a JSON file and imports it back as a new version or a new template', async () => {
    const [summary] = (await admin.call('GET', `${PATH}?module=chiro_gites`)).json.templates as {
      id: string;
    }[];
    const id = summary?.id as string;
    const res = await app.request(`${PATH}/${id}/export?version=1`, { headers: admin.headers });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="chiro_gites-Groupe-Chiropteres-Comptages-hivernaux-v1.json"',
    );
    const text = await res.text();
    expect(text).toBe(`${JSON.stringify(FLAT_CHIRO, null, 2)}\n`);

    const back = await admin.call('POST', `${PATH}/import`, JSON.parse(text));
    expect(back.status, JSON.stringify(back.json)).toBe(200);
    expect(back.json).toMatchObject({
      created: false,
      template: { id, current_version: 3 },
      body: FLAT_CHIRO,
    });

    const other = await admin.call('POST', `${PATH}/import`, { ...JSON.parse(text), provider: 'CEN' });
    expect(other.status).toBe(201);
    expect(other.json).toMatchObject({ created: true, template: { provider: 'CEN', current_version: 1 } });
    const { rows } = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM suivi.import_template_version WHERE template_id = $1',
      [id],
    );
    expect(rows[0]?.n).toBe(3);
    // A job names the version it ran with: the link is a foreign key (0010 adds it to 0009's table).
    const fk = await db.query<{ def: string }>(
      `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint
        WHERE conrelid = 'suivi.import_job'::regclass AND conname = 'template_version__fk'`,
    );
    expect(fk.rows[0]?.def).toContain('REFERENCES suivi.import_template_version(template_id, version)');
    // So a job naming a template version that does not exist is refused, naming the field.
    const up = await app.request('/api/import/files?name=a.csv', {
      method: 'POST',
      headers: { ...admin.headers, 'content-type': 'application/octet-stream' },
      body: 'Gîte;Date\nA;01/02/2025\n',
    });
    expect(up.status).toBe(201);
    const fileId = ((await up.json()) as { file: { id: string } }).file.id;
    const job = {
      file_id: fileId,
      template: FLAT_CHIRO,
      template_id: '00000000-0000-4000-8000-000000000000',
      template_version: 1,
      mode: 'insert',
      atomicity: 'valid_rows',
      dry_run: true,
    };
    const refused = await admin.call('POST', '/api/import/jobs', job);
    expect(refused.status).toBe(422);
    expect(refused.json).toMatchObject([{ path: '/template_id', code: 'unknown_template' }]);
    const named = await admin.call('POST', '/api/import/jobs', {
      ...job,
      template_id: id,
      template_version: 3,
    });
    expect(named.status, JSON.stringify(named.json)).toBe(202);
  });

  it('refuses a template that does not fit its module with every problem, in French and English', async () => {
    const bad = {
      ...FLAT_CHIRO,
      levels: {
        observation: { fields: { sex: { column: 'Sexe', values: { M: 'male' } }, nope: { column: 'X' } } },
      },
    };
    const refused = await partner.call('POST', PATH, { template: bad });
    expect(refused.status).toBe(422);
    expect(refused.json).toEqual([
      expect.objectContaining({
        path: '/template/levels/observation/fields/sex/values/M',
        code: 'unknown_code',
        messages: {
          fr: expect.stringContaining('n’est pas un code'),
          en: expect.stringContaining('is not a code'),
        },
      }),
      expect.objectContaining({ path: '/template/levels/observation/fields/nope', code: 'unknown_field' }),
    ]);
    const imported = await partner.call('POST', `${PATH}/import`, bad);
    expect(imported.status).toBe(422);
    expect((imported.json as unknown as { path: string }[])[0]?.path).toBe(
      '/levels/observation/fields/sex/values/M',
    );

    const checked = await partner.call('POST', `${PATH}/check`, { template: FLAT_CHIRO, columns: ['Gîte'] });
    expect(checked.status).toBe(200);
    expect(checked.json.ok).toBe(false);
    expect((checked.json.problems as { code: string }[]).every((p) => p.code === 'unknown_column')).toBe(
      true,
    );
    expect((checked.json.problems as unknown[]).length).toBe(8);

    const otherModule = await partner.call('POST', `${PATH}/${await firstId(partner)}/versions`, {
      template: {
        ...FLAT_CHIRO,
        module: 'amphibiens_mares',
        level: 'observation',
        levels: { observation: { fields: {} } },
      },
    });
    expect(otherModule.status).toBe(422);
    expect(otherModule.json).toMatchObject([{ path: '/template/module', code: 'other_module' }]);
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM suivi.import_template');
    expect(rows[0]?.n).toBe(2);
  });

  it('answers 401 to nobody, 403 and nothing visible to an account without the create grant', async () => {
    expect((await request(app, 'GET', PATH)).status).toBe(401);
    expect((await request(app, 'POST', PATH, { template: FLAT_CHIRO })).status).toBe(401);
    expect((await reader.call('GET', PATH)).json).toEqual({ templates: [] });
    const id = await firstId(admin);
    expect((await reader.call('GET', `${PATH}/${id}`)).status).toBe(404);
    expect((await reader.call('GET', `${PATH}/${id}/export`)).status).toBe(404);
    const refused = await reader.call('POST', PATH, { template: { ...FLAT_CHIRO, name: 'Autre' } });
    expect(refused.status).toBe(403);
    expect(refused.json).toMatchObject([{ code: 'forbidden' }]);
    expect((await reader.call('POST', `${PATH}/import`, { ...FLAT_CHIRO, name: 'Autre' })).status).toBe(403);
    expect((await admin.call('GET', `${PATH}/not-a-uuid`)).status).toBe(404);
  });
});

async function firstId(who: Caller): Promise<string> {
  const { templates } = (await who.call('GET', `${PATH}?module=chiro_gites`)).json as unknown as {
    templates: { id: string }[];
  };
  return templates[0]?.id as string;
}

describe.each(runtimeEngines())('import wizard helpers on $name', (engine) => {
  let db: Database;
  let app: Hono;
  beforeAll(async () => {
    ({ db, app } = await serverApp(engine, (f) => f.includes('amphibiens_mares')));
  });
  afterAll(async () => db?.close());

  it('lists the fields of a level and its ancestors, and suggests a template for a file', async () => {
    const partner = await signIn(app, 'partenaire.cen');
    const fields = await partner.call('GET', `${PATH}/fields?module=amphibiens_mares&level=observation`);
    expect(fields.status).toBe(200);
    const levels = fields.json.levels as unknown as {
      key: string;
      fields: { key: string; kind: string; required: unknown }[];
    }[];
    expect(levels.map((l) => l.key)).toEqual(['observation', 'visit', 'site', 'sites_group']);
    expect(levels[0]?.fields.find((f) => f.key === 'cd_nom')).toMatchObject({
      kind: 'taxon',
      label: { fr: 'Espèce observée', en: 'Species found' },
    });
    expect(levels[0]?.fields.some((f) => f.key === 'medias')).toBe(false);
    expect((await partner.call('GET', `${PATH}/fields?module=amphibiens_mares&level=nest`)).status).toBe(404);

    const suggested = await partner.call('POST', `${PATH}/suggest`, {
      module: 'amphibiens_mares',
      level: 'observation',
      provider: 'CEN',
      name: 'Mares',
      file: {
        source: { format: 'csv', delimiter: ';' },
        columns: ['nom_cite', 'Sexe'],
        preview: [{ nom_cite: 'Bufo bufo', Sexe: 'F' }],
      },
    });
    expect(suggested.status, JSON.stringify(suggested.json)).toBe(200);
    expect(suggested.json).toMatchObject({
      template: {
        module: 'amphibiens_mares',
        provider: 'CEN',
        levels: { observation: { fields: { cd_nom: { taxon_column: 'nom_cite', by: 'scientific_name' } } } },
      },
    });
    const bad = await partner.call('POST', `${PATH}/suggest`, {
      module: 'amphibiens_mares',
      level: 'observation',
      file: { source: { format: 'csv' }, columns: 'a;b' },
    });
    expect(bad.status).toBe(422);
    expect(bad.json).toMatchObject([{ path: '/file/columns' }]);
    expect((await request(app, 'GET', `${PATH}/fields?module=amphibiens_mares&level=site`)).status).toBe(401);
  });
});
