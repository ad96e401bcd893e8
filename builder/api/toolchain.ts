/**
 * The builder's heavy parts, loaded on first use (`loadToolchain`), so a server start does not pay for
 * the generators and the GeoNature importer before anyone designs a protocol: the module generation
 * (the CLI's `generate`, in memory) and the GeoNature conversion.
 */
import type { GeneratedFile } from '../../generators/core/generated-file.ts';
import { MigrationPlanError } from '../../generators/migrations/plan.ts';
import { generateModule } from '../../generators/module.ts';
import { GENERATORS } from '../../generators/registry.ts';
import type { ResolvedProtocol } from '../../protocol-specs/index.ts';
import { importGeoNatureFolder } from '../geonature/import/import-protocol.ts';
import type { ImportResult, ProtocolFolder } from '../geonature/model.ts';
import type { PreviousVersion } from './module-files.ts';

export type Generated =
  | { readonly ok: true; readonly files: readonly GeneratedFile[] }
  | {
      readonly ok: false;
      readonly problems: readonly { readonly pointer: string; readonly message: string }[];
    };

/** The spec path a published module's banners name: `<code>/protocol.json` in the modules directory. */
export const publishedSpecPath = (code: string) => `${code}/protocol.json`;

/**
 * Every file of the module folder, as `npx suivi generate` writes it (the built-in generators); over
 * `previous`, with the migration plan from it. A plan that cannot be made (a resolution that names no
 * step…) is a list of problems, not an exception.
 */
export async function generateFiles(
  protocol: ResolvedProtocol,
  previous?: PreviousVersion,
): Promise<Generated> {
  try {
    const files = await generateModule(
      protocol,
      { specPath: publishedSpecPath(protocol.code), ...(previous ? { previous } : {}) },
      GENERATORS,
    );
    return { ok: true, files };
  } catch (error) {
    if (error instanceof MigrationPlanError) return { ok: false, problems: error.problems };
    throw error;
  }
}

export function importGeoNature(folder: ProtocolFolder, name: string): ImportResult {
  return importGeoNatureFolder(folder, name);
}
