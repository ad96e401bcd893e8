/**
 * The builder's page in chromium against a stand-in /api/builder (builder-fake-api.test-helpers.ts,
 * with the real validator and forms generator): a designer starts a protocol from scratch, adds levels
 * and fields, writes a rule with completion, sees a diagnostic and jumps to its field, edits the JSON and
 * sees the form follow, undoes, tries the rule in the preview, and meets another designer's save (409).
 * Also checks that the partners' page does not load the builder's chunk, and runs axe-core. Screenshots
 * go to /tmp/bui-shots/ui-*.png. Skipped without chromium like the other browser tests.
 */
import { createReadStream, existsSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from './browser-app.test-helpers.ts';
import { ensureWebBuild, WEB_DIST } from './build.ts';
import { fakeBuilderApi, seriousViolations } from './builder-fake-api.test-helpers.ts';

const available = chromiumAvailable('builder-ui.browser.test');
const SHOTS = '/tmp/bui-shots';
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html' };

/** The built app's files, index.html for every other path (the client routes). */
function serveDist(): Promise<Server> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const file = join(WEB_DIST, path);
    const target =
      file.startsWith(WEB_DIST) && existsSync(file) && extname(file) ? file : join(WEB_DIST, 'index.html');
    res.setHeader('content-type', TYPES[extname(target)] ?? 'application/octet-stream');
    createReadStream(target).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe.skipIf(!available)('builder page in chromium (stand-in API)', () => {
  let server: Server;
  let browser: Browser;
  let page: Page;
  let base: string;
  const fake = fakeBuilderApi({
    id: 'u1',
    login: 'admin',
    display_name: 'Admin',
    is_admin: true,
    can_design: true,
    organisation: null,
  });
  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `ui-${name}.png`), fullPage: false });
  const loaded: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    await ensureWebBuild();
    server = await serveDist();
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
    });
    // The fake API answers through page.route, which requests a service worker handles never reach.
    page = await browser.newPage({ viewport: { width: 1400, height: 900 }, serviceWorkers: 'block' });
    // The app asks /api/auth/me only when the server's "signed in" hint cookie is there.
    await page.context().addCookies([{ name: 'suivi_signed_in', value: '1', url: base }]);
    page.setDefaultTimeout(10_000);
    await page.route('**/api/**', (route) => fake.handle(route));
    page.on('request', (r) => loaded.push(new URL(r.url()).pathname));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('partners never load the builder chunk; the header offers Design to designers', async () => {
    await page.goto(base);
    await page.getByRole('link', { name: 'Concevoir' }).waitFor();
    expect(loaded.some((p) => /BuilderPage/.test(p))).toBe(false);
    await page.getByRole('link', { name: 'Concevoir' }).click();
    await page.getByRole('heading', { name: 'Protocoles', exact: true }).waitFor();
    expect(loaded.some((p) => /BuilderPage/.test(p))).toBe(true);
    await shot('protocols-fr');
    expect(await seriousViolations(page)).toEqual([]);
    expect(await page.title()).toBe('Protocoles — Conception de protocoles — Suivi');
    // On a phone the installed protocols are cards: every cell within the screen, none clipped.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('.builder-protocols tbody tr').first().waitFor();
    const widest = await page.evaluate(() =>
      Math.max(
        document.documentElement.scrollWidth,
        ...Array.from(document.querySelectorAll('.builder-protocols td, .builder-protocols td button'), (e) =>
          Math.ceil(e.getBoundingClientRect().right),
        ),
      ),
    );
    expect(widest).toBeLessThanOrEqual(390);
    expect(await seriousViolations(page)).toEqual([]);
    await shot('protocols-phone-fr');
    await page.setViewportSize({ width: 1400, height: 900 });
  });

  it('designs a protocol: levels, fields, a rule with completion, JSON both ways, undo, preview, conflict', async () => {
    const scratch = page.getByRole('form', { name: 'Partir de zéro' });
    await scratch.getByLabel('Code').fill('mares_test');
    await scratch.getByLabel('Libellé (français)').fill('Mares (test)');
    await scratch.getByRole('button', { name: 'Créer' }).click();
    await page.getByRole('heading', { name: 'mares_test v1' }).waitFor();

    const addLevel = async (type: string) => {
      await page.getByLabel('Type de niveau', { exact: true }).first().selectOption(type);
      await page.getByRole('button', { name: 'Ajouter un niveau' }).click();
    };
    await addLevel('site');
    await addLevel('visit');
    await addLevel('observation');
    await page.getByRole('button', { name: /^Observation observation/ }).waitFor();

    const addField = async (kind: string, label: string) => {
      await page.locator('select[name=new_field_kind]').selectOption(kind);
      await page.locator('input[name=new_field_label]').fill(label);
      await page.getByRole('button', { name: 'Ajouter le champ' }).click();
      await page.getByRole('heading', { name: /Propriétés du champ/ }).waitFor();
    };
    await addField('integer', 'Nombre');
    await page.getByRole('group', { name: 'Minimum' }).getByLabel('valeur').check();
    await page.getByLabel('Minimum (valeur)').fill('0');
    await page.getByRole('button', { name: 'Observation observation' }).click();
    await addField('text', 'Remarque sur l’absence');
    expect(await page.locator('input[name=key]').inputValue()).toBe('remarque_sur_l_absence');

    // The rule editor completes field names: "value.no" + Enter gives value.nombre.
    const visible = page.getByRole('textbox', { name: 'Visible si… (règle)' });
    await visible.click();
    await page.keyboard.type('value.no');
    await page.locator('.cm-tooltip-autocomplete').getByText('nombre', { exact: true }).waitFor();
    // CodeMirror ignores Enter for 75 ms after the list opens (its interactionDelay).
    await page.waitForTimeout(150);
    await page.keyboard.press('Enter');
    await page.keyboard.type(' == 0');
    await expect.poll(() => visible.textContent()).toBe('value.nombre == 0');
    await page.getByText('"visibleIf": "value.nombre == 0"').waitFor();
    await shot('field-rule-fr');

    // A typo: the validator's diagnostic shows under the rule, then in the panel; a click goes back.
    await visible.click();
    await page.keyboard.press('End');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    // Past the burst window: the typo is an undo step of its own.
    await page.waitForTimeout(900);
    await page.keyboard.type('x');
    await page
      .locator('.rule-problems')
      .getByText(/xnombre/)
      .waitFor();
    await page.locator('.cm-lintRange-error').first().waitFor();
    await page.getByRole('button', { name: 'Site site' }).click();
    await page.getByRole('tab', { name: /Diagnostics/ }).click();
    await page.getByRole('button', { name: /visibleIf.*xnombre/ }).click();
    await page.getByRole('heading', { name: /Propriétés du champ/ }).waitFor();
    expect(await page.locator('input[name=key]').inputValue()).toBe('remarque_sur_l_absence');
    await shot('diagnostics-fr');
    await page.keyboard.press('Control+z');
    await expect.poll(() => visible.textContent()).toBe('value.nombre == 0');

    // The JSON view: an edit there shows in the form; a syntax error keeps the last valid model.
    await page.getByRole('tab', { name: 'JSON' }).click();
    const json = page.getByRole('textbox', { name: 'JSON' });
    await json.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' oops');
    await page
      .getByRole('alert')
      .getByText(/JSON invalide/)
      .waitFor();
    await page.keyboard.press('Control+z');
    await page.getByRole('alert').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: /^Observation observation/ }).click();
    await page.getByLabel('Libellé (anglais)').fill('Observation EN');
    await page.getByText('"en": "Observation EN"').waitFor();

    // The preview: the count drives the remark's visibility.
    await page.getByRole('tab', { name: 'Aperçu' }).click();
    await page.getByLabel('Niveau à prévisualiser').selectOption('observation');
    const form = page.getByTestId('form-observation');
    await form.getByLabel('Nombre').fill('3');
    await expect.poll(() => form.getByLabel('Remarque sur l’absence').count()).toBe(0);
    await form.getByLabel('Nombre').fill('0');
    await form.getByLabel('Remarque sur l’absence').waitFor();
    await shot('preview-fr');
    await form.getByLabel('Nombre').fill('-1');
    await form.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await form.locator('.error-detail, .text-danger').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // Publishing: a new protocol is installed; the next time, the version is raised and the diff and
    // the plan with the rows a data-dependent step meets are shown.
    await page.getByRole('button', { name: 'Publier', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Nouveau protocole : il sera installé.').waitFor();
    await dialog.getByRole('button', { name: 'Publier maintenant' }).click();
    await dialog.getByText('Publié : mares_test version 1.').waitFor();
    await dialog.getByRole('link', { name: 'Ouvrir le module' }).waitFor();
    await dialog.getByRole('button', { name: 'Fermer' }).click();
    await page.getByRole('button', { name: 'Publier', exact: true }).click();
    await dialog.getByText('Version 1 installée → version 2.').waitFor();
    await dialog.getByText('Libellé changé').waitFor();
    await dialog.getByText(/Ajoute min 0 à nombre.*2 ligne\(s\) concernée\(s\)/).waitFor();
    await page.getByRole('heading', { name: 'mares_test v2' }).waitFor();
    await shot('publish-fr');
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Fermer' }).click();

    // Another designer saved meanwhile: told who, and their version can be loaded.
    await expect.poll(() => fake.saves.length).toBeGreaterThan(0);
    fake.conflictOnNextSave('camille', {
      code: 'mares_test',
      version: 1,
      label: { fr: 'Version de Camille' },
      taxonomy: { scope: 'all' },
      levels: [],
    });
    await page.getByRole('button', { name: 'Protocole', exact: true }).click();
    await page.locator('input[name=protocol_label_fr]').fill('Mares (test 2)');
    await page.getByText('camille a enregistré ce brouillon entre-temps.').waitFor();
    await shot('conflict-fr');
    await page.getByRole('button', { name: 'Charger leur version' }).click();
    await expect
      .poll(() => page.locator('input[name=protocol_label_fr]').inputValue())
      .toBe('Version de Camille');
  });

  it('lays out on a phone and in English', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Undo' }).waitFor();
    await shot('editor-phone-en');
    // Nothing wider than the phone: no sideways scrolling.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1400, height: 900 });
    await shot('editor-desktop-en');
  });
});
