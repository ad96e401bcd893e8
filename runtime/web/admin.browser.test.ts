/**
 * The admin page in chromium against the real server (fresh PGlite data dir, or a scratch PostgreSQL
 * database when DATABASE_URL is set): the administrator opens it from the header, creates a user,
 * disables them, and adds then removes a grant on a module. Skipped like web.browser.test.ts without
 * chromium (failing under CI=true); a failing step leaves a screenshot in test-results/.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchDatabase } from '../../test/helpers/engines.ts';
import { openPGlite } from '../db/pglite.ts';
import { pgliteTemplate } from '../db/pglite-template.ts';
import { EXAMPLES_ROOT } from '../modules/folders.ts';
import { type Started, startSuivi } from '../server/start.ts';
import { ensureWebBuild, WEB_DIST } from './build.ts';

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available && process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing`);

describe.skipIf(!available)('admin page in chromium', () => {
  let server: Started;
  let browser: Browser;
  let page: Page;
  let dataDir: string;
  let scratch: { url: string; drop(): Promise<void> } | undefined;

  beforeAll(async () => {
    await ensureWebBuild();
    dataDir = mkdtempSync(join(tmpdir(), 'suivi-admin-web-'));
    await (await openPGlite({ dataDir, loadDataDir: await pgliteTemplate() })).close();
    if (process.env.DATABASE_URL) scratch = await scratchDatabase(process.env.DATABASE_URL);
    server = await startSuivi({
      dataDir,
      ...(scratch ? { databaseUrl: scratch.url } : {}),
      port: 0,
      hostname: '127.0.0.1',
      moduleFolders: [join(EXAMPLES_ROOT, 'amphibiens_mares', 'generated')],
      demo: true,
      webDist: WEB_DIST,
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.addInitScript(() => localStorage.setItem('suivi.tiles', 'none'));
    page.setDefaultTimeout(8_000);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await scratch?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  async function step(name: string, body: () => Promise<void>) {
    try {
      await body();
    } catch (error) {
      mkdirSync('test-results', { recursive: true });
      await page
        .screenshot({ path: join('test-results', `admin-${name}.png`), fullPage: true })
        .catch(() => {});
      throw error;
    }
  }

  it('creates and disables a user, adds and removes a grant', async () => {
    await step('login', async () => {
      await page.goto(server.url);
      await page.locator('input[name=login]').fill('admin');
      await page.locator('input[name=password]').fill('suivi-admin');
      await page.getByRole('button', { name: 'Connexion' }).click();
      await page.getByRole('link', { name: 'Administration' }).click();
      await page.getByRole('cell', { name: 'partenaire.chiro' }).waitFor();
    });

    await step('create-user', async () => {
      await page.getByRole('button', { name: 'Nouvel utilisateur' }).click();
      await page.locator('input[name=login]').fill('nina.web');
      await page.locator('input[name=display_name]').fill('Nina Web');
      await page.locator('select[name=organisation_id]').selectOption({ label: 'Association Chiroptères' });
      await page.locator('input[name=roles]').fill('partenaire');
      await page.locator('input[name=password]').fill('court');
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await page
        .getByRole('alert')
        .getByText(/10 caractères au moins/)
        .waitFor();
      await page.locator('input[name=password]').fill('un mot de passe assez long');
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await page.getByRole('cell', { name: 'nina.web' }).waitFor();
    });

    await step('disable-user', async () => {
      const row = page.getByRole('row').filter({ hasText: 'nina.web' });
      await row.getByRole('button', { name: 'Désactiver' }).click();
      await row.getByRole('button', { name: 'Réactiver' }).waitFor();
      expect(await row.getByText('Désactivé').isVisible()).toBe(true);
    });

    await step('grant', async () => {
      await page.getByRole('link', { name: 'Permissions' }).click();
      await page.locator('select[name=module]').selectOption('amphibiens_mares');
      await page.getByText('Aucune permission pour ce module.').waitFor();
      await page.locator('select[name=grantee_kind]').selectOption('user_id');
      await page.locator('select[name=grantee]').selectOption({ label: 'Nina Web (nina.web)' });
      await page.locator('select[name=scope]').selectOption('all');
      await page.getByRole('button', { name: 'Ajouter la permission' }).click();
      const row = page.getByRole('row').filter({ hasText: 'nina.web' });
      await row.getByText('toutes').waitFor();
      await row.getByRole('button', { name: 'Retirer' }).click();
      await page.getByText('Aucune permission pour ce module.').waitFor();
    });
  }, 60_000);
});
