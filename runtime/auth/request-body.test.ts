/**
 * The JSON bodies of /api/auth and /api/admin through the server's app, on PGlite and (with
 * DATABASE_URL) PostgreSQL: a body not sent as `application/json` is a 415, a NUL character in any of
 * their texts a 422 naming it (the database would refuse it: a 500), JSON nested too deep a 422.
 */
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runtimeEngines } from '../../test/helpers/engines.ts';
import type { Database } from '../db/database.ts';
import { type Caller, serverApp, signIn } from './auth.test-helpers.ts';

interface Sent {
  readonly status: number;
  readonly problems: string[];
}

describe.each(runtimeEngines())('account routes’ bodies on $name', (engine) => {
  let db: Database;
  let app: Hono;
  let admin: Caller;

  /** Any body text, any Content-Type (none: bytes, which a Request gives no type), the admin's cookie. */
  async function send(path: string, body: string, type?: string, method = 'POST'): Promise<Sent> {
    const res = await app.request(path, {
      method,
      body: type === undefined ? new TextEncoder().encode(body) : body,
      headers: { ...admin.headers, ...(type === undefined ? {} : { 'content-type': type }) },
    });
    const json = (await res.json()) as unknown;
    if (!Array.isArray(json)) return { status: res.status, problems: [] };
    for (const p of json) expect(typeof p.message).toBe('string');
    return { status: res.status, problems: json.map((p) => `${p.path} ${p.code}`) };
  }

  beforeAll(async () => {
    // No module: only the account routes matter here.
    ({ db, app } = await serverApp(engine, () => false));
    admin = await signIn(app, 'admin');
  });
  afterAll(async () => db?.close());

  const login = JSON.stringify({ login: 'admin', password: 'suivi-admin' });
  const routes = [
    ['/api/auth/login', login],
    ['/api/auth/tokens', JSON.stringify({ name: 'script' })],
    ['/api/admin/organisations', JSON.stringify({ name: 'Typée en texte' })],
  ] as const;

  it('answers 415 naming the header to a body not sent as application/json', async () => {
    for (const [path, body] of routes)
      for (const type of ['text/plain', 'text/plain;charset=UTF-8', 'multipart/form-data', undefined]) {
        const res = await send(path, body, type);
        expect(res, `${path} ${type}`).toEqual({
          status: 415,
          problems: ['/headers/content-type unsupported_media_type'],
        });
      }
    expect((await send('/api/auth/login', login, 'application/json; charset=utf-8')).status).toBe(200);
    const organisations = (await admin.call('GET', '/api/admin/organisations')).json;
    expect(JSON.stringify(organisations)).not.toContain('Typée en texte');
  });

  it('answers 422 naming the field to a NUL character in any text', async () => {
    const cases = [
      ['/api/auth/login', { login: 'admin\u0000', password: 'suivi-admin' }, '/login'],
      ['/api/auth/login', { login: 'admin', password: 'suivi-admin\u0000' }, '/password'],
      ['/api/auth/tokens', { name: 'script\u0000' }, '/name'],
      ['/api/admin/organisations', { name: 'Conserv\u0000atoire' }, '/name'],
      ['/api/admin/organisations', { name: 'C', 'x\u0000': 1 }, '/x\u0000'],
      ['/api/admin/users', { login: 'nul', display_name: 'N', roles: ['a\u0000'] }, '/roles/0'],
    ] as const;
    for (const [path, body, at] of cases)
      expect(await send(path, JSON.stringify(body), 'application/json'), path).toEqual({
        status: 422,
        problems: [`${at} invalid_character`],
      });
  });

  it('answers 422 naming the member to JSON nested deeper than the limit, and 400 to malformed JSON', async () => {
    const deep = `{"login": ${'['.repeat(5_000)}${']'.repeat(5_000)}, "password": "x"}`;
    for (const path of ['/api/auth/login', '/api/admin/organisations'])
      expect(await send(path, deep, 'application/json'), path).toEqual({
        status: 422,
        problems: ['/login too_deep'],
      });
    expect(await send('/api/auth/login', '{"login": ', 'application/json')).toEqual({
      status: 400,
      problems: [' malformed_json'],
    });
  });
});
