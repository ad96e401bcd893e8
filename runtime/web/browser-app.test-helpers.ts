/**
 * The real server and Debian's chromium for the browser tests: a PGlite data dir of its own (or, when
 * DATABASE_URL is set, a PostgreSQL database of its own, so runs never share records), restored from the
 * prepared database holding the module and the demo seed (test/helpers/database-templates.ts) when there
 * is one, one example module with the demo data, and a page with a grey map background (no
 * network here). `step` saves a screenshot of a failing step in test-results/.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { preparedDataDir, preparedPostgres, scratchDatabase } from '../../test/helpers/engines.ts';
import type { TemplateName } from '../../test/helpers/template-names.ts';
import { openPGlite } from '../db/pglite.ts';
import { pgliteTemplate } from '../db/pglite-template.ts';
import { EXAMPLES_ROOT, generatedModuleFolders } from '../modules/folders.ts';
import type { UpgradeModule } from '../modules/upgrade-port.ts';
import type { AppPlugin } from '../server/app-plugin.ts';
import { type Started, startSuivi } from '../server/start.ts';
import { ensureWebBuild, WEB_DIST } from './build.ts';

const CHROMIUM = '/usr/bin/chromium';

/** Every example module at once. */
export const ALL_MODULES = 'all';

/** The prepared database holding `module` (or all) and the demo seed, when there is one. */
const demoTemplate = (module: string): TemplateName | undefined =>
  module === 'amphibiens_mares' ? 'demo-amphibiens' : module === ALL_MODULES ? 'demo' : undefined;

/** False (with the reason printed) without chromium; under CI=true a missing chromium is an error. */
export function chromiumAvailable(testName: string): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI === 'true')
    throw new Error(`${CHROMIUM} is missing: .ci/run installs the chromium package`);
  console.warn(`${testName}: skipped, ${CHROMIUM} is missing (apt-get install -y chromium)`);
  return false;
}

export interface BrowserApp {
  readonly server: Started;
  readonly page: Page;
  /** Runs one step of a scenario; on failure saves `test-results/<prefix>-<name>.png`, then rethrows. */
  step(name: string, body: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

export async function startBrowserApp(options: {
  /** One example module's code, or ALL_MODULES. */
  readonly module: string;
  /** Screenshot and temporary folder prefix. */
  readonly prefix: string;
  readonly waitMs: number;
  /** Called after each setup phase (build, database, server, browser), for timings. */
  readonly lap?: (phase: string) => void;
  /** The folders the admin page may install from (start.ts `moduleFoldersNow`). */
  readonly moduleFoldersNow?: () => readonly string[];
  /** The upgrade the admin API runs (a fake in tests). */
  readonly upgradeModule?: UpgradeModule;
  /** Route groups the runtime does not know (the protocol builder's API, from test/). */
  readonly plugins?: readonly AppPlugin[];
  /**
   * Whether the app's service worker may run (default: blocked). Requests a service worker handles
   * never reach Playwright's `page.route`, so a test that fakes an answer would, once the worker
   * controls the page (timing-dependent), hit the real server instead; only the offline test needs it.
   */
  readonly serviceWorkers?: 'allow' | 'block';
}): Promise<BrowserApp> {
  const lap = options.lap ?? (() => undefined);
  await ensureWebBuild();
  lap('build');
  const dataDir = mkdtempSync(join(tmpdir(), `suivi-${options.prefix}-`));
  // The module installed with the demo seed already: the start only adds the demo records.
  const template = demoTemplate(options.module);
  const url = process.env.DATABASE_URL;
  const scratch = url
    ? template
      ? await preparedPostgres(url, template)
      : await scratchDatabase(url)
    : undefined;
  if (!scratch) {
    if (template) await preparedDataDir(template, dataDir);
    else await (await openPGlite({ dataDir, loadDataDir: await pgliteTemplate() })).close();
  }
  lap('database');
  let server: Started | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await server?.close();
    await scratch?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    server = await startSuivi({
      dataDir,
      ...(scratch ? { databaseUrl: scratch.url } : {}),
      port: 0,
      hostname: '127.0.0.1',
      moduleFolders:
        options.module === ALL_MODULES
          ? generatedModuleFolders(EXAMPLES_ROOT)
          : [join(EXAMPLES_ROOT, options.module, 'generated')],
      // The demo seed creates the module's demo records too (a few seconds on a busy machine).
      demo: true,
      webDist: WEB_DIST,
      ...(options.moduleFoldersNow ? { moduleFoldersNow: options.moduleFoldersNow } : {}),
      ...(options.upgradeModule ? { upgradeModule: options.upgradeModule } : {}),
      ...(options.plugins ? { plugins: options.plugins } : {}),
    });
    lap('server');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    });
    const page = await browser.newPage({
      viewport: { width: 1400, height: 1000 },
      serviceWorkers: options.serviceWorkers ?? 'block',
    });
    await page.addInitScript(() => localStorage.setItem('suivi.tiles', 'none'));
    page.setDefaultTimeout(options.waitMs);
    lap('browser');
    const step = async (name: string, body: () => Promise<void>) => {
      try {
        await body();
      } catch (error) {
        mkdirSync('test-results', { recursive: true });
        await page
          .screenshot({ path: join('test-results', `${options.prefix}-${name}.png`), fullPage: true })
          .catch(() => undefined);
        throw error;
      }
    };
    return { server, page, step, close };
  } catch (error) {
    await close();
    throw error;
  }
}
