/**
 * A chiro_gites module whose spec marks dimensions (visit season, visit method, reproductive status) and
 * a measure (count_total), generated into a temporary folder, installed with the demo seed and records.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { generateModule } from '../../generators/module.ts';
import { compileProtocol } from '../../protocol-specs/index.ts';
import type { RuntimeEngine } from '../../test/helpers/engines.ts';
import type { Database } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { seedDemoRecords } from '../demo/demo-records.ts';
import { seedDemo } from '../demo/seed.ts';
import { installModule } from '../modules/install.ts';
import { loadModules, type ModuleRuntime } from '../modules/load.ts';

const SPEC = new URL('../../examples/chiro_gites/protocol.json', import.meta.url);
export const MARKED = { dimensions: ['season', 'visit_method', 'repro_status'], measure: 'count_total' };

/** The example's spec with dashboard marks added. */
export function markedSpec(): Record<string, unknown> {
  const spec = JSON.parse(readFileSync(SPEC, 'utf8'));
  for (const level of spec.levels)
    for (const field of level.fields) {
      if (MARKED.dimensions.includes(field.key)) field.dimension = true;
      if (level.key === 'observation' && field.key === MARKED.measure) field.measure = 'sum';
    }
  return spec;
}

export async function markedFolder(): Promise<string> {
  const compiled = compileProtocol(markedSpec());
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics));
  const files = await generateModule(compiled.protocol, { specPath: 'chiro_gites/protocol.json' });
  const root = join(mkdtempSync(join(tmpdir(), 'suivi-dash-')), 'chiro_gites');
  const folder = join(root, 'generated');
  // The example's demo records (demo/records.json beside the generated folder) go with it.
  cpSync(new URL('../../examples/chiro_gites/demo', import.meta.url), join(root, 'demo'), {
    recursive: true,
  });
  for (const file of files) {
    mkdirSync(dirname(join(folder, file.path)), { recursive: true });
    writeFileSync(join(folder, file.path), file.contents);
  }
  return folder;
}

export async function dashboardDatabase(
  engine: RuntimeEngine,
): Promise<{ db: Database; modules: readonly ModuleRuntime[] }> {
  const folder = await markedFolder();
  const db = await engine.open();
  await migrate(db);
  await installModule(db, folder);
  const modules = await loadModules(db, [folder]);
  await seedDemo(db, modules);
  await seedDemoRecords(db, modules);
  return { db, modules };
}
