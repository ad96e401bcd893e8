import { mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { hasErrors, validateSpec } from '../../protocol-specs/index.ts';
import { formatReport, type ImportReport, importGeoNatureProtocol, runReport } from '../geonature/index.ts';

interface Output {
  write(text: string): unknown;
}

export interface ImportGnOptions {
  /** Write the spec there instead of printing it. */
  readonly out?: string;
  /** The folder holds protocol folders: convert and check them all, print a table. */
  readonly report: boolean;
  readonly stdout: Output;
  readonly stderr: Output;
}

/** `suivi import-gn`: one GeoNature protocol folder → a spec (stdout or --out); or --report over many. */
export async function importGnCommand(folder: string, options: ImportGnOptions): Promise<number> {
  if (!(await stat(folder).catch(() => undefined))?.isDirectory()) {
    options.stderr.write(`${folder}: not a folder\n`);
    return 1;
  }
  if (options.report) {
    const report = await runReport(folder);
    options.stdout.write(`${formatReport(report)}\n`);
    return report.rows.every((r) => r.ok) ? 0 : 1;
  }
  const { spec, report } = await importGeoNatureProtocol(folder);
  printReport(folder, report, options.stderr);
  const text = `${JSON.stringify(spec, null, 2)}\n`;
  if (options.out) {
    await mkdir(dirname(options.out), { recursive: true });
    await writeFile(options.out, text);
    options.stderr.write(`${options.out}: written\n`);
  } else options.stdout.write(text);
  return hasErrors(validateSpec(spec)) ? 1 : 0;
}

function printReport(folder: string, report: ImportReport, err: Output): void {
  const at = (file: string, path: string) => `${folder}/${file}${path ? ` ${path}` : ''}`;
  for (const w of report.warnings) err.write(`${at(w.file, w.path)}: warning: ${w.message}\n`);
  for (const u of report.untranslated)
    err.write(
      `${at(u.file, u.path)}: untranslated rule: ${u.reason}\n    ${u.source.replace(/\s+/g, ' ')}\n`,
    );
  for (const b of report.builtIn) err.write(`${at(b.file, b.path)}: no rule needed: ${b.reason}\n`);
  const { total, translated, builtIn, sourceBugs } = report.rules;
  err.write(
    `rules: ${translated}/${total} translated (${builtIn} built into Suivi), ${sourceBugs} source bug(s) found, ${report.warnings.length} warning(s)\n`,
  );
}
