/**
 * Test support: the server's app (auth, record API) on a database of its own with the demo seed, and helpers
 * to sign in as a demo account and call the API with its cookie or a bearer token.
 */
import { basename, dirname } from 'node:path';
import type { Hono } from 'hono';
import type { RuntimeEngine } from '../../test/helpers/engines.ts';
import type { TemplateName } from '../../test/helpers/template-names.ts';
import type { Database } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { DEMO_ACCOUNTS } from '../demo/demo-data.ts';
import { seedDemo } from '../demo/seed.ts';
import { EXAMPLES_ROOT, generatedModuleFolders } from '../modules/folders.ts';
import { installModule } from '../modules/install.ts';
import { loadModules } from '../modules/load.ts';
import { buildServerApp } from '../server/build-app.ts';

export interface Answer {
  readonly status: number;
  readonly json: Record<string, unknown> & Record<string, unknown>[];
  readonly headers: Headers;
}

export interface Caller {
  /** `Cookie: …` or `Authorization: Bearer …`. */
  readonly headers: Record<string, string>;
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer>;
}

/** The prepared database holding exactly these module folders and the demo seed, if there is one. */
function demoTemplate(folders: readonly string[]): TemplateName | undefined {
  const codes = folders.map((f) => basename(dirname(f))).join(' ');
  const all = generatedModuleFolders(EXAMPLES_ROOT).map((f) => basename(dirname(f)));
  if (codes === all.join(' ')) return 'demo';
  if (codes === 'amphibiens_mares') return 'demo-amphibiens';
  return undefined;
}

/**
 * A database with the core migrations, the example modules `only` keeps (all by default) and the demo
 * seed: a copy of a prepared one when one holds these modules, else made here.
 */
export async function serverApp(
  engine: RuntimeEngine,
  only?: (folder: string) => boolean,
): Promise<{ db: Database; app: Hono }> {
  const folders = generatedModuleFolders(EXAMPLES_ROOT).filter((f) => !only || only(f));
  const template = demoTemplate(folders);
  const db = template ? await engine.openPrepared(template) : await engine.open();
  if (!template) {
    await migrate(db);
    for (const folder of folders) await installModule(db, folder);
    await seedDemo(db, await loadModules(db, folders));
  }
  const modules = await loadModules(db, folders);
  const app = buildServerApp({ db, modules, logError: () => {} });
  return { db, app };
}

export async function request(
  app: Hono,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const res = await app.request(path, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  const json = text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
  return { status: res.status, json, headers: res.headers };
}

export const caller = (app: Hono, headers: Record<string, string>): Caller => ({
  headers,
  call: (method, path, body, extra = {}) => request(app, method, path, body, { ...headers, ...extra }),
});

/** Signs in as the demo account `login` (its public demo password); the caller sends the cookie. */
export async function signIn(app: Hono, login: string): Promise<Caller> {
  const account = DEMO_ACCOUNTS.find((a) => a.login === login);
  if (!account) throw new Error(`no demo account ${login}`);
  const res = await request(app, 'POST', '/api/auth/login', { login, password: account.password });
  if (res.status !== 200) throw new Error(`login ${login}: ${res.status} ${JSON.stringify(res.json)}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return caller(app, { cookie });
}
