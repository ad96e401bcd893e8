/** Diagnostics are values, never exceptions: every stage returns all of them at once. */

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  /** The rule that produced it, a stable kebab-case name (see docs/spec.md#validation-rules). */
  readonly rule: string;
  /** JSON pointer (RFC 6901) of the offending value in the spec. */
  readonly path: string;
  readonly message: string;
  readonly severity: Severity;
}

export function error(rule: string, path: string, message: string): Diagnostic {
  return { rule, path, message, severity: 'error' };
}

export function warning(rule: string, path: string, message: string): Diagnostic {
  return { rule, path, message, severity: 'warning' };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Builds a JSON pointer from path segments, escaping `~` and `/` as RFC 6901 asks. */
export function pointer(...segments: ReadonlyArray<string | number>): string {
  return segments.map((s) => `/${String(s).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

export function parsePointer(path: string): string[] {
  if (path === '') return [];
  return path
    .slice(1)
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** Stable order for printing and comparing: by path, then rule. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) =>
    a.path === b.path ? a.rule.localeCompare(b.rule) : a.path < b.path ? -1 : 1,
  );
}
