/**
 * What the runtime uses of the generators, and all of it (a dependency rule checks that nothing else is
 * imported): the module model's types (`model/model.json`), the paths of a module folder's files, and
 * the few constants and rules the generated files and the runtime must share, and the config file of
 * custom generators (its reading, not the generators' code). Nothing here builds a
 * model: loading this module costs the runtime no generator code.
 */

export { BUILTIN_GENERATOR_NAMES, isBuiltinGenerator } from '../builtin-names.ts';
export {
  asGenerator,
  CONFIG_FILE,
  ConfigError,
  parseSuiviConfig,
  type SuiviConfig,
} from '../config/suivi-config.ts';
export type { GeneratedFile, Generator, GeneratorContext, SqlKind } from '../core/generated-file.ts';
export { MANIFEST_PATH, type Manifest, sha256 } from '../core/manifest.ts';
export type {
  DashboardDescriptor,
  DashboardDimension,
  DashboardMeasure,
} from '../dashboards/descriptor.ts';
export { requiredInSchema } from '../forms/field-schema.ts';
export { IR_FILE, SPEC_FILE } from '../ir/index.ts';
export {
  type ChangeClass,
  type DataCheck,
  MIGRATIONS_FOLDER,
  type MigrationPlan,
  type MigrationStep,
  PLAN_FILE,
  type Resolution,
} from '../migrations/plan-types.ts';
export { type ColumnType, type ScalarType, SQL_SCALAR_TYPES } from '../sql/model.ts';
export { type ConstraintKind, checkConstraintName, SINP_VIEW_NAME } from '../sql/names.ts';
export { MODEL_FILE, MODEL_PATH } from './files.ts';
export {
  DATETIME_PATTERN,
  DEFAULT_PAGE_SIZE,
  type FilterOp,
  type FilterSpec,
  type FilterValueType,
  type LevelQuery,
  MAX_PAGE_SIZE,
  type QuerySpecData,
  TIME_PATTERN,
  TOTAL_COUNT_CAP,
} from './list-query.ts';
export { MAP_CELL_PIXELS, MAP_FEATURE_LIMIT, MAP_MAX_ZOOM, MAP_PARAMS } from './map-query.ts';
export {
  ACTIONS,
  type Action,
  colonPath,
  HTTP_METHODS,
  type HttpMethod,
  ROUTE_ACTIONS,
  ROUTE_OPERATIONS,
  type Route,
  type RouteOperation,
} from './route-table.ts';
export type {
  ColumnModel,
  ConstraintModel,
  LevelLink,
  LevelModel,
  ModuleModel,
  RecordShapeModel,
  StoreModel,
  TableModel,
  TableName,
} from './types.ts';
