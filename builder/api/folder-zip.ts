/**
 * `GET /api/builder/modules/:code/folder.zip`: the generated folder of the installed version, as the
 * database holds it (suivi.module_version's files, each checked against the stored manifest), zipped
 * with its manifest.json at the root: unzip it into `examples/<code>/generated` (or any module folder)
 * to keep it in git. Fixed timestamps: the same version, the same bytes.
 */
import { strToU8, type Zippable, zipSync } from 'fflate';
import type { Hono } from 'hono';
import { MANIFEST_PATH } from '../../generators/model/index.ts';
import { HttpError } from '../../runtime/http/errors.ts';
import { ModuleLoadError } from '../../runtime/modules/load.ts';
import type { ModuleFolder } from '../../runtime/modules/module-folder.ts';
import { installedModuleFolder } from '../../runtime/modules/module-version.ts';
import type { BuilderContext } from './context.ts';

const FIXED_TIME = new Date('2000-01-01T00:00:00Z');

export function folderZip(module: ModuleFolder): Uint8Array {
  const entries: Zippable = {};
  const files: [string, string][] = [[MANIFEST_PATH, module.manifestText], ...module.files];
  for (const [path, contents] of files.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    entries[path] = [strToU8(contents), { mtime: FIXED_TIME }];
  return zipSync(entries, { level: 6, mtime: FIXED_TIME });
}

export function mountFolderZipRoute(app: Hono, context: BuilderContext): void {
  app.get('/api/builder/modules/:code/folder.zip', async (c) => {
    const code = c.req.param('code');
    let module: ModuleFolder;
    try {
      module = await installedModuleFolder(context.db, code);
    } catch (error) {
      if (!(error instanceof ModuleLoadError)) throw error;
      throw new HttpError(404, 'not_found', `Aucun module « ${code} » installé n’a ses fichiers en base.`);
    }
    const { version } = module.manifest.protocol;
    const bytes = folderZip(module);
    return c.body(bytes.slice().buffer, 200, {
      'content-type': 'application/zip',
      'content-disposition': `attachment; filename="${code}-v${version}.zip"`,
    });
  });
}
