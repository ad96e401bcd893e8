/**
 * The dashboard page in chromium against the real server with the chiro_gites demo (its records are in
 * the views: the start refreshes them after the demo seed): the administrator opens it from the module's
 * tabs, sees the totals, the charts with their data tables and the per-site table, picks an organisation;
 * the page fits 390 px, has no console error and no serious axe violation, in French and English.
 * Screenshots at 390×844 and 1400×900 go to /work/notes/shots/dash/ (SHOTS_DIR overrides).
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Started } from '../server/start.ts';
import { type BrowserApp, chromiumAvailable, startBrowserApp } from './browser-app.test-helpers.ts';
import {
  consoleErrors,
  DESKTOP,
  logIn,
  PHONE,
  seriousViolations,
  widths,
} from './partner-checks.test-helpers.ts';

const available = chromiumAvailable('dashboard.browser.test');
const SHOTS = process.env.SHOTS_DIR ?? '/work/notes/shots/dash';

describe.skipIf(!available)('dashboard page in chromium', () => {
  let app: BrowserApp;
  let server: Started;
  let page: Page;

  beforeAll(async () => {
    app = await startBrowserApp({ module: 'chiro_gites', prefix: 'dashboard', waitMs: 8_000 });
    ({ server, page } = app);
    mkdirSync(SHOTS, { recursive: true });
  }, 180_000);

  afterAll(async () => app?.close());

  const step = (name: string, body: () => Promise<void>) => app.step(name, body);

  it('shows the figures, charts with tables and sites, fits a phone, in French and English', async () => {
    const errors = consoleErrors(page);
    await step('open', async () => {
      await page.setViewportSize(DESKTOP);
      await page.goto(server.url);
      await logIn(page, 'admin', 'suivi-admin');
      await page.goto(`${server.url}/m/chiro_gites/site`);
      // Leave the level page once its map has settled: unmounting Leaflet mid-animation logs an error.
      await page.locator('.leaflet-marker-icon, .leaflet-interactive').first().waitFor();
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(800);
      await page.getByRole('link', { name: 'Tableau de bord' }).click();
      await page.getByRole('heading', { name: 'Tableau de bord' }).waitFor();
      await page.getByText('Enregistrements par mois').waitFor();
    });
    await step('figures', async () => {
      const api = await page.evaluate(async () => (await fetch('/api/dashboards/chiro_gites')).json());
      expect(api.figures.total).toBeGreaterThan(0);
      const total = await page.locator('.dash-totals dd').first().textContent();
      expect(Number((total ?? '').replace(/\s/g, ''))).toBe(api.figures.total);
      // Each chart has its data table; the month table sums to the total.
      expect(await page.locator('figure.dash-chart').count()).toBeGreaterThanOrEqual(3);
      expect(await page.locator('figure.dash-chart canvas').count()).toBeGreaterThanOrEqual(3);
      const monthRows = page.locator('#dash-months-title').locator('..').locator('tbody td');
      const cells = await monthRows.allTextContents();
      expect(cells.reduce((a, c) => a + Number(c.replace(/\s/g, '')), 0)).toBe(api.figures.total);
      expect(await page.locator('.dash-table tbody tr').count()).toBe(api.figures.sites.length);
      await page.screenshot({ path: `${SHOTS}/dashboard-fr-1400.png`, fullPage: true });
    });
    await step('organisation', async () => {
      const select = page.locator('.dash-filter select');
      const options = await select.locator('option').allTextContents();
      expect(options[0]).toBe('Toutes les organisations');
      await select.selectOption({ label: 'Association Chiroptères' });
      const chosen = await select.inputValue();
      const api = await page.evaluate(
        async (id) => (await fetch(`/api/dashboards/chiro_gites?organisation=${id}`)).json(),
        chosen,
      );
      await page.waitForFunction(
        (n) => document.querySelector('.dash-totals dd')?.textContent?.replace(/\s/g, '') === String(n),
        api.figures.total,
      );
      await select.selectOption('');
    });
    await step('phone', async () => {
      await page.setViewportSize(PHONE);
      await page.reload();
      await page.getByText('Enregistrements par mois').waitFor();
      const w = await widths(page);
      expect(w.scrollWidth).toBeLessThanOrEqual(w.innerWidth);
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: `${SHOTS}/dashboard-fr-390.png`, fullPage: true });
    });
    await step('english', async () => {
      await page.evaluate(() => localStorage.setItem('suivi.lang', 'en'));
      await page.reload();
      await page.getByText('Records per month').waitFor();
      await page.getByText('Species richness').waitFor();
      const w = await widths(page);
      expect(w.scrollWidth).toBeLessThanOrEqual(w.innerWidth);
      await page.screenshot({ path: `${SHOTS}/dashboard-en-390.png`, fullPage: true });
      await page.setViewportSize(DESKTOP);
      await page.reload();
      await page.getByText('Records per month').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: `${SHOTS}/dashboard-en-1400.png`, fullPage: true });
      await page.evaluate(() => localStorage.setItem('suivi.lang', 'fr'));
    });
    expect(errors.take()).toEqual([]);
  });

  it('lists, adds and deletes metadata on the admin tab, refusing a dataset in use, and sets a dataset’s SINP levels', async () => {
    const errors = consoleErrors(page);
    await step('metadata', async () => {
      await page.setViewportSize(DESKTOP);
      await page.goto(`${server.url}/admin?tab=metadata`);
      await page.getByRole('heading', { name: 'Jeux de données' }).waitFor();
      const used = page.getByRole('row').filter({ hasText: 'chiro_gites' }).first();
      await used.waitFor();
      await page.locator('form.admin-form').first().locator('input[name=label]').fill('Cadre navigateur');
      await page
        .locator('form.admin-form')
        .first()
        .locator('input[name=sinp_uuid]')
        .fill('9b1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b');
      await page.locator('form.admin-form').first().getByRole('button', { name: 'Ajouter' }).click();
      const added = page.getByRole('row').filter({ hasText: 'Cadre navigateur' });
      await added.getByText('9b1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b').waitFor();
      await used.getByRole('button', { name: 'Supprimer' }).click();
      await used.getByText('Suppression refusée').waitFor();
      // The dataset's SINP levels: labelled selects, saved on change, read back from the API.
      await used.getByLabel('Niveau de précision de diffusion').selectOption('2');
      await used.getByLabel('Sensibilité par défaut').selectOption('1');
      const levels = async () =>
        page.evaluate(async () => {
          const body = await (await fetch('/api/admin/metadata')).json();
          return body.datasets
            .filter((d: { modules: string[] }) => d.modules.includes('chiro_gites'))
            .map((d: { diffusion_level: string; sensitivity_level: string }) => [
              d.diffusion_level,
              d.sensitivity_level,
            ]);
        });
      await expect.poll(levels).toContainEqual(['2', '1']);
      expect(await used.getByLabel('Niveau de précision de diffusion').inputValue()).toBe('2');
      await page.screenshot({ path: `${SHOTS}/metadata-fr-1400.png`, fullPage: true });
      await added.getByRole('button', { name: 'Supprimer' }).click();
      await added.waitFor({ state: 'detached' });
      await used.getByLabel('Niveau de précision de diffusion').selectOption('5');
      await used.getByLabel('Sensibilité par défaut').selectOption('0');
      await expect.poll(levels).not.toContainEqual(['2', '1']);
      await page.setViewportSize(PHONE);
      await page.reload();
      await page.getByRole('heading', { name: 'Jeux de données' }).waitFor();
      const w = await widths(page);
      expect(w.scrollWidth).toBeLessThanOrEqual(w.innerWidth);
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: `${SHOTS}/metadata-fr-390.png`, fullPage: true });
      await page.evaluate(() => localStorage.setItem('suivi.lang', 'en'));
      await page.reload();
      await page.getByRole('heading', { name: 'Datasets' }).waitFor();
      await page.screenshot({ path: `${SHOTS}/metadata-en-390.png`, fullPage: true });
      await page.setViewportSize(DESKTOP);
      await page.reload();
      await page.getByRole('heading', { name: 'Datasets' }).waitFor();
      await page.screenshot({ path: `${SHOTS}/metadata-en-1400.png`, fullPage: true });
      await page.evaluate(() => localStorage.setItem('suivi.lang', 'fr'));
    });
    // The refused delete's 409 is logged by the browser as a failed resource: expected, nothing else is.
    expect(errors.take().filter((e) => !e.includes('409 (Conflict)'))).toEqual([]);
  });
});
