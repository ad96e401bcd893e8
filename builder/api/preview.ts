/**
 * The preview of a spec: the module the generators make of it, in memory, as a fresh install would
 * have it. Each level's forms come out of the runtime's own loader (buildModuleRuntime) from the
 * generated files, so they have exactly the shape the web app's record form renders (LevelForms);
 * beside them the data dictionary, the SQL the install runs and the OpenAPI document.
 */

import type { Labels } from '../../protocol-specs/index.ts';
import type { LevelForms } from '../../runtime/modules/load.ts';
import { buildModuleRuntime, OPENAPI_FILE } from '../../runtime/modules/load.ts';
import { installSqlFiles } from '../../runtime/modules/module-folder.ts';
import type { InstalledProtocol } from './installed.ts';
import { loadToolchain } from './load-toolchain.ts';
import { moduleFolderOf } from './module-files.ts';
import { checkSpec, type LocatedDiagnostic } from './spec-check.ts';

export const DICTIONARY_FILE = 'dictionary/dictionary.md';

export interface PreviewLevel {
  readonly key: string;
  readonly label: Labels;
  readonly plural: Labels;
  readonly parents: readonly string[];
  readonly forms: LevelForms;
}

export interface Preview {
  readonly ok: boolean;
  readonly diagnostics: readonly LocatedDiagnostic[];
  /** Empty when the spec does not compile. */
  readonly levels: readonly PreviewLevel[];
  readonly files: { readonly dictionary: string; readonly sql: string; readonly openapi: unknown } | null;
}

export async function previewOf(spec: unknown, installed: InstalledProtocol | undefined): Promise<Preview> {
  const check = checkSpec(spec, installed);
  if (!check.protocol) return { ok: false, diagnostics: check.diagnostics, levels: [], files: null };
  const tools = await loadToolchain();
  const generated = await tools.generateFiles(check.protocol);
  // Without a previous version nothing is planned: generation of a compiled spec does not refuse.
  if (!generated.ok) throw new Error(generated.problems.map((p) => p.message).join('; '));
  const module = await moduleFolderOf(`preview:${check.protocol.code}`, generated.files);
  const runtime = buildModuleRuntime(module);
  const text = (path: string) => module.files.get(path) ?? '';
  return {
    ok: check.ok,
    diagnostics: check.diagnostics,
    levels: runtime.levels.map((l) => ({
      key: l.key,
      label: l.label,
      plural: l.plural,
      parents: l.parents,
      forms: l.forms,
    })),
    files: {
      dictionary: text(DICTIONARY_FILE),
      sql: installSqlFiles(module)
        .map((path) => `-- ${path}\n${text(path)}`)
        .join('\n'),
      openapi: JSON.parse(text(OPENAPI_FILE) || 'null'),
    },
  };
}
