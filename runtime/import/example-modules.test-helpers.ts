/** Test support: the example modules as the runtime loads them from their generated folders (no database). */
import { EXAMPLES_ROOT, generatedModuleFolders } from '../modules/folders.ts';
import { buildModuleRuntime, type ModuleRuntime } from '../modules/load.ts';
import { readModuleFolder } from '../modules/module-folder.ts';

let loaded: Promise<readonly ModuleRuntime[]> | undefined;

export function exampleModules(): Promise<readonly ModuleRuntime[]> {
  loaded ??= Promise.all(
    generatedModuleFolders(EXAMPLES_ROOT).map(async (f) => buildModuleRuntime(await readModuleFolder(f))),
  );
  return loaded;
}

export async function exampleModule(code: string): Promise<ModuleRuntime> {
  const found = (await exampleModules()).find((m) => m.code === code);
  if (!found) throw new Error(`no example module ${code}`);
  return found;
}
