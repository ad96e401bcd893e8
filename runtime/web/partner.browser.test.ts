/**
 * The partner app as a partner, a validator and an administrator meet it (issue 11), in chromium
 * against the real server with the amphibian module and its demo records: messages worded from the
 * fields' labels and bounds, a refusal shown at the Save button, English wherever the spec translates,
 * deletes asked first, actions by grants, listbox suggestions. SUIVI_SHOTS=<folder> saves a few
 * screenshots there (messages, the delete dialog, a refused save).
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
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
} from './partner-checks.test-helpers.ts';

const MODULE = 'amphibiens_mares';
const M = `/m/${MODULE}`;
const WAIT = 10_000;

/** The page's requests still in flight (the home page's activity, a record's child tables…). */
const inFlight = new WeakMap<Page, Set<unknown>>();
function trackRequests(page: Page): void {
  const pending = new Set<unknown>();
  page.on('request', (r) => pending.add(r));
  page.on('requestfinished', (r) => pending.delete(r));
  page.on('requestfailed', (r) => pending.delete(r));
  inFlight.set(page, pending);
}

/** Signs out once the page's own requests are done: signing out under them would answer them 401. */
async function signOut(page: Page): Promise<void> {
  for (let n = 0; n < 200 && (inFlight.get(page)?.size ?? 0) > 0; n++) await page.waitForTimeout(25);
  await call(page, 'POST', '/api/auth/logout', {});
}
const SHOTS = process.env.SUIVI_SHOTS;
const available = chromiumAvailable('partner.browser.test');

type Json = Record<string, unknown>;

