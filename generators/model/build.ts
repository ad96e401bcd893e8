/**
 * Resolved protocol → module model, built once per protocol: the table model (sql/tables.ts), the list
 * queries (list-query.ts) and the route table (route-table.ts) are derived here and nowhere else; the
 * api and openapi generators and `model/model.json` (what the runtime reads) are views of this value.
 */
import { isValidatedLevel, type ResolvedLevel, type ResolvedProtocol } from '../../protocol-specs/index.ts';
import { buildLevelRules } from '../forms/form-rules.ts';
import type { SchemaModel } from '../sql/model.ts';
import { exportViewName, parentColumn } from '../sql/names.ts';
import { schemaModel } from '../sql/tables.ts';
import { levelQuery, querySpec } from './list-query.ts';
import { recordShape } from './record-shape.ts';
import { childrenOf, routeTable } from './route-table.ts';
import { tableModel } from './tables.ts';
import type { LevelModel, ModuleModel } from './types.ts';

/** Scopes a rule reads without loading another record: the record, the group row, a filter's candidate. */
const LOCAL_SCOPES: ReadonlySet<string> = new Set(['value', 'row', 'choice']);

/** Level keys of the ancestors `level`'s rules read: `parent` is its first parent. */
function ancestorsRead(protocol: ResolvedProtocol, level: ResolvedLevel): string[] {
  const reads = new Set<string>();
  for (const scope of Object.keys(buildLevelRules(protocol, level).reads)) {
    if (LOCAL_SCOPES.has(scope)) continue;
    const key = scope === 'parent' ? level.parents[0] : scope;
    if (key !== undefined) reads.add(key);
  }
  return [...reads];
}

function levelModel(protocol: ResolvedProtocol, schema: SchemaModel, level: ResolvedLevel): LevelModel {
  const tables = schema.tables.filter((t) => t.level === level.key);
  const table = tables.find((t) => t.role === 'level');
  if (!table) throw new Error(`${protocol.code}: the table model has no table for level ${level.key}`);
  const query = levelQuery(level, protocol);
  return {
    key: level.key,
    record: recordShape(schema, table, level.fields),
    tables: tables.map((t) => tableModel(t, level)),
    parents: level.parents.map((key) => ({ key, column: parentColumn(key) })),
    children: childrenOf(protocol, level.key).map((c) => ({ key: c.key, column: parentColumn(level.key) })),
    hasGeometry: level.geometry.kind !== 'none',
    validated: isValidatedLevel(protocol, level.key),
    reads: ancestorsRead(protocol, level),
    query,
    querySpec: querySpec(query),
    exportView: { schema: protocol.code, name: exportViewName(level.key) },
  };
}

// Keyed by the protocol object: resolved protocols are frozen, so one model per protocol stays right.
const built = new WeakMap<ResolvedProtocol, ModuleModel>();

/** The module model of `protocol`, built on first use and shared by every generator after that. */
export function moduleModel(protocol: ResolvedProtocol): ModuleModel {
  const known = built.get(protocol);
  if (known) return known;
  const schema = schemaModel(protocol);
  const model: ModuleModel = {
    code: protocol.code,
    version: protocol.version,
    levels: protocol.levels.map((level) => levelModel(protocol, schema, level)),
    routes: routeTable(protocol),
  };
  built.set(protocol, model);
  return model;
}
