/**
 * The words of a level's form in both languages, for the web app: each field's label and help, the
 * labels of its choices (a choice field's own, a vocabulary's values from the resolved protocol) and,
 * for a repeatable group, the same for its sub-fields. The generated JSON Schema and uiSchema are French
 * documents; the client swaps these in when the user reads English (runtime/web/src/localise-forms.ts).
 */
import type {
  FieldKind,
  Labels,
  ResolvedField,
  ResolvedLevel,
  ResolvedProtocol,
} from '../../protocol-specs/index.ts';

export interface FieldTexts {
  readonly label: Labels;
  readonly help?: Labels;
  /** Choice code → its label. */
  readonly choices?: Readonly<Record<string, Labels>>;
  /** A group's sub-fields. */
  readonly fields?: Readonly<Record<string, FieldTexts>>;
}

type ChoiceLabels = (field: ResolvedField, protocol: ResolvedProtocol) => Record<string, Labels> | undefined;

const noChoices: ChoiceLabels = () => undefined;

function vocabularyLabels(protocol: ResolvedProtocol, type: string, codes: readonly string[]) {
  const values = protocol.vocabularies.find((v) => v.code === type)?.values ?? [];
  const wanted = new Set(codes);
  return Object.fromEntries(values.filter((v) => wanted.has(v.code)).map((v) => [v.code, v.label]));
}

/** Where each kind's choice labels come from: a new kind fails to compile until it says. */
const CHOICE_LABELS = {
  text: noChoices,
  long_text: noChoices,
  integer: noChoices,
  decimal: noChoices,
  boolean: noChoices,
  date: noChoices,
  time: noChoices,
  datetime: noChoices,
  choice: (f) =>
    f.kind === 'choice' ? Object.fromEntries(f.choices.map((c) => [c.value, c.label])) : undefined,
  vocabulary: (f, p) => (f.kind === 'vocabulary' ? vocabularyLabels(p, f.vocabulary, f.codes) : undefined),
  // Taxa, observers, datasets and records are named by the reference-data API, habitats by their codes.
  taxon: noChoices,
  observers: noChoices,
  dataset: noChoices,
  habitat: noChoices,
  reference: noChoices,
  media: noChoices,
  geometry: noChoices,
  group: noChoices,
  section: noChoices,
} satisfies Record<FieldKind, ChoiceLabels>;

function textsOf(field: ResolvedField, protocol: ResolvedProtocol): FieldTexts {
  const choices = CHOICE_LABELS[field.kind](field, protocol);
  return {
    label: field.label,
    ...(field.help ? { help: field.help } : {}),
    ...(choices ? { choices } : {}),
    ...(field.kind === 'group' ? { fields: fieldTexts(protocol, field.fields) } : {}),
  };
}

export function fieldTexts(
  protocol: ResolvedProtocol,
  fields: ResolvedLevel['fields'],
): Record<string, FieldTexts> {
  return Object.fromEntries(fields.map((f) => [f.key, textsOf(f, protocol)]));
}
