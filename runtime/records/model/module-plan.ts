/**
 * Everything the record operations need about a module, computed once when it is loaded: per level its
 * table and record shape (from the SQL generator's model), its parents and children, its list query
 * (the routes' own derivation), its compiled JSON Schema, the ancestors its rules read and the map from
 * database constraints to fields.
 */
import type { ValidateFunction } from 'ajv';
import { type LevelQuery, levelQuery } from '../../../generators/api/list-query.ts';
import { childrenOf } from '../../../generators/api/route-table.ts';
import { buildLevelRules } from '../../../generators/forms/form-rules.ts';
import { buildLevelSchema } from '../../../generators/forms/level-schema.ts';
import { exportViewName, parentColumn } from '../../../generators/sql/names.ts';
import { schemaModel } from '../../../generators/sql/tables.ts';
import {
  isValidatedLevel,
  type ResolvedLevel,
  type ResolvedProtocol,
} from '../../../protocol-specs/index.ts';
import { compileSchema } from '../validate/json-schema.ts';
import { levelTargets, type TableTargets } from './constraint-map.ts';
import { type RecordShape, recordShape, type TableName } from './record-shape.ts';

export interface LevelLink {
  /** The other level's key. */
  readonly key: string;
  /** The `<parent>_id` column holding the link (in the child's table). */
  readonly column: string;
}

export interface LevelPlan {
  readonly module: string;
  readonly protocol: ResolvedProtocol;
  readonly level: ResolvedLevel;
  readonly shape: RecordShape;
  readonly parents: readonly LevelLink[];
  /** Levels naming this one among their parents, with their link column to it. */
  readonly children: readonly LevelLink[];
  readonly hasGeometry: boolean;
  readonly query: LevelQuery;
  /** Its records carry a validation status (the occurrence level; protocol-specs/standard/validation.ts). */
  readonly validated: boolean;
  readonly validateSchema: ValidateFunction;
  /** Level keys of the ancestors the level's rules read (`parent` resolved to its level). */
  readonly reads: ReadonlySet<string>;
  readonly targets: ReadonlyMap<string, TableTargets>;
  readonly exportView: TableName;
}

export interface ModulePlan {
  readonly protocol: ResolvedProtocol;
  readonly levels: ReadonlyMap<string, LevelPlan>;
}

/** A level's JSON Schema, by level key; missing ones are built from the IR like the forms generator does. */
export type LevelSchemas = Readonly<Record<string, object>>;

const LOCAL_SCOPES = new Set(['value', 'row', 'choice']);

export function prepareModule(protocol: ResolvedProtocol, schemas: LevelSchemas = {}): ModulePlan {
  const model = schemaModel(protocol);
  const levels = new Map<string, LevelPlan>();
  for (const level of protocol.levels) {
    const table = model.tables.find((t) => t.role === 'level' && t.level === level.key);
    if (!table) throw new Error(`${protocol.code}: the table model has no table for level ${level.key}`);
    const reads = new Set<string>();
    for (const scope of Object.keys(buildLevelRules(protocol, level).reads)) {
      if (LOCAL_SCOPES.has(scope)) continue;
      const key = scope === 'parent' ? level.parents[0] : scope;
      if (key !== undefined) reads.add(key);
    }
    const schema = Object.hasOwn(schemas, level.key) ? schemas[level.key] : undefined;
    levels.set(level.key, {
      module: protocol.code,
      protocol,
      level,
      shape: recordShape(model, table, level.fields),
      parents: level.parents.map((key) => ({ key, column: parentColumn(key) })),
      children: childrenOf(protocol, level.key).map((c) => ({ key: c.key, column: parentColumn(level.key) })),
      hasGeometry: level.geometry.kind !== 'none',
      query: levelQuery(level, protocol),
      validated: isValidatedLevel(protocol, level.key),
      validateSchema: compileSchema(schema ?? buildLevelSchema(protocol, level)),
      reads,
      targets: levelTargets(model, level),
      exportView: { schema: protocol.code, name: exportViewName(level.key) },
    });
  }
  return { protocol, levels };
}
