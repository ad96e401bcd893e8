/**
 * Records of every level of every module: the generic operations behind each module's routes, their
 * validation (schema, rules, parents), the errors they throw and the contract generated modules type
 * them with. See README.md.
 */

export {
  type ApiError,
  badRequest,
  conflict,
  errorResponse,
  HttpError,
  invalid,
  isHttpError,
  notFound,
} from '../http/errors.ts';
export { type AccessScope, type Action, type Actor, ANONYMOUS, UNRESTRICTED } from './access.ts';
export type * from './contract.ts';
export { loadModulePlan } from './model/load-module.ts';
export { type LevelPlan, type LevelSchemas, type ModulePlan, prepareModule } from './model/module-plan.ts';
export { mountModuleRoutes, type OperationsFor } from './mount.ts';
export { type RecordOperations, type RecordOperationsOptions, recordOperations } from './operations.ts';
export type { ExportQuery, ListQuery } from './query/list-sql.ts';
export type { ApiRecord } from './read/read-records.ts';
