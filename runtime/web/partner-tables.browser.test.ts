/**
 * The partner app's tables (issue 11, items 8 and 11), in chromium against the real server with the
 * amphibian module's demo records: dates and numbers in the reader's locale, the naming column first and
 * every cell a link, the validation-status filter, sort / filters / page kept in the URL across Back, and
 * CSV / GeoJSON downloads that carry the table's filters.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Started } from '../server/start.ts';
import { type BrowserApp, chromiumAvailable, startBrowserApp } from './browser-app.test-helpers.ts';
import { call, consoleErrors, DESKTOP, logIn, PARTNER } from './partner-checks.test-helpers.ts';

const MODULE = 'amphibiens_mares';
const M = `/m/${MODULE}`;
const WAIT = 10_000;
const ISO_DAY = /\b\d{4}-\d{2}-\d{2}\b/;
const available = chromiumAvailable('partner-tables.browser.test');

/** The records of a CSV text (a quoted field may hold line breaks). */
function csvRecords(text: string): number {
  let records = 0;
  let quoted = false;
  let content = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    if (ch === '\n' && !quoted) {
      if (content) records++;
      content = false;
    } else if (ch !== '\r') content = true;
  }
  return records + (content ? 1 : 0);
}

/** The next list response of a level's table (after a filter changes). */
const listed = (page: Page, level: string) =>
  page.waitForResponse((r) => new URL(r.url()).pathname === `/api/modules/${MODULE}/${level}`);

/** The record count the pager shows: "1 / 2 — 23 enregistrement(s)". */
async function shownTotal(page: Page, level: string): Promise<number> {
  const text = await page.locator(`[data-testid=table-${level}] ~ .pager span`).textContent();
  const digits = /—\s*([\d\s\u202f\u00a0]+)/.exec(text ?? '')?.[1]?.replace(/\D/g, '') ?? '';
  if (!digits) throw new Error(`no total in "${text}"`);
  return Number(digits);
}

