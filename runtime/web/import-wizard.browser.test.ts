/**
 * The import wizard in chromium against the real server (amphibian module, demo data; PGlite, or a
 * scratch PostgreSQL database with DATABASE_URL): a partner uploads a messy CSV made here (Windows-1252,
 * semicolons, a decimal comma, Lambert-93 X/Y, vocabulary labels instead of codes, a label no code has,
 * a word for a number, a blank row), maps the columns the suggestions missed and the sites' group by
 * its name, sets the decimal comma; the dry run shows the errors per row and field; the template is
 * fixed (the unknown label mapped) and saved as a new version; the import runs and its page shows the
 * counts. Every step at 1400×900 and 390×844, in French and English: no sideways scroll on the phone,
 * no serious axe violation, no console error; screenshots in SUIVI_SHOTS (default
 * /work/notes/shots/impwiz when that folder exists, else none).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
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
const WAIT = 15_000;
const SHOTS =
  process.env.SUIVI_SHOTS ?? (existsSync('/work/notes/shots') ? '/work/notes/shots/impwiz' : undefined);
const available = chromiumAvailable('import-wizard.browser.test');

/** The provider's file: one row per pond with its area's name; rows 3 and 5 are wrong, row 4 blank. */
function messyCsv(group: string): Buffer {
  const lines = [
    'nom_secteur;Nom mare;Type milieu;Permanence;Surface (m²);X_L93;Y_L93;Remarque',
    `${group};Mare importée 1;Mare;permanente;1 200,0;870000;6545000;`,
    `${group};Mare importée 2;fossé;temporaire;45;870100;6545100;NA`,
    `${group};Mare importée 3;Mardelle;permanente;12;870200;6545200;`,
    ';;;;;;;',
    `${group};Mare importée 4;Mare;permanente;beaucoup;870300;6545300;`,
  ];
  return iconv.encode(`${lines.join('\r\n')}\r\n`, 'windows-1252');
}

