/**
 * The SINP conformity check: every exported row against the standard's rules Suivi can check — a
 * mandatory field left empty, an end date before the start date, a maximum count below the minimum,
 * a taxon code TAXREF does not know. Each problem names the row, the field and why, in French and
 * English. All rows are read (in batches); at most `limit` problems are listed, all are counted.
 */
import type { ExportRow, RowSource } from '../export-rows.ts';
import { SINP_FIELDS } from './sinp-fields.ts';
import { sinpBatches } from './sinp-rows.ts';

export type SinpProblemCode = 'missing' | 'date-order' | 'count-order' | 'taxon-unknown';

export const SINP_REASONS: Readonly<Record<SinpProblemCode, { readonly fr: string; readonly en: string }>> = {
  missing: { fr: 'champ obligatoire vide', en: 'mandatory field is empty' },
  'date-order': {
    fr: 'la date de fin précède la date de début',
    en: 'the end date is before the start date',
  },
  'count-order': {
    fr: 'le dénombrement maximal est inférieur au minimal',
    en: 'the maximum count is below the minimum count',
  },
  'taxon-unknown': { fr: 'cdNom absent de TAXREF (pas de cdRef)', en: 'cdNom is not in TAXREF (no cdRef)' },
};

export interface SinpProblem {
  readonly id: string;
  readonly field: string;
  readonly code: SinpProblemCode;
  readonly reason: { readonly fr: string; readonly en: string };
}

export interface SinpReport {
  readonly rows: number;
  readonly conforming: number;
  readonly problems_total: number;
  readonly problems: readonly SinpProblem[];
  readonly truncated: boolean;
}

const index = (name: string) => SINP_FIELDS.findIndex((f) => f.name === name);
const [DEBUT, FIN, MIN, MAX, CDNOM, CDREF] = [
  'dateDebut',
  'dateFin',
  'denombrementMin',
  'denombrementMax',
  'cdNom',
  'cdRef',
].map(index) as [number, number, number, number, number, number];

const empty = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

/** The problems of one SINP row. */
export function rowProblems(row: ExportRow): SinpProblem[] {
  const found: SinpProblem[] = [];
  const add = (field: string, code: SinpProblemCode) =>
    found.push({ id: row.id, field, code, reason: SINP_REASONS[code] });
  SINP_FIELDS.forEach((f, i) => {
    if (f.mandatory && empty(row.values[i])) add(f.name, 'missing');
  });
  const v = row.values;
  if (!empty(v[DEBUT]) && !empty(v[FIN]) && String(v[FIN]) < String(v[DEBUT])) add('dateFin', 'date-order');
  if (typeof v[MIN] === 'number' && typeof v[MAX] === 'number' && v[MAX] < v[MIN])
    add('denombrementMax', 'count-order');
  if (!empty(v[CDNOM]) && empty(v[CDREF])) add('cdNom', 'taxon-unknown');
  return found;
}

export async function checkSinp(source: RowSource, limit = 1000): Promise<SinpReport> {
  let rows = 0;
  let conforming = 0;
  let total = 0;
  const problems: SinpProblem[] = [];
  for await (const batch of sinpBatches(source, false)) {
    for (const row of batch) {
      rows++;
      const found = rowProblems(row);
      if (found.length === 0) conforming++;
      total += found.length;
      for (const p of found) if (problems.length < limit) problems.push(p);
    }
  }
  return { rows, conforming, problems_total: total, problems, truncated: total > problems.length };
}
