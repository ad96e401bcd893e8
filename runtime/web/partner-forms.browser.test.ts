/**
 * Issue 11, items 8 and 9, in chromium against the real server with every example module and its demo
 * records: the taxon filter applies typed text without a picked suggestion (and keeps it in the URL);
 * the home page shows each module's counts and latest changes and the user's drafts (kept as they type,
 * resumed, discarded, cleared by a save); the forms list the protocol's fields before comment and media,
 * check rule bounds, date windows, decimals and unpicked taxa before sending anything, leave a date empty
 * when today is outside its window, and ↓ then Enter picks the first suggestion. Every page visited fits
 * 390 px, passes axe-core and logs no console error.
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

const AMPHI = 'amphibiens_mares';
const BIRDS = 'oiseaux_points_ecoute';
const WAIT = 10_000;
const available = chromiumAvailable('partner-forms.browser.test');
/** SUIVI_SHOTS=<folder>: screenshots of the checks' messages and of the home page with drafts. */
const SHOTS = process.env.SUIVI_SHOTS;

type Json = Record<string, unknown>;

describe.skipIf(!available)('partner forms, tables and home page, issue 11, in chromium', () => {
  let app: BrowserApp;
  let server: Started;
  let page: Page;
  let errors: ReturnType<typeof consoleErrors>;
  /** Records the API refused to create during the test: none may be sent by a form that found problems. */
  let posts: string[] = [];

  beforeAll(async () => {
    app = await startBrowserApp({ module: ALL_MODULES, prefix: 'forms', waitMs: WAIT });
    ({ server, page } = app);
    errors = consoleErrors(page);
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/api/modules/')) posts.push(new URL(r.url()).pathname);
    });
    page.on('dialog', (d) => void d.accept());
    await page.setViewportSize(DESKTOP);
    await page.goto(server.url);
    await logIn(page, PARTNER.login, PARTNER.password);
  }, 240_000);

  afterAll(async () => app?.close());

  const step = (name: string, body: () => Promise<void>) => app.step(name, body);
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
  const first = async (path: string) => ((await call(page, 'GET', path)).items as Json[])[0] as Json;

  /** The page checks of every page: fits a phone, axe-clean at both sizes, no console error. */
  async function checkPage(ready: string) {
    const problems: string[] = [];
    for (const viewport of [PHONE, DESKTOP]) {
      await page.setViewportSize(viewport);
      await page.locator(ready).first().waitFor();
      const w = await widths(page);
      if (w.scrollWidth > w.innerWidth) problems.push(`${page.url()} ${viewport.width}: ${w.scrollWidth} px`);
      problems.push(...(await seriousViolations(page)));
    }
    problems.push(...errors.take());
    expect(problems).toEqual([]);
  }

  it('filters a table on a typed taxon name without a picked suggestion, kept in the URL', async () => {
    await step('taxon-filter', async () => {
      const observation = await first(`/api/modules/${AMPHI}/observation?page_size=1&presence=Oui`);
      const taxa = await call(page, 'GET', `/api/taxa?cd_nom=${String(observation.cd_nom)}`);
      const name = String(((taxa.items as Json[])[0] as Json).lb_nom);
      const typed = name.split(' ')[0]?.toLowerCase().slice(0, 5) ?? '';
      const all = Number((await call(page, 'GET', `/api/modules/${AMPHI}/observation?page_size=1`)).total);
      const matching = Number(
        (await call(page, 'GET', `/api/modules/${AMPHI}/observation?page_size=1&cd_nom[name]=${typed}`))
          .total,
      );
      expect(matching).toBeGreaterThan(0);
      await page.goto(`${server.url}/m/${AMPHI}/observation`);
      await page.locator('[data-testid=table-observation] tbody tr').first().waitFor();
      const listed = page.waitForResponse((r) => r.url().includes(encodeURIComponent('cd_nom[name]')));
      await page.locator('[data-testid=filter-cd_nom]').fill(typed);
      await listed;
      await expect.poll(() => page.url()).toContain(`observation.cd_nom%5Bname%5D=${typed}`);
      const pager = page.locator('[data-testid=table-observation] ~ .pager span');
      await expect
        .poll(async () => (await pager.textContent())?.replace(/\D/g, ''))
        .toMatch(new RegExp(`${matching}$`));
      if (matching < all) expect(await pager.textContent()).not.toMatch(new RegExp(`\\b${all}\\b`));
      // Back from a record restores the typed filter, in the box and in the query.
      await page.locator('[data-testid=table-observation] tbody tr a').first().click();
      await page.locator('[data-testid=record-observation]').waitFor();
      await page.goBack();
      await expect.poll(() => page.locator('[data-testid=filter-cd_nom]').inputValue()).toBe(typed);
      await checkPage('[data-testid=table-observation] tbody tr');
    });
  }, 90_000);

  it('lists the protocol’s fields first, checks bounds and unpicked taxa before sending, ↓ Enter picks the first', async () => {
    const visit = await first(`/api/modules/${AMPHI}/visit?page_size=1`);
    await step('order', async () => {
      await page.goto(`${server.url}/m/${AMPHI}/observation/new?parent=visit&parent_id=${String(visit.id)}`);
      await page.locator('[data-testid=form-observation]').waitFor();
      await page.getByLabel('Oui', { exact: true }).check();
      await page.getByLabel('Estimé', { exact: true }).check();
      const ids = await page.evaluate(() =>
        Array.from(document.querySelectorAll('[data-testid=form-observation] [id^=root_]'), (e) => e.id),
      );
      const at = (key: string) => ids.findIndex((id) => id.startsWith(`root_${key}`));
      for (const own of ['presence', 'cd_nom', 'count_min', 'count_max'])
        expect(at(own), own).toBeLessThan(at('comments'));
      expect(at('comments')).toBeLessThan(at('medias'));
    });
    await step('first-suggestion', async () => {
      const box = page.locator('#root_cd_nom');
      await box.fill('bu');
      const options = page.locator('#root_cd_nom-suggestions [role=option]');
      await options.first().waitFor();
      const firstOption = await options.first().textContent();
      await box.press('ArrowDown');
      await expect
        .poll(() => box.getAttribute('aria-activedescendant'))
        .toBe('root_cd_nom-suggestions-option-0');
      await box.press('Enter');
      expect(await box.inputValue()).toBe(firstOption);
    });
    await step('checks-before-sending', async () => {
      posts = [];
      const box = page.locator('#root_cd_nom');
      await box.fill('zzzz pas un taxon');
      await page.locator('#root_count_min').fill('5');
      await page.locator('#root_count_max').fill('2');
      await page.locator('[data-testid=form-observation] button.primary').click();
      const form = page.locator('[data-testid=form-observation]');
      await form.getByText('choisissez un taxon dans la liste').waitFor();
      // The server's own sentence for a rule bound.
      await form.getByText('doit valoir au moins 5').waitFor();
      expect(posts).toEqual([]);
      await shot('form-checks-fr');
      await checkPage('[data-testid=form-observation]');
    });
  }, 90_000);

  it('refuses extra decimals and leaves a date out of its window empty, before sending', async () => {
    await step('decimals', async () => {
      const site = await first(`/api/modules/${AMPHI}/site?page_size=1`);
      await page.goto(`${server.url}/m/${AMPHI}/visit/new?parent=site&parent_id=${String(site.id)}`);
      await page.locator('#root_water_temperature').fill('12.55');
      posts = [];
      await page.locator('[data-testid=form-visit] button.primary').click();
      await page.locator('[data-testid=form-visit]').getByText('a trop de décimales (au plus 1)').waitFor();
      expect(posts).toEqual([]);
      await page.evaluate(() => localStorage.setItem('suivi.lang', 'en'));
      await page.reload();
      await page.locator('#root_water_temperature').fill('12.55');
      await page.locator('[data-testid=form-visit] button.primary').click();
      await page.locator('[data-testid=form-visit]').getByText('too many decimals (at most 1)').waitFor();
      await page.evaluate(() => localStorage.setItem('suivi.lang', 'fr'));
    });
    await step('date-window', async () => {
      const site = await first(`/api/modules/${BIRDS}/site?page_size=1`);
      await page.goto(`${server.url}/m/${BIRDS}/visit/new?parent=site&parent_id=${String(site.id)}`);
      const date = page.locator('#root_visit_date_min');
      await date.waitFor();
      const today = new Date().toISOString().slice(0, 10);
      const month = Number(today.slice(5, 7));
      // The first passage runs from 1 April to 8 May, the second to 15 June: outside, no default.
      if (month < 4 || month > 6) expect(await date.inputValue()).toBe('');
      const year = today.slice(0, 4);
      await page.getByLabel('1er passage (avant le 8 mai)').check();
      await date.fill(`${year}-07-01`);
      posts = [];
      await page.locator('[data-testid=form-visit] button.primary').click();
      await page.locator('[data-testid=form-visit]').getByText(`doit valoir au plus ${year}-05-08`).waitFor();
      expect(posts).toEqual([]);
    });
  }, 90_000);

  it('shows each module’s activity and the user’s drafts on the home page', async () => {
    await step('activity', async () => {
      await page.goto(server.url);
      const card = page.locator(`[data-testid=home-${AMPHI}]`);
      await card.locator('.latest li').first().waitFor();
      expect(await card.locator('.counts').textContent()).toMatch(/ : \d+/);
      expect(await card.locator('.latest li').first().textContent()).toMatch(/(créé|modifié) \d{1,2} /);
      await checkPage(`[data-testid=home-${AMPHI}] .latest li`);
      // Each change names its record as the record's page does, not its level; the link opens it.
      const latest = card.locator('.latest li').first();
      const level = ((await latest.locator('.level-name').textContent()) ?? '').replace(/\s*:\s*$/, '');
      const link = latest.locator('a');
      const name = ((await link.textContent()) ?? '').trim();
      expect(name).not.toBe('');
      expect(name).not.toBe(level);
      expect(await link.getAttribute('href')).toMatch(new RegExp(`^/m/${AMPHI}/\\w+/[0-9a-f-]{36}$`));
      await link.click();
      await page.locator('h2').filter({ hasText: name }).waitFor();
    });
    await step('draft-resume-save', async () => {
      // The forms filled above left their drafts (unsaved, as they should): this step starts without them.
      expect(
        await page.evaluate(
          () => Object.keys(localStorage).filter((k) => k.startsWith('suivi.draft.')).length,
        ),
      ).toBeGreaterThan(0);
      await page.evaluate(() => {
        for (const k of Object.keys(localStorage))
          if (k.startsWith('suivi.draft.')) localStorage.removeItem(k);
      });
      await page.goto(`${server.url}/m/${AMPHI}/sites_group/new`);
      await page.locator('#root_sites_group_name').fill('Brouillon de zone');
      await page.waitForTimeout(600); // the draft is written a moment after typing stops
      await page.goto(server.url);
      const drafts = page.locator('[data-testid=drafts]');
      await drafts.locator('li').first().waitFor();
      expect(await drafts.textContent()).toContain('Nouveau : Aire');
      await shot('home-drafts-fr');
      await checkPage('[data-testid=drafts] li');
      await drafts.getByRole('link').first().click();
      await page.locator('[data-testid=draft-restored]').waitFor();
      expect(await page.locator('#root_sites_group_name').inputValue()).toBe('Brouillon de zone');
      await page.locator('#root_landscape').selectOption({ index: 1 });
      await page.locator('[data-testid=form-sites_group] button.primary').click();
      await page.locator('[data-testid=record-sites_group]').waitFor();
      const left = await page.evaluate(() =>
        Object.keys(localStorage).filter((k) => k.startsWith('suivi.draft.')),
      );
      expect(left).toEqual([]);
    });
    await step('draft-discard', async () => {
      await page.goto(`${server.url}/m/${AMPHI}/sites_group/new`);
      await page.locator('#root_sites_group_name').fill('À jeter');
      await page.waitForTimeout(600);
      await page.goto(server.url);
      const drafts = page.locator('[data-testid=drafts]');
      await drafts.getByRole('button', { name: 'Abandonner' }).click();
      await drafts.waitFor({ state: 'detached' });
      expect(
        await page.evaluate(() => Object.keys(localStorage).some((k) => k.startsWith('suivi.draft.'))),
      ).toBe(false);
      expect(errors.take()).toEqual([]);
    });
  }, 90_000);
});