describe.skipIf(!available)('import wizard in chromium', () => {
  let app: BrowserApp;
  let server: Started;
  let page: Page;
  let errors: ReturnType<typeof consoleErrors>;
  const problems: string[] = [];

  beforeAll(async () => {
    app = await startBrowserApp({ module: MODULE, prefix: 'import', waitMs: WAIT });
    ({ server, page } = app);
    errors = consoleErrors(page);
    if (SHOTS) mkdirSync(SHOTS, { recursive: true });
  }, 180_000);

  afterAll(async () => app?.close());

  const step = (name: string, body: () => Promise<void>) => app.step(name, body);

  /** The page as it is, in both languages and sizes (the wizard keeps its state across both). */
  async function look(name: string) {
    for (const lang of ['fr', 'en'] as const) {
      const toggle = page.locator('header button.lang');
      if ((await toggle.textContent()) === (lang === 'fr' ? 'Français' : 'English')) await toggle.click();
      for (const [size, viewport] of [
        ['desktop', DESKTOP],
        ['phone', PHONE],
      ] as const) {
        await page.setViewportSize(viewport);
        await page.waitForTimeout(150);
        const w = await widths(page);
        if (w.scrollWidth > w.innerWidth) problems.push(`${name} ${lang} ${size}: ${w.scrollWidth} px wide`);
        if (size === 'desktop') problems.push(...(await seriousViolations(page)));
        if (SHOTS)
          await page.screenshot({ path: join(SHOTS, `${name}-${lang}-${size}.png`), fullPage: true });
      }
    }
    const toggle = page.locator('header button.lang');
    if ((await toggle.textContent()) === 'Français') await toggle.click();
    await page.setViewportSize(DESKTOP);
    problems.push(...errors.take());
  }

  it('uploads a messy CSV, maps it, dry-runs, fixes the template, imports and shows the job', async () => {
    let group = '';
    await step('start', async () => {
      await page.setViewportSize(DESKTOP);
      await page.goto(server.url);
      await logIn(page, PARTNER.login, PARTNER.password);
      const groups = await call(page, 'GET', `/api/modules/${MODULE}/sites_group?page_size=1`);
      group = String((groups.items as { sites_group_name: string }[])[0]?.sites_group_name);
      await page.getByRole('link', { name: 'Importer' }).click();
      await page.getByLabel('Chaque ligne du fichier crée').selectOption({ label: 'Site aquatique' });
      await page.getByLabel('Fournisseur').fill('Société herpétologique');
      await page.getByLabel('Nom du modèle').fill('Mares du printemps');
      await look('1-start');
      await page.getByRole('button', { name: 'Commencer' }).click();
    });

    await step('upload', async () => {
      await page.getByLabel('Fichier CSV, XLSX ou GeoJSON').setInputFiles({
        name: 'mares-printemps.csv',
        mimeType: 'text/csv',
        buffer: messyCsv(group),
      });
      // Read as Windows-1252 with semicolons: the accented header and cells come out right.
      await page.getByRole('columnheader', { name: 'Surface (m²)' }).waitFor();
      await page.getByRole('cell', { name: 'Mare importée 1' }).waitFor();
      expect(await page.getByLabel('Encodage').inputValue()).toBe('windows-1252');
      expect(await page.getByLabel('Séparateur').inputValue()).toBe(';');
      await look('2-upload');
      await page.getByRole('button', { name: 'Suivant' }).click();
    });

    await step('columns', async () => {
      await page.getByRole('heading', { name: '2. Colonnes' }).waitFor();
      // Suggested: the pond's name, its permanence and the Lambert-93 coordinates.
      expect(await page.locator('#map-site-base_site_name').inputValue()).toBe('Nom mare');
      expect(await page.locator('#map-site-permanence').inputValue()).toBe('Permanence');
      expect(await page.locator('#map-site-geometry-x').inputValue()).toBe('X_L93');
      // Mapped by hand: the water body type, the area, and the group the ponds belong to, by its name.
      await page.locator('#map-site-water_body_type').selectOption('Type milieu');
      await page.locator('#map-site-pond_area').selectOption('Surface (m²)');
      await page.locator('#map-sites_group-sites_group_name').selectOption('nom_secteur');
      await page.getByRole('checkbox', { name: /Nom de l.aire/ }).check();
      await look('3-columns');
      await page.getByRole('button', { name: 'Suivant' }).click();
    });

    await step('values', async () => {
      await page.getByRole('heading', { name: '3. Valeurs' }).waitFor();
      expect(await page.getByLabel('Système de coordonnées (EPSG) (Géométrie)').inputValue()).toBe('2154');
      await page.getByLabel('Séparateur décimal').selectOption(',');
      // Labels in any case and accents were matched to codes; 'Mardelle' is left for the user.
      expect(await page.locator('[id="val-site-water_body_type-fossé"]').inputValue()).toBe('DITCH');
      await page.locator('[id="val-site-water_body_type-Mardelle"]').waitFor();
      await look('4-values');
      await page.getByRole('button', { name: 'Suivant' }).click();
    });

    await step('dry-run', async () => {
      await page.getByRole('heading', { name: '4. Essai et import' }).waitFor();
      await page.getByRole('button', { name: 'Enregistrer le modèle' }).click();
      await page.getByText('Modèle enregistré : version 1.').waitFor();
      await page.getByRole('button', { name: 'Essai à blanc' }).click();
      await page.getByText('Essai terminé : rien n’a été enregistré.').waitFor({ timeout: 60_000 });
      // Row 3's unknown label and row 5's word for a number, each named by its row and field.
      const table = page.getByRole('region', { name: 'Problèmes' });
      await table.getByRole('row', { name: /^3 site\.water_body_type/ }).waitFor();
      await table.getByRole('row', { name: /^5 site\.pond_area/ }).waitFor();
      await look('5-dry-run');
    });

    await step('fix', async () => {
      await page.getByRole('button', { name: 'Corriger le modèle' }).click();
      await page.getByRole('button', { name: 'Suivant' }).click();
      await page.locator('[id="val-site-water_body_type-Mardelle"]').selectOption('POND');
      await page.getByRole('button', { name: 'Suivant' }).click();
      await page.getByRole('button', { name: 'Enregistrer une nouvelle version' }).click();
      await page.getByText('Modèle enregistré : version 2.').waitFor();
      await page.getByRole('button', { name: 'Essai à blanc' }).click();
      await page.getByText('Essai terminé : rien n’a été enregistré.').waitFor({ timeout: 60_000 });
      const table = page.getByRole('region', { name: 'Problèmes' });
      await table.getByRole('row', { name: /^5 site\.pond_area/ }).waitFor();
      expect(await table.getByRole('row', { name: /site\.water_body_type/ }).count()).toBe(0);
    });

    await step('run', async () => {
      await page.getByRole('button', { name: 'Importer', exact: true }).click();
      await page.waitForURL(/\/import\/jobs\/[0-9a-f-]+$/);
      await page.locator('.job-status.done').waitFor({ timeout: 60_000 });
      const count = (k: string) => page.locator(`.count-${k} dd`).textContent();
      expect([
        await count('rows_read'),
        await count('inserted'),
        await count('rejected'),
        await count('skipped'),
      ]).toEqual(['5', '3', '1', '1']);
      await page.getByRole('row', { name: /^5 site\.pond_area/ }).waitFor();
      await page.getByRole('link', { name: 'Rapport (CSV)' }).waitFor();
      await look('6-job');
      const sites = await call(
        page,
        'GET',
        `/api/modules/${MODULE}/site?q=${encodeURIComponent('Mare importée')}`,
      );
      expect((sites.items as { base_site_name: string }[]).map((s) => s.base_site_name).sort()).toEqual([
        'Mare importée 1',
        'Mare importée 2',
        'Mare importée 3',
      ]);
      // "1 200,0" read with the decimal comma and the space as thousands separator (the field has no decimals).
      const first = (sites.items as { base_site_name: string; pond_area: number }[]).find(
        (s) => s.base_site_name === 'Mare importée 1',
      );
      expect(first?.pond_area).toBe(1200);
    });

    await step('jobs-list', async () => {
      await page
        .getByRole('link', { name: /Imports/ })
        .first()
        .click();
      await page.getByRole('cell', { name: 'mares-printemps.csv' }).first().waitFor();
      await look('7-jobs');
    });
    expect(problems).toEqual([]);
  }, 600_000);
});
