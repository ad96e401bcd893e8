/**
 * `npm start [-- --data-dir <dir>] [-- --no-demo]`: starts Suivi on embedded PGlite in ./data, or on
 * PostgreSQL when DATABASE_URL is set, with every example module installed; PORT (default 3000) and
 * HOST change where it listens. Prints the URL, the demo logins and how long the start took.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { builderApi } from '../../builder/api/index.ts';
import { findSuiviConfig } from '../config/load-config.ts';
import { DEFAULT_DATA_DIR } from '../db/data-dir.ts';
import { describeDatabase } from '../db/open.ts';
import {
  DEFAULT_MODULES_DIR,
  EXAMPLES_ROOT,
  generatedModuleFolders,
  servedModuleFolders,
} from '../modules/folders.ts';
import { pendingLine } from '../modules/open-modules.ts';
import { ensureWebBuild, WEB_DIST } from '../web/build.ts';
import { type Started, startSuivi } from './start.ts';

const USAGE = `usage: npm start [-- --data-dir <dir>] [-- --modules-dir <dir>] [-- --no-demo] [-- --config <file>]
  --data-dir <dir>  PGlite data directory (default ${DEFAULT_DATA_DIR}); ignored when DATABASE_URL is set
  --modules-dir <dir>  where the protocol builder publishes modules, served at each start beside the
                    examples (default SUIVI_MODULES_DIR, else ${DEFAULT_MODULES_DIR})
  --no-demo         do not seed the demo organisations, accounts, reference data and records
  --config <file>   custom generators the modules were generated with (default ./suivi.config.json if any)
environment: PORT (default 3000), HOST, DATABASE_URL=postgres://… (PostgreSQL >= 15 with PostGIS),
  TRUST_PROXY=true|<n> behind n reverse proxies (client addresses from X-Forwarded-For)`;

function options() {
  try {
    const { values } = parseArgs({
      options: {
        'data-dir': { type: 'string' },
        'modules-dir': { type: 'string' },
        'no-demo': { type: 'boolean' },
        config: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      console.log(USAGE);
      process.exit(0);
    }
    const port = Number(process.env.PORT ?? 3000);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new Error(`PORT=${process.env.PORT} is not a port`);
    return {
      dataDir: values['data-dir'] ?? DEFAULT_DATA_DIR,
      modulesDir: resolve(values['modules-dir'] ?? (process.env.SUIVI_MODULES_DIR || DEFAULT_MODULES_DIR)),
      demo: values['no-demo'] !== true,
      port,
      ...(values.config ? { configFile: values.config } : {}),
    };
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
}

function report(started: Started, total: number): void {
  for (const install of started.installs) {
    if (install.status !== 'unchanged')
      console.log(`module ${install.code} v${install.version}: ${install.status}`);
  }
  for (const pending of started.pending) console.log(pendingLine(pending));
  for (const [code, n] of Object.entries(started.demoRecords?.created ?? {}))
    console.log(`module ${code}: ${n} demo records created`);
  if (started.demo) {
    console.log('Demo accounts (login / password):');
    for (const a of started.demo.accounts)
      console.log(`  ${a.login.padEnd(18)} ${a.password.padEnd(14)} ${a.role}`);
  }
  const steps = started.timings.map(([name, s]) => `${name} ${s.toFixed(1)} s`).join(', ');
  console.log(`Suivi is ready at ${started.url} (started in ${total.toFixed(1)} s: ${steps})`);
}

const t0 = performance.now();
const { dataDir, modulesDir, demo, port, configFile } = options();
// The builder's published modules first: one published from an example replaces it (folders.ts).
const moduleFolders = () =>
  servedModuleFolders(generatedModuleFolders(modulesDir), generatedModuleFolders(EXAMPLES_ROOT));
const databaseUrl = process.env.DATABASE_URL || undefined;
console.log(
  `Starting Suivi on ${describeDatabase({ dataDir, ...(databaseUrl ? { url: databaseUrl } : {}) })}…`,
);

let started: Started;
try {
  // A fresh clone has no build of the web app yet: make it here rather than ask for a separate step,
  // beside the database's creation (Vite's bundler works on its own threads).
  const building = ensureWebBuild().then((seconds) => {
    if (seconds > 0) console.log(`Built the web app in ${seconds.toFixed(1)} s.`);
  });
  building.catch(() => undefined); // reported by startSuivi, which awaits it
  const config = await findSuiviConfig(configFile === undefined ? {} : { configFile });
  started = await startSuivi({
    ...(config ? { config } : {}),
    webDist: WEB_DIST,
    beforeListen: building,
    dataDir,
    ...(databaseUrl ? { databaseUrl } : {}),
    port,
    ...(process.env.HOST ? { hostname: process.env.HOST } : {}),
    moduleFolders: moduleFolders(),
    // A folder copied into examples/ while the server runs can be installed from the admin page.
    moduleFoldersNow: moduleFolders,
    // The protocol builder (/api/builder): the one place the runtime meets builder/ (.dependency-cruiser.cjs).
    plugins: [builderApi({ modulesDir, examplesRoot: EXAMPLES_ROOT })],
    demo,
  });
} catch (error) {
  console.error(`Suivi could not start: ${(error as Error).message}`);
  process.exit(1);
}
report(started, (performance.now() - t0) / 1000);

// First signal: close the server and the database (which releases the data dir lock). Second: leave now.
let stopping = false;
const stop = (signal: NodeJS.Signals) => {
  if (stopping) process.exit(130);
  stopping = true;
  console.log(`${signal}: stopping…`);
  started.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(`while stopping: ${(error as Error).message}`);
      process.exit(1);
    },
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
