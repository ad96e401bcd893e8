/**
 * A record and its ancestors as one row: the record's table aliased `r`, each ancestor's `a_<level>`,
 * joined through the parent links breadth first (the first path found wins when two lead to the same
 * ancestor). LEFT JOINs: a level with several parents may lack some of them.
 */
import type { ResolvedLevel, ResolvedProtocol } from '../../../protocol-specs/index.ts';
import { ident, parentColumn, qualified, shortName } from '../names.ts';

export interface JoinedLevel {
  readonly level: ResolvedLevel;
  readonly alias: string;
  /** `LEFT JOIN …` bringing this ancestor in; absent for the record itself. */
  readonly join?: string;
  /** How deep: 0 for the record, 1 for its parents… */
  readonly distance: number;
}

export const RECORD_ALIAS = 'r';

export function ancestry(protocol: ResolvedProtocol, level: ResolvedLevel): JoinedLevel[] {
  const byKey = new Map(protocol.levels.map((l) => [l.key, l]));
  const out: JoinedLevel[] = [{ level, alias: RECORD_ALIAS, distance: 0 }];
  for (let i = 0; i < out.length; i++) {
    const node = out[i] as JoinedLevel;
    for (const key of node.level.parents) {
      const parent = byKey.get(key);
      if (!parent || out.some((j) => j.level.key === key)) continue;
      const alias = shortName(`a_${key}`);
      const table = qualified({ schema: protocol.code, name: key });
      out.push({
        level: parent,
        alias,
        join: `LEFT JOIN ${table} ${alias} ON ${alias}.id = ${node.alias}.${ident(parentColumn(key))}`,
        distance: node.distance + 1,
      });
    }
  }
  return out;
}

/** Column names of a view: the first claim of a name wins; later ones take their alternative, then a number. */
export class ColumnNames {
  private readonly taken = new Set<string>();

  claim(preferred: string, alternative = preferred): string {
    for (const candidate of [preferred, alternative].map(shortName)) {
      if (!this.taken.has(candidate)) {
        this.taken.add(candidate);
        return candidate;
      }
    }
    for (let n = 2; ; n++) {
      const candidate = shortName(`${alternative}_${n}`);
      if (!this.taken.has(candidate)) {
        this.taken.add(candidate);
        return candidate;
      }
    }
  }
}