describe.skipIf(!available)('partner app, issue 11, in chromium', () => {
  let app: BrowserApp;
  let server: Started;
  let page: Page;
  let browser: Browser;
  let errors: ReturnType<typeof consoleErrors>;
  /** Demo records of the partner's organisation the checks open. */
  let ids = { site: '', visitWithObservations: '', observation: '', siteOfVisit: '' };

  beforeAll(async () => {
    app = await startBrowserApp({ module: MODULE, prefix: 'partner', waitMs: WAIT });
    ({ server, page } = app);
    browser = page.context().browser() as Browser;
    errors = consoleErrors(page);
    trackRequests(page);
  }, 180_000);

  afterAll(async () => app?.close());

  const step = (name: string, body: () => Promise<void>) => app.step(name, body);
  const setLang = (lang: 'fr' | 'en') => page.evaluate((l) => localStorage.setItem('suivi.lang', l), lang);

  beforeAll(async () => {
    await page.goto(server.url);
    await logIn(page, PARTNER.login, PARTNER.password);
    ids = await demoIds(page, MODULE);
  }, 60_000);

  it('words schema errors from labels and bounds, and shows a server refusal at the Save button', async () => {
    const newVisit = `${server.url}${M}/visit/new?parent=site&parent_id=${ids.siteOfVisit}`;
    for (const [lang, passage, expertise] of [
      ['fr', 'Numéro de passage : au plus 10', 'Expertise : obligatoire'],
      ['en', 'Passage number: at most 10', 'Expertise: required'],
    ] as const) {
      await step(`messages-${lang}`, async () => {
        await setLang(lang);
        await page.goto(newVisit);
        const form = page.getByTestId('form-visit');
        await form.waitFor();
        await page.locator('#root_num_passage').fill('11');
        await form.locator('button[type=submit].primary').click();
        await form.getByText(passage).waitFor();
        await form.getByText(expertise).waitFor();
        if (SHOTS)
          await page.screenshot({ path: join(SHOTS, `messages-${lang}-desktop.png`), fullPage: true });
        expect(await form.textContent()).not.toMatch(/must |doit être <=|required property/);
      });
    }
    await step('stale-save', async () => {
      await setLang('fr');
      const url = `${M}/visit/${ids.visitWithObservations}`;
      await page.goto(`${server.url}${url}/edit`);
      const form = page.getByTestId('form-visit');
      await form.waitFor();
      // Someone else saves the visit meanwhile, in another tab: this form's row_version is stale (409).
      const tab = await browser.newContext({ viewport: DESKTOP });
      await tab.addCookies(await page.context().cookies());
      const other = await tab.newPage();
      await other.goto(`${server.url}${url}/edit`);
      await other.getByTestId('form-visit').locator('button[type=submit].primary').click();
      await other.getByTestId('record-visit').waitFor();
      await tab.close();
      await form.locator('button[type=submit].primary').click();
      const box = page.getByTestId('save-problems');
      await box.waitFor();
      const lines = box.locator('li');
      expect(await lines.count()).toBeGreaterThan(0);
      expect(await lines.first().textContent()).toMatch(/modifié depuis sa lecture/);
      // Next to the Save button, in view and focused: the user is there, not at the top.
      expect(await box.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await box.isVisible()).toBe(true);
      const saveBox = await form.locator('button[type=submit].primary').boundingBox();
      const problemBox = await box.boundingBox();
      expect(Math.abs((problemBox?.y ?? 0) - (saveBox?.y ?? 0))).toBeLessThan(200);
      if (SHOTS) await page.screenshot({ path: join(SHOTS, 'stale-save-fr-desktop.png') });
      // The browser logs the refused request itself; nothing else.
      expect(errors.take().filter((e) => !/status of 409/.test(e))).toEqual([]);
    });
  }, 60_000);

  it('shows choices, help, vocabulary values, statuses and level names in English', async () => {
    await step('english', async () => {
      await setLang('en');
      // Back to French whatever happens: the next tests read French.
      onTestFinished(() => setLang('fr'));
      await page.goto(`${server.url}${M}/visit/new?parent=site&parent_id=${ids.siteOfVisit}`);
      const form = page.getByTestId('form-visit');
      await form.waitFor();
      await form.getByText('Passage number').first().waitFor();
      await form.getByText('Number of the passage in the year, usually 1 to 3.').waitFor();
      const expertise = await page.locator('#root_expertise option').allTextContents();
      expect(expertise).toContain('Beginner');
      expect(expertise).not.toContain('Débutant');
      await form.locator('#root_accessibility').getByText('Yes', { exact: true }).waitFor();
      await form.getByText('Listening for calls').waitFor();
      await page.goto(`${server.url}${M}/sites_group`);
      const table = page.getByTestId('table-sites_group');
      await table.locator('tbody tr').first().waitFor();
      const landscapes = await table.locator('select').first().locator('option').allTextContents();
      expect(landscapes).toContain('Hedged grassland (bocage)');
      await page.getByRole('link', { name: 'Study areas' }).first().waitFor();
      await page.goto(`${server.url}${M}/observation/${ids.observation}`);
      await page
        .getByTestId('validation')
        .getByText(/Pending validation|Certain - very likely|Probable|Doubtful|Invalid|Not feasible|Unknown/)
        .first()
        .waitFor();
      expect(errors.take()).toEqual([]);
      await setLang('fr');
    });
  }, 60_000);

  it('asks before deleting, goes back to the parent, and explains attached records in place', async () => {
    let visitId = '';
    const newVisit = async () => {
      const me = await call(page, 'GET', '/api/auth/me');
      const site = await call(page, 'GET', `/api/modules/${MODULE}/site/${ids.siteOfVisit}`);
      const dataset = ((await call(page, 'GET', `/api/datasets?module=${MODULE}`)).items as Json[])[0];
      void site;
      const created = await call(page, 'POST', `/api/modules/${MODULE}/visit`, {
        site_id: ids.siteOfVisit,
        visit_date_min: '2026-03-20',
        observers: [{ user_id: me.id }],
        id_dataset: dataset?.id,
        num_passage: 2,
        expertise: 'expert',
        accessibility: 'Non',
        inaccessible_reason: 'Chemin inondé',
      });
      return String(created.id);
    };
    await step('delete-cancel-confirm', async () => {
      await page.goto(server.url);
      visitId = await newVisit();
      await page.goto(`${server.url}${M}/visit/${visitId}`);
      const record = page.getByTestId('record-visit');
      await record.waitFor();
      await record.getByRole('button', { name: 'Supprimer' }).click();
      const dialog = page.getByRole('dialog', { name: 'Supprimer cet enregistrement ?' });
      await dialog.waitFor();
      await dialog.getByRole('button', { name: 'Supprimer' }).waitFor();
      if (SHOTS) {
        await page.setViewportSize(PHONE);
        await page.screenshot({ path: join(SHOTS, 'delete-fr-phone.png') });
        await page.setViewportSize(DESKTOP);
      }
      await dialog.getByRole('button', { name: 'Annuler' }).click();
      await dialog.waitFor({ state: 'hidden' });
      expect(page.url()).toContain(visitId);
      await record.getByRole('button', { name: 'Supprimer' }).click();
      await dialog.getByRole('button', { name: 'Supprimer' }).click();
      await page.waitForURL(`**${M}/site/${ids.siteOfVisit}`);
      await page.getByTestId('record-site').waitFor();
      const gone = await page.evaluate(
        async (u) => (await fetch(u)).status,
        `/api/modules/${MODULE}/visit/${visitId}`,
      );
      expect(gone).toBe(404);
      expect(errors.take().filter((e) => !/status of 404/.test(e))).toEqual([]);
    });
    await step('delete-attached', async () => {
      await setLang('en');
      onTestFinished(() => setLang('fr'));
      await page.goto(`${server.url}${M}/visit/${ids.visitWithObservations}`);
      const record = page.getByTestId('record-visit');
      await record.getByRole('button', { name: 'Delete' }).click();
      const dialog = page.getByRole('dialog', { name: 'Delete this record?' });
      await dialog
        .getByText(/^Records are attached to it \(\d+ observations? or absences?\): delete them first\.$/)
        .waitFor();
      expect(await dialog.getByRole('button', { name: 'Delete' }).count()).toBe(0);
      await dialog.getByRole('button', { name: 'Close' }).click();
      await record.waitFor();
      await setLang('fr');
    });
    await step('delete-409', async () => {
      // Someone attaches a record between the check and the click: the server's 409 shows in the dialog.
      visitId = await newVisit();
      await page.goto(`${server.url}${M}/visit/${visitId}`);
      await page.route(`**/api/modules/${MODULE}/visit/${visitId}`, (route) =>
        route.request().method() === 'DELETE'
          ? route.fulfill({
              status: 409,
              contentType: 'application/json',
              body: JSON.stringify([
                { path: '', code: 'has_children', message: 'rattachés', children: { observation: 1 } },
              ]),
            })
          : route.fallback(),
      );
      const record = page.getByTestId('record-visit');
      await record.getByRole('button', { name: 'Supprimer' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: 'Supprimer' }).click();
      await dialog
        .getByText('Des enregistrements y sont rattachés (1 observation ou absence) : supprimez-les d’abord.')
        .waitFor();
      await dialog.getByRole('button', { name: 'Fermer' }).click();
      await record.waitFor();
      expect(page.url()).toContain(visitId);
      await page.unrouteAll();
      expect(errors.take().filter((e) => !/status of 409/.test(e))).toEqual([]);
    });
  }, 60_000);

  it('offers suggestions as a listbox: ↓ then Enter picks the first; labelled searches, large radios', async () => {
    await step('listbox', async () => {
      await page.goto(
        `${server.url}${M}/observation/new?parent=visit&parent_id=${ids.visitWithObservations}`,
      );
      const form = page.getByTestId('form-observation');
      await form.waitFor();
      const box = page.locator('#root_cd_nom');
      await box.fill('Ra');
      const list = page.getByRole('listbox');
      await list.waitFor();
      const options = list.getByRole('option');
      expect(await options.count()).toBeGreaterThan(1);
      const firstOption = options.first();
      const firstText = (await firstOption.textContent()) ?? '';
      expect(await box.getAttribute('aria-activedescendant')).toBeNull();
      await box.press('ArrowDown');
      expect(await box.getAttribute('aria-activedescendant')).toBe(await firstOption.getAttribute('id'));
      expect(await firstOption.getAttribute('aria-selected')).toBe('true');
      await box.press('Enter');
      expect(await box.inputValue()).toBe(firstText);
      // Radios are large enough to tap (WCAG 2.5.5: 44 px).
      const radio = await form.locator('#root_presence label').first().boundingBox();
      expect(radio?.height ?? 0).toBeGreaterThanOrEqual(44);
    });
    await step('observer-search', async () => {
      await page.goto(`${server.url}${M}/visit/new?parent=site&parent_id=${ids.siteOfVisit}`);
      await page.getByRole('combobox', { name: /Rechercher un observateur/ }).waitFor();
      expect(errors.take()).toEqual([]);
    });
  }, 60_000);

  it('shows actions by grants, and lists only readable modules', async () => {
    await step('validator', async () => {
      await page.goto(server.url);
      await signOut(page);
      await page.goto(server.url);
      await logIn(page, 'admin', 'suivi-admin');
      const expert = await call(page, 'POST', '/api/admin/users', {
        login: 'expert.valide',
        display_name: 'Experte Valide',
        password: 'un mot de passe assez long',
      });
      for (const action of ['R', 'V'])
        await call(page, 'POST', '/api/admin/grants', {
          user_id: expert.id,
          module: MODULE,
          action,
          scope: 'all',
        });
      await call(page, 'POST', '/api/admin/users', {
        login: 'sans.droits',
        display_name: 'Sans Droits',
        password: 'un mot de passe assez long',
      });
      await signOut(page);
      await page.goto(server.url);
      await logIn(page, 'expert.valide', 'un mot de passe assez long');
      await page.getByRole('link', { name: 'Amphibiens des mares' }).waitFor();
      await page.goto(`${server.url}${M}/sites_group`);
      await page.getByTestId('table-sites_group').locator('tbody tr').first().waitFor();
      expect(await page.getByRole('link', { name: 'Nouveau' }).count()).toBe(0);
      await page.goto(`${server.url}${M}/observation/${ids.observation}`);
      const validation = page.getByTestId('validation');
      await validation.locator('select').waitFor();
      const record = page.getByTestId('record-observation');
      expect(await record.getByRole('link', { name: 'Modifier' }).count()).toBe(0);
      expect(await record.getByRole('button', { name: 'Supprimer' }).count()).toBe(0);
      await page.goto(`${server.url}${M}/visit/${ids.visitWithObservations}`);
      await page.getByTestId('record-visit').waitFor();
      expect(await page.getByRole('link', { name: /Nouveau : / }).count()).toBe(0);
    });
    await step('no-grants', async () => {
      await signOut(page);
      await page.goto(server.url);
      await logIn(page, 'sans.droits', 'un mot de passe assez long');
      await page.getByRole('heading', { name: 'Modules' }).waitFor();
      expect(await page.locator('.modules li').count()).toBe(0);
      // The earlier accounts' home pages ask for their modules' latest activity; signed out through the API
      // under them (not through the app's button), those requests answer 401. Nothing else may fail.
      expect(errors.take().filter((e) => !/status of 401/.test(e))).toEqual([]);
      await signOut(page);
    });
  }, 60_000);
});
