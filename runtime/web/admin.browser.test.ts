/**
 * The admin page in chromium against the real server (fresh PGlite data dir, or a scratch PostgreSQL
 * database when DATABASE_URL is set): the administrator opens it from the header, creates a user,
 * disables them, adds then removes a grant on a module, and validates a pending demo observation on its
 * page. Skipped like web.browser.test.ts without chromium (failing under CI=true); a failing step leaves
 * a screenshot in test-results/.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Started } from '../server/start.ts';
import { type BrowserApp, chromiumAvailable, startBrowserApp } from './browser-app.test-helpers.ts';

const available = chromiumAvailable('admin.browser.test');

describe.skipIf(!available)('admin page in chromium', () => {
  let app: BrowserApp;
  let server: Started;
  let page: Page;

  beforeAll(async () => {
    app = await startBrowserApp({ module: 'amphibiens_mares', prefix: 'admin', waitMs: 8_000 });
    ({ server, page } = app);
  }, 180_000);

  afterAll(async () => app?.close());

  const step = (name: string, body: () => Promise<void>) => app.step(name, body);

  it('creates and disables a user, adds and removes a grant', async () => {
    await step('login', async () => {
      await page.goto(server.url);
      await page.locator('input[name=login]').fill('admin');
      await page.locator('input[name=password]').fill('suivi-admin');
      await page.getByRole('button', { name: 'Connexion' }).click();
      await page.getByRole('link', { name: 'Administration' }).click();
      await page.getByRole('cell', { name: 'partenaire.chiro' }).waitFor();
    });

    await step('create-user', async () => {
      await page.getByRole('button', { name: 'Nouvel utilisateur' }).click();
      await page.locator('input[name=login]').fill('nina.web');
      await page.locator('input[name=display_name]').fill('Nina Web');
      await page.locator('select[name=organisation_id]').selectOption({ label: 'Association Chiroptères' });
      await page.locator('input[name=roles]').fill('partenaire');
      await page.locator('input[name=password]').fill('court');
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await page
        .getByRole('alert')
        .getByText(/10 caractères au moins/)
        .waitFor();
      await page.locator('input[name=password]').fill('un mot de passe assez long');
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await page.getByRole('cell', { name: 'nina.web' }).waitFor();
    });

    await step('disable-user', async () => {
      const row = page.getByRole('row').filter({ hasText: 'nina.web' });
      await row.getByRole('button', { name: 'Désactiver' }).click();
      await row.getByRole('button', { name: 'Réactiver' }).waitFor();
      expect(await row.getByText('Désactivé').isVisible()).toBe(true);
    });

    await step('grant', async () => {
      await page.getByRole('link', { name: 'Permissions' }).click();
      await page.locator('select[name=module]').selectOption('amphibiens_mares');
      await page.getByText('Aucune permission pour ce module.').waitFor();
      await page.locator('select[name=grantee_kind]').selectOption('user_id');
      await page.locator('select[name=grantee]').selectOption({ label: 'Nina Web (nina.web)' });
      await page.locator('select[name=scope]').selectOption('all');
      await page.getByRole('button', { name: 'Ajouter la permission' }).click();
      const row = page.getByRole('row').filter({ hasText: 'nina.web' });
      await row.getByText('toutes').waitFor();
      await row.getByRole('button', { name: 'Retirer' }).click();
      await page.getByText('Aucune permission pour ce module.').waitFor();
    });

    await step('validate', async () => {
      // A demo observation, pending; the administrator holds V everywhere and validates it on its page.
      const id = await page.evaluate(async () => {
        const list = await fetch('/api/modules/amphibiens_mares/observation?page_size=1&validation_status=0');
        return ((await list.json()) as { items: { id: string }[] }).items[0]!.id;
      });
      await page.goto(`${server.url}/m/amphibiens_mares/observation/${id}`);
      const panel = page.getByTestId('validation');
      await panel.locator('strong').getByText('En attente de validation').waitFor();
      await panel.locator('select').selectOption('1');
      await panel.locator('input').fill('Vu sur photo');
      await panel.getByRole('button', { name: 'Enregistrer la validation' }).click();
      await panel.locator('strong').getByText('Certain - très probable').waitFor();
      await panel.getByText(/Vu sur photo/).waitFor();
      // The validation's date in French words, not ISO (« Validé le 7 déc. 2026 »).
      const said = (await panel.locator('p').first().textContent()) ?? '';
      expect(said).toMatch(/Validé le \d{1,2} \S+ \d{4}/);
      expect(said).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      const stored = await page.evaluate(
        async (recordId) =>
          (await (await fetch(`/api/modules/amphibiens_mares/observation/${recordId}`)).json()) as {
            validation_status: string;
          },
        id,
      );
      expect(stored.validation_status).toBe('1');
    });
  }, 60_000);
});
