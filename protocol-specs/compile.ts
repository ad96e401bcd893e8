/** The front of the compiler: validate, then normalise. Callers get diagnostics, never exceptions. */
import { type Diagnostic, hasErrors } from './diagnostics.ts';
import { normalise, type ProtocolSpec } from './normalise/index.ts';
import type { ResolvedProtocol } from './resolved.ts';
import { type ValidateOptions, validateSpec } from './validate/index.ts';

export type CompileResult =
  | { readonly ok: true; readonly protocol: ResolvedProtocol; readonly diagnostics: readonly Diagnostic[] }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

export function compileProtocol(spec: unknown, options: ValidateOptions = {}): CompileResult {
  const diagnostics = validateSpec(spec, options);
  if (hasErrors(diagnostics)) return { ok: false, diagnostics };
  return { ok: true, protocol: normalise(spec as ProtocolSpec), diagnostics };
}
