/**
 * Offline field entry (issue 16) in chromium with its offline emulation (`context.setOffline`), against
 * the real server and the amphibian module's demo data, as the "Done when" lists:
 * 1. load the app (its service worker installs), take an area offline, go offline;
 * 2. create a site (GPS position), a visit and three observations (one with a photo), reload offline:
 *    all still there;
 * 3. online again: the sync puts every record on the server exactly once;
 * 4. the same sync request replayed: still exactly once;
 * 5. another user edits a record meanwhile: the conflict is shown side by side, the user's choice wins;
 * 6. an observation the server refuses stays in the outbox with its error.
 * SUIVI_SHOTS=<folder> saves the offline page, a conflict and a refused item (fr/en, desktop/phone).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Started } from '../server/start.ts';
import { iconPng } from './app-manifest.ts';
import { type BrowserApp, chromiumAvailable, startBrowserApp } from './browser-app.test-helpers.ts';
import { type ApiClient, apiAs, cachedTiles, outboxOf } from './offline.test-helpers.ts';
import {
  consoleErrors,
  DESKTOP,
  logIn,
  PARTNER,
  PHONE,
  seriousViolations,
} from './partner-checks.test-helpers.ts';

const MODULE = 'amphibiens_mares';
const M = `/m/${MODULE}`;
const WAIT = 15_000;
const SHOTS = process.env.SUIVI_SHOTS;
const TILES = 'https://tiles.test/{z}/{x}/{y}.png';
const available = chromiumAvailable('offline.browser.test');
type Json = Record<string, unknown>;
/** What a client sends back of a record: its fields, parent link and version, not the envelope. */
const SITE_FIELDS = [
  'geometry',
  'base_site_name',
  'water_body_type',
  'first_use_date',
  'permanence',
  'sites_group_id',
  'row_version',
];
const editable = (r: Json) =>
  Object.fromEntries(Object.entries(r).filter(([k, v]) => SITE_FIELDS.includes(k) && v !== null));

