/** Public API of the spec language. Generators, the runtime and the builder import from here only. */
export { type CompileResult, compileProtocol } from './compile.ts';
export { type Diagnostic, hasErrors, type Severity, sortDiagnostics } from './diagnostics.ts';
export * from './evolution/index.ts';
export { FIELD_KIND_TYPING, isMultiple, ruleTypeOf } from './field-types.ts';
export { type LoadedJson, loadJsonText, type Position } from './load/json-text.ts';
export { InvalidSpecError, normalise, type ProtocolSpec } from './normalise/index.ts';
export { toAuthored } from './normalise/to-authored.ts';
export type * from './resolved.ts';
export { OCCURRENCE_ATTRIBUTES } from './resolved.ts';
export * from './rules/index.ts';
export { SCHEMA_ID } from './schema/protocol-schema.ts';
export { GENERATED_COLUMNS, SERVER_COLUMNS } from './standard/reserved-names.ts';
export { findStandardVocabulary, SINP_NOMENCLATURES } from './standard/sinp-nomenclatures.ts';
export { STANDARD_FIELDS } from './standard/standard-fields.ts';
export {
  isValidatedLevel,
  PENDING_STATUS,
  VALIDATION_COLUMNS,
  VALIDATION_VOCABULARY,
  validatedLevels,
} from './standard/validation.ts';
export { type ValidateOptions, validateSpec, validateSpecText, validationRules } from './validate/index.ts';
