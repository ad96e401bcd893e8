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
 * One change at a time: they queue behind each other (`exclusive`), so two administrators cannot
 * upgrade one module twice.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Hono } from 'hono';
import { MANIFEST_PATH } from '../../generators/model/index.ts';
import { readObject } from '../auth/request-body.ts';
import { coreDb } from '../db/core-database.ts';
import type { Database } from '../db/database.ts';
import { conflict, HttpError } from '../http/errors.ts';
import { installModule, ModuleInstallError, ModuleNeedsUpgradeError } from '../modules/install.ts';
import { buildModuleRuntime } from '../modules/load.ts';
import type { Manifest } from '../modules/module-folder.ts';
import { type ModuleFolder, readModuleFolder, sameModule } from '../modules/module-folder.ts';
import { pendingUpgrade } from '../modules/open-modules.ts';
import type { ModuleRegistry, PendingModule } from '../modules/registry.ts';
import { refusedReport, type UpgradeModule } from '../modules/upgrade-port.ts';
import { moduleSummary, pendingSummary } from '../server/module-summary.ts';
import { invalidField } from './fields.ts';
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
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };

  /** Serves `module` (already installed as it is) in place of whatever served its code. */
  const serve = (module: ModuleFolder) => {
    const served = registry.serve(buildModuleRuntime(module));
    registry.clearPending(module.manifest.protocol.code);
    return moduleSummary(served.runtime);
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
    const upgrade = options.upgradeModule;
    if (!upgrade)
      throw new HttpError(
        503,
        'upgrade_unavailable',
        'Ce serveur ne sait pas encore appliquer de plan de migration.',
      );
    return exclusive(async () => {
      let report: Awaited<ReturnType<UpgradeModule>>;
      try {
        report = await upgrade(db, pending.folder, { dryRun, actor });
      } catch (error) {
        const refused = refusedReport(error);
        const message = refused
          ? `La mise à niveau du module « ${code} » est refusée : des enregistrements ne passent pas ses contrôles.`
          : `La mise à niveau du module « ${code} » a échoué : ${(error as Error).message}`;
        throw conflict(refused ? 'upgrade_refused' : 'upgrade_failed', message, {
          path: '',
          ...(refused ? { report: refused } : {}),
        });
      }
      if (report.status !== 'upgraded') return c.json({ report, module: null });
      const module = await readModuleFolder(pending.folder);
      const row = await coreDb(db)
        .selectFrom('suivi.module')
        .select('manifest')
        .where('code', '=', code)
        .executeTakeFirst();
      if (!row || !sameModule(row.manifest as Manifest, module.manifest))
        throw conflict(
          'upgrade_incomplete',
          `Le module « ${code} » installé n’est pas celui du dossier après la mise à niveau.`,
          { path: '' },
        );
      return c.json({ report, module: serve(module) });
    });
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
    return exclusive(async () => {
      let module: ModuleFolder;
      try {
        module = await readModuleFolder(folder);
      } catch (error) {
        throw invalidField('folder', 'invalid_folder', (error as Error).message);
      }
      const code = module.manifest.protocol.code;
      try {
        const result = await installModule(db, module, { actor });
        const served = registry.runtime(code);
        if (result.status === 'unchanged' && served && !registry.pendingOf(code))
          throw conflict(
            'installed',
            `Le module « ${code} » est déjà installé tel que ce dossier le décrit.`,
            {
              path: '/folder',
            },
          );
        return c.json({ install: result, module: serve(module) }, 201);
      } catch (error) {
        if (error instanceof ModuleNeedsUpgradeError) {
          const upgrade = await pendingUpgrade(db, module, error);
          registry.setPending(upgrade.pending);
          throw conflict(
            'needs_upgrade',
            `Le module « ${code} » contient des données : il faut le mettre à niveau.`,
            { path: '/folder' },
          );
        }
        if (error instanceof ModuleInstallError)
          throw invalidField('folder', 'install_failed', error.message);
        throw error;
      }
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
    return exclusive(async () => {
      const archive = await archiveModule(db, code);
      if (archive === undefined)
        throw new HttpError(404, 'not_found', `Le module « ${code} » n’est pas installé.`);
      registry.withdraw(code);
      registry.clearPending(code);
      return c.json({ code, archive });
    });
  });
}
