import type { Diagnostic } from '../../diagnostics.ts';
import type { SpecModel } from '../model.ts';
import type { RuleSlot } from '../rule-slots.ts';
import type { VocabularyCatalogue } from '../vocabulary-catalogue.ts';

export interface CheckContext {
  readonly model: SpecModel;
  readonly catalogue: VocabularyCatalogue;
  readonly slots: readonly RuleSlot[];
}

/**
 * A semantic check: a family of validation rules. Each diagnostic it returns names its rule
 * (documented in docs/spec.md), so one check may enforce a few closely related rules.
 */
export interface SemanticCheck {
  readonly name: string;
  /** The rules this check can report, with the sentence each enforces. */
  readonly rules: Readonly<Record<string, string>>;
  check(context: CheckContext): Diagnostic[];
}
