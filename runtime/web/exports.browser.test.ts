/**
 * The export menu (pages/ExportMenu.tsx) in chromium against the real server with the amphibian module's
 * demo records: each format downloaded from a table (CSV with French headers and `;`, GeoJSON, XLSX read
 * back by exceljs, GeoPackage), the table's filters carried, a background job with its progress bar and
 * download link; the page fits a phone, has no console error nor serious axe violation. Screenshots at
 * 390×844 and 1400×900, French and English, go to SUIVI_SHOTS (default /work/notes/shots/exports when it
 * exists).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Started } from '../server/start.ts';
import { type BrowserApp, chromiumAvailable, startBrowserApp } from './browser-app.test-helpers.ts';
import {
  call,
  consoleErrors,
  DESKTOP,
  logIn,
  PARTNER,
  PHONE,
  seriousViolations,
  widths,
} from './partner-checks.test-helpers.ts';

const MODULE = 'amphibiens_mares';
const M = `/m/${MODULE}`;
const WAIT = 15_000;
const SHOTS =
  process.env.SUIVI_SHOTS ??
  (existsSync('/work/notes/shots/exports') ? '/work/notes/shots/exports' : undefined);
const available = chromiumAvailable('exports.browser.test');

describe.skipIf(!available)('export menu in chromium', () => {
  let app: BrowserApp;
  let server: Started;
  let page: Page;
  let errors: ReturnType<typeof consoleErrors>;

  beforeAll(async () => {
    app = await startBrowserApp({ module: MODULE, prefix: 'exports', waitMs: WAIT });
    ({ server, page } = app);
    errors = consoleErrors(page);
    await page.setViewportSize(DESKTOP);
    await page.goto(server.url);
    await logIn(page, PARTNER.login, PARTNER.password);
  }, 180_000);
  afterAll(async () => app?.close());

  const step = (name: string, body: () => Promise<void>) => app.step(name, body);
  const setLang = (lang: 'fr' | 'en') => page.evaluate((l) => localStorage.setItem('suivi.lang', l), lang);
  const menu = (level: string) => page.locator(`[data-testid=export-menu-${level}]`);
  const open = async (level: string) => {
    await page.goto(`${server.url}${M}/${level}`);
    await page.locator(`[data-testid=table-${level}] tbody tr`).first().waitFor();
    await menu(level).locator('summary').click();
  };
  const downloadVia = async (level: string): Promise<Download> => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator(`[data-testid=export-${level}-download]`).click(),
    ]);
    return download;
  };
  const total = async (level: string) =>
    Number((await call(page, 'GET', `/api/modules/${MODULE}/${level}?page_size=1`)).total);

  it('downloads each format from a table', async () => {
    await setLang('fr');
    await step('csv', async () => {
      await open('visit');
      const text = readFileSync(await (await downloadVia('visit')).path(), 'utf8');
      expect(text.startsWith('\uFEFF')).toBe(true);
      const header = text.slice(1).split('\r\n')[0] ?? '';
      expect(header).toContain('Identifiant;');
      expect(header).toMatch(/;Site aquatique — /);
    });
    await step('geojson', async () => {
      await open('site');
      await page.locator('#export-site-format').selectOption('geojson');
      const geo = JSON.parse(readFileSync(await (await downloadVia('site')).path(), 'utf8'));
      expect(geo.features).toHaveLength(await total('site'));
      expect(geo.features[0].geometry).not.toBeNull();
    });
    await step('xlsx', async () => {
      await open('visit');
      await page.locator('#export-visit-format').selectOption('xlsx');
      await page.locator('#export-visit-values').selectOption('labels');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(await (await downloadVia('visit')).path());
      expect((workbook.worksheets[0]?.rowCount ?? 0) - 1).toBe(await total('visit'));
    });
    await step('gpkg', async () => {
      await open('site');
      await page.locator('#export-site-format').selectOption('gpkg');
      const bytes = readFileSync(await (await downloadVia('site')).path());
      expect(bytes.subarray(0, 15).toString('latin1')).toBe('SQLite format 3');
    });
    expect(errors.take()).toEqual([]);
  }, 120_000);

  it('runs a background export with a progress bar and a download link, on a phone and a desktop, in French and English', async () => {
    for (const lang of ['fr', 'en'] as const) {
      for (const [device, size] of [
        ['phone', PHONE],
        ['desktop', DESKTOP],
      ] as const) {
        await step(`job-${lang}-${device}`, async () => {
          await setLang(lang);
          await page.setViewportSize(size);
          await open('visit');
          await page.locator('[data-testid=export-visit-background]').check();
          if (SHOTS)
            await page.screenshot({ path: join(SHOTS, `menu-${lang}-${device}.png`), fullPage: true });
          await page.locator('[data-testid=export-visit-start]').click();
          // The job's first answer (queued) shows the progress bar until the poll finds it done.
          const status = page.locator('[data-testid=export-job-progress], [data-testid=export-job-download]');
          await status.first().waitFor();
          if (SHOTS && (await page.locator('[data-testid=export-job-progress]').count()) > 0)
            await menu('visit').screenshot({ path: join(SHOTS, `progress-${lang}-${device}.png`) });
          const link = page.locator('[data-testid=export-job-download]');
          await link.waitFor();
          expect(await link.textContent()).toMatch(lang === 'fr' ? /Fichier prêt/ : /File ready/);
          const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
          const text = readFileSync(await download.path(), 'utf8');
          expect(text.length).toBeGreaterThan(100);
          if (SHOTS)
            await page.screenshot({ path: join(SHOTS, `job-${lang}-${device}.png`), fullPage: true });
          const { scrollWidth, innerWidth } = await widths(page);
          expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
          expect(await seriousViolations(page)).toEqual([]);
        });
      }
    }
    expect(errors.take()).toEqual([]);
  }, 180_000);
});
