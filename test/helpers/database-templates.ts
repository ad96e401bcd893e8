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
import type { TemplateName } from './template-names.ts';
import type { TemplateStore, Working } from './template-stores.ts';

export type { TemplateName };

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

/** The missing templates among `names` and those they start from, each after the one it starts from. */
async function missing(store: TemplateStore, names: readonly TemplateName[]): Promise<TemplateName[]> {
  const order: TemplateName[] = [];
  const visit = async (name: TemplateName): Promise<void> => {
    if (order.includes(name) || (await store.has(name))) return;
    const from = TEMPLATES[name].from;
    if (from) await visit(from);
    order.push(name);
  };
  for (const name of names) await visit(name);
  return order;
}

/**
 * Builds the templates `names` (and those they start from) that `store` lacks. A template whose parent
 * was just built goes on in the parent's database (no restore in between).
 */
export async function ensureTemplates(store: TemplateStore, names: readonly TemplateName[]): Promise<void> {
  let current: { readonly name: TemplateName; readonly working: Working } | undefined;
  for (const name of await missing(store, names)) {
    const recipe = TEMPLATES[name];
    let working: Working;
    if (current && current.name === recipe.from) working = await current.working.next(name);
    else {
      await current?.working.keep();
      working = await store.create(name, recipe.from);
    }
    current = { name, working };
    try {
      await recipe.prepare(working.db);
    } catch (error) {
      current = undefined;
      await working.discard();
      throw new Error(`test database template ${name} (${recipe.holds}): ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
  await current?.working.keep();
}

/** Builds `name` (and the templates it starts from) in `store` unless it is there already. */
export const ensureTemplate = (store: TemplateStore, name: TemplateName): Promise<void> =>
  ensureTemplates(store, [name]);
