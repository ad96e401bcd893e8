/**
 * The partner web app in a real browser (Debian's chromium through playwright-core) against the real
 * server on a fresh PGlite data dir: log in as a partner, create a site by clicking the map, a visit, an
 * observation whose conditional fields appear, then find the observation in its list and the site on the
 * map. Without chromium the test is skipped with the reason printed, except under CI=true where it fails.
 * Screenshots of a failure go to test-results/.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Started } from '../server/start.ts';
import { type BrowserApp, chromiumAvailable, startBrowserApp } from './browser-app.test-helpers.ts';

const MODULE = 'amphibiens_mares';
const WAIT = 8_000;
const available = chromiumAvailable('web.browser.test');

describe.skipIf(!available)('partner web app in chromium', () => {
  let app: BrowserApp;
  let server: Started;
  let page: Page;
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    let t = performance.now();
    const lap = (name: string) => {
      timings[name] = Math.round(performance.now() - t);
      t = performance.now();
    };
    app = await startBrowserApp({ module: MODULE, prefix: 'web', waitMs: WAIT, lap });
    ({ server, page } = app);
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    console.log('web.browser.test timings (ms):', JSON.stringify(timings));
  });

  /** Runs one step and times it; a failing step leaves a screenshot (browser-app.test-helpers.ts). */
  async function step(name: string, body: () => Promise<void>) {
    const started = performance.now();
    await app.step(name, body);
    timings[name] = Math.round(performance.now() - started);
  }

  it('logs in, creates a site on the map, a visit, an observation, and finds them again', async () => {
    await step('login', async () => {
      await page.goto(server.url);
      const login = page.locator('input[name=login]');
      const modules = page.getByText('Amphibiens des mares');
      await login.or(modules).first().waitFor();
      if (await login.isVisible()) {
        await login.fill('partenaire.cen');
        await page.locator('input[name=password]').fill('suivi-cen');
        await page.getByRole('button', { name: 'Connexion' }).click();
      }
      await modules.click();
      await page.getByRole('heading', { name: /Aires/ }).waitFor();
    });

    let groupId = '';
    let visitUrl = '';
    await step('sites-group', async () => {
      // The area above the site comes from the API (as an import would): the test is about the site.
      groupId = await page.evaluate(async (module) => {
        const me = await fetch('/api/auth/me').then((r) => (r.ok ? r.json() : null));
        const response = await fetch(`/api/modules/${module}/sites_group`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            sites_group_name: 'Aire du test',
            landscape: 'BOCAGE',
            ...(me ? { lead_observer: { user_id: me.id } } : {}),
          }),
        });
        const body = await response.json();
        if (!response.ok) throw new Error(JSON.stringify(body));
        return body.id as string;
      }, MODULE);
      await page.goto(`${server.url}/m/${MODULE}/sites_group/${groupId}`);
      await page.getByRole('heading', { name: /Aire du test/ }).waitFor();
    });

    await step('site', async () => {
      await page.getByRole('link', { name: /Nouveau : Site aquatique/ }).click();
      await page.locator('#root_base_site_name').fill('Mare du test');
      const map = page.getByTestId('geometry-map');
      await map.click({ position: { x: 200, y: 150 } });
      await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
      await page
        .getByTestId('record-site')
        .getByRole('heading', { name: /Mare du test/ })
        .waitFor();
    });

    await step('visit', async () => {
      await page.getByRole('link', { name: /Nouveau : Passage/ }).click();
      const form = page.getByTestId('form-visit');
      await form.waitFor();
      // Observers default to the signed-in user; without accounts, a free-text name.
      if ((await form.locator('.chips li').count()) === 0) {
        await page.locator('#root_observers-search').fill('Camille Test');
        await page.locator('#root_observers-search').press('Enter');
      }
      await page.locator('#root_id_dataset').selectOption({ index: 1 });
      await page.locator('#root_expertise').selectOption({ label: 'Débutant' });
      // Live rules: an inaccessible site hides the survey fields and asks why; accessible shows them back.
      await form.locator('#root_accessibility').getByLabel('Non').check();
      await page.locator('#root_start_time').waitFor({ state: 'detached' });
      await page.locator('#root_inaccessible_reason').waitFor();
      await form.locator('#root_accessibility').getByLabel('Oui').check();
      // Accessible on a first passage: the site state and survey fields appear.
      await page.locator('#root_start_time').fill('21:00');
      await page.locator('#root_end_time').fill('22:00');
      await form.locator('#root_site_state').getByLabel('Site existant, inchangé').check();
      await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
      await page.getByTestId('record-visit').waitFor();
      visitUrl = page.url();
      // The dataset the form chose by itself is shown by its name, not its uuid.
      await page
        .getByTestId('record-visit')
        .getByText(/jeu de démonstration/)
        .waitFor();
    });

    await step('observation', async () => {
      await page.getByRole('link', { name: /Nouveau : Observation/ }).click();
      const form = page.getByTestId('form-observation');
      await form.waitFor();
      await form.getByLabel('Non (absence)').check();
      await page.locator('#root_count_min').waitFor({ state: 'detached' });
      await form.getByLabel('Oui', { exact: true }).check();
      await page.locator('#root_count_min').fill('3');
      await page.locator('#root_cd_nom').fill('Alyte');
      await form.getByRole('listbox').getByRole('option').first().click();
      await form.locator('#root_detection_method').getByLabel('Vu', { exact: true }).check();
      await form.locator('#root_count_type').getByLabel('Compté').check();
      // "Save and add the next one": a blank form again, but the level's `keep` fields stay.
      await page.getByRole('button', { name: 'Enregistrer et saisir le suivant' }).click();
      await form.getByText('Enregistré.').waitFor();
      expect(await page.locator('#root_count_min').inputValue()).toBe('');
      expect(await form.locator('#root_detection_method').getByLabel('Vu', { exact: true }).isChecked()).toBe(
        true,
      );
      await page.locator('#root_count_min').fill('5');
      await page.locator('#root_cd_nom').fill('Alyte');
      await form.getByRole('listbox').getByRole('option').first().click();
      await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
      const record = page.getByTestId('record-observation');
      await record.waitFor();
      // The stored cd_nom is shown by name, on the record page and in the form that edits it.
      await record.getByRole('heading', { name: /Alytes obstetricans/ }).waitFor();
      // Pending validation; a partner (no Validate grant) sees the status but no form to change it.
      const validation = page.getByTestId('validation');
      await validation.getByText('En attente de validation').waitFor();
      expect(await validation.locator('select').count()).toBe(0);
      await record.getByRole('link', { name: 'Modifier' }).click();
      await expect.poll(() => page.locator('#root_cd_nom').inputValue()).toMatch(/^Alytes obstetricans/);
      await page.getByRole('link', { name: 'Annuler' }).click();
    });

    await step('find', async () => {
      // The demo records are there too: count the test's own observations, on its visit's page.
      await page.goto(visitUrl);
      const rows = page.getByTestId('table-observation').locator('tbody tr');
      await rows.first().waitFor();
      expect(await rows.count()).toBe(2);
      await rows.first().getByText('En attente de validation').waitFor();
      await page.goto(`${server.url}/m/${MODULE}/site`);
      const sites = page.getByTestId('table-site');
      await sites.getByText('Mare du test').waitFor();
      // The name column's filter (text contains) leaves only the test's pond among the demo ones.
      expect(await sites.locator('tbody tr').count()).toBeGreaterThan(1);
      await sites.locator('.filters input').first().fill('du tes');
      await expect.poll(() => sites.locator('tbody tr').count()).toBe(1);
      await sites.getByText('Mare du test').waitFor();
      // Its area's map shows only its site (the list's map has the demo ponds as well).
      await page.goto(`${server.url}/m/${MODULE}/sites_group/${groupId}`);
      const marker = page.getByTestId('map-site').locator('path.leaflet-interactive').first();
      await marker.click();
      await page
        .getByTestId('record-site')
        .getByRole('heading', { name: /Mare du test/ })
        .waitFor();
    });
  }, 60_000);
});
