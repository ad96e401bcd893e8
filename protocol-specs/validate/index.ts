/**
 * The validator: shape (JSON Schema) then every semantic check, all diagnostics at once. Never throws:
 * a check that fails unexpectedly becomes an `internal-error` diagnostic naming it.
 */
import { type Diagnostic, error, sortDiagnostics } from '../diagnostics.ts';
import { type LoadedJson, loadJsonText } from '../load/json-text.ts';
import { buildModel } from './model.ts';
import { collectRuleSlots } from './rule-slots.ts';
import type { CheckContext, SemanticCheck } from './semantic/context.ts';
import { dashboardChecks } from './semantic/dashboards.ts';
import { fieldChecks } from './semantic/fields.ts';
import { levelChecks } from './semantic/levels.ts';
import { numberChecks } from './semantic/numbers.ts';
import { occurrenceChecks } from './semantic/occurrence.ts';
import { protocolChecks } from './semantic/protocol.ts';
import { recordChecks } from './semantic/record-checks.ts';
import { ruleChecks } from './semantic/rules.ts';
import { scopeChecks } from './semantic/scope.ts';
import { textChecks } from './semantic/text.ts';
import { vocabularyChecks } from './semantic/vocabularies.ts';
import { checkShape } from './shape.ts';
import { buildCatalogue, type ReferenceVocabularies } from './vocabulary-catalogue.ts';

export type { ReferenceVocabularies } from './vocabulary-catalogue.ts';

/** The semantic checks, in the order their diagnostics are most useful to read. */
export const SEMANTIC_CHECKS: readonly SemanticCheck[] = [
  textChecks,
  protocolChecks,
  levelChecks,
  fieldChecks,
  numberChecks,
  vocabularyChecks,
  scopeChecks,
  ruleChecks,
  recordChecks,
  occurrenceChecks,
  dashboardChecks,
];

export interface ValidateOptions {
  /** Nomenclature types installed beside the built-in SINP catalogue. */
  readonly referenceVocabularies?: ReferenceVocabularies;
}

export function validateSpec(spec: unknown, options: ValidateOptions = {}): Diagnostic[] {
  const diagnostics = guard('shape', () => checkShape(spec));
  let context: CheckContext;
  try {
    const model = buildModel(spec);
    const catalogue = buildCatalogue(model, options.referenceVocabularies);
    context = { model, catalogue, slots: collectRuleSlots(model, catalogue) };
  } catch (e) {
    return sortDiagnostics([...diagnostics, internalError('model', e)]);
  }
  for (const check of SEMANTIC_CHECKS) diagnostics.push(...guard(check.name, () => check.check(context)));
  return sortDiagnostics(dedupe(diagnostics));
}

export interface TextValidation extends LoadedJson {
  readonly diagnostics: readonly Diagnostic[];
}

/** Validates spec text: JSON syntax and duplicate keys first, then the spec itself. */
export function validateSpecText(text: string, options: ValidateOptions = {}): TextValidation {
  const loaded = loadJsonText(text);
  const spec = loaded.value === undefined ? [] : validateSpec(loaded.value, options);
  return { ...loaded, diagnostics: [...loaded.diagnostics, ...spec] };
}

/** Every rule any check can report, with its sentence: the table in docs/spec.md is checked against it. */
export function validationRules(): Record<string, string> {
  return Object.assign({}, ...SEMANTIC_CHECKS.map((c) => c.rules));
}

function guard(name: string, run: () => Diagnostic[]): Diagnostic[] {
  try {
    return run();
  } catch (e) {
    return [internalError(name, e)];
  }
}

function internalError(stage: string, e: unknown): Diagnostic {
  const reason = e instanceof Error ? e.message : String(e);
  return error('internal-error', '', `the ${stage} check failed unexpectedly (${reason}); please report it`);
}

function dedupe(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const id = `${d.rule}|${d.path}|${d.message}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
