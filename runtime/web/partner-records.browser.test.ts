/**
 * The partner app's record pages (issue 11, item 7), in chromium against the real server with the
 * amphibian module's demo records: the record's label as title and heading, breadcrumbs up the tree
 * (each a link), the parent's key values on a child page, the geometry as a small map with coordinates.
 * SUIVI_SHOTS=<folder> saves a table and a record page (French desktop, English phone) there.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Started } from '../server/start.ts';
import { type BrowserApp, chromiumAvailable, startBrowserApp } from './browser-app.test-helpers.ts';
import {
  call,
  consoleErrors,
  DESKTOP,
  demoIds,
  logIn,
  PARTNER,
  PHONE,
  widths,
} from './partner-checks.test-helpers.ts';

const MODULE = 'amphibiens_mares';
const M = `/m/${MODULE}`;
const WAIT = 10_000;
const SHOTS = process.env.SUIVI_SHOTS;
const available = chromiumAvailable('partner-records.browser.test');

describe.skipIf(!available)('partner app record pages, issue 11, in chromium', () => {
  let app: BrowserApp;
  let server: Started;
  let page: Page;
  let errors: ReturnType<typeof consoleErrors>;
  let ids = { site: '', visitWithObservations: '', observation: '', siteOfVisit: '' };

  beforeAll(async () => {
    app = await startBrowserApp({ module: MODULE, prefix: 'records', waitMs: WAIT });
    ({ server, page } = app);
    errors = consoleErrors(page);
    await page.setViewportSize(DESKTOP);
    await page.goto(server.url);
    await logIn(page, PARTNER.login, PARTNER.password);
    ids = await demoIds(page, MODULE);
  }, 180_000);

  afterAll(async () => app?.close());

  const step = (name: string, body: () => Promise<void>) => app.step(name, body);
  const setLang = (lang: 'fr' | 'en') => page.evaluate((l) => localStorage.setItem('suivi.lang', l), lang);

  it('titles a site by its name and shows its geometry on a map with coordinates', async () => {
    await step('site', async () => {
      const site = await call(page, 'GET', `/api/modules/${MODULE}/site/${ids.siteOfVisit}`);
      const name = String(site.base_site_name);
      const geometry = site.geometry as { type: string; coordinates: unknown };
      await page.goto(`${server.url}${M}/site/${ids.siteOfVisit}`);
      await page.locator('[data-testid=record-site]').waitFor();
      await expect.poll(() => page.title()).toBe(`${name} — Site aquatique — Amphibiens des mares — Suivi`);
      expect(await page.locator('h2').first().textContent()).toContain(name);
      await page.locator('[data-testid=record-geometry-map] .leaflet-interactive').first().waitFor();
      const fields = (await page.locator('[data-testid=record-site] > dl.fields').textContent()) ?? '';
      // A point by its latitude and longitude; a polygon by its vertices and centre (the demo has both).
      if (geometry.type === 'Point') {
        const [lon, lat] = geometry.coordinates as [number, number];
        const fr = (n: number) => n.toFixed(5).replace('.', ',');
        expect(fields).toContain(`lat ${fr(lat)}, lon ${fr(lon)}`);
      } else {
        expect(fields).toMatch(/(Polygone|Ligne), \d+ sommets, centre lat \d+,\d{5}, lon -?\d+,\d{5}/);
      }
      expect(fields).not.toMatch(/\bPoint\b/);
      // Its visits' observers by name, though the parent's summary asked for the same users first.
      await page.locator('[data-testid=table-visit] tbody tr').first().waitFor();
      await expect
        .poll(() => page.locator('[data-testid=table-visit] tbody').textContent())
        .not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    });
    expect(errors.take()).toEqual([]);
  }, 60_000);

  it('shows an observation with breadcrumbs up the tree and its visit’s key values', async () => {
    await step('observation', async () => {
      const observation = await call(page, 'GET', `/api/modules/${MODULE}/observation/${ids.observation}`);
      const visit = await call(page, 'GET', `/api/modules/${MODULE}/visit/${String(observation.visit_id)}`);
      const site = await call(page, 'GET', `/api/modules/${MODULE}/site/${String(visit.site_id)}`);
      await page.goto(`${server.url}${M}/observation/${ids.observation}`);
      await page.locator('[data-testid=parent-summary]').waitFor();
      const crumbs = page.locator('nav.breadcrumb a');
      await expect.poll(() => crumbs.count()).toBeGreaterThanOrEqual(4);
      const hrefs = await crumbs.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(hrefs).toContain(`${M}/site/${String(site.id)}`);
      expect(hrefs).toContain(`${M}/visit/${String(visit.id)}`);
      expect(await page.locator('nav.breadcrumb').textContent()).toContain(String(site.base_site_name));
      // The visit's date in French, its observers by name.
      const summary = (await page.locator('[data-testid=parent-summary]').textContent()) ?? '';
      const day = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium', timeZone: 'UTC' }).format(
        new Date(`${String(visit.visit_date_min)}T00:00:00Z`),
      );
      expect(summary).toContain(day);
      expect(summary).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
      const title = await page.title();
      expect(title.startsWith('Observation ou absence —')).toBe(false);
      expect(await page.locator('h2').first().textContent()).toContain(title.split(' — ')[0] ?? '');
      // A breadcrumb goes up to the visit.
      await page.locator(`nav.breadcrumb a[href="${M}/visit/${String(visit.id)}"]`).click();
      await page.locator('[data-testid=record-visit]').waitFor();
    });
    expect(errors.take()).toEqual([]);
  }, 60_000);

  it('fits a phone in English, and saves screenshots when asked', async () => {
    await step('phone', async () => {
      await setLang('en');
      await page.setViewportSize(PHONE);
      for (const path of [`${M}/observation/${ids.observation}`, `${M}/site/${ids.siteOfVisit}`]) {
        await page.goto(`${server.url}${path}`);
        await page.locator('nav.breadcrumb a').nth(2).waitFor();
        await page.waitForLoadState('networkidle');
        const w = await widths(page);
        expect(w.scrollWidth, path).toBeLessThanOrEqual(w.innerWidth);
      }
      expect(await page.locator('[data-testid=export-menu-visit] summary').textContent()).toBe('Export…');
    });
    if (SHOTS) {
      mkdirSync(SHOTS, { recursive: true });
      const shots: [string, 'fr' | 'en', typeof DESKTOP | typeof PHONE, string, string][] = [
        [
          'table-observations-fr-desktop',
          'fr',
          DESKTOP,
          `${M}/observation`,
          '[data-testid=table-observation] tbody tr',
        ],
        [
          'record-observation-fr-desktop',
          'fr',
          DESKTOP,
          `${M}/observation/${ids.observation}`,
          '[data-testid=parent-summary]',
        ],
        ['table-visits-en-phone', 'en', PHONE, `${M}/visit`, '[data-testid=table-visit] tbody tr'],
        [
          'record-site-en-phone',
          'en',
          PHONE,
          `${M}/site/${ids.siteOfVisit}`,
          '[data-testid=record-geometry-map]',
        ],
      ];
      for (const [name, lang, viewport, path, ready] of shots) {
        await setLang(lang);
        await page.setViewportSize(viewport);
        await page.goto(`${server.url}${path}`);
        await page.locator(ready).first().waitFor();
        await page.waitForLoadState('networkidle');
        await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
      }
    }
    await setLang('fr');
    expect(errors.take()).toEqual([]);
  }, 60_000);
});
