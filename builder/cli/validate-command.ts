import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  compileProtocol,
  type Diagnostic,
  hasErrors,
  sortDiagnostics,
  validateSpecText,
} from '../../protocol-specs/index.ts';
import { besideSpec, checkEvolution, type PreviousVersion } from './evolution-check.ts';

interface Output {
  write(text: string): unknown;
}

export interface ValidateCommandOptions {
  readonly json: boolean;
  /** The previous version to compare with (a spec or a generated folder); else the `generated/` beside the spec. */
  readonly previous?: string;
  readonly stdout: Output;
  readonly stderr: Output;
}

interface FileReport {
  readonly file: string;
  readonly diagnostics: ReadonlyArray<Diagnostic & { readonly line: number; readonly column: number }>;
}

/** Validates every spec found; returns the exit code (1 when any error, else 0). */
export async function validateCommand(
  paths: readonly string[],
  options: ValidateCommandOptions,
): Promise<number> {
  const files = (await Promise.all(paths.map(findSpecs))).flat();
  if (options.previous !== undefined && files.length !== 1) {
    options.stderr.write(
      `--previous compares one spec with its previous version; ${files.length} spec(s) found\n`,
    );
    return 1;
  }
  const previousOf = (file: string): PreviousVersion =>
    options.previous === undefined ? besideSpec(file) : { path: options.previous, implicit: false };
  const reports: FileReport[] = [];
  for (const file of files) reports.push(await validateFile(file, previousOf(file)));
  if (options.json) {
    options.stdout.write(`${JSON.stringify(reports, null, 2)}\n`);
  } else {
    for (const report of reports) {
      for (const d of report.diagnostics) {
        options.stdout.write(
          `${report.file}:${d.line}:${d.column} ${d.severity} ${d.rule} ${d.message}${d.path ? ` (at ${d.path})` : ''}\n`,
        );
      }
    }
    const all = reports.flatMap((r) => r.diagnostics);
    const errors = all.filter((d) => d.severity === 'error').length;
    options.stderr.write(
      `${files.length} spec(s) checked: ${errors} error(s), ${all.length - errors} warning(s)\n`,
    );
  }
  return reports.some((r) => r.diagnostics.some((d) => d.severity === 'error')) ? 1 : 0;
}

async function validateFile(file: string, previous: PreviousVersion): Promise<FileReport> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const message = `cannot read the file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
    return {
      file,
      diagnostics: [{ rule: 'file-unreadable', path: '', message, severity: 'error', line: 1, column: 1 }],
    };
  }
  const result = validateSpecText(text);
  const evolution = hasErrors(result.diagnostics) ? [] : await evolutionOf(result.value, previous);
  const diagnostics = sortDiagnostics([...result.diagnostics, ...evolution]).map((d) => ({
    ...d,
    ...result.locate(d),
  }));
  diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
  return { file, diagnostics };
}

/** The evolution checks of a valid spec against its previous version, when there is one. */
async function evolutionOf(spec: unknown, previous: PreviousVersion): Promise<Diagnostic[]> {
  const compiled = compileProtocol(spec);
  return compiled.ok ? checkEvolution(compiled.protocol, previous) : [];
}

const SKIPPED_FOLDERS = new Set(['node_modules', 'generated', '.git']);
const isSpecName = (name: string) => name === 'protocol.json' || name.endsWith('.protocol.json');

/** A file is taken as given; a folder is searched for spec files (generated output and dependencies skipped). */
async function findSpecs(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isDirectory()) return [path];
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const full = join(dir, entry.name);
      if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) await walk(full);
      else if (entry.isFile() && isSpecName(entry.name)) found.push(full);
    }
  };
  await walk(path);
  return found;
}
