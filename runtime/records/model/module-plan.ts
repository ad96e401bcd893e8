/**
 * Everything the record operations need about a module, prepared once when it is loaded: per level the
 * module model's facts (table and record shape, parents and children, list query, the ancestors its
 * rules read, constraint names; `model/model.json`) joined to the resolved protocol's level, its compiled
 * JSON Schema (`forms/<level>.schema.json`) and the map from database constraints to fields.
 */
import type { ValidateFunction } from 'ajv';
import type { LevelLink, LevelQuery, ModuleModel } from '../../../generators/model/index.ts';
import type { ResolvedLevel, ResolvedProtocol } from '../../../protocol-specs/index.ts';
import { compileSchema } from '../validate/json-schema.ts';
import { levelTargets, type TableTargets } from './constraint-map.ts';
import { linkShape, type RecordShape, type TableName } from './record-shape.ts';

export type { LevelLink };

export interface LevelPlan {
  readonly module: string;
  readonly protocol: ResolvedProtocol;
  readonly level: ResolvedLevel;
  readonly shape: RecordShape;
  readonly parents: readonly LevelLink[];
  /** Levels naming this one among their parents, with their link column to it. */
  readonly children: readonly LevelLink[];
  readonly hasGeometry: boolean;
  /** What the level's lists accept, by field (the SQL side; mount.ts reads query strings by parameter). */
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
  readonly model: ModuleModel;
  readonly levels: ReadonlyMap<string, LevelPlan>;
}

/** Each level's JSON Schema (`forms/<level>.schema.json`), by level key. */
export type LevelSchemas = Readonly<Record<string, object>>;

export function prepareModule(
  protocol: ResolvedProtocol,
  model: ModuleModel,
  schemas: LevelSchemas,
): ModulePlan {
  if (model.code !== protocol.code || model.version !== protocol.version)
    throw new Error(`${protocol.code}: the module model is of ${model.code} v${model.version}`);
  const levels = new Map<string, LevelPlan>();
  for (const level of protocol.levels) {
    const facts = model.levels.find((l) => l.key === level.key);
    if (!facts) throw new Error(`${protocol.code}: the module model has no level ${level.key}`);
    const schema = Object.hasOwn(schemas, level.key) ? schemas[level.key] : undefined;
    if (!schema) throw new Error(`${protocol.code}: no JSON Schema for level ${level.key}`);
    levels.set(level.key, {
      module: protocol.code,
      protocol,
      level,
      shape: linkShape(facts.record, level.fields),
      parents: facts.parents,
      children: facts.children,
      hasGeometry: facts.hasGeometry,
      query: facts.query,
      validated: facts.validated,
      validateSchema: compileSchema(schema),
      reads: new Set(facts.reads),
      targets: levelTargets(facts.tables, level),
      exportView: facts.exportView,
    });
  }
  return { protocol, model, levels };
}
