/**
 * The partner app over every example module (issue 11): repeatable groups with visible, translated
 * buttons (flore_quadrats' strata cover), reference fields shown by the referenced record's label
 * (its paired control quadrat) in the table and on the record page, a pattern error explained in words
 * (chiro_gites' INSEE code), and the module list reduced to the modules an account may read. Pages
 * checked at 390×844 and 1400×900 like partner-pages.browser.test.ts; SUIVI_SHOTS=<folder> saves the
 * group form there.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Started } from '../server/start.ts';
import {
  ALL_MODULES,
  type BrowserApp,
  chromiumAvailable,
  startBrowserApp,
} from './browser-app.test-helpers.ts';
import {
  consoleErrors,
  DESKTOP,
  logIn,
  PHONE,
  seriousViolations,
  widths,
} from './partner-checks.test-helpers.ts';

const FLORE = '/m/flore_quadrats';
const SHOTS = process.env.SUIVI_SHOTS;
if (SHOTS) mkdirSync(SHOTS, { recursive: true });
const available = chromiumAvailable('partner-modules.browser.test');
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

type Json = Record<string, unknown>;

const get = (page: Page, path: string): Promise<Json> =>
  page.evaluate(async (p) => (await fetch(p)).json(), path);

describe.skipIf(!available)('partner app over every module, in chromium', () => {
  let app: BrowserApp;
  let server: Started;
  let page: Page;
  let errors: ReturnType<typeof consoleErrors>;

  beforeAll(async () => {
    app = await startBrowserApp({ module: ALL_MODULES, prefix: 'modules', waitMs: 10_000 });
    ({ server, page } = app);
    errors = consoleErrors(page);
    await page.goto(server.url);
    // The botanist's quadrats belong to the conservatory.
    await logIn(page, 'partenaire.cen', 'suivi-cen');
  }, 240_000);

  afterAll(async () => app?.close());

  const step = (name: string, body: () => Promise<void>) => app.step(name, body);
  const setLang = (lang: 'fr' | 'en') => page.evaluate((l) => localStorage.setItem('suivi.lang', l), lang);

  it('shows a referenced record by its label, in the table and on the record page', async () => {
    await step('reference', async () => {
      const sites = (await get(page, '/api/modules/flore_quadrats/site?page_size=100')).items as Json[];
      const managed = sites.find((s) => typeof s.control_quadrat === 'string');
      const control = sites.find((s) => s.id === managed?.control_quadrat);
      expect(control).toBeDefined();
      const controlName = String(control?.quadrat_number);
      await page.goto(`${server.url}${FLORE}/site`);
      const table = page.getByTestId('table-site');
      await table.locator('tbody tr').first().waitFor();
      await expect.poll(() => table.locator('tbody').textContent()).not.toMatch(UUID);
      // The managed quadrat's row shows its control by label, once looked up.
      const row = table.locator('tbody tr').filter({ hasText: String(managed?.base_site_name) });
      await expect.poll(() => row.locator('td').last().textContent()).toBe(controlName);
      await page.goto(`${server.url}${FLORE}/site/${String(managed?.id)}`);
      const record = page.getByTestId('record-site');
      await record.waitFor();
      // The reference field's own line (in the record's fields, not its parent's) names the control quadrat by its label (its map label).
      const line = record
        .locator(':scope > dl.fields > div')
        .filter({ hasText: 'Quadrat témoin apparié' })
        .locator('dd');
      await expect.poll(() => line.textContent()).toBe(controlName);
      // Once every name has loaded, no id is left on the page.
      await expect.poll(() => record.locator(':scope > dl.fields').textContent()).not.toMatch(UUID);
      expect(errors.take()).toEqual([]);
    });
  }, 60_000);

  it('gives repeatable groups visible, translated add, remove and move buttons', async () => {
    for (const [lang, add, remove] of [
      ['fr', 'Ajouter une ligne', 'Retirer la ligne'],
      ['en', 'Add a row', 'Remove the row'],
    ] as const) {
      await step(`group-${lang}`, async () => {
        await setLang(lang);
        const visit = ((await get(page, '/api/modules/flore_quadrats/visit?page_size=1')).items as Json[])[0];
        await page.goto(`${server.url}${FLORE}/visit/${String(visit?.id)}/edit`);
        const form = page.getByTestId('form-visit');
        await form.waitFor();
        const addButton = form.getByRole('button', { name: add });
        await addButton.waitFor();
        // Visible: an inline icon and words, not a glyph of a missing icon font.
        expect(await addButton.locator('svg').count()).toBe(1);
        expect((await addButton.boundingBox())?.width ?? 0).toBeGreaterThan(40);
        const removeButtons = form.getByRole('button', { name: remove });
        const before = await removeButtons.count();
        expect(before).toBeGreaterThan(0);
        expect(await removeButtons.first().getAttribute('title')).toBe(remove);
        expect((await removeButtons.first().boundingBox())?.width ?? 0).toBeGreaterThanOrEqual(30);
        await addButton.click();
        await expect.poll(() => removeButtons.count()).toBe(before + 1);
        expect(await form.locator('.glyphicon').count()).toBe(0);
        expect(await widths(page).then((w) => w.scrollWidth <= w.innerWidth)).toBe(true);
        if (SHOTS) await page.screenshot({ path: join(SHOTS, `group-${lang}-desktop.png`), fullPage: true });
        await page.setViewportSize(PHONE);
        await expect.poll(() => widths(page).then((w) => w.scrollWidth <= w.innerWidth)).toBe(true);
        if (SHOTS) await page.screenshot({ path: join(SHOTS, `group-${lang}-phone.png`), fullPage: true });
        await page.setViewportSize(DESKTOP);
        expect(await seriousViolations(page)).toEqual([]);
        expect(errors.take()).toEqual([]);
      });
    }
    await setLang('fr');
  }, 60_000);

  it('explains a pattern in words, without the regular expression', async () => {
    await step('pattern', async () => {
      await page.goto(`${server.url}/m/chiro_gites/site/new`);
      const form = page.getByTestId('form-site');
      await form.waitFor();
      await page.locator('#root_municipality_code').fill('123');
      await form.locator('button[type=submit].primary').click();
      await form
        .getByText('Code INSEE de la commune : Cinq caractères, par ex. 35238 ; 2A004 en Corse.')
        .waitFor();
      expect(await form.textContent()).not.toMatch(/must match|\[0-9\]/);
      expect(errors.take()).toEqual([]);
    });
  }, 60_000);

  it('lists only the modules the account may read, with pages that fit a phone', async () => {
    await step('readable-modules', async () => {
      await page.evaluate(() => fetch('/api/auth/logout', { method: 'POST' }));
      await page.goto(server.url);
      await logIn(page, 'admin', 'suivi-admin');
      const modules = ((await get(page, '/api/modules')).modules as Json[]).length;
      expect(await page.locator('.modules > li').count()).toBe(modules);
      const user = await page.evaluate(async () => {
        const post = (url: string, body: unknown) =>
          fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body),
          }).then((r) => r.json());
        const created = await post('/api/admin/users', {
          login: 'botaniste',
          display_name: 'Botaniste',
          password: 'un mot de passe assez long',
        });
        await post('/api/admin/grants', {
          user_id: created.id,
          module: 'flore_quadrats',
          action: 'R',
          scope: 'all',
        });
        await fetch('/api/auth/logout', { method: 'POST' });
        return created;
      });
      expect(user.id).toBeDefined();
      await page.goto(server.url);
      await logIn(page, 'botaniste', 'un mot de passe assez long');
      await page.locator('.modules > li').first().waitFor();
      expect(await page.locator('.modules > li').count()).toBe(1);
      await page.setViewportSize(PHONE);
      for (const path of ['/', `${FLORE}/visit`, `${FLORE}/site`]) {
        await page.goto(`${server.url}${path}`);
        await page.locator('main h2').first().waitFor();
        await page.waitForLoadState('networkidle');
        const w = await widths(page);
        expect(w.scrollWidth, path).toBeLessThanOrEqual(w.innerWidth);
      }
      await page.setViewportSize(DESKTOP);
      expect(errors.take()).toEqual([]);
    });
  }, 60_000);
});
