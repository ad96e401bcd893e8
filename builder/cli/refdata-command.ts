/** `suivi refdata nomenclatures <file.json>` and `suivi refdata taxref <file>`: reference data loaders. */
import { importNomenclatures } from '../../runtime/refdata/nomenclatures.ts';
import { importTaxrefFile } from '../../runtime/refdata/taxref.ts';
import { type DatabaseCommandOptions, withDatabase } from './database-command.ts';

export const REFDATA_KINDS = ['nomenclatures', 'taxref'] as const;
export type RefdataKind = (typeof REFDATA_KINDS)[number];

export function refdataCommand(
  kind: RefdataKind,
  file: string,
  options: DatabaseCommandOptions,
): Promise<number> {
  return withDatabase(options, async (db) => {
    if (kind === 'nomenclatures') {
      const { types, values, skipped } = await importNomenclatures(db, file);
      options.stdout.write(`${file}: ${types} vocabulary types, ${values} values loaded\n`);
      if (skipped.length > 0) {
        options.stderr.write(`left alone (protocol vocabularies of the same code): ${skipped.join(', ')}\n`);
      }
      return;
    }
    const { rows, skipped, seconds } = await importTaxrefFile(db, file, { progress: options.stderr });
    options.stdout.write(`${file}: ${rows} names loaded in ${seconds.toFixed(1)} s\n`);
    if (skipped.count > 0) {
      options.stderr.write(
        `${skipped.count} lines without LB_NOM skipped (lines ${skipped.lines.join(', ')}${skipped.count > skipped.lines.length ? ', …' : ''})\n`,
      );
    }
  });
}
