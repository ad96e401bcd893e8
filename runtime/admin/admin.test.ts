/**
 * The administration API through the server's app, on both engines: only administrators get in; the
 * organisations, users and grants routes do what they say, refuse bad input with a 4xx naming the field,
 * and their effects reach sign-in, sessions, tokens and record access.
 */
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runtimeEngines } from '../../test/helpers/engines.ts';
import { type Caller, caller, request, serverApp, signIn } from '../auth/auth.test-helpers.ts';
import type { Database } from '../db/database.ts';
import { DEMO_ACCOUNTS, DEMO_ORGANISATIONS } from '../demo/demo-data.ts';

const GROUPS = '/api/modules/amphibiens_mares/sites_group';
const PARTNER_CEN = DEMO_ACCOUNTS.find((a) => a.login === 'partenaire.cen')?.id as string;
const ADMIN = DEMO_ACCOUNTS.find((a) => a.login === 'admin')?.id as string;

const ROUTES: readonly [string, string, unknown?][] = [
  ['GET', '/api/admin/organisations'],
  ['POST', '/api/admin/organisations', { name: 'X' }],
  ['PATCH', `/api/admin/organisations/${DEMO_ORGANISATIONS.cen.id}`, { name: 'X' }],
  ['GET', '/api/admin/users'],
  ['POST', '/api/admin/users', { login: 'x', display_name: 'X', password: 'long enough!' }],
  ['PATCH', `/api/admin/users/${PARTNER_CEN}`, { is_admin: true }],
  ['POST', `/api/admin/users/${PARTNER_CEN}/password`, { password: 'long enough!' }],
  ['GET', '/api/admin/grants'],
  ['POST', '/api/admin/grants', { role: 'x', module: '*', action: 'R', scope: 'all' }],
  ['DELETE', `/api/admin/grants/${ADMIN}`],
];

/** Signs in with a login and password (not a demo account's); the caller sends the cookie. */
async function signInWith(app: Hono, login: string, password: string): Promise<Caller> {
  const res = await request(app, 'POST', '/api/auth/login', { login, password });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return caller(app, { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '' });
}