describe.skipIf(!available)('offline field entry, issue 16, in chromium', () => {
  let app: BrowserApp;
  let server: Started;
  let page: Page;
  let errors: ReturnType<typeof consoleErrors>;
  let partner: ApiClient;
  let admin: ApiClient;
  let group: Json = {};
  const ids = { site: '', visit: '' };
  const batches: string[] = [];

  beforeAll(async () => {
    app = await startBrowserApp({ module: MODULE, prefix: 'offline', waitMs: WAIT, serviceWorkers: 'allow' });
    ({ server, page } = app);
    const context = page.context();
    // The base map from a tile server of the test's own (no network here).
    await page.addInitScript((t) => localStorage.setItem('suivi.tiles', t), TILES);
    const tile = iconPng(256);
    await context.route('https://tiles.test/**', (route) =>
      route.fulfill({
        status: 200,
        contentType: 'image/png',
        body: tile,
        headers: { 'access-control-allow-origin': '*' },
      }),
    );
    await context.grantPermissions(['geolocation'], { origin: server.url });
    await context.setGeolocation({ latitude: 45.71, longitude: 4.81, accuracy: 12 });
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith(`/api/modules/${MODULE}/batch`))
        batches.push(r.postData() ?? '');
    });
    errors = consoleErrors(page);
    partner = await apiAs(server.url, PARTNER.login, PARTNER.password);
    admin = await apiAs(server.url, 'admin', 'suivi-admin');
    group = (await partner.items(`/api/modules/${MODULE}/sites_group?page_size=100`))[0] as Json;
  }, 180_000);

  afterAll(async () => app?.close());

  const step = (name: string, body: () => Promise<void>) => app.step(name, body);
  const offline = (on: boolean) => page.context().setOffline(on);
  const save = () => page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  const shots = async (name: string, ready: string) => {
    if (!SHOTS) return;
    mkdirSync(SHOTS, { recursive: true });
    for (const lang of ['fr', 'en'] as const) {
      for (const [size, viewport] of [
        ['desktop', DESKTOP],
        ['phone', PHONE],
      ] as const) {
        await page.setViewportSize(viewport);
        await page.evaluate((l) => localStorage.setItem('suivi.lang', l), lang);
        await page.reload();
        await page.locator(ready).first().waitFor();
        await page.screenshot({ path: join(SHOTS, `${name}-${lang}-${size}.png`), fullPage: true });
      }
    }
    await page.setViewportSize(DESKTOP);
    await page.evaluate(() => localStorage.setItem('suivi.lang', 'fr'));
    await page.reload();
  };

  it('installs, takes an area offline (records and map tiles) and goes offline', async () => {
    await step('install', async () => {
      await page.goto(server.url);
      await logIn(page, PARTNER.login, PARTNER.password);
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
      const sw = await fetch(`${server.url}/sw.js`);
      expect(sw.headers.get('cache-control')).toBe('no-cache');
      expect(sw.headers.get('content-type')).toMatch(/^text\/javascript/);
      const manifest = await fetch(`${server.url}/manifest.webmanifest`);
      expect(manifest.headers.get('content-type')).toBe('application/manifest+json');
      const body = (await manifest.json()) as { display: string; icons: { src: string }[] };
      expect(body.display).toBe('standalone');
      for (const icon of body.icons) expect((await fetch(`${server.url}${icon.src}`)).status).toBe(200);
    });
    await step('take-offline', async () => {
      await page.getByRole('link', { name: 'Zones hors ligne' }).click();
      await page.getByLabel(String(group.sites_group_name)).check();
      await page.getByLabel('Zoom maximal du fond de carte').fill('12');
      await page.getByRole('button', { name: 'Estimer' }).click();
      const estimate = page.getByTestId('estimate');
      await estimate.getByText('Sites aquatiques').waitFor();
      await page.getByRole('button', { name: 'Télécharger sur cet appareil' }).click();
      await page.getByText('Zone enregistrée sur cet appareil.').waitFor();
      await page.getByTestId('stored-area').waitFor();
      expect(await cachedTiles(page)).toBeGreaterThan(10);
      expect(await seriousViolations(page)).toEqual([]);
    });
    await offline(true);
    expect(errors.take()).toEqual([]);
  }, 120_000);

  it('enters a site, a visit and three observations offline, all kept across a reload', async () => {
    await step('site', async () => {
      await page.goto(`${server.url}${M}/sites_group/${String(group.id)}`);
      await page.getByRole('link', { name: /Nouveau : Site aquatique/ }).click();
      await page.locator('#root_base_site_name').fill('Mare hors ligne');
      await page.getByTestId('my-position').click();
      await page.getByTestId('gps-accuracy').getByText('± 12 m').waitFor();
      await save();
      await page
        .getByTestId('record-site')
        .getByRole('heading', { name: /Mare hors ligne/ })
        .waitFor();
      ids.site = page.url().split('/').at(-1) ?? '';
    });
    await step('visit', async () => {
      await page.getByRole('link', { name: /Nouveau : Passage/ }).click();
      const form = page.getByTestId('form-visit');
      await form.locator('.chips li').first().waitFor();
      await page.locator('#root_id_dataset').selectOption({ index: 1 });
      await page.locator('#root_expertise').selectOption({ label: 'Débutant' });
      await form.locator('#root_accessibility').getByLabel('Oui').check();
      await page.locator('#root_start_time').fill('21:00');
      await page.locator('#root_end_time').fill('22:00');
      await form.locator('#root_site_state').getByLabel('Site existant, inchangé').check();
      await save();
      await page.getByTestId('record-visit').waitFor();
      ids.visit = page.url().split('/').at(-1) ?? '';
    });
    await step('observations', async () => {
      await page.getByRole('link', { name: /Nouveau : Observation/ }).click();
      const form = page.getByTestId('form-observation');
      for (const n of [1, 2, 3]) {
        await form.getByLabel('Non (absence)').check();
        await page.locator('#root_comments').fill(`Observation ${n}`);
        if (n === 1) {
          await form
            .locator('input[type=file]')
            .first()
            .setInputFiles({ name: 'mare.png', mimeType: 'image/png', buffer: iconPng(64) });
          await form.locator('.media-item img').waitFor();
        }
        if (n < 3) {
          await page.getByRole('button', { name: 'Enregistrer et saisir le suivant' }).click();
          await form.getByText('Enregistré.').waitFor();
        } else await save();
      }
      await page.getByTestId('record-observation').waitFor();
    });
    await step('reload', async () => {
      await page.reload();
      await page.getByTestId('outbox-badge').getByText('5').waitFor();
      await page.goto(`${server.url}${M}/visit/${ids.visit}`);
      await expect.poll(() => page.locator('[data-testid=table-observation] tbody tr').count()).toBe(3);
      expect((await outboxOf(page)).map((o) => o.level)).toEqual([
        'site',
        'visit',
        'observation',
        'observation',
        'observation',
      ]);
    });
    expect(errors.take()).toEqual([]);
  }, 120_000);

  it('syncs when back online: every record on the server exactly once, even when the request is replayed', async () => {
    const count = async () => ({
      sites: (
        await admin.items(`/api/modules/${MODULE}/site?sites_group_id=${String(group.id)}&page_size=100`)
      ).filter((s) => s.base_site_name === 'Mare hors ligne').length,
      visits: (await admin.items(`/api/modules/${MODULE}/visit?site_id=${ids.site}`)).length,
      observations: (await admin.items(`/api/modules/${MODULE}/observation?visit_id=${ids.visit}`)).length,
    });
    await step('sync', async () => {
      await offline(false);
      await expect.poll(() => outboxOf(page), { timeout: WAIT }).toEqual([]);
      expect(await count()).toEqual({ sites: 1, visits: 1, observations: 3 });
      const photos = (await admin.items(`/api/modules/${MODULE}/observation?visit_id=${ids.visit}`)).flatMap(
        (o) => (o.medias as { storage_key: string }[] | null) ?? [],
      );
      expect(photos).toHaveLength(1);
      expect((await admin.call('GET', `/api/media/${photos[0]?.storage_key}`)).status).toBe(200);
    });
    await step('replay', async () => {
      expect(batches).toHaveLength(1);
      const replay = await partner.call(
        'POST',
        `/api/modules/${MODULE}/batch`,
        JSON.parse(batches[0] ?? '{}'),
      );
      expect(replay.status).toBe(200);
      expect((replay.body as { results: { status: number }[] }).results.map((r) => r.status)).toEqual([
        200, 200, 200, 200, 200,
      ]);
      expect(await count()).toEqual({ sites: 1, visits: 1, observations: 3 });
    });
    expect(errors.take()).toEqual([]);
  }, 120_000);

  it('shows a conflict side by side and keeps the version the user chooses', async () => {
    await step('edit-offline', async () => {
      await offline(true);
      await page.goto(`${server.url}${M}/site/${ids.site}/edit`);
      await page.locator('#root_base_site_description').fill('Vu du terrain');
      await save();
      await page.getByTestId('record-site').waitFor();
      const site = (await admin.call('GET', `/api/modules/${MODULE}/site/${ids.site}`)).body as Json;
      const put = await admin.call('PUT', `/api/modules/${MODULE}/site/${ids.site}`, {
        ...editable(site),
        base_site_description: 'Vu du bureau',
      });
      expect(put.status).toBe(200);
    });
    await step('conflict', async () => {
      await offline(false);
      await expect.poll(async () => (await outboxOf(page))[0]?.state, { timeout: WAIT }).toBe('conflict');
      await page.goto(`${server.url}/outbox`);
      const row = page.getByTestId('conflict-base_site_description');
      expect(await row.locator('.mine').textContent()).toBe('Vu du terrain');
      expect(await row.locator('.theirs').textContent()).toBe('Vu du bureau');
      expect(await seriousViolations(page)).toEqual([]);
      await shots('outbox-conflict', '[data-testid=conflict]');
      await page.getByRole('button', { name: 'Garder la mienne' }).click();
      await page.getByTestId('sync').click();
      await page.getByTestId('outbox-empty').waitFor();
      const site = (await admin.call('GET', `/api/modules/${MODULE}/site/${ids.site}`)).body as Json;
      expect(site.base_site_description).toBe('Vu du terrain');
    });
    expect(errors.take()).toEqual([]);
  }, 120_000);

  it('keeps an observation the server refuses in the outbox with its error', async () => {
    await step('refused', async () => {
      await offline(true);
      await page.goto(`${server.url}${M}/observation/new?parent=visit&parent_id=${ids.visit}`);
      await page.getByTestId('form-observation').getByLabel('Non (absence)').check();
      await page.locator('#root_comments').fill('Sur un passage supprimé');
      await save();
      await page.getByTestId('record-observation').waitFor();
      // Meanwhile another user deletes the visit (its observations first): the new one has no parent.
      for (const o of await admin.items(`/api/modules/${MODULE}/observation?visit_id=${ids.visit}`))
        expect(
          (await admin.call('DELETE', `/api/modules/${MODULE}/observation/${String(o.id)}`)).status,
        ).toBeLessThan(300);
      expect((await admin.call('DELETE', `/api/modules/${MODULE}/visit/${ids.visit}`)).status).toBeLessThan(
        300,
      );
      await offline(false);
      await expect.poll(async () => (await outboxOf(page))[0]?.state, { timeout: WAIT }).toBe('refused');
      await page.goto(`${server.url}/outbox`);
      await page.getByTestId('outbox-errors').waitFor();
      await page.reload();
      expect(await page.getByTestId('outbox-item').getAttribute('data-state')).toBe('refused');
      expect(await seriousViolations(page)).toEqual([]);
      await shots('outbox-refused', '[data-testid=outbox-errors]');
      await page.goto(`${server.url}/offline`);
      await page.getByTestId('stored-area').waitFor();
      await shots('offline-area', '[data-testid=stored-area]');
    });
    expect(errors.take()).toEqual([]);
  }, 120_000);
});
