/**
 * The prepared databases test files start from, built once per content hash instead of once per file:
 * each template is its parent plus one preparation step, run by the same code the runtime and the tests
 * use (`migrate`, `installModule`, `seedDemo`, test/db's `seedReference`). test/global-setup.ts builds
 * them all before the workers start; a worker that finds one missing (a run without that setup) builds
 * it itself. Where they are kept: template-stores.ts; which content they are keyed by: template-hash.ts.
 */
import { generateSql } from '../../generators/sql/index.ts';
import { compileProtocol, type ResolvedProtocol } from '../../protocol-specs/index.ts';
import type { Database } from '../../runtime/db/database.ts';
import { migrate } from '../../runtime/db/migrate.ts';
import { seedDemo } from '../../runtime/demo/seed.ts';
import { EXAMPLES_ROOT, generatedModuleFolders } from '../../runtime/modules/folders.ts';
import { installModule } from '../../runtime/modules/install.ts';
import { loadModules } from '../../runtime/modules/load.ts';
import { EDGE_SPEC } from '../db/fixtures/edge-cases.ts';
import { seedReference } from '../db/seed.ts';
import type { TemplateStore } from './template-stores.ts';

export type TemplateName = 'migrated' | 'installed' | 'demo' | 'demo-amphibiens' | 'reference';

interface Recipe {
  /** What it holds, for readers and failure messages. */
  readonly holds: string;
  /** The template it starts from; none: an empty database with PostGIS. */
  readonly from?: TemplateName;
  readonly prepare: (db: Database) => Promise<void>;
}

/** Every example module folder (examples/<code>/generated), sorted by code. */
export const EXAMPLE_MODULE_FOLDERS: readonly string[] = generatedModuleFolders(EXAMPLES_ROOT);
const AMPHIBIENS = EXAMPLE_MODULE_FOLDERS.filter((f) => f.includes('amphibiens_mares'));

const compiledEdge = compileProtocol(EDGE_SPEC);
if (!compiledEdge.ok) throw new Error('EDGE_SPEC does not compile');
/** The edge-case module of test/db, which has no generated folder: its SQL is generated here. */
export const EDGE: ResolvedProtocol = compiledEdge.protocol;

async function install(db: Database, folders: readonly string[]): Promise<void> {
  for (const folder of folders) await installModule(db, folder);
}

async function demo(db: Database, folders: readonly string[]): Promise<void> {
  await seedDemo(db, await loadModules(db, folders));
}

export const TEMPLATES: Readonly<Record<TemplateName, Recipe>> = {
  migrated: { holds: 'the core migrations', prepare: (db) => migrate(db).then(() => undefined) },
  installed: {
    holds: 'every example module installed',
    from: 'migrated',
    prepare: (db) => install(db, EXAMPLE_MODULE_FOLDERS),
  },
  demo: {
    holds: 'every example module and the demo seed (accounts, grants, datasets, vocabularies, taxa)',
    from: 'installed',
    prepare: (db) => demo(db, EXAMPLE_MODULE_FOLDERS),
  },
  'demo-amphibiens': {
    holds: 'amphibiens_mares alone and its demo seed',
    from: 'migrated',
    prepare: async (db) => {
      await install(db, AMPHIBIENS);
      await demo(db, AMPHIBIENS);
    },
  },
  reference: {
    holds: "every example module, test/db's edge-case module and its reference rows (seedReference)",
    from: 'installed',
    prepare: async (db) => {
      for (const file of generateSql(EDGE, { specPath: 'test/db/fixtures/edge-cases.ts' }))
        await db.exec(file.contents);
      const modules = await loadModules(db, EXAMPLE_MODULE_FOLDERS);
      await seedReference(db, [...modules.map((m) => m.protocol), EDGE]);
    },
  },
};

export const TEMPLATE_NAMES = Object.keys(TEMPLATES) as TemplateName[];

/** Builds `name` (and the templates it starts from) in `store` unless it is there already. */
export async function ensureTemplate(store: TemplateStore, name: TemplateName): Promise<void> {
  if (await store.has(name)) return;
  const recipe = TEMPLATES[name];
  if (recipe.from) await ensureTemplate(store, recipe.from);
  const working = await store.create(name, recipe.from);
  try {
    await recipe.prepare(working.db);
  } catch (error) {
    await working.discard();
    throw new Error(`test database template ${name} (${recipe.holds}): ${(error as Error).message}`, {
      cause: error,
    });
  }
  await working.keep();
}
