/**
 * The "Done when", in chromium against the real server (fresh PGlite, or a scratch PostgreSQL
 * database with DATABASE_URL): the administrator, in the UI only, designs a protocol (a site with a
 * point; a visit with a date and observers; an observation with a taxon, a count with min 0 and a remark
 * shown only when the count is 0), tries the rule in the preview and publishes it; a partner enters a
 * site, a visit and an observation in the new module without a restart; the administrator adds a field,
 * renames one, sees the diff and the plan and publishes again; the partner's observation is still there
 * with the renamed field's value. Screenshots of each step, phone and desktop, French and English, go to
 * /tmp/bui-shots/. Skipped without chromium like the other browser tests.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builderApi } from '../builder/api/index.ts';
import { EXAMPLES_ROOT } from '../runtime/modules/folders.ts';
import type { Started } from '../runtime/server/start.ts';
import {
  type BrowserApp,
  chromiumAvailable,
  startBrowserApp,
} from '../runtime/web/browser-app.test-helpers.ts';
import { seriousViolations } from '../runtime/web/builder-fake-api.test-helpers.ts';

const available = chromiumAvailable('builder.browser.test');
const SHOTS = '/tmp/bui-shots';
const CODE = 'mares_builder';

describe.skipIf(!available)('the protocol builder, end to end, in chromium', () => {
  let app: BrowserApp;
  let server: Started;
  let page: Page;
  const modulesDir = mkdtempSync(join(tmpdir(), 'suivi-builder-modules-'));

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    app = await startBrowserApp({
      module: 'amphibiens_mares',
      prefix: 'builder',
      waitMs: 15_000,
      plugins: [builderApi({ modulesDir, examplesRoot: EXAMPLES_ROOT })],
    });
    ({ server, page } = app);
  }, 240_000);

  afterAll(async () => {
    await app?.close();
    rmSync(modulesDir, { recursive: true, force: true });
  });

  const step = (name: string, body: () => Promise<void>) => app.step(name, body);
  /** Desktop and phone screenshots of the page as it is, in the language shown. */
  const shots = async (name: string, on: Page = page) => {
    await on.screenshot({ path: join(SHOTS, `${name}-desktop.png`) });
    const size = on.viewportSize();
    await on.setViewportSize({ width: 390, height: 844 });
    await on.screenshot({ path: join(SHOTS, `${name}-phone.png`) });
    if (size) await on.setViewportSize(size);
  };
  const switchLanguage = async (to: 'English' | 'Français') => {
    await page.getByRole('button', { name: to }).click();
  };

  const addLevel = async (type: string) => {
    await page.locator('select[name=new_level_type]').selectOption(type);
    await page.getByRole('button', { name: 'Ajouter un niveau' }).click();
    await page.getByRole('heading', { name: 'Propriétés du niveau' }).waitFor();
  };
  const addField = async (kind: string, label: string) => {
    await page.locator('select[name=new_field_kind]').selectOption(kind);
    await page.locator('input[name=new_field_label]').fill(label);
    await page.getByRole('button', { name: 'Ajouter le champ' }).click();
    await page.getByRole('heading', { name: /Propriétés du champ/ }).waitFor();
  };
  const typeRule = async (label: string, rule: string) => {
    const editor = page.getByRole('textbox', { name: label });
    await editor.click();
    await page.keyboard.type(rule);
    await page.keyboard.press('Escape');
    await expect.poll(() => editor.textContent()).toBe(rule);
  };
  /** The draft as the server holds it (autosaved). */
  const savedDraftText = () =>
    page.evaluate(async () => {
      const id = location.pathname.split('/')[2] ?? '';
      const draft = await fetch(`/api/builder/drafts/${id}`).then((r) => r.json());
      return JSON.stringify(draft.spec);
    });
  const selectLevel = (key: string) => page.locator('.b-tree .b-pick', { hasText: key }).first().click();
  const publish = async (name: string, expectText: RegExp, planned = false) => {
    await page.getByRole('button', { name: 'Publier', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(expectText).first().waitFor();
    if (planned) {
      // The migration plan from the installed version, its rename a column rename (never drop + add).
      await dialog.getByRole('heading', { name: 'Plan de migration' }).waitFor();
      await dialog
        .locator('.b-plan code', { hasText: /remarque.*rename|rename.*remarque/ })
        .first()
        .waitFor();
    }
    await shots(name);
    await dialog.getByRole('button', { name: 'Publier maintenant' }).click();
    await dialog.getByText(/Publié : /).waitFor({ timeout: 60_000 });
    await shots(`${name}-done`);
  };

  it('designs, publishes, is used by a partner, evolves and keeps the data', async () => {
    await step('login', async () => {
      await page.goto(server.url);
      await page.locator('input[name=login]').fill('admin');
      await page.locator('input[name=password]').fill('suivi-admin');
      await page.getByRole('button', { name: 'Connexion' }).click();
      await page.getByRole('link', { name: 'Concevoir' }).click();
      await page.getByRole('heading', { name: 'Protocoles', exact: true }).waitFor();
      await page.getByRole('cell', { name: 'amphibiens_mares', exact: true }).waitFor();
      await shots('01-protocols-fr');
      expect(await seriousViolations(page)).toEqual([]);
      await switchLanguage('English');
      await page.getByRole('heading', { name: 'Protocols', exact: true }).waitFor();
      await shots('01-protocols-en');
      await switchLanguage('Français');
    });

    await step('create', async () => {
      const scratch = page.getByRole('form', { name: 'Partir de zéro' });
      await scratch.getByLabel('Code').fill(CODE);
      await scratch.getByLabel('Libellé (français)').fill('Mares (conçu dans le navigateur)');
      await scratch.getByLabel('Libellé (anglais)').fill('Ponds (designed in the browser)');
      await scratch.getByRole('button', { name: 'Créer' }).click();
      await page.getByRole('heading', { name: `${CODE} v1` }).waitFor();

      await addLevel('site'); // a site: its geometry is a required point by its type
      await addLevel('visit'); // a visit: visit date and observers are its standard fields
      // No dataset in this protocol: the visit's standard dataset field is left out.
      await page.locator('input[name=std_id_dataset]').uncheck();
      await addLevel('observation'); // an observation: its taxon is a standard field
      await addField('integer', 'Nombre');
      await page.getByRole('group', { name: 'Minimum' }).getByLabel('valeur').check();
      await page.getByLabel('Minimum (valeur)').fill('0');
      await selectLevel('observation');
      await addField('text', 'Remarque');
      await typeRule('Visible si… (règle)', 'value.nombre == 0');
      await page.getByRole('tab', { name: /Diagnostics/ }).click();
      await page.getByText('Aucun problème.').waitFor();
      // Saved as a draft on the server (the JSON view only draws the lines in sight).
      await expect
        .poll(() => savedDraftText(), { timeout: 15_000 })
        .toContain('"visibleIf":"value.nombre == 0"');
      await shots('02-editor-rule-fr');
      expect(await seriousViolations(page)).toEqual([]);
      await switchLanguage('English');
      await page.getByRole('heading', { name: /Field properties/ }).waitFor();
      await shots('02-editor-rule-en');
      await switchLanguage('Français');
    });

    await step('preview', async () => {
      await page.getByRole('tab', { name: 'Aperçu' }).click();
      await page.getByLabel('Niveau à prévisualiser').selectOption('observation');
      const form = page.getByTestId('form-observation');
      await form.getByLabel('Nombre').fill('2');
      await expect.poll(() => form.getByLabel('Remarque').count()).toBe(0);
      await form.getByLabel('Nombre').fill('0');
      await form.getByLabel('Remarque').waitFor();
      await shots('03-preview-fr');
    });

    await step('publish-v1', async () => publish('04-publish-v1', /Nouveau protocole/));

    const partner: { browser?: Browser; page?: Page } = {};
    await step('partner-enters', async () => {
      const context = await page
        .context()
        .browser()
        ?.newContext({ viewport: { width: 1400, height: 900 } });
      if (!context) throw new Error('no browser');
      const p = await context.newPage();
      partner.page = p;
      p.setDefaultTimeout(15_000);
      await p.addInitScript(() => localStorage.setItem('suivi.tiles', 'none'));
      await p.goto(server.url);
      await p.locator('input[name=login]').fill('partenaire.cen');
      await p.locator('input[name=password]').fill('suivi-cen');
      await p.getByRole('button', { name: 'Connexion' }).click();
      try {
        await p.getByText('Mares (conçu dans le navigateur)').click();
        await p.getByRole('link', { name: 'Nouveau', exact: true }).click();
        await p.locator('#root_base_site_name').fill('Mare de la builder');
        await p.getByTestId('geometry-map').click({ position: { x: 200, y: 150 } });
        await p.getByRole('button', { name: 'Enregistrer', exact: true }).click();
        await p
          .getByTestId('record-site')
          .getByRole('heading', { name: /Mare de la builder/ })
          .waitFor();
        await p.getByRole('link', { name: /Nouveau : Visite/ }).click();
        const visit = p.getByTestId('form-visit');
        await visit.waitFor();
        await p.getByRole('button', { name: 'Enregistrer', exact: true }).click();
        await p.getByTestId('record-visit').waitFor();
        await p.getByRole('link', { name: /Nouveau : Observation/ }).click();
        const obs = p.getByTestId('form-observation');
        await obs.waitFor();
        await p.locator('#root_cd_nom').fill('Alyte');
        await obs.getByRole('listbox').getByRole('option').first().click();
        await obs.getByLabel('Nombre').fill('0');
        await obs.getByLabel('Remarque').fill('mare à sec');
        await p.getByRole('button', { name: 'Enregistrer', exact: true }).click();
        await p.getByTestId('record-observation').getByText('mare à sec', { exact: true }).first().waitFor();
        await shots('05-partner-observation-fr', p);
      } catch (error) {
        await p.screenshot({ path: join(SHOTS, 'debug-partner.png'), fullPage: true });
        throw error;
      }
    });

    await step('evolve', async () => {
      await page.getByRole('dialog').getByRole('button', { name: 'Fermer' }).click();
      await selectLevel('observation');
      await addField('boolean', 'Adultes vus');
      await selectLevel('observation');
      await page.locator('.b-fields .b-pick', { hasText: 'Remarque' }).click();
      // Published: the key no longer follows the label; changing it is a rename, said so beside it.
      await page.locator('input[name=label_fr]').fill('Remarque sur l’absence');
      await page.getByText(/changer sa clé renomme la colonne/).waitFor();
      expect(await page.locator('input[name=key]').inputValue()).toBe('remarque');
      await page.locator('input[name=key]').fill('remarque_absence');
      await expect.poll(() => savedDraftText(), { timeout: 15_000 }).toContain('"key":"remarque_absence"');
      await publish('06-publish-v2', /renommage/, true);
    });

    await step('partner-sees-data', async () => {
      const p = partner.page;
      if (!p) throw new Error('no partner page');
      await p.reload();
      await p.getByTestId('record-observation').getByText('mare à sec', { exact: true }).first().waitFor();
      await p
        .getByTestId('record-observation')
        .getByText('Remarque sur l’absence', { exact: true })
        .first()
        .waitFor();
      // The value lives in the renamed column now.
      const stored = await p.evaluate(async (code) => {
        const page = await fetch(`/api/modules/${code}/observation`).then((r) => r.json());
        return page.items as Record<string, unknown>[];
      }, CODE);
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({ remarque_absence: 'mare à sec', nombre: 0 });
      expect(stored[0]).not.toHaveProperty('remarque');
      await shots('07-partner-after-v2-fr', p);
      await p.context().close();
    });

    await step('conflict', async () => {
      // Another designer saves the same draft (through the API, as their page would)…
      await page.evaluate(async () => {
        const id = location.pathname.split('/')[2] ?? '';
        const draft = await fetch(`/api/builder/drafts/${id}`).then((r) => r.json());
        const spec = { ...draft.spec, label: { fr: 'Mares (version de l’autre)', en: 'Ponds (theirs)' } };
        const saved = await fetch(`/api/builder/drafts/${id}`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ spec, row_version: draft.row_version }),
        });
        if (!saved.ok) throw new Error(await saved.text());
      });
      // …then this page's next save is refused and says who saved; their version loads on request.
      await page.getByRole('dialog').getByRole('button', { name: 'Fermer' }).click();
      await page.getByRole('button', { name: 'Protocole', exact: true }).click();
      await page.locator('textarea[name=description_fr]').fill('Suivi des mares');
      await page.getByText('admin a enregistré ce brouillon entre-temps.').waitFor();
      await shots('08-conflict-fr');
      await page.getByRole('button', { name: 'Charger leur version' }).click();
      await expect
        .poll(() => page.locator('input[name=protocol_label_fr]').inputValue())
        .toBe('Mares (version de l’autre)');
    });

    await step('history', async () => {
      // Every save is a revision on the server; restoring one is an edit (undoable, saved again).
      await page.getByRole('tab', { name: 'Historique' }).click();
      const items = page.locator('.b-history li');
      await expect.poll(() => items.count()).toBeGreaterThan(2);
      await page.getByRole('button', { name: 'Restaurer la révision 1', exact: true }).click();
      await page.getByRole('button', { name: 'Protocole', exact: true }).click();
      await expect
        .poll(() => page.locator('input[name=protocol_label_fr]').inputValue())
        .not.toBe('Mares (version de l’autre)');
      await page.getByRole('button', { name: 'Annuler', exact: true }).click();
      await expect
        .poll(() => page.locator('input[name=protocol_label_fr]').inputValue())
        .toBe('Mares (version de l’autre)');
    });
  });
});
