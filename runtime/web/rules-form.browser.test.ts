/**
 * Issue 15 in the form, in chromium against the real server with the example modules: a new first
 * passage of a listening point takes its habitat from the point (a parent-valued default, filled when
 * the field shows), and a record check reading the point is shown at its field, in French and English,
 * before anything is sent.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Started } from '../server/start.ts';
import {
  ALL_MODULES,
  type BrowserApp,
  chromiumAvailable,
  startBrowserApp,
} from './browser-app.test-helpers.ts';
import { call, DESKTOP, logIn, PARTNER, PHONE } from './partner-checks.test-helpers.ts';

const BIRDS = 'oiseaux_points_ecoute';
const WAIT = 10_000;
const available = chromiumAvailable('rules-form.browser.test');
/** SUIVI_SHOTS=<folder>: screenshots of the filled default and of the check's message. */
const SHOTS = process.env.SUIVI_SHOTS;

type Json = Record<string, unknown>;

describe.skipIf(!available)('rules in the form (issue 15), in chromium', () => {
  let app: BrowserApp;
  let server: Started;
  let page: Page;
  /** POSTs of records: a form that found a problem sends none. */
  const posts: string[] = [];

  beforeAll(async () => {
    app = await startBrowserApp({ module: ALL_MODULES, prefix: 'rules', waitMs: WAIT });
    ({ server, page } = app);
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/api/modules/')) posts.push(new URL(r.url()).pathname);
    });
    await page.setViewportSize(DESKTOP);
    await page.goto(server.url);
    await logIn(page, PARTNER.login, PARTNER.password);
  }, 240_000);

  afterAll(async () => app?.close());

  const shot = async (name: string) => {
    if (!SHOTS) return;
    for (const [size, viewport] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const) {
      await page.setViewportSize(viewport);
      await page.screenshot({ path: `${SHOTS}/${name}-${size}.png`, fullPage: true });
    }
    await page.setViewportSize(DESKTOP);
  };

  const selected = (selector: string) =>
    page.$eval(selector, (el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent ?? '');

  it('fills the habitat from the point and shows the check at its field, fr and en', async () => {
    const list = await call(page, 'GET', `/api/modules/${BIRDS}/site?page_size=1`);
    const site = (list.items as Json[])[0] as Json;
    const stored = await call(page, 'GET', `/api/modules/${BIRDS}/site/${String(site.id)}`);
    await call(page, 'PUT', `/api/modules/${BIRDS}/site/${String(site.id)}`, {
      ...stored,
      point_habitat: 'B',
    });
    const cases = [
      {
        lang: 'fr',
        shrub: 'Buissons, fourrés',
        grass: 'Pelouses, landes',
        says: "L'habitat principal diffère",
      },
      { lang: 'en', shrub: 'Scrub', grass: 'Grassland, heath', says: 'The main habitat differs' },
    ] as const;
    for (const c of cases) {
      // The French run left a draft of this new passage: start afresh, once its form is gone (its
      // autosave, 300 ms after the last edit, could otherwise write the draft again after the clearing).
      await page.goto(server.url);
      await page.evaluate((lang) => {
        for (const key of Object.keys(localStorage)) if (key !== 'suivi.lang') localStorage.removeItem(key);
        localStorage.setItem('suivi.lang', lang);
      }, c.lang);
      await page.goto(`${server.url}/m/${BIRDS}/visit/new?parent=site&parent_id=${String(site.id)}`);
      const form = page.locator('[data-testid=form-visit]');
      await form.waitFor();
      // Asked at the first passage, with the point's habitat.
      await page.locator('#root_num_passage-0').check();
      await page.locator('#root_habitat_primary').waitFor();
      await expect.poll(() => selected('#root_habitat_primary')).toBe(c.shrub);
      await shot(`parent-default-${c.lang}`);
      await page.selectOption('#root_habitat_primary', { label: c.grass });
      const before = posts.length;
      await form.locator('button.primary').click();
      const message = form.getByText(c.says);
      await message.waitFor();
      // At the field the check lists: under « Habitat modifié depuis l'an dernier ».
      const at = await message.evaluate(
        (el) => el.closest('.form-group')?.querySelector('#root_habitat_changed') !== null,
      );
      expect(at).toBe(true);
      expect(posts.length).toBe(before);
      await shot(`check-error-${c.lang}`);
      // Ticked, the check passes (the other problems of the empty form remain, and nothing is sent yet).
      await page.locator('#root_habitat_changed').check();
      await form.locator('button.primary').click();
      await expect.poll(() => form.getByText(c.says).count()).toBe(0);
    }
    await page.evaluate(() => localStorage.setItem('suivi.lang', 'fr'));
  }, 120_000);
});
