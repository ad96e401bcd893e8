/**
 * Records of every level of every module: the generic operations behind the generated routes, their
 * validation (schema, rules, parents) and the errors they throw. See README.md.
 */
export { type AccessScope, type Actor, ANONYMOUS, type RecordAction, UNRESTRICTED } from './access.ts';
export {
  type ApiError,
  badRequest,
  conflict,
  errorResponse,
  HttpError,
  invalid,
  isHttpError,
  notFound,
} from './errors.ts';
export { loadModulePlan } from './model/load-module.ts';
export { type LevelPlan, type LevelSchemas, type ModulePlan, prepareModule } from './model/module-plan.ts';
export {
  type GeneratedRoutes,
  importRoutes,
  mountModuleRoutes,
  type OperationsFor,
  type RouteInfo,
} from './mount.ts';
export { type RecordOperations, type RecordOperationsOptions, recordOperations } from './operations.ts';
export type { ExportQuery, ListQuery } from './query/list-sql.ts';
export type { ApiRecord } from './read/read-records.ts';