describe.skipIf(!available)('partner app tables, issue 11, in chromium', () => {
  let app: BrowserApp;
  let server: Started;
  let page: Page;
  let errors: ReturnType<typeof consoleErrors>;

  beforeAll(async () => {
    app = await startBrowserApp({ module: MODULE, prefix: 'tables', waitMs: WAIT });
    ({ server, page } = app);
    errors = consoleErrors(page);
    await page.setViewportSize(DESKTOP);
    await page.goto(server.url);
    await logIn(page, PARTNER.login, PARTNER.password);
  }, 180_000);

  afterAll(async () => app?.close());

  const step = (name: string, body: () => Promise<void>) => app.step(name, body);
  const setLang = (lang: 'fr' | 'en') => page.evaluate((l) => localStorage.setItem('suivi.lang', l), lang);
  const rows = (level: string) => page.locator(`[data-testid=table-${level}] tbody tr`);

  it('shows dates and numbers in the locale, names rows by their taxon, links every cell', async () => {
    await step('locale', async () => {
      for (const [lang, month] of [
        ['fr', /\b\d{1,2} (janv|févr|mars|avr|mai|juin|juil|août|sept|oct|nov|déc)\.? \d{4}\b/],
        ['en', /\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec) \d{4}\b/],
      ] as const) {
        await setLang(lang);
        await page.goto(`${server.url}${M}/visit`);
        await rows('visit').first().waitFor();
        const text = (await page.locator('[data-testid=table-visit] tbody td').allTextContents()).join(' | ');
        expect(text).not.toMatch(ISO_DAY);
        expect(text).toMatch(month);
      }
      await setLang('fr');
    });

    await step('date filter in the app’s language', async () => {
      // Typed day/month/year as the app's language writes it, whatever the browser's locale.
      const first = (await call(page, 'GET', `/api/modules/${MODULE}/visit?page_size=1&sort=visit_date_min`))
        .items as { visit_date_min: string }[];
      const day = first[0]?.visit_date_min ?? '';
      const [y, m, d] = day.split('-');
      await page.goto(`${server.url}${M}/visit`);
      await rows('visit').first().waitFor();
      const days = page.locator('[data-testid=table-visit] tr.filters input[placeholder="jj/mm/aaaa"]');
      const [from, to] = [days.nth(0), days.nth(1)];
      expect(await from.getAttribute('type')).toBe('text');
      expect(await from.getAttribute('aria-label')).toMatch(/^Filtrer .* ≥$/);
      await from.fill('31/02/2026');
      expect(await from.getAttribute('aria-invalid')).toBe('true');
      await page.waitForTimeout(600);
      expect(page.url()).not.toContain('visit_date_min');
      await from.fill(`${d}/${m}/${y}`);
      expect(await from.getAttribute('aria-invalid')).toBeNull();
      await page.waitForURL(new RegExp(`visit_date_min%5Bgte%5D=${day}|visit_date_min\\[gte\\]=${day}`));
      await to.fill(`${d}/${m}/${y}`);
      await page.waitForURL(/visit_date_min(%5B|\[)lte/);
      const same = Number(
        (
          await call(
            page,
            'GET',
            `/api/modules/${MODULE}/visit?page_size=1&visit_date_min[gte]=${day}&visit_date_min[lte]=${day}`,
          )
        ).total,
      );
      expect(same).toBeGreaterThan(0);
      await expect.poll(() => shownTotal(page, 'visit')).toBe(same);
      // Back on the page, the box shows the filter as it was typed, not as ISO.
      await page.reload();
      await rows('visit').first().waitFor();
      expect(
        await page
          .getByLabel(/^Filtrer .* ≥$/)
          .first()
          .inputValue(),
      ).toBe(`${d}/${m}/${y}`);
      await setLang('en');
      await page.goto(`${server.url}${M}/visit`);
      await rows('visit').first().waitFor();
      expect(
        await page
          .getByLabel(/^Filter .* ≥$/)
          .first()
          .getAttribute('placeholder'),
      ).toBe('dd/mm/yyyy');
      await setLang('fr');
    });

    await step('naming column and links', async () => {
      await page.goto(`${server.url}${M}/observation`);
      await rows('observation').first().waitFor();
      const first = rows('observation').first();
      const firstCell = (await first.locator('td').first().textContent())?.trim();
      expect(['Oui', 'Non', '✓', '✗', '—']).not.toContain(firstCell);
      // Every cell that says something links to the record (an empty one has nothing to click).
      const filled = (await first.locator('td').allTextContents()).filter((t) => t.trim() !== '').length;
      expect(await first.locator('td a').count()).toBe(filled);
      expect(filled).toBeGreaterThan(2);
      const href = await first.locator('td a').first().getAttribute('href');
      await first.locator('td a').last().click();
      await page.waitForURL(`**${href}`);
      await page.locator('[data-testid=record-observation]').waitFor();
    });
    expect(errors.take()).toEqual([]);
  }, 60_000);

  it('filters on the validation status and keeps sort, filters and page across Back', async () => {
    await step('status filter', async () => {
      await page.goto(`${server.url}${M}/observation`);
      await rows('observation').first().waitFor();
      const status = page.locator(
        '[data-testid=table-observation] select[aria-label$="Statut de validation"]',
      );
      await status.locator('option[value="0"]').waitFor({ state: 'attached' });
      await status.selectOption('0');
      await page.waitForURL(/observation\.validation_status=0/);
      const api = await call(
        page,
        'GET',
        `/api/modules/${MODULE}/observation?validation_status=0&page_size=1`,
      );
      await expect.poll(() => shownTotal(page, 'observation')).toBe(api.total);
      const label = await status.locator('option[value="0"]').textContent();
      const column = await page
        .locator('[data-testid=table-observation] thead tr:first-child th')
        .allInnerTexts();
      const at = column.findIndex((c) => c.startsWith('Statut de validation'));
      for (const text of await rows('observation')
        .locator(`td:nth-child(${at + 1})`)
        .allInnerTexts())
        expect(text).toBe(label);
    });

    await step('state across Back', async () => {
      await page.goto(`${server.url}${M}/visit`);
      await rows('visit').first().waitFor();
      const choice = page.locator('[data-testid=table-visit] tr.filters select').first();
      const value = await choice.locator('option').nth(1).getAttribute('value');
      await choice.selectOption(value ?? '');
      await Promise.all([
        listed(page, 'visit'),
        page.locator('[data-testid=table-visit] thead button.sort').first().click(),
      ]);
      await page.waitForURL(/visit\.sort=/);
      const url = page.url();
      // The filter's and the sort's lists may answer in either order: read the rows once they stop changing.
      let before = await rows('visit').allInnerTexts();
      for (let n = 0; n < 40; n++) {
        await page.waitForTimeout(100);
        const now = await rows('visit').allInnerTexts();
        if (now.join('\n') === before.join('\n')) break;
        before = now;
      }
      await rows('visit').first().locator('td a').first().click();
      await page.locator('[data-testid=record-visit]').waitFor();
      await page.goBack();
      await rows('visit').first().waitFor();
      expect(page.url()).toBe(url);
      expect(await choice.inputValue()).toBe(value);
      await expect.poll(() => rows('visit').allInnerTexts()).toEqual(before);
      expect(await page.locator('[data-testid=table-visit] thead button.sort').first().textContent()).toMatch(
        /▲$/,
      );
      // Another level's tab starts afresh: no parameter of the visits' table follows it.
      await page.locator('nav.tabs a', { hasText: 'Sites aquatiques' }).click();
      await rows('site').first().waitFor();
      expect(new URL(page.url()).search).toBe('');
    });
    expect(errors.take()).toEqual([]);
  }, 60_000);

  /**
   * Picks, in the level's first choice filter, a value that keeps some records but not all; returns how
   * many the API lists with the table's filters (read from the export link) once the pager agrees.
   */
  /** The list query of the export menu's download link: its filters without the export's options. */
  async function listOfExport(level: string): Promise<string> {
    const href = (await page.locator(`[data-testid=export-${level}-download]`).getAttribute('href')) ?? '';
    const params = new URLSearchParams(href.split('?')[1] ?? '');
    for (const option of ['format', 'level', 'values', 'headers', 'separator', 'bom', 'tree'])
      params.delete(option);
    return `/api/modules/${MODULE}/${level}?${params}`;
  }

  /** Opens the table's export menu and picks a format, with column names as CSV headers. */
  async function exportAs(level: string, format: 'csv' | 'geojson') {
    const menu = page.locator(`[data-testid=export-menu-${level}]`);
    if ((await menu.getAttribute('open')) === null) await menu.locator('summary').click();
    await page.locator(`#export-${level}-format`).selectOption(format);
    await page.locator(`#export-${level}-headers`).selectOption('columns');
  }

  async function filterToSubset(level: string): Promise<number> {
    const all = Number((await call(page, 'GET', `/api/modules/${MODULE}/${level}?page_size=1`)).total);
    const select = page.locator(`[data-testid=table-${level}] tr.filters select`).first();
    const values = (
      await select.locator('option').evaluateAll((os) => os.map((o) => o.getAttribute('value')))
    ).filter((v): v is string => Boolean(v));
    await exportAs(level, 'csv');
    for (const value of values) {
      await select.selectOption(value);
      await page.waitForURL(new RegExp(`${level}\\.[a-z_]+=${value}`));
      const count = Number((await call(page, 'GET', await listOfExport(level))).total);
      if (count > 0 && count < all) {
        await expect.poll(() => shownTotal(page, level)).toBe(count);
        return count;
      }
    }
    throw new Error(`no ${level} filter value keeps some records but not all`);
  }

  it('downloads the filtered table as CSV and GeoJSON', async () => {
    await step('csv', async () => {
      await page.goto(`${server.url}${M}/visit`);
      await rows('visit').first().waitFor();
      const total = await filterToSubset('visit');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('[data-testid=export-visit-download]').click(),
      ]);
      const text = readFileSync(await download.path(), 'utf8');
      expect(text.split('\n')[0]).toMatch(/\bid\b/);
      expect(csvRecords(text) - 1, text).toBe(total);
    });

    await step('geojson', async () => {
      await page.goto(`${server.url}${M}/site`);
      await rows('site').first().waitFor();
      const total = await filterToSubset('site');
      await exportAs('site', 'geojson');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('[data-testid=export-site-download]').click(),
      ]);
      const collection = JSON.parse(readFileSync(await download.path(), 'utf8')) as { features: unknown[] };
      expect(collection.features).toHaveLength(total);
      // The export menu is the table's only way out: the old one-format buttons are gone.
      expect(await page.locator('[data-testid=export-menu-site] summary').textContent()).toBe('Exporter…');
      expect(
        await page.locator('.exports a, [data-testid^=export-csv-], [data-testid^=export-geojson-]').count(),
      ).toBe(0);
    });
    expect(errors.take()).toEqual([]);
  }, 60_000);
});
