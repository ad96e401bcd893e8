/**
 * The level map at scale (issue 11, items 13 and 8), in chromium against the real server: 4,000 extra
 * chiro_gites sites (half of another organisation) drawn as clusters with their counts, a click zooming
 * into a cluster down to the records themselves, the map following a table filter, no console error,
 * a phone width that fits; screenshots at 390×844 and 1400×900 in French and English into
 * /work/notes/shots/maps/ when that folder's parent exists.
 */
import { existsSync, mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORGANISATIONS } from '../demo/demo-data.ts';
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
  PARTNER,
  PHONE,
  seriousViolations,
  widths,
} from './partner-checks.test-helpers.ts';

const WAIT = 20_000;
const SITES = '/m/chiro_gites/site';
const SHOTS = '/work/notes/shots/maps';
const EXTRA = 4000;
const available = chromiumAvailable('partner-maps.browser.test');

interface MapState {
  state: string;
  total: number;
  clusters: number;
  features: number;
}

describe.skipIf(!available)('partner level map at scale, in chromium', () => {
  let app: BrowserApp;
  let server: Started;
  let page: Page;
  let errors: ReturnType<typeof consoleErrors>;

  beforeAll(async () => {
    app = await startBrowserApp({ module: ALL_MODULES, prefix: 'maps', waitMs: WAIT });
    ({ server, page } = app);
    // Sites spread over France, every other one of the other organisation (the partner never sees them).
    await server.db.query(
      `INSERT INTO chiro_gites.site (id, organisation_id, geom, base_site_name, municipality_code, roost_type)
       SELECT md5('map' || i)::uuid, ($1::uuid[])[1 + i % 2],
         ST_SetSRID(ST_MakePoint(-4.5 + 12.5 * ((hashint4(i) & 65535) / 65536.0),
                                 42.5 + 8.5 * ((hashint4(i + 7919) & 65535) / 65536.0)), 4326),
         'Gîte carte ' || i, '26' || lpad((i % 1000)::text, 3, '0'),
         (ARRAY['BUILDING','CHURCH','CELLAR','BRIDGE','CAVE','MINE'])[1 + i % 6]
       FROM generate_series(1, $2::integer) AS i`,
      [[DEMO_ORGANISATIONS.cen.id, DEMO_ORGANISATIONS.chiro.id], EXTRA],
    );
    errors = consoleErrors(page);
    await page.setViewportSize(DESKTOP);
    await page.goto(server.url);
    await logIn(page, PARTNER.login, PARTNER.password);
  }, 240_000);

  afterAll(async () => app?.close());

  const step = (name: string, body: () => Promise<void>) => app.step(name, body);
  const map = () => page.locator('[data-testid=map-site]');
  const mapState = (): Promise<MapState> =>
    map().evaluate((el) => ({
      state: el.getAttribute('data-state') ?? '',
      total: Number(el.getAttribute('data-total')),
      clusters: Number(el.getAttribute('data-clusters')),
      features: Number(el.getAttribute('data-features')),
    }));
  /** Polls until the map shows a loaded view satisfying `test` (the state is in data-* attributes). */
  const shown = async (test: (s: MapState) => boolean): Promise<MapState> => {
    const until = Date.now() + WAIT;
    for (;;) {
      const state = await mapState();
      if (state.state === 'shown' && test(state)) return state;
      if (Date.now() > until)
        throw new Error(`the map never showed the view wanted: ${JSON.stringify(state)}`);
      await page.waitForTimeout(100);
    }
  };
  const tableTotal = async () => {
    const text = await page.locator('[data-testid=table-site] ~ .pager span').textContent();
    return Number((/—\s*([\d\s\u202f\u00a0]+)/.exec(text ?? '')?.[1] ?? '').replace(/\D/g, ''));
  };
  const setLang = (lang: 'fr' | 'en') => page.evaluate((l) => localStorage.setItem('suivi.lang', l), lang);

  it('shows clusters with counts adding up to the table’s total, without console errors', async () => {
    await step('clusters', async () => {
      await page.goto(`${server.url}${SITES}`);
      const first = await shown((s) => s.clusters > 0);
      await page.locator('[data-testid=table-site] tbody tr').first().waitFor();
      expect(first.total).toBe(await tableTotal());
      expect(first.total).toBeGreaterThanOrEqual(EXTRA / 2);
      expect(first.total).toBeLessThan(EXTRA);
      const icons = page.locator('.cluster-icon');
      // Every cluster of more than one record is a circle with its count (single records are canvas dots).
      expect(await icons.count()).toBeGreaterThan(0);
      expect(await icons.count()).toBeLessThanOrEqual(first.clusters);
      const counts = (await icons.allTextContents()).map((t) => Number(t.replace(/\D/g, '')));
      expect(counts.every((n) => n > 1)).toBe(true);
      expect(await page.locator('[data-testid=map-status-site]').textContent()).toMatch(/dans la vue/);
      expect(errors.take()).toEqual([]);
    });
  });

  it('zooms into a cluster on click, down to the records themselves', async () => {
    await step('zoom', async () => {
      let state = await mapState();
      for (let i = 0; i < 8 && state.features === 0; i++) {
        const before = state.total;
        await page.locator('.cluster-icon').first().click();
        state = await shown((s) => s.total > 0);
        expect(state.total).toBeLessThanOrEqual(before);
      }
      expect(state.features).toBeGreaterThan(0);
      if (existsSync('/work/notes')) {
        mkdirSync(SHOTS, { recursive: true });
        // The zoom animation ends before the picture: records drawn as SVG shapes, clusters as circles.
        await page.locator('[data-testid=map-site] path.leaflet-interactive').first().waitFor();
        await page.waitForTimeout(500);
        await page.screenshot({ path: `${SHOTS}/level-map-zoomed-desktop-fr.png` });
      }
      expect(errors.take()).toEqual([]);
    });
  });

  it('follows the table’s filter', async () => {
    await step('filter', async () => {
      await page.goto(`${server.url}${SITES}`);
      const all = await shown((s) => s.clusters > 0);
      const roost = page.locator('[data-testid=table-site] select:has(option[value="CAVE"])');
      await roost.selectOption('CAVE');
      const caves = await shown((s) => s.total > 0 && s.total < 1000);
      expect(caves.total).toBeLessThan(all.total);
      await page.waitForFunction(() => location.search.includes('site.roost_type=CAVE'));
      await page.locator('[data-testid=table-site] tbody tr').first().waitFor();
      expect(caves.total).toBe(await tableTotal());
      expect(await page.locator('[data-testid=map-status-site]').textContent()).toMatch(/filtres du tableau/);
      // Back on the unfiltered table (a reload of the URL without the filter), the map shows all again.
      await roost.selectOption('');
      expect((await shown((s) => s.total > 1000)).total).toBe(all.total);
      expect(errors.take()).toEqual([]);
    });
  });

  it('fits a phone, has no serious accessibility violation, and is photographed in both languages', async () => {
    await step('shots', async () => {
      const shots = existsSync('/work/notes');
      if (shots) mkdirSync(SHOTS, { recursive: true });
      for (const lang of ['fr', 'en'] as const) {
        await setLang(lang);
        for (const [name, size] of [
          ['phone', PHONE],
          ['desktop', DESKTOP],
        ] as const) {
          await page.setViewportSize(size);
          await page.goto(`${server.url}${SITES}`);
          await shown((s) => s.clusters > 0);
          await page.locator('[data-testid=table-site] tbody tr').first().waitFor();
          const { scrollWidth, innerWidth } = await widths(page);
          expect(scrollWidth, `${lang} ${name}`).toBeLessThanOrEqual(innerWidth);
          if (lang === 'en')
            expect(await page.locator('[data-testid=map-status-site]').textContent()).toMatch(/in view/);
          if (shots) {
            await map().scrollIntoViewIfNeeded();
            await page.screenshot({ path: `${SHOTS}/level-map-${name}-${lang}.png` });
          }
        }
      }
      await page.setViewportSize(DESKTOP);
      expect(await seriousViolations(page)).toEqual([]);
      expect(errors.take()).toEqual([]);
    });
  });
});
