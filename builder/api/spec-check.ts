/**
 * The validator as the builder shows it: every diagnostic of the spec compiler, plus the evolution
 * checks against the installed version of the same code, each located (line, column) in the spec's
 * JSON as the editor shows it, `JSON.stringify(spec, null, 2)`.
 *
 * `version-not-raised` is a warning here, not an error: publishing raises the version itself
 * (publish.ts), so a designer never has to.
 */
import {
  compileProtocol,
  type Diagnostic,
  evolutionDiagnostics,
  hasErrors,
  loadJsonText,
  type ResolvedProtocol,
  sortDiagnostics,
} from '../../protocol-specs/index.ts';
import type { InstalledProtocol } from './installed.ts';

export interface LocatedDiagnostic extends Diagnostic {
  /** 1-based, in `JSON.stringify(spec, null, 2)`. */
  readonly line: number;
  readonly column: number;
}

export interface SpecCheck {
  readonly ok: boolean;
  readonly diagnostics: readonly LocatedDiagnostic[];
  /** The resolved protocol, when the spec compiles. */
  readonly protocol?: ResolvedProtocol;
}

const RAISED_ON_PUBLISH = 'version-not-raised';

function evolution(installed: InstalledProtocol | undefined, next: ResolvedProtocol): Diagnostic[] {
  if (!installed || installed.protocol.code !== next.code) return [];
  return evolutionDiagnostics(installed.protocol, next).map((d) =>
    d.rule === RAISED_ON_PUBLISH
      ? {
          ...d,
          severity: 'warning',
          message: `${d.message} — publishing raises it to ${installed.version + 1}`,
        }
      : d,
  );
}

export function checkSpec(spec: unknown, installed: InstalledProtocol | undefined): SpecCheck {
  const loaded = loadJsonText(JSON.stringify(spec, null, 2));
  const compiled = compileProtocol(loaded.value);
  const all = [...compiled.diagnostics, ...(compiled.ok ? evolution(installed, compiled.protocol) : [])];
  const diagnostics = sortDiagnostics(all).map((d) => ({ ...d, ...loaded.locate(d) }));
  const ok = compiled.ok && !hasErrors(all);
  return { ok, diagnostics, ...(compiled.ok ? { protocol: compiled.protocol } : {}) };
}
