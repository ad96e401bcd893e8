/**
 * The record history panel in chromium against the real server (amphibian module, demo data): a sites
 * group created, renamed through the API and edited in SQL shows each version with its author, its
 * origin and its changed fields by label; restoring the first version brings the name back as a new
 * version; restoring a version the rules refuse shows the refusal like a form's errors and changes
 * nothing. In French and English, at 1400×900 and 390×844: no sideways scroll, no serious axe
 * violation, no console error; screenshots in SUIVI_SHOTS (default /work/notes/shots/history).
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
  logIn,
  PARTNER,
  PHONE,
  seriousViolations,
  widths,
} from './partner-checks.test-helpers.ts';

const MODULE = 'amphibiens_mares';
const BASE = `/api/modules/${MODULE}/sites_group`;
const WAIT = 10_000;
const SHOTS = process.env.SUIVI_SHOTS ?? '/work/notes/shots/history';
const available = chromiumAvailable('record-history.browser.test');

describe.skipIf(!available)('the record history panel in chromium', () => {
  let app: BrowserApp;
  let server: Started;
  let page: Page;
  let errors: ReturnType<typeof consoleErrors>;
  let id = '';

  beforeAll(async () => {
    app = await startBrowserApp({ module: MODULE, prefix: 'history', waitMs: WAIT });
    ({ server, page } = app);
    errors = consoleErrors(page);
    page.on('dialog', (d) => void d.accept());
    mkdirSync(SHOTS, { recursive: true });
  }, 180_000);
  afterAll(async () => app?.close());

  const step = (name: string, body: () => Promise<void>) => app.step(name, body);
  const versions = () => page.locator('[data-testid=history-version]');
  const openHistory = async () => {
    await page.goto(`${server.url}/m/${MODULE}/sites_group/${id}`);
    await page.locator('[data-testid=record-history] summary').click();
    await versions().first().waitFor();
  };
  const checks = async (shot: string) => {
    const { scrollWidth, innerWidth } = await widths(page);
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors.take()).toEqual([]);
    await page.screenshot({ path: join(SHOTS, `${shot}.png`), fullPage: true });
  };

  it('shows who changed what, restores a version, and shows a refused restore like a form error', async () => {
    await step('setup', async () => {
      await page.goto(server.url);
      await logIn(page, PARTNER.login, PARTNER.password);
      const created = await call(page, 'POST', BASE, {
        sites_group_name: 'Mares du Grand Bois',
        landscape: 'BOCAGE',
        comments: 'Première visite du réseau',
      });
      id = String(created.id);
      await call(page, 'PUT', `${BASE}/${id}`, {
        ...created,
        sites_group_name: 'Mares du Petit Bois',
        landscape: 'WETLAND',
      });
      // A lead observer removed in SQL (the rules require one), then put back through the app.
      await server.db.query(`DELETE FROM ${MODULE}.sites_group__lead_observer WHERE record_id = $1`, [id]);
      const now = await call(page, 'GET', `${BASE}/${id}`);
      await call(page, 'PUT', `${BASE}/${id}`, { ...now, lead_observer: created.lead_observer });
    });

    for (const lang of ['fr', 'en'] as const)
      await step(`panel ${lang}`, async () => {
        await page.evaluate((l) => localStorage.setItem('suivi.lang', l), lang);
        for (const [size, viewport] of [
          ['desktop', DESKTOP],
          ['phone', PHONE],
        ] as const) {
          await page.setViewportSize(viewport);
          await openHistory();
          expect(await versions().count()).toBe(4);
          const newest = versions().first();
          const oldest = versions().last();
          await expect.poll(() => oldest.textContent()).toContain(lang === 'fr' ? 'Création' : 'Created');
          const renamed = (await versions().nth(2).textContent()) ?? '';
          expect(renamed).toContain('Mares du Grand Bois → Mares du Petit Bois');
          // The vocabulary shown by its label, the field by its label.
          expect(renamed).toMatch(
            lang === 'fr'
              ? /Contexte paysager.*Bocage, prairies et haies → Zone humide, marais/
              : /Landscape setting.*Hedged grassland \(bocage\) → Wetland, marsh/,
          );
          expect(await versions().nth(1).textContent()).toContain(
            lang === 'fr' ? 'écriture directe en base' : 'direct database write',
          );
          expect(await newest.textContent()).toContain(
            lang === 'fr' ? 'version actuelle' : 'current version',
          );
          await checks(`history-${lang}-${size}`);
        }
      });

    await step('restore refused', async () => {
      await page.evaluate(() => localStorage.setItem('suivi.lang', 'fr'));
      await page.setViewportSize(DESKTOP);
      await openHistory();
      await versions().nth(1).getByRole('button', { name: 'Restaurer cette version' }).click();
      const problems = page.locator('[data-testid=restore-problems]');
      await problems.waitFor();
      expect(await problems.textContent()).toContain('Cette version ne peut pas être restaurée');
      expect(await problems.textContent()).toContain('Observateur principal');
      expect(await versions().count()).toBe(4);
      expect((await call(page, 'GET', `${BASE}/${id}`)).sites_group_name).toBe('Mares du Petit Bois');
      // The browser logged the 422 response: expected here.
      errors.take();
      await page.screenshot({ path: join(SHOTS, 'history-fr-restore-refused.png'), fullPage: true });
    });

    await step('restore', async () => {
      await openHistory();
      await versions().last().getByRole('button', { name: 'Restaurer cette version' }).click();
      await page.getByRole('status').filter({ hasText: 'Version restaurée.' }).waitFor();
      await expect.poll(() => versions().count()).toBe(5);
      expect(await versions().first().textContent()).toContain('restauration');
      expect(await page.locator('h2').first().textContent()).toContain('Mares du Grand Bois');
      expect(errors.take()).toEqual([]);
      await page.screenshot({ path: join(SHOTS, 'history-fr-restored.png'), fullPage: true });
    });
  }, 180_000);
});
