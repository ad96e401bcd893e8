/**
 * A protocol as the diff and the evolution checks take it, from a spec file (validated and compiled) or
 * a generated module folder (its resolved protocol, ir/protocol.resolved.json). Never throws: what
 * cannot be read comes back as lines to print.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { IR_FILE } from '../../generators/model/index.ts';
import {
  compileProtocol,
  type Diagnostic,
  hasErrors,
  loadJsonText,
  type Position,
  type ResolvedProtocol,
  sortDiagnostics,
} from '../../protocol-specs/index.ts';

export const IR_PATH = `ir/${IR_FILE}`;

export type ProtocolSource =
  | {
      readonly ok: true;
      readonly protocol: ResolvedProtocol;
      /** A spec file's position of a diagnostic; undefined for a resolved protocol read from a folder. */
      readonly locate?: (d: Diagnostic) => Position;
    }
  | { readonly ok: false; readonly problems: readonly string[] };

const failed = (...problems: string[]): ProtocolSource => ({ ok: false, problems });

/** A spec file, a generated module folder, a folder holding protocol.json, or a resolved protocol file. */
export async function readProtocolSource(path: string): Promise<ProtocolSource> {
  const info = await stat(path).catch(() => undefined);
  if (!info) return failed(`${path}: no such file or folder`);
  if (info.isDirectory()) {
    const ir = join(path, IR_PATH);
    if (await stat(ir).catch(() => undefined)) return readResolvedFile(ir);
    const spec = join(path, 'protocol.json');
    if (await stat(spec).catch(() => undefined)) return readSpecFile(spec);
    return failed(
      `${path}: neither a generated module folder (no ${IR_PATH}) nor a protocol folder (no protocol.json)`,
    );
  }
  return readSpecFile(path);
}

/** A spec, compiled; a file that turns out to be a resolved protocol is read as one. */
export async function readSpecFile(file: string): Promise<ProtocolSource> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return failed(`${file}: cannot read the file`);
  const loaded = loadJsonText(text);
  if (loaded.value !== undefined && isResolvedFile(loaded.value)) return resolvedFrom(file, loaded.value);
  const result = loaded.value === undefined ? undefined : compileProtocol(loaded.value);
  const diagnostics = sortDiagnostics([...loaded.diagnostics, ...(result?.diagnostics ?? [])]);
  if (!result?.ok || hasErrors(diagnostics)) {
    return failed(
      ...diagnostics.map((d) => {
        const at = loaded.locate(d);
        return `${file}:${at.line}:${at.column} ${d.severity} ${d.rule} ${d.message}`;
      }),
    );
  }
  return { ok: true, protocol: result.protocol, locate: (d) => loaded.locate(d) };
}

/** ir/protocol.resolved.json: `{ "$comment", "protocol" }`, as the IR generator writes it. */
export async function readResolvedFile(file: string): Promise<ProtocolSource> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return failed(`${file}: cannot read the file`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return failed(`${file}: not JSON (${(e as Error).message})`);
  }
  return resolvedFrom(file, value);
}

function resolvedFrom(where: string, value: unknown): ProtocolSource {
  const protocol = isResolvedFile(value) ? value.protocol : value;
  if (!looksResolved(protocol))
    return failed(`${where}: not a resolved protocol (${IR_PATH} of a generated module)`);
  return { ok: true, protocol };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

const isResolvedFile = (v: unknown): v is { protocol: unknown } =>
  isObject(v) && isObject(v.protocol) && !('levels' in v);

/**
 * Enough of the shape for the diff to walk it. The resolved protocol comes from our own generator (or
 * our own database); this guards against a wrong file, not against a forged one.
 */
export function looksResolved(v: unknown): v is ResolvedProtocol {
  return (
    isObject(v) &&
    typeof v.code === 'string' &&
    Number.isInteger(v.version) &&
    isObject(v.taxonomy) &&
    Array.isArray(v.datasets) &&
    Array.isArray(v.vocabularies) &&
    Array.isArray(v.levels) &&
    v.levels.every(
      (l) => isObject(l) && typeof l.id === 'string' && typeof l.key === 'string' && Array.isArray(l.fields),
    )
  );
}
