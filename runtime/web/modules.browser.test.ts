/**
 * The admin page's "Modules / Protocoles" tab in chromium against the real server, with a fake upgrade
 * (runtime/modules/live-modules.test-helpers.ts) that really adds a column: the administrator installs a
 * module folder without a restart, sees the upgrade its next folder waits for with its steps by class,
 * previews it, is refused (rows per check shown in place), upgrades, then uninstalls it into an archive
 * after typing its code. Skipped like web.browser.test.ts without chromium; screenshots in test-results/.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES_ROOT } from '../modules/folders.ts';
import {
  fakeUpgrader,
  LIVE_CODE,
  pondFolder,
  removeLiveFolders,
} from '../modules/live-modules.test-helpers.ts';
import type { Started } from '../server/start.ts';
import { type BrowserApp, chromiumAvailable, startBrowserApp } from './browser-app.test-helpers.ts';

const available = chromiumAvailable('modules.browser.test');
const AMPHIBIENS = join(EXAMPLES_ROOT, 'amphibiens_mares', 'generated');

describe.skipIf(!available)('modules tab of the admin page in chromium', () => {
  let app: BrowserApp;
  let server: Started;
  let page: Page;
  const fake = fakeUpgrader();
  const folders = { v1: '', v2: '', now: [] as string[] };

  beforeAll(async () => {
    folders.v1 = await pondFolder(1);
    folders.v2 = await pondFolder(2, { planned: true });
    folders.now = [AMPHIBIENS, folders.v1];
    app = await startBrowserApp({
      module: 'amphibiens_mares',
      prefix: 'modules',
      waitMs: 8_000,
      moduleFoldersNow: () => folders.now,
      upgradeModule: fake.upgrade,
    });
    ({ server, page } = app);
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    removeLiveFolders();
  });

  const step = (name: string, body: () => Promise<void>) => app.step(name, body);
  const card = () => page.locator(`article[data-module=${LIVE_CODE}]`);
  const post = (url: string, body: unknown) =>
    page.evaluate(
      async ([u, b]) =>
        (
          await fetch(u as string, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(b),
          })
        ).status,
      [url, body] as const,
    );

  it('installs, previews, is refused, upgrades and uninstalls a module without a restart', async () => {
    await step('login', async () => {
      await page.goto(server.url);
      await page.locator('input[name=login]').fill('admin');
      await page.locator('input[name=password]').fill('suivi-admin');
      await page.getByRole('button', { name: 'Connexion' }).click();
      await page.getByRole('link', { name: 'Administration' }).click();
      await page.getByRole('link', { name: 'Modules / Protocoles' }).click();
      await page.locator('article[data-module=amphibiens_mares]').waitFor();
    });

    await step('install', async () => {
      const row = page.getByRole('row').filter({ hasText: LIVE_CODE });
      await row.getByRole('button', { name: 'Installer' }).click();
      await page.getByText(`${LIVE_CODE} : Installé : v1.`).waitFor();
      await card().waitFor();
      expect(await post(`/api/modules/${LIVE_CODE}/site`, { site_name: 'Mare du test', depth_cm: 30 })).toBe(
        201,
      );
      // The next version's folder arrives; installing it finds data: it becomes a pending upgrade.
      folders.now = [AMPHIBIENS, folders.v2];
      expect(await post('/api/admin/modules/install', { folder: folders.v2 })).toBe(409);
      await page.reload();
      await card().getByText('Mise à niveau en attente').waitFor();
      await card().getByText('Ajout', { exact: true }).first().waitFor();
      await card()
        .getByText(/Nouvelle colonne note/)
        .first()
        .waitFor();
    });

    await step('preview-and-refusal', async () => {
      await card().getByRole('button', { name: 'Prévisualiser (essai à blanc)' }).click();
      await card().getByText('Essai à blanc : rien n’a été changé.').waitFor();
      await card().locator('.upgrade-report').getByText('site.note.add', { exact: true }).waitFor();
      fake.refuse = true;
      await card().getByRole('button', { name: 'Mettre à niveau' }).click();
      await card().getByText('Mise à niveau refusée :').waitFor();
      await card().getByText('3 ligne(s) ne passent pas :').waitFor();
      fake.refuse = false;
    });

    await step('upgrade', async () => {
      await card().getByRole('button', { name: 'Mettre à niveau' }).click();
      await card()
        .getByText(/^Version 2 ·/)
        .waitFor();
      expect(await card().getByText('Mise à niveau en attente').count()).toBe(0);
      const form = await page.evaluate(async (code) => {
        const res = await fetch(`/api/modules/${code}/forms/site`);
        return (await res.json()) as { schema: { properties: Record<string, unknown> } };
      }, LIVE_CODE);
      expect(Object.keys(form.schema.properties)).toContain('note');
    });

    await step('uninstall', async () => {
      await card().getByRole('button', { name: 'Désinstaller (archiver)' }).click();
      const dialog = card().getByRole('dialog');
      const confirm = dialog.getByRole('button', { name: 'Confirmer' });
      expect(await confirm.isDisabled()).toBe(true);
      await dialog.locator('input[name=confirm]').fill(LIVE_CODE);
      await confirm.click();
      await page
        .getByText(new RegExp(`${LIVE_CODE} : Archivé dans suivi_archive_${LIVE_CODE}_v2_\\d{14}\\.`))
        .waitFor();
      await card().waitFor({ state: 'detached' });
      await page
        .getByRole('row')
        .filter({ hasText: LIVE_CODE })
        .getByRole('button', { name: 'Installer' })
        .waitFor();
    });

    await step('english', async () => {
      await page.evaluate(() => localStorage.setItem('suivi.lang', 'en'));
      await page.reload();
      await page.getByRole('link', { name: 'Modules / Protocols' }).waitFor();
      await page.getByText('Folders not installed').waitFor();
      await page.evaluate(() => localStorage.setItem('suivi.lang', 'fr'));
    });
  }, 90_000);
});
