/**
 * The module version a draft would become: what `diff`, `plan` and `publish` share.
 *
 *   spec → checked (422 `invalid_spec` with the located diagnostics) → compared with the installed
 *   version of its code: no change → `unchanged`; changed without a higher version → the version is
 *   raised to installed + 1 (the spec's own version is never lowered by the builder) → generated over
 *   the installed folder (its migration plans kept, a new plan from the installed version, the
 *   designer's `resolutions` for it) → a module folder in memory, at the path it will be written to.
 */
import { join } from 'node:path';
import type { MigrationPlan } from '../../generators/model/index.ts';
import { diffProtocols, type ProtocolDiff, type ResolvedProtocol } from '../../protocol-specs/index.ts';
import { HttpError, invalid } from '../../runtime/http/errors.ts';
import type { ModuleFolder } from '../../runtime/modules/module-folder.ts';
import { installedModuleFolder } from '../../runtime/modules/module-version.ts';
import { planChain } from '../../runtime/modules/upgrade.ts';
import type { BuilderContext } from './context.ts';
import { type Spec, specCode } from './drafts-store.ts';
import { type InstalledProtocol, installedProtocol } from './installed.ts';
import { loadToolchain } from './load-toolchain.ts';
import { moduleFolderOf, previousOf } from './module-files.ts';
import { checkSpec, type LocatedDiagnostic } from './spec-check.ts';

/** A protocol code is its schema's name and its folder's: checked again before it names a path. */
const SAFE_CODE = /^[a-z][a-z0-9_]{0,62}$/;

export interface Release {
  readonly code: string;
  /** The spec as published: its version raised when it had to be. */
  readonly spec: Spec;
  readonly protocol: ResolvedProtocol;
  readonly installed: InstalledProtocol | undefined;
  readonly versionRaised: { readonly from: unknown; readonly to: number } | null;
  /** Changes from the installed version (from an empty protocol for a new one). */
  readonly diff: ProtocolDiff;
  /** The generated folder, in memory, at `<modules dir>/<code>/generated`. */
  readonly module: ModuleFolder;
  /** The migration plan from the installed version, for an installed module. */
  readonly plan: MigrationPlan | null;
}

/** 422 with every diagnostic, located in the spec (`/spec/...`). */
export const invalidSpec = (diagnostics: readonly LocatedDiagnostic[]) =>
  new HttpError(
    422,
    'invalid_spec',
    'La spécification a des erreurs : corrigez-les avant de publier.',
    diagnostics
      .filter((d) => d.severity === 'error')
      .map((d) => ({
        path: `/spec${d.path}`,
        code: d.rule,
        message: d.message,
        line: d.line,
        column: d.column,
      })),
  );

/** A protocol with nothing in it: what a new protocol is compared with (everything is added). */
function emptyVersionOf(protocol: ResolvedProtocol): ResolvedProtocol {
  const { occurrence: _, ...rest } = protocol;
  return { ...rest, version: 0, vocabularies: [], levels: [] };
}

/** The changes from the installed version; `protocol_version_changed` alone is no change. */
export function diffWithInstalled(protocol: ResolvedProtocol, installed: InstalledProtocol | undefined) {
  const diff = diffProtocols(installed?.protocol ?? emptyVersionOf(protocol), protocol);
  const changed = diff.changes.some((c) => c.kind !== 'protocol_version_changed');
  return { diff, changed };
}

/** The spec checked and compiled, or a 422. */
export function compiledSpec(spec: Spec, installed: InstalledProtocol | undefined): ResolvedProtocol {
  const check = checkSpec(spec, installed);
  if (!check.ok || !check.protocol) throw invalidSpec(check.diagnostics);
  return check.protocol;
}

export async function prepareRelease(
  context: BuilderContext,
  authored: Spec,
  resolutions: Readonly<Record<string, unknown>> | undefined,
): Promise<Release> {
  const installed = await installedProtocol(context.db, specCode(authored));
  const first = compiledSpec(authored, installed);
  const code = first.code;
  if (!SAFE_CODE.test(code))
    throw invalid([
      { path: '/spec/code', code: 'code', message: `Le code « ${code} » ne peut pas nommer un module.` },
    ]);
  const { changed } = diffWithInstalled(first, installed);
  if (installed && !changed)
    throw new HttpError(
      409,
      'unchanged',
      `Rien n’a changé depuis la version ${installed.version} installée du module « ${code} ».`,
    );
  const raise = installed !== undefined && first.version <= installed.version;
  const spec = raise ? { ...authored, version: installed.version + 1 } : authored;
  const protocol = raise ? compiledSpec(spec, installed) : first;
  const tools = await loadToolchain();
  const previous = installed
    ? previousOf(
        await installedModuleFolder(context.db, code),
        installed.protocol,
        resolutions ? { [`v${installed.version}-to-v${protocol.version}`]: resolutions } : {},
      )
    : undefined;
  const generated = await tools.generateFiles(protocol, previous);
  if (!generated.ok)
    throw invalid(
      generated.problems.map((p) => ({ path: `/resolutions${p.pointer}`, code: 'plan', message: p.message })),
    );
  const module = await moduleFolderOf(join(context.modulesDir, code, 'generated'), generated.files);
  const chain = installed ? planChain(module, installed.version, protocol.version) : undefined;
  return {
    code,
    spec,
    protocol,
    installed,
    versionRaised: raise ? { from: authored.version, to: protocol.version } : null,
    diff: diffWithInstalled(protocol, installed).diff,
    module,
    plan: chain?.[0] ?? null,
  };
}