describe.each(runtimeEngines())('administration API on $name', (engine) => {
  let db: Database;
  let app: Hono;
  let admin: Caller;

  beforeAll(async () => {
    ({ db, app } = await serverApp(engine, (f) => f.includes('amphibiens_mares')));
    admin = await signIn(app, 'admin');
  });
  afterAll(async () => db?.close());

  it('answers 401 to anonymous callers and 403 to partners on every route', async () => {
    const partner = await signIn(app, 'partenaire.cen');
    for (const [method, path, body] of ROUTES) {
      expect((await request(app, method, path, body)).status, `${method} ${path}`).toBe(401);
      const refused = await partner.call(method, path, body);
      expect(refused.status, `${method} ${path}`).toBe(403);
      expect(refused.json).toMatchObject([{ code: 'forbidden' }]);
    }
    const { rows } = await db.query('SELECT is_admin FROM suivi.app_user WHERE id = $1', [PARTNER_CEN]);
    expect(rows).toEqual([{ is_admin: false }]);
  });

  it('lists, creates and renames organisations; refuses blanks, duplicates and cross-site writes', async () => {
    const listed = await admin.call('GET', '/api/admin/organisations');
    expect(listed.status).toBe(200);
    expect(listed.json.organisations).toContainEqual({ ...DEMO_ORGANISATIONS.cen, users: 2 });
    const created = await admin.call('POST', '/api/admin/organisations', { name: '  Parc naturel  ' });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ name: 'Parc naturel', users: 0 });
    const id = created.json.id as string;
    const renamed = await admin.call('PATCH', `/api/admin/organisations/${id}`, { name: 'Parc régional' });
    expect(renamed.json).toEqual({ id, name: 'Parc régional', users: 0 });

    const duplicate = await admin.call('PATCH', `/api/admin/organisations/${id}`, {
      name: DEMO_ORGANISATIONS.chiro.name,
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.json).toMatchObject([{ path: '/name', code: 'duplicate' }]);
    const blank = await admin.call('POST', '/api/admin/organisations', { name: ' ' });
    expect(blank.status).toBe(422);
    expect(blank.json).toMatchObject([{ path: '/name', code: 'required' }]);
    // A NUL byte, which PostgreSQL text cannot hold, is the client's mistake: 422, not 500 (API fuzz).
    for (const [method, path] of [
      ['POST', '/api/admin/organisations'],
      ['PATCH', `/api/admin/organisations/${id}`],
    ] as const) {
      const nul = await admin.call(method, path, { name: 'Parc\u0000' });
      expect(nul.status, `${method} ${path}`).toBe(422);
      expect(nul.json).toMatchObject([{ path: '/name', code: 'invalid_character' }]);
    }
    expect((await admin.call('PATCH', '/api/admin/organisations/nope', { name: 'x' })).status).toBe(404);
    const missing = await admin.call('PATCH', `/api/admin/organisations/${ADMIN}`, { name: 'x' });
    expect(missing.status).toBe(404);
    const malformed = await app.request('/api/admin/organisations', {
      method: 'POST',
      headers: { ...admin.headers, 'content-type': 'application/json' },
      body: '{"name":',
    });
    expect(malformed.status).toBe(400);
    const csrf = await admin.call(
      'POST',
      '/api/admin/organisations',
      { name: 'Evil' },
      {
        origin: 'https://evil.example',
      },
    );
    expect(csrf.status).toBe(403);
    expect(csrf.json).toMatchObject([{ code: 'csrf' }]);
  });

  it('creates a user who can sign in, updates them and resets their password', async () => {
    const created = await admin.call('POST', '/api/admin/users', {
      login: 'marie.botaniste',
      display_name: 'Marie Botaniste',
      organisation_id: DEMO_ORGANISATIONS.chiro.id,
      password: 'premier mot de passe',
      roles: ['partenaire', 'partenaire', 'flore'],
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    expect(created.json).toMatchObject({
      login: 'marie.botaniste',
      organisation: DEMO_ORGANISATIONS.chiro,
      roles: ['flore', 'partenaire'],
      is_admin: false,
      active: true,
      has_password: true,
    });
    expect(created.json).not.toHaveProperty('password_hash');
    const id = created.json.id as string;
    const marie = await signInWith(app, 'marie.botaniste', 'premier mot de passe');
    expect((await marie.call('GET', '/api/auth/me')).json).toMatchObject({
      permissions: { '*': { R: 'organisation' } },
    });

    const updated = await admin.call('PATCH', `/api/admin/users/${id}`, {
      display_name: 'Marie B.',
      organisation_id: null,
      roles: [],
    });
    expect(updated.status, JSON.stringify(updated.json)).toBe(200);
    expect(updated.json).toMatchObject({ display_name: 'Marie B.', organisation: null, roles: [] });
    const listed = await admin.call('GET', '/api/admin/users');
    expect(listed.json.users).toContainEqual(updated.json);

    const reset = await admin.call('POST', `/api/admin/users/${id}/password`, {
      password: 'second mot de passe',
    });
    expect(reset.status).toBe(204);
    expect((await marie.call('GET', '/api/auth/me')).status).toBe(401);
    const old = await request(app, 'POST', '/api/auth/login', {
      login: 'marie.botaniste',
      password: 'premier mot de passe',
    });
    expect(old.status).toBe(401);
    await signInWith(app, 'marie.botaniste', 'second mot de passe');
  });

  it('refuses bad user input with a 4xx naming the field', async () => {
    const base = { login: 'paul', display_name: 'Paul', password: 'assez long !' };
    const cases: [Record<string, unknown>, number, string][] = [
      [{ ...base, password: 'court' }, 422, '/password'],
      [{ ...base, password: 12345678901 }, 422, '/password'],
      [{ ...base, login: 'paul martin' }, 422, '/login'],
      [{ ...base, login: undefined }, 422, '/login'],
      [{ ...base, display_name: '' }, 422, '/display_name'],
      [{ ...base, display_name: 'Pa\u0000ul' }, 422, '/display_name'],
      [{ ...base, password: 'assez long\u0000 !' }, 422, '/password'],
      [{ ...base, organisation_id: 'cen' }, 422, '/organisation_id'],
      [{ ...base, organisation_id: ADMIN }, 422, '/organisation_id'],
      [{ ...base, roles: 'partenaire' }, 422, '/roles'],
      [{ ...base, roles: ['ok', ''] }, 422, '/roles/1'],
      [{ ...base, is_admin: 'yes' }, 422, '/is_admin'],
      [{ ...base, login: 'partenaire.cen' }, 409, '/login'],
    ];
    for (const [body, status, path] of cases) {
      const res = await admin.call('POST', '/api/admin/users', body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.json).toMatchObject([{ path }]);
    }
    const patch = await admin.call('PATCH', `/api/admin/users/${PARTNER_CEN}`, { active: 'no' });
    expect(patch.json).toMatchObject([{ path: '/active', code: 'type' }]);
    expect((await admin.call('PATCH', '/api/admin/users/nope', { active: true })).status).toBe(404);
    const unknown = await admin.call('POST', `/api/admin/users/${DEMO_ORGANISATIONS.cen.id}/password`, {
      password: 'assez long !',
    });
    expect(unknown.status).toBe(404);
    const { rows } = await db.query(`SELECT 1 FROM suivi.app_user WHERE login = 'paul'`);
    expect(rows).toHaveLength(0);
  });

  it('disables a user: no sign-in, their session and token stop working, and stay ended once re-enabled', async () => {
    const created = await admin.call('POST', '/api/admin/users', {
      login: 'leo.stagiaire',
      display_name: 'Léo Stagiaire',
      organisation_id: DEMO_ORGANISATIONS.cen.id,
      password: 'mot de passe de Léo',
      roles: ['partenaire'],
    });
    const id = created.json.id as string;
    const leo = await signInWith(app, 'leo.stagiaire', 'mot de passe de Léo');
    const token = (await leo.call('POST', '/api/auth/tokens', { name: 'script' })).json.token as string;
    const script = caller(app, { authorization: `Bearer ${token}` });
    expect((await script.call('GET', GROUPS)).status).toBe(200);

    const disabled = await admin.call('PATCH', `/api/admin/users/${id}`, { active: false });
    expect(disabled.json).toMatchObject({ active: false });
    expect((await leo.call('GET', '/api/auth/me')).status).toBe(401);
    expect((await leo.call('GET', GROUPS)).status).toBe(401);
    expect((await script.call('GET', GROUPS)).status).toBe(401);
    const login = { login: 'leo.stagiaire', password: 'mot de passe de Léo' };
    expect((await request(app, 'POST', '/api/auth/login', login)).status).toBe(401);

    await admin.call('PATCH', `/api/admin/users/${id}`, { active: true });
    await signInWith(app, 'leo.stagiaire', 'mot de passe de Léo');
    expect((await script.call('GET', GROUPS)).status).toBe(401);
  });

  it('keeps an administrator from demoting or disabling themselves, not another administrator', async () => {
    for (const body of [{ is_admin: false }, { active: false }]) {
      const res = await admin.call('PATCH', `/api/admin/users/${ADMIN}`, body);
      expect(res.status).toBe(409);
      expect(res.json).toMatchObject([{ code: 'own_account', path: `/${Object.keys(body)[0]}` }]);
    }
    const { rows } = await db.query('SELECT is_admin, active FROM suivi.app_user WHERE id = $1', [ADMIN]);
    expect(rows).toEqual([{ is_admin: true, active: true }]);
    const renamed = await admin.call('PATCH', `/api/admin/users/${ADMIN}`, { display_name: 'Camille' });
    expect(renamed.json).toMatchObject({ display_name: 'Camille', is_admin: true });

    const second = await admin.call('POST', '/api/admin/users', {
      login: 'admin.deux',
      display_name: 'Deuxième administratrice',
      password: 'administratrice 2',
      is_admin: true,
    });
    expect(second.json).toMatchObject({ is_admin: true, organisation: null });
    const demoted = await admin.call('PATCH', `/api/admin/users/${second.json.id}`, { is_admin: false });
    expect(demoted.json).toMatchObject({ is_admin: false });
  });

  it('adds grants that take effect on record access, lists them by module, removes them', async () => {
    const chiro = await signIn(app, 'partenaire.chiro');
    const group = await chiro.call('POST', GROUPS, {
      sites_group_name: 'Aire de Chiro',
      landscape: 'BOCAGE',
    });
    expect(group.status, JSON.stringify(group.json)).toBe(201);
    const cen = await signIn(app, 'partenaire.cen');
    const seen = async () => JSON.stringify((await cen.call('GET', GROUPS)).json).includes('Aire de Chiro');
    expect(await seen()).toBe(false);

    const added = await admin.call('POST', '/api/admin/grants', {
      user_id: PARTNER_CEN,
      module: 'amphibiens_mares',
      action: 'R',
      scope: 'all',
    });
    expect(added.status, JSON.stringify(added.json)).toBe(201);
    expect(added.json).toMatchObject({
      role: null,
      user: { id: PARTNER_CEN, login: 'partenaire.cen' },
      organisation: null,
      module: 'amphibiens_mares',
      action: 'R',
      scope: 'all',
    });
    expect(await seen()).toBe(true);

    const byModule = await admin.call('GET', '/api/admin/grants?module=amphibiens_mares');
    expect(byModule.json.grants).toEqual([added.json]);
    const everyModule = await admin.call('GET', '/api/admin/grants?module=*');
    expect(everyModule.json.grants).toContainEqual(
      expect.objectContaining({ role: 'partenaire', module: '*', action: 'C', scope: 'organisation' }),
    );
    const all = (await admin.call('GET', '/api/admin/grants')).json.grants as unknown[];
    expect(all.length).toBeGreaterThan(5);

    const again = await admin.call('POST', '/api/admin/grants', {
      user_id: PARTNER_CEN,
      module: 'amphibiens_mares',
      action: 'R',
      scope: 'all',
    });
    expect(again.status).toBe(409);
    expect((await admin.call('DELETE', `/api/admin/grants/${added.json.id}`)).status).toBe(204);
    expect(await seen()).toBe(false);
    expect((await admin.call('DELETE', `/api/admin/grants/${added.json.id}`)).status).toBe(404);
  });

  it('refuses bad grants with a 4xx naming the field', async () => {
    const base = { organisation_id: DEMO_ORGANISATIONS.chiro.id, module: '*', action: 'E', scope: 'own' };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, role: 'partenaire' }, '/role'],
      [{ module: '*', action: 'E', scope: 'own' }, '/role'],
      [{ ...base, organisation_id: ADMIN }, '/organisation_id'],
      [{ ...base, organisation_id: undefined, user_id: 'x' }, '/user_id'],
      [{ ...base, module: 'no_such_module' }, '/module'],
      [{ ...base, action: 'X' }, '/action'],
      [{ ...base, scope: 'everything' }, '/scope'],
    ];
    for (const [body, path] of cases) {
      const res = await admin.call('POST', '/api/admin/grants', body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.json).toMatchObject([{ path }]);
    }
    expect((await admin.call('GET', '/api/admin/grants?module=nope')).status).toBe(400);
    expect((await admin.call('DELETE', '/api/admin/grants/nope')).status).toBe(404);
  });
});
