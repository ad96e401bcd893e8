/**
 * Test support for the builder API: the server's app with the builder plugin on a copy of the demo
 * database (amphibiens_mares and the demo accounts: `admin` is a designer, the partners are not), a
 * modules directory of its own, and a small protocol as a designer would make it in the builder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import type { Database } from '../../runtime/db/database.ts';
import { EXAMPLES_ROOT, generatedModuleFolders } from '../../runtime/modules/folders.ts';
import { loadModules } from '../../runtime/modules/load.ts';
import { upgradeModule } from '../../runtime/modules/upgrade.ts';
import { buildServerApp } from '../../runtime/server/build-app.ts';
import { moduleRegistry } from '../../runtime/server/module-app.ts';
import type { RuntimeEngine } from '../../test/helpers/engines.ts';
import { builderApi } from './index.ts';

export interface BuilderApp {
  readonly db: Database;
  readonly app: Hono;
  readonly modulesDir: string;
  /** Unexpected errors the app logged (a 500's cause). */
  readonly logged: unknown[];
  close(): Promise<void>;
}

export async function builderApp(engine: RuntimeEngine): Promise<BuilderApp> {
  const db = await engine.openPrepared('demo-amphibiens');
  const folders = generatedModuleFolders(EXAMPLES_ROOT).filter((f) => f.includes('/amphibiens_mares/'));
  const logged: unknown[] = [];
  const logError = (error: unknown) => {
    logged.push(error);
  };
  const modulesDir = mkdtempSync(join(tmpdir(), 'suivi-builder-'));
  const registry = moduleRegistry(db, await loadModules(db, folders), logError);
  const app = buildServerApp({
    db,
    registry,
    logError,
    upgradeModule,
    plugins: [builderApi({ modulesDir, examplesRoot: EXAMPLES_ROOT })],
  });
  return {
    db,
    app,
    modulesDir,
    logged,
    async close() {
      rmSync(modulesDir, { recursive: true, force: true });
      await db.close();
    },
  };
}

export const TEST_CODE = 'suivi_mares_test';

const labels = (fr: string, en: string) => ({ fr, en });

/**
 * The protocol of the builder's acceptance scenario: a site with a point; a visit with a date and its
 * observers; an observation with a taxon, a count (min 0) and a field shown only when the count is 0.
 * `edit` gives version 2's changes: a new field, and the count's key renamed.
 */
export function testSpec(options: { version?: number; renamed?: boolean; added?: boolean } = {}) {
  const observationFields: object[] = [
    { kind: 'taxon', id: 'obs.taxon', key: 'cd_nom', label: labels('Espèce', 'Species'), required: true },
    {
      kind: 'integer',
      id: 'obs.count',
      key: options.renamed ? 'individuals' : 'count',
      label: labels('Effectif', 'Count'),
      required: true,
      min: 0,
    },
    {
      kind: 'text',
      id: 'obs.why_none',
      key: 'why_none',
      label: labels('Pourquoi aucun ?', 'Why none?'),
      visibleIf: `value.${options.renamed ? 'individuals' : 'count'} == 0`,
    },
  ];
  if (options.added)
    observationFields.push({
      kind: 'text',
      id: 'obs.remark',
      key: 'remark',
      label: labels('Remarque', 'Remark'),
    });
  return {
    code: TEST_CODE,
    version: options.version ?? 1,
    label: labels('Mares (essai du concepteur)', 'Ponds (builder test)'),
    taxonomy: { scope: 'all' },
    levels: [
      {
        id: 'level.site',
        key: 'site',
        type: 'custom',
        label: labels('Site', 'Site'),
        geometry: { kind: 'point', required: true },
        fields: [
          { kind: 'text', id: 'site.name', key: 'site_name', label: labels('Nom', 'Name'), required: true },
        ],
      },
      {
        id: 'level.visit',
        key: 'visit',
        type: 'custom',
        parents: ['site'],
        label: labels('Visite', 'Visit'),
        geometry: { kind: 'none', required: false },
        fields: [
          {
            kind: 'date',
            id: 'visit.date',
            key: 'visit_date',
            label: labels('Date', 'Date'),
            required: true,
          },
          {
            kind: 'observers',
            id: 'visit.observers',
            key: 'observers',
            label: labels('Observateurs', 'Observers'),
            multiple: true,
            freeText: true,
          },
        ],
      },
      {
        id: 'level.observation',
        key: 'observation',
        type: 'custom',
        parents: ['visit'],
        label: labels('Observation', 'Observation'),
        geometry: { kind: 'none', required: false },
        fields: observationFields,
      },
    ],
  };
}
