/** Sign-in, sessions, CSRF and API tokens through the server's app, on both engines. */
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runtimeEngines } from '../../test/helpers/engines.ts';
import type { Database } from '../db/database.ts';
import { DEMO_ORGANISATIONS } from '../demo/demo-data.ts';
import { caller, request, serverApp, signIn } from './auth.test-helpers.ts';
import { FAILED_LOGIN_DELAY_MS } from './routes.ts';

const SITES = '/api/modules/amphibiens_mares/sites_group';

describe.each(runtimeEngines())('accounts on $name', (engine) => {
  let db: Database;
  let app: Hono;

  beforeAll(async () => {
    ({ db, app } = await serverApp(engine, (f) => f.includes('amphibiens_mares')));
  });
  afterAll(async () => db?.close());

  it('signs in with an HttpOnly, SameSite=Lax cookie, answers /me, and signs out', async () => {
    const res = await request(app, 'POST', '/api/auth/login', {
      login: 'partenaire.cen',
      password: 'suivi-cen',
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      login: 'partenaire.cen',
      display_name: 'Louis Garde',
      is_admin: false,
      organisation: { id: DEMO_ORGANISATIONS.cen.id },
      permissions: { '*': { C: 'organisation', R: 'organisation', E: 'organisation' } },
    });
    expect(res.json).not.toHaveProperty('password_hash');
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^suivi_session=[\w-]{43};/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).not.toMatch(/Secure/);
    const cookie = setCookie.split(';')[0] as string;
    // Its readable hint (nothing secret) tells the web app that asking /api/auth/me is worth it.
    const hint = res.headers.getSetCookie().find((c) => c.startsWith('suivi_signed_in='));
    expect(hint).toMatch(/^suivi_signed_in=1; Max-Age=\d+; Path=\/; SameSite=Lax$/);
    // The database holds only the token's hash.
    const token = cookie.split('=')[1] as string;
    const stored = await db.query('SELECT 1 FROM suivi.session WHERE id = $1', [token]);
    expect(stored.rows).toHaveLength(0);

    const me = await request(app, 'GET', '/api/auth/me', undefined, { cookie });
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({ login: 'partenaire.cen' });
    const logout = await request(app, 'POST', '/api/auth/logout', undefined, { cookie });
    expect(logout.status).toBe(204);
    // Both cookies cleared: a signed-out browser no longer asks /api/auth/me.
    expect(logout.headers.getSetCookie().map((c) => c.split(';')[0])).toEqual([
      'suivi_session=',
      'suivi_signed_in=',
    ]);
    expect((await request(app, 'GET', '/api/auth/me', undefined, { cookie })).status).toBe(401);
  });

  it('sets Secure on the cookie of an https request', async () => {
    const res = await app.request('https://suivi.example/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'admin', password: 'suivi-admin' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/; Secure/);
  });

  it('refuses wrong credentials with the same 401 after a delay, whether the login exists or not', async () => {
    for (const login of ['partenaire.cen', 'nobody.here']) {
      const started = Date.now();
      const res = await request(app, 'POST', '/api/auth/login', { login, password: 'wrong' });
      expect(res.status).toBe(401);
      expect(res.json).toEqual([
        { path: '', code: 'invalid_credentials', message: 'Identifiant ou mot de passe incorrect.' },
      ]);
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(Date.now() - started).toBeGreaterThanOrEqual(FAILED_LOGIN_DELAY_MS - 5);
    }
    const bad = await request(app, 'POST', '/api/auth/login', { login: 'admin' });
    expect(bad.status).toBe(400);
  });

  it('answers 401 to anonymous requests on records and /me, keeps modules and health public', async () => {
    expect((await request(app, 'GET', '/api/auth/me')).status).toBe(401);
    expect((await request(app, 'GET', SITES)).status).toBe(401);
    expect((await request(app, 'GET', `${SITES}.geojson`)).status).toBe(401);
    expect((await request(app, 'POST', SITES, { sites_group_name: 'x' })).status).toBe(401);
    expect((await request(app, 'GET', SITES, undefined, { cookie: 'suivi_session=forged' })).status).toBe(
      401,
    );
    expect((await request(app, 'GET', '/api/modules')).status).toBe(200);
    expect((await request(app, 'GET', '/api/health')).status).toBe(200);
  });

  it('refuses a cross-site POST carrying the cookie (CSRF), accepts a same-origin one', async () => {
    const partner = await signIn(app, 'partenaire.cen');
    const body = { sites_group_name: 'Aire CSRF', landscape: 'BOCAGE' };
    const evil = await partner.call('POST', SITES, body, { origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    expect(evil.json).toMatchObject([{ code: 'csrf' }]);
    const fetchSite = await partner.call('DELETE', `${SITES}/x`, undefined, {
      'sec-fetch-site': 'cross-site',
    });
    expect(fetchSite.status).toBe(403);
    const forgedLogout = await partner.call('POST', '/api/auth/logout', undefined, { origin: 'null' });
    expect(forgedLogout.status).toBe(403);
    expect((await partner.call('GET', '/api/auth/me')).status).toBe(200);
    const same = await partner.call('POST', SITES, body, { origin: 'http://localhost' });
    expect(same.status, JSON.stringify(same.json)).toBe(201);
  });

  it('compares the Origin’s scheme, host and port, the scheme as a TLS proxy forwards it', async () => {
    const partner = await signIn(app, 'partenaire.cen');
    const post = (name: string, headers: Record<string, string>) =>
      partner.call('POST', SITES, { sites_group_name: name, landscape: 'BOCAGE' }, headers);
    // The app is addressed as http://localhost: an https page of the same host is another origin.
    for (const origin of ['https://localhost', 'http://localhost:8080', 'http://localhost.evil.example']) {
      const refused = await post('Aire CSRF schéma', { origin });
      expect(refused.status, origin).toBe(403);
      expect(refused.json).toMatchObject([{ code: 'csrf' }]);
    }
    expect((await post('Aire port par défaut', { origin: 'http://localhost:80' })).status).toBe(201);
    // Behind a proxy that ends TLS: the browser's page is https, and so is the expected origin.
    const proxied = { 'x-forwarded-proto': 'https' };
    expect((await post('Aire derrière TLS', { ...proxied, origin: 'https://localhost' })).status).toBe(201);
    expect((await post('Aire http', { ...proxied, origin: 'http://localhost' })).status).toBe(403);
  });

  it('refuses a NUL byte in a login or token name with 422 naming the field, not 500', async () => {
    // Found by the API fuzz test: PostgreSQL text cannot hold NUL, and the database refused it.
    const login = await request(app, 'POST', '/api/auth/login', { login: 'a\u0000b', password: 'x' });
    expect(login.status).toBe(422);
    expect(login.json).toMatchObject([{ path: '/login', code: 'invalid_character' }]);
    const partner = await signIn(app, 'partenaire.cen');
    const token = await partner.call('POST', '/api/auth/tokens', { name: 'script\u0000' });
    expect(token.status).toBe(422);
    expect(token.json).toMatchObject([{ path: '/name', code: 'invalid_character' }]);
  });

  it('creates an API token shown once, accepts it as a bearer token without CSRF check, revokes it', async () => {
    const partner = await signIn(app, 'partenaire.chiro');
    const created = await partner.call('POST', '/api/auth/tokens', { name: 'script de saisie' });
    expect(created.status).toBe(201);
    const { id, token } = created.json as unknown as { id: string; token: string };
    expect(token).toMatch(/^suivi_[\w-]{43}$/);
    const listed = await partner.call('GET', '/api/auth/tokens');
    expect(JSON.stringify(listed.json)).not.toContain(token);
    expect(listed.json).toMatchObject({ tokens: [{ id, name: 'script de saisie' }] });

    const script = caller(app, { authorization: `Bearer ${token}` });
    expect((await script.call('GET', '/api/auth/me')).json).toMatchObject({ login: 'partenaire.chiro' });
    const write = await script.call(
      'POST',
      SITES,
      { sites_group_name: 'Aire du script', landscape: 'BOCAGE' },
      { origin: 'https://elsewhere.example' },
    );
    expect(write.status, JSON.stringify(write.json)).toBe(201);
    expect(write.json).toMatchObject({ organisation_id: DEMO_ORGANISATIONS.chiro.id });

    const other = await signIn(app, 'partenaire.cen');
    expect((await other.call('DELETE', `/api/auth/tokens/${id}`)).status).toBe(404);
    expect((await partner.call('DELETE', '/api/auth/tokens/not-a-uuid')).status).toBe(404);
    expect((await partner.call('DELETE', `/api/auth/tokens/${id}`)).status).toBe(204);
    const revoked = await script.call('GET', SITES);
    expect(revoked.status).toBe(401);
    expect(revoked.json).toMatchObject([{ code: 'invalid_token' }]);
  });
});
