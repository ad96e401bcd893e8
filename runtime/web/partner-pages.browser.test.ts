/**
 * Every page of the partner app (issue 11), in chromium against the real server with the amphibian
 * module and its demo records: in French and English, at 1400×900 and 390×844, none scrolls sideways,
 * axe-core finds no serious or critical violation at either size (the admin pages too), each names itself in its <title> and none logs a
 * console error. Also the anonymous load (no request to /api/auth/me), compressed and long-cached
 * assets, and the compressed JavaScript a table page and a form page cost. SUIVI_SHOTS=<folder> saves
 * screenshots of every page there.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Started } from '../server/start.ts';
import { type BrowserApp, chromiumAvailable, startBrowserApp } from './browser-app.test-helpers.ts';
import {
  compressedJs,
  consoleErrors,
  DESKTOP,
  demoIds,
  logIn,
  PARTNER,
  PHONE,
  seriousViolations,
  widths,
} from './partner-checks.test-helpers.ts';

const MODULE = 'amphibiens_mares';
const ADMIN = { login: 'admin', password: 'suivi-admin' } as const;
const M = `/m/${MODULE}`;
const WAIT = 10_000;
const SHOTS = process.env.SUIVI_SHOTS;
const available = chromiumAvailable('partner-pages.browser.test');

describe.skipIf(!available)('partner app pages, issue 11, in chromium', () => {
  let app: BrowserApp;
  let server: Started;
  let page: Page;
  let browser: Browser;
  let errors: ReturnType<typeof consoleErrors>;
  /** Demo records of the partner's organisation the checks open. */
  let ids = { site: '', visitWithObservations: '', observation: '', siteOfVisit: '' };

  beforeAll(async () => {
    app = await startBrowserApp({ module: MODULE, prefix: 'pages', waitMs: WAIT });
    ({ server, page } = app);
    browser = page.context().browser() as Browser;
    errors = consoleErrors(page);
  }, 180_000);

  afterAll(async () => app?.close());

  const step = (name: string, body: () => Promise<void>) => app.step(name, body);
  const setLang = (lang: 'fr' | 'en') => page.evaluate((l) => localStorage.setItem('suivi.lang', l), lang);

  it('loads anonymously without a failed request, sends compressed, long-cached assets of bounded weight', async () => {
    await step('anonymous', async () => {
      const asked: string[] = [];
      page.on('request', (r) => asked.push(new URL(r.url()).pathname));
      await page.goto(server.url);
      await page.locator('form.login').waitFor();
      expect(asked).not.toContain('/api/auth/me');
      expect(await page.title()).toBe('Connexion — Suivi');
      expect(errors.take()).toEqual([]);
    });

    await step('assets', async () => {
      const index = await fetch(server.url, { headers: { 'accept-encoding': 'gzip, br' } });
      expect(index.headers.get('cache-control')).toBe('no-cache');
      const html = await index.text();
      const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1] ?? '';
      const asset = await fetch(`${server.url}${script}`, { headers: { 'accept-encoding': 'gzip, br' } });
      expect(asset.headers.get('content-encoding')).toBe('br');
      expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      const gz = await fetch(`${server.url}${script}`, { headers: { 'accept-encoding': 'gzip' } });
      expect(gz.headers.get('content-encoding')).toBe('gzip');
    });

    await step('weight', async () => {
      const table = await compressedJs(browser, server.url, `${M}/site`, PARTNER, '[data-testid=map-site]');
      const form = await compressedJs(
        browser,
        server.url,
        `${M}/site/new`,
        PARTNER,
        '[data-testid=geometry-map]',
      );
      console.log(
        `compressed JS: table page ${table.bytes} B, form page ${form.bytes} B`,
        JSON.stringify({ table: table.files, form: form.files }),
      );
      for (const f of [...Object.values(table.files), ...Object.values(form.files)])
        if (f.bytes > 2000) expect(f.encoding).toBe('br');
      expect(table.bytes).toBeLessThan(120_000);
      expect(form.bytes).toBeLessThan(250_000);
    });
  }, 60_000);

  it('every page fits a phone, passes axe and names itself, in French and English', async () => {
    await step('login', async () => {
      await page.setViewportSize(DESKTOP);
      await page.goto(server.url);
      await logIn(page, PARTNER.login, PARTNER.password);
      ids = await demoIds(page, MODULE);
    });
    const pages: [name: string, path: string, ready: string][] = [
      ['modules', '/', '.modules a'],
      ['sites-groups', `${M}/sites_group`, '[data-testid=table-sites_group] tbody tr'],
      ['sites', `${M}/site`, '[data-testid=table-site] tbody tr'],
      ['visits', `${M}/visit`, '[data-testid=table-visit] tbody tr'],
      ['observations', `${M}/observation`, '[data-testid=table-observation] tbody tr'],
      ['site', `${M}/site/${ids.site}`, '[data-testid=record-site]'],
      ['visit', `${M}/visit/${ids.visitWithObservations}`, '[data-testid=table-observation] tbody tr'],
      ['observation', `${M}/observation/${ids.observation}`, '[data-testid=validation]'],
      ['new-site', `${M}/site/new`, '[data-testid=form-site]'],
      ['new-visit', `${M}/visit/new?parent=site&parent_id=${ids.siteOfVisit}`, '[data-testid=form-visit]'],
      [
        'new-observation',
        `${M}/observation/new?parent=visit&parent_id=${ids.visitWithObservations}`,
        '[data-testid=form-observation]',
      ],
      ['edit-observation', `${M}/observation/${ids.observation}/edit`, '[data-testid=form-observation]'],
    ];
    const problems: string[] = [];
    const titles = new Set<string>();
    if (SHOTS) mkdirSync(SHOTS, { recursive: true });
    for (const lang of ['fr', 'en'] as const) {
      await setLang(lang);
      for (const [size, viewport] of [
        ['desktop', DESKTOP],
        ['phone', PHONE],
      ] as const) {
        await page.setViewportSize(viewport);
        for (const [name, path, ready] of pages) {
          await step(`${name}-${lang}-${size}`, async () => {
            await page.goto(`${server.url}${path}`);
            await page.locator(ready).first().waitFor();
            await page.waitForLoadState('networkidle');
            const w = await widths(page);
            if (w.scrollWidth > w.innerWidth)
              problems.push(`${name} ${lang} ${size}: ${w.scrollWidth} px wide`);
            const title = await page.title();
            if (title === 'Suivi' || !title.endsWith(' — Suivi')) problems.push(`${name}: title "${title}"`);
            titles.add(title);
            problems.push(...(await seriousViolations(page)));
            if (SHOTS)
              await page.screenshot({ path: join(SHOTS, `${name}-${lang}-${size}.png`), fullPage: true });
            problems.push(...errors.take());
          });
        }
      }
    }
    expect(problems).toEqual([]);
    // Record pages are titled by the record, not only its level; English pages in English.
    expect([...titles]).toContain('Passages — Amphibiens des mares — Suivi');
    expect([...titles], [...titles].join('\n')).toContain('Study areas — Pond amphibians — Suivi');
  }, 300_000);

  it('every admin page fits a phone and passes axe at both sizes, in French and English', async () => {
    const context = await browser.newContext({ viewport: DESKTOP });
    try {
      await context.addInitScript(() => localStorage.setItem('suivi.tiles', 'none'));
      const admin = await context.newPage();
      admin.setDefaultTimeout(WAIT);
      const adminErrors = consoleErrors(admin);
      await admin.goto(server.url);
      await logIn(admin, ADMIN.login, ADMIN.password);
      const problems: string[] = [];
      const pages: [name: string, path: string, ready: string][] = [
        ...['users', 'organisations', 'grants', 'modules'].map((tab): [string, string, string] => [
          `admin-${tab}`,
          `/admin?tab=${tab}`,
          'nav.tabs a.active',
        ]),
      ];
      for (const lang of ['fr', 'en'] as const) {
        await admin.evaluate((l) => localStorage.setItem('suivi.lang', l), lang);
        for (const [size, viewport] of [
          ['desktop', DESKTOP],
          ['phone', PHONE],
        ] as const) {
          await admin.setViewportSize(viewport);
          for (const [name, path, ready] of pages) {
            await admin.goto(`${server.url}${path}`);
            await admin.locator(ready).first().waitFor();
            await admin.waitForLoadState('networkidle');
            const w = await widths(admin);
            if (w.scrollWidth > w.innerWidth)
              problems.push(`${name} ${lang} ${size}: ${w.scrollWidth} px wide`);
            const title = await admin.title();
            if (title === 'Suivi' || !title.endsWith(' — Suivi')) problems.push(`${name}: title "${title}"`);
            problems.push(...(await seriousViolations(admin)), ...adminErrors.take());
            if (SHOTS)
              await admin.screenshot({ path: join(SHOTS, `${name}-${lang}-${size}.png`), fullPage: true });
          }
        }
      }
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 300_000);
});
