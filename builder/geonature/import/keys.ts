/**
 * Keys and ids. GeoNature keys become SQL names in Suivi, so they are normalised (accents stripped,
 * camelCase to snake_case, at most 63 characters, SQL reserved words suffixed) and the original is kept
 * in `aliases`. Ids are derived from the original names only, so importing the same folder twice gives
 * the same ids, and migrations recognise every field.
 */
import { validateSpec } from '../../../protocol-specs/index.ts';

const MAX_KEY = 63;
const MAX_ID = 80;

/** `Heure_debut` → `heure_debut`, `CodeHabitatStation1` → `code_habitat_station1`, `charpentière` → `charpentiere`. */
export function normaliseKey(raw: string, max = MAX_KEY): string {
  const ascii = raw.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  const snake = ascii
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_+|_+$/g, '');
  const lettered = /^[a-z]/.test(snake) ? snake : `f_${snake}`;
  return lettered.slice(0, max).replace(/_+$/, '') || 'field';
}

/** A vocabulary code: upper snake ASCII, at most 50 characters. */
export const normaliseCode = (raw: string): string => normaliseKey(raw, 50).toUpperCase();

/** FNV-1a, 32 bits: a short stable fingerprint for ids that must be cut. */
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (const c of text) {
    hash ^= c.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** `gn.<module>.<level>.<original key>`: id characters only; too long, cut and fingerprinted. */
export function stableId(...parts: string[]): string {
  const raw = ['gn', ...parts].join('.');
  const clean = raw
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9_.:-]/g, '_');
  if (clean.length <= MAX_ID && clean === raw) return clean;
  // Cleaning may merge two originals (é and e): the fingerprint of the original keeps them apart.
  return `${clean.slice(0, MAX_ID - 9)}-${fingerprint(raw)}`;
}

/** Makes `key` unique among `taken` with a numeric suffix, and records it. */
export function uniqueKey(key: string, taken: Set<string>, max = MAX_KEY): string {
  let candidate = key;
  for (let i = 2; taken.has(candidate); i++) candidate = `${key.slice(0, max - String(i).length - 1)}_${i}`;
  taken.add(candidate);
  return candidate;
}

export interface ReservedKeys {
  readonly levels: ReadonlySet<string>;
  readonly fields: ReadonlyMap<string, ReadonlySet<string>>;
}

/**
 * Which keys Suivi refuses (SQL reserved words, generated columns, `<level>_id`…). The validator is the
 * one authority on key rules, so it is asked: a probe spec with these levels and fields as text fields.
 */
export function reservedKeys(
  levels: ReadonlyArray<{ key: string; fields: readonly string[] }>,
): ReservedKeys {
  const probe = {
    code: 'probe',
    version: 1,
    label: 'probe',
    taxonomy: { scope: 'all' },
    levels: levels.map((level, i) => ({
      id: `l${i}`,
      key: level.key,
      type: 'custom',
      label: 'probe',
      fields: level.fields.map((key, j) => ({ kind: 'text', id: `f${i}.${j}`, key })),
    })),
  };
  const reservedLevels = new Set<string>();
  const reservedFields = new Map<string, Set<string>>();
  for (const d of validateSpec(probe)) {
    const match = /^\/levels\/(\d+)(?:\/fields\/(\d+))?\/key$/.exec(d.path);
    if (!match || (d.rule !== 'level-key-reserved' && d.rule !== 'field-key-reserved')) continue;
    const level = levels[Number(match[1])];
    if (!level) continue;
    if (match[2] === undefined) reservedLevels.add(level.key);
    else {
      const key = level.fields[Number(match[2])];
      if (key !== undefined)
        reservedFields.set(level.key, (reservedFields.get(level.key) ?? new Set()).add(key));
    }
  }
  return { levels: reservedLevels, fields: reservedFields };
}
