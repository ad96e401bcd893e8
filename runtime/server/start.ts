/**
 * Starting Suivi: open the database, apply core migrations, install and load the module folders one by
 * one (runtime/modules/open-modules.ts: a module that cannot start as its folder says is served at its
 * installed version, or not at all, and listed as pending; the others start), seed the demo data, serve.
 * Each step is timed, so a slow start says where the time went.
 */
import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import type { SuiviConfig } from '../config/load-config.ts';
import { checkModuleGenerators } from '../config/module-generators.ts';
import { refreshDashboards } from '../dashboards/refresh.ts';
import type { Database } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { openDatabase } from '../db/open.ts';
import { type DemoRecordsSeed, seedDemoRecords } from '../demo/demo-records.ts';
import { type DemoSeed, seedDemo } from '../demo/seed.ts';
import { extensionHooks, loadExtensions } from '../extensions/index.ts';
import { purgeOrphanMedia } from '../media/index.ts';
import type { InstallResult } from '../modules/install.ts';
import type { ModuleRuntime } from '../modules/load.ts';
import { openModules } from '../modules/open-modules.ts';
import type { ModuleRegistry, PendingModule } from '../modules/registry.ts';
import { upgradeModule } from '../modules/upgrade.ts';
import type { UpgradeModule } from '../modules/upgrade-port.ts';
import type { AppPlugin } from './app-plugin.ts';
import { buildServerApp } from './build-app.ts';
import { defaultLogError } from './error-handler.ts';
import { moduleRegistry } from './module-app.ts';

export interface StartOptions {
  /** PGlite data directory; ignored with a PostgreSQL URL. */
  readonly dataDir?: string;
  /** postgres://…; defaults to DATABASE_URL. */
  readonly databaseUrl?: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly hostname?: string;
  readonly moduleFolders: readonly string[];
  /** The folders an administrator may install from while the server runs (default: `moduleFolders`). */
  readonly moduleFoldersNow?: () => readonly string[];
  /** Runs migration plans for `POST /api/admin/modules/:code/upgrade` (runtime/modules/upgrade.ts). */
  readonly upgradeModule?: UpgradeModule;
  /** Seed the demo organisations, accounts, reference data and records (never on a production database). */
  readonly demo: boolean;
  /** Serve this Vite build of the web app at `/` (runtime/web/dist); the placeholder page without it. */
  readonly webDist?: string;
  /** Work running beside the start (the web build) that must end before the server listens. */
  readonly beforeListen?: Promise<unknown>;
  /** suivi.config.json: the custom generators the module folders may have been generated with. */
  readonly config?: SuiviConfig;
  /** Route groups the runtime does not know (app-plugin.ts): the protocol builder, from main.ts. */
  readonly plugins?: readonly AppPlugin[];
}

export interface Started {
  readonly url: string;
  readonly db: Database;
  /** The modules served at start (the registry has them as they are now). */
  readonly modules: readonly ModuleRuntime[];
  readonly registry: ModuleRegistry;
  readonly installs: readonly InstallResult[];
  /** Module folders not served as they are: upgrades waiting, modules that could not start. */
  readonly pending: readonly PendingModule[];
  /** Orphan uploaded files deleted at start. */
  readonly purgedMedia: number;
  readonly demo?: DemoSeed;
  /** Demo records created by this start, per module (none once a module holds records). */
  readonly demoRecords?: DemoRecordsSeed;
  /** Seconds per step, in order. */
  readonly timings: ReadonlyArray<readonly [step: string, seconds: number]>;
  close(): Promise<void>;
}

function listen(
  app: { fetch: (request: Request) => Response | Promise<Response> },
  port: number,
  hostname?: string,
) {
  return new Promise<{ server: ServerType; port: number }>((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, ...(hostname ? { hostname } : {}) }, (info: AddressInfo) =>
      resolve({ server, port: info.port }),
    );
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(
              `port ${port} is already in use: stop the other server or set PORT (e.g. PORT=3001 npm start)`,
            )
          : error,
      ),
    );
  });
}

export async function startSuivi(options: StartOptions): Promise<Started> {
  const timings: [string, number][] = [];
  let mark = performance.now();
  const step = (name: string) => {
    const now = performance.now();
    timings.push([name, (now - mark) / 1000]);
    mark = now;
  };

  const db = await openDatabase({
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    ...(options.databaseUrl === undefined ? {} : { url: options.databaseUrl }),
  });
  try {
    step('database');
    await migrate(db);
    step('migrations');
    const { installs, served: modules, pending } = await openModules(db, options.moduleFolders);
    // Extension points (docs/generators.md#extension-points): the config's generators, each module's extensions/.
    checkModuleGenerators(
      modules.map((m) => m.manifest),
      options.config,
    );
    const extensions = await loadExtensions(modules);
    step('modules');
    // Uploads no record named within a day (runtime/media/orphans.ts).
    const purgedMedia = await purgeOrphanMedia(db);
    step('media purge');
    const demo = options.demo ? await seedDemo(db, modules) : undefined;
    if (demo) step('demo data');
    const demoRecords = options.demo ? await seedDemoRecords(db, modules) : undefined;
    if (demoRecords) step('demo records');
    // Records written outside the API (the demo's) are in the dashboards once their views are refreshed.
    if (demoRecords) for (const m of modules) await refreshDashboards(db, m.code);
    const registry = moduleRegistry(db, modules, defaultLogError, extensionHooks(extensions));
    for (const p of pending) registry.setPending(p);
    const app = buildServerApp({
      db,
      registry,
      extensions,
      moduleFolders: options.moduleFoldersNow ?? (() => options.moduleFolders),
      upgradeModule: options.upgradeModule ?? upgradeModule,
      ...(options.webDist ? { webDist: options.webDist } : {}),
      ...(options.plugins ? { plugins: options.plugins } : {}),
    });
    await options.beforeListen;
    const { server, port } = await listen(app, options.port, options.hostname);
    step('server');
    return {
      url: `http://${options.hostname && !['0.0.0.0', '::'].includes(options.hostname) ? options.hostname : 'localhost'}:${port}`,
      db,
      modules,
      registry,
      installs,
      pending,
      purgedMedia,
      ...(demo ? { demo } : {}),
      ...(demoRecords ? { demoRecords } : {}),
      timings,
      async close() {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          if ('closeAllConnections' in server) server.closeAllConnections();
        });
        await db.close();
      },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}
