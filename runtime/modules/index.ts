/** Generated modules: installed into the database, then held in memory by the runtime. */
export { EXAMPLES_ROOT, generatedModuleFolders } from './folders.ts';
export { type InstallResult, type InstallStatus, installModule, ModuleInstallError } from './install.ts';
export {
  buildModuleRuntime,
  findLevel,
  type LevelForms,
  type LevelRuntime,
  loadModules,
  ModuleLoadError,
  type ModuleRuntime,
} from './load.ts';
export { type ModuleFolder, ModuleFolderError, readModuleFolder } from './module-folder.ts';
