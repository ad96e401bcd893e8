/**
 * The ids of a demo records file are the file's own keys: they tie a visit to its site, a quadrat to
 * its control quadrat. Seeding gives every record a random UUID instead, and rewrites every value of
 * the file naming one of those keys (parent links, references, in group rows too). So no database holds
 * the file's ids, which are sequential and public: a record id never says how many records exist, nor
 * lets anyone guess another organisation's.
 */
import { randomUUID } from 'node:crypto';
import type { DemoRecord } from './demo-records-file.ts';

export interface DemoRecordIds {
  /** The records, each with its new id and its links to the others rewritten. */
  readonly records: readonly DemoRecord[];
  /** The file's id → the id given to the record. */
  readonly ids: ReadonlyMap<string, string>;
}

/** `value` with every string that is a key of `ids` replaced by its new id. */
function rewrite(value: unknown, ids: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') return ids.get(value) ?? value;
  if (Array.isArray(value)) return value.map((v) => rewrite(v, ids));
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewrite(v, ids)]));
  return value;
}

/** Fresh random ids (UUID v4) for `records`. */
export function withFreshIds(records: readonly DemoRecord[]): DemoRecordIds {
  const ids = new Map(records.map((r) => [String(r.record.id), randomUUID()]));
  return {
    records: records.map((r) => ({ ...r, record: rewrite(r.record, ids) as DemoRecord['record'] })),
    ids,
  };
}
