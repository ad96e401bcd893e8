/**
 * The instance the API fuzz test drives: the app `npm start` serves (every route), on a fresh database
 * with the example modules, the demo accounts and the demo records, called through `app.request` (no
 * socket). Two accounts are signed in once, up front, through the login route: the administrator and a
 * partner; each request goes as one of them (cookie, and the app's own Origin so writes pass the CSRF
 * check) or anonymous. A fuzzed request may sign one of them out or take a grant away: after each
 * accepted write the accounts are put back (a new session straight in the database, the demo grants).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { builderApi } from '../../builder/api/index.ts';
import { seedDemoGrants } from '../../runtime/auth/demo-grants.ts';
import { SESSION_COOKIE } from '../../runtime/auth/session.ts';
import { createSession, sessionAccount } from '../../runtime/auth/store.ts';
import type { Database } from '../../runtime/db/database.ts';
import { migrate } from '../../runtime/db/migrate.ts';
import { DEMO_ACCOUNTS, seedDemo, seedDemoRecords } from '../../runtime/demo/index.ts';
import { EXAMPLES_ROOT, generatedModuleFolders } from '../../runtime/modules/folders.ts';
import { installModule } from '../../runtime/modules/install.ts';
import { loadModules, type ModuleRuntime } from '../../runtime/modules/load.ts';
import { upgradeModule } from '../../runtime/modules/upgrade.ts';
import { buildServerApp } from '../../runtime/server/build-app.ts';
import { moduleRegistry, servedRoutes } from '../../runtime/server/module-app.ts';
import type { RuntimeEngine } from '../helpers/engines.ts';
import type { Answer } from './answer-checks.ts';
import type { FuzzRequest, Identity } from './request-arbitrary.ts';

/** The app's own origin under `app.request` (http://localhost/…). */
export const ORIGIN = 'http://localhost';
const ACCOUNTS = {
  admin: DEMO_ACCOUNTS.find((a) => a.login === 'admin')!,
  partner: DEMO_ACCOUNTS.find((a) => a.login === 'partenaire.cen')!,
};
/** Accounts no fuzzed request may target by id (disable, new password): they are the ones fuzzing. */
export const FUZZING_ACCOUNT_IDS: ReadonlySet<string> = new Set(Object.values(ACCOUNTS).map((a) => a.id));

export interface FuzzInstance {
  readonly db: Database;
  readonly app: Hono;
  readonly modules: readonly ModuleRuntime[];
  /** Every mounted route: the app's and those of each module version's app (runtime/server/module-app.ts). */
  routes(): { method: string; path: string }[];
  send(request: FuzzRequest): Promise<Answer>;
  /** The last unexpected error the app logged (the cause of a 500), once. */
  takeLoggedError(): string | undefined;
  close(): Promise<void>;
}

function bodyInit(request: FuzzRequest): { body?: BodyInit; contentType?: string } {
  const { body, contentType } = request;
  const type = contentType === undefined ? {} : { contentType };
  if (!body) return type;
  if (body.kind === 'text') return { ...type, body: new TextEncoder().encode(body.text) };
  if (body.kind === 'bytes') return { ...type, body: body.bytes };
  const form = new FormData();
  for (const [name, value] of body.fields) form.append(name, value);
  return { ...type, body: form };
}

export async function fuzzInstance(engine: RuntimeEngine): Promise<FuzzInstance> {
  const folders = generatedModuleFolders(EXAMPLES_ROOT);
  const db = await engine.open();
  let loggedError: string | undefined;
  let removeModulesDir = () => {};
  try {
    await migrate(db);
    for (const folder of folders) await installModule(db, folder);
    const modules = await loadModules(db, folders);
    await seedDemo(db, modules);
    await seedDemoRecords(db, modules);
    const logError = (error: unknown) => {
      loggedError = error instanceof Error ? (error.stack ?? error.message) : String(error);
    };
    const registry = moduleRegistry(db, modules, logError);
    // As npm start serves it: the upgrade, and the protocol builder with a modules directory of its own.
    const modulesDir = mkdtempSync(join(tmpdir(), 'suivi-fuzz-modules-'));
    removeModulesDir = () => rmSync(modulesDir, { recursive: true, force: true });
    const plugins = [builderApi({ modulesDir, examplesRoot: EXAMPLES_ROOT })];
    const app = buildServerApp({ db, registry, logError, upgradeModule, plugins });

    const tokens: Record<Exclude<Identity, 'anonymous'>, string> = { admin: '', partner: '' };
    for (const who of ['admin', 'partner'] as const) {
      const { login, password } = ACCOUNTS[who];
      const res = await app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: ORIGIN },
        body: JSON.stringify({ login, password }),
      });
      const cookie = /suivi_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
      if (res.status !== 200 || !cookie) throw new Error(`sign-in of ${login}: ${res.status}`);
      tokens[who] = cookie;
    }

    /** Puts the fuzzing accounts back as they were: signed in, with the demo grants. */
    const restoreAccounts = async () => {
      for (const who of ['admin', 'partner'] as const) {
        if (!(await sessionAccount(db, tokens[who]))) tokens[who] = await createSession(db, ACCOUNTS[who].id);
      }
      await seedDemoGrants(db, DEMO_ACCOUNTS);
    };

    return {
      db,
      app,
      modules,
      routes: () => [...app.routes, ...servedRoutes(registry)],
      async send(request) {
        const { body, contentType } = bodyInit(request);
        const headers: Record<string, string> = { ...request.headers, origin: ORIGIN };
        if (contentType !== undefined) headers['content-type'] = contentType;
        if (request.identity !== 'anonymous')
          headers.cookie = `${SESSION_COOKIE}=${tokens[request.identity]}`;
        const res = await app.request(request.url, {
          method: request.method,
          headers,
          ...(body === undefined ? {} : { body }),
        });
        const answer = {
          status: res.status,
          contentType: res.headers.get('content-type') ?? '',
          text: await res.text(),
        };
        if (request.method !== 'GET' && res.status < 300) await restoreAccounts();
        return answer;
      },
      takeLoggedError() {
        const error = loggedError;
        loggedError = undefined;
        return error;
      },
      async close() {
        removeModulesDir();
        await db.close();
      },
    };
  } catch (error) {
    removeModulesDir();
    await db.close();
    throw error;
  }
}
