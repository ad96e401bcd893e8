/**
 * Extension points for developers (docs/generators.md#extension-points): what a module's
 * `extensions/index.ts` imports (`defineExtension`, `HookRefusal`, `kyselyOver`, the types), and what
 * the server uses to load and mount extensions.
 */
export { kyselyOver } from '../db/kysely-dialect.ts';
export { HookFailure, HookRefusal, type RefusalMessage } from './hook-refusal.ts';
export { extensionHooks } from './hooks.ts';
export { EXTENSION_ENTRY, ExtensionLoadError, extensionFile, loadExtensions } from './load.ts';
export { extensionPath, mountExtensionRoutes } from './routes.ts';
export {
  defineExtension,
  type ExtensionApp,
  type ExtensionGrant,
  type LevelHooks,
  type LoadedExtension,
  type RecordData,
  type SuiviExtension,
} from './types.ts';
