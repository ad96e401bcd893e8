/**
 * /api/admin/modules: the modules of the instance, changed while it runs (runtime/modules/registry.ts):
 * - GET: the installed modules with their version history, level row counts and pending upgrade; the
 *   folders that could not start; the configured folders not installed yet;
 * - POST /:code/upgrade `{ dryRun? }`: runs the injected upgrade (upgrade-port.ts) on the pending
 *   folder, then serves the new version (no restart); 409 with the report when refused;
 * - POST /install `{ folder }`: installs a configured folder not installed yet, then serves it; the folder
 *   of an installed module is read again: the same → 409 `installed`; changed, the module empty →
 *   reinstalled and served; changed, the module holding data → 409 `needs_upgrade`, the upgrade waits;
 * - POST /:code/uninstall `{ confirm: "<code>" }`: archives the schema (modules-store.ts), forgets the
 *   module, stops serving it.
 * One change at a time: they queue behind each other and behind the builder's publishes
 * (`registry.change`), so two administrators cannot upgrade one module twice. Install and upgrade are
 * live-modules.ts, shared with the builder.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Hono } from 'hono';
import { MANIFEST_PATH } from '../../generators/model/index.ts';
import { readObject } from '../auth/request-body.ts';
import type { Database } from '../db/database.ts';
import { HttpError } from '../http/errors.ts';
import type { Manifest } from '../modules/module-folder.ts';
import { type ModuleFolder, readModuleFolder } from '../modules/module-folder.ts';
import type { ModuleRegistry, PendingModule } from '../modules/registry.ts';
import type { UpgradeModule } from '../modules/upgrade-port.ts';
import { pendingSummary } from '../server/module-summary.ts';
import { invalidField } from './fields.ts';
import { installLive, upgradeLive } from './live-modules.ts';
import { archiveModule, installedModules, levelRowCounts } from './modules-store.ts';
import { adminOf } from './require-admin.ts';

export interface ModuleAdminOptions {
  /** The module folders this server may install from, read at each request (a folder added later counts). */
  readonly moduleFolders: () => readonly string[];
  /** Runs a migration plan (runtime/modules/upgrade.ts); without it, upgrades answer 503. */
  readonly upgradeModule?: UpgradeModule;
}

const pendingEntry = (p: PendingModule) => ({
  code: p.code,
  kind: p.kind,
  folder: p.folder,
  installed_version: p.installedVersion,
  folder_version: p.folderVersion,
  serving: p.serving,
  reason: p.reason,
  plan: p.plan?.found
    ? { found: true, steps: p.plan.steps }
    : { found: false, steps: [], ...(p.plan ? { message: p.plan.message } : {}) },
  counts: pendingSummary(p).steps,
});

/** The configured folders whose module is not installed: their manifest only, a broken one left out. */
async function availableFolders(folders: readonly string[], installed: ReadonlySet<string>) {
  const found = [];
  for (const folder of folders) {
    const text = await readFile(join(folder, MANIFEST_PATH), 'utf8').catch(() => undefined);
    const manifest = (() => {
      try {
        return text === undefined ? undefined : (JSON.parse(text) as Partial<Manifest>);
      } catch {
        return undefined;
      }
    })();
    const p = manifest?.protocol;
    if (typeof p?.code !== 'string' || installed.has(p.code)) continue;
    found.push({
      folder: resolve(folder),
      code: p.code,
      version: p.version ?? null,
      label: p.label ?? p.code,
    });
  }
  return found;
}

function optionalBoolean(body: Record<string, unknown>, key: string): boolean {
  const value = body[key];
  if (value === undefined) return false;
  if (typeof value !== 'boolean') throw invalidField(key, 'type', `« ${key} » : true ou false.`);
  return value;
}

export function mountModuleAdminRoutes(
  app: Hono,
  db: Database,
  registry: ModuleRegistry,
  options: ModuleAdminOptions,
): void {
  const live = {
    db,
    registry,
    ...(options.upgradeModule ? { upgradeModule: options.upgradeModule } : {}),
  };

  app.get('/api/admin/modules', async (c) => {
    const installed = await installedModules(db);
    const codes = new Set(installed.map((m) => m.code));
    const modules = [];
    for (const m of installed) {
      const runtime = registry.runtime(m.code);
      const pending = registry.pendingOf(m.code);
      modules.push({
        ...m,
        label: runtime?.label ?? { fr: m.label },
        served_version: runtime?.version ?? null,
        rows: runtime ? await levelRowCounts(db, runtime) : null,
        pending: pending ? pendingEntry(pending) : null,
      });
    }
    return c.json({
      modules,
      unavailable: registry
        .pending()
        .filter((p) => !codes.has(p.code))
        .map(pendingEntry),
      available: await availableFolders(options.moduleFolders(), codes),
    });
  });

  app.post('/api/admin/modules/:code/upgrade', async (c) => {
    const actor = adminOf(c).id;
    const body = await readObject(c);
    const dryRun = optionalBoolean(body, 'dryRun');
    const code = c.req.param('code');
    const pending = registry.pendingOf(code);
    if (pending?.kind !== 'upgrade')
      throw new HttpError(404, 'not_found', `Aucune mise à niveau n’attend pour le module « ${code} ».`);
    return registry.change(async () => c.json(await upgradeLive(live, pending.folder, { dryRun, actor })));
  });

  app.post('/api/admin/modules/install', async (c) => {
    const actor = adminOf(c).id;
    const body = await readObject(c);
    const folder = body.folder;
    const allowed = options.moduleFolders().map((f) => resolve(f));
    if (typeof folder !== 'string' || !allowed.includes(resolve(folder)))
      throw invalidField(
        'folder',
        'unknown_folder',
        '« folder » : un des dossiers de modules de ce serveur.',
      );
    return registry.change(async () => {
      let module: ModuleFolder;
      try {
        module = await readModuleFolder(folder);
      } catch (error) {
        throw invalidField('folder', 'invalid_folder', (error as Error).message);
      }
      return c.json(await installLive(live, module, actor, '/folder'), 201);
    });
  });

  app.post('/api/admin/modules/:code/uninstall', async (c) => {
    adminOf(c);
    const body = await readObject(c);
    const code = c.req.param('code');
    if (body.confirm !== code)
      throw invalidField(
        'confirm',
        'confirm',
        `« confirm » : recopiez le code du module (« ${code} ») pour confirmer.`,
      );
    return registry.change(async () => {
      const archive = await archiveModule(db, code);
      if (archive === undefined)
        throw new HttpError(404, 'not_found', `Le module « ${code} » n’est pas installé.`);
      registry.withdraw(code);
      registry.clearPending(code);
      return c.json({ code, archive });
    });
  });
}
