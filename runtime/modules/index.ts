/** Generated modules: installed into the database, kept version by version, served from a live registry. */
export { EXAMPLES_ROOT, generatedModuleFolders } from './folders.ts';
export {
  type InstallResult,
  type InstallStatus,
  installModule,
  ModuleInstallError,
  ModuleNeedsUpgradeError,
} from './install.ts';
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
export { contentHash, loadInstalledModule, recordModuleVersion } from './module-version.ts';
export { type OpenedModules, openModules } from './open-modules.ts';
export { ModuleRegistry, type PendingModule, type ServedModule } from './registry.ts';
export type { UpgradeModule, UpgradeReport } from './upgrade-port.ts';
