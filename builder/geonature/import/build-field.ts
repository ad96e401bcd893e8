/**
 * Stage 4: one GeoNature field definition → one authored Suivi field, without its rules (stage 5 adds
 * them). Kinds come from widget-kind.ts; this file carries labels, bounds, choices, vocabularies, taxa
 * and defaults across, and says in a warning whatever it had to guess or leave out.
 */
import type { FieldKind, ProtocolSpec } from '../../../protocol-specs/index.ts';
import { looksLikeJs } from '../js/arrow.ts';
import type { Collector } from './collector.ts';
import type { FieldDefinition } from './field-definitions.ts';
import { isObject, type JsonObject } from './read-files.ts';
import type { Vocabularies } from './vocabularies.ts';
import { kindOf } from './widget-kind.ts';

export type Field = ProtocolSpec['levels'][number]['fields'][number];
type Mutable = Record<string, unknown>;

export interface BuildContext {
  readonly moduleCode: string;
  /** GeoNature object type → Suivi level key, for reference fields. */
  readonly levels: ReadonlyMap<string, string>;
  readonly vocabularies: Vocabularies;
  readonly collector: Collector;
}

export interface BuiltField {
  readonly field: Field;
  readonly kind: FieldKind;
  /** A choice whose GeoNature values were numbers, now text codes: rules compare them as text. */
  readonly numericChoices: boolean;
  /** The value GeoNature gives the field when it hides it (`value` of a hidden field), if any. */
  readonly hasDefault: boolean;
}

const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
const isJs = (v: unknown) => typeof v === 'string' && looksLikeJs(v);

export function buildField(d: FieldDefinition, key: string, id: string, ctx: BuildContext): BuiltField {
  const def = d.def;
  const warn = (message: string, sub = '') => ctx.collector.warn(d.file, `${d.path}${sub}`, message);
  const label = str(def.attribut_label);
  const help = str(def.definition) ?? str(def.description) ?? str(def.title);
  const out: Mutable = { kind: 'text', id, key, ...(label ? { label } : {}), ...(help ? { help } : {}) };
  if (typeof def.required === 'boolean' && def.required) out.required = true;
  const decision = kindOf(def);
  let numericChoices = false;
  switch (decision.kind) {
    case 'unknown':
      warn(`${decision.reason}: imported as text`);
      break;
    case 'vocabulary':
      vocabularyField(out, def, decision.type, ctx, warn);
      break;
    case 'reference': {
      const level = ctx.levels.get(decision.object);
      if (level)
        Object.assign(out, {
          kind: 'reference',
          level,
          ...(def.multiple === true ? { multiple: true } : {}),
        });
      else warn(`refers to ${decision.object}, which is not a level of this protocol: imported as text`);
      break;
    }
    case 'choice':
      numericChoices = choiceField(out, def, warn);
      break;
    case 'taxon':
      taxonField(out, def, warn);
      break;
    case 'integer':
    case 'decimal':
      out.kind = decision.kind;
      if ('guess' in decision && decision.guess) warn(`read as a decimal because ${decision.guess}; check`);
      for (const bound of ['min', 'max'] as const)
        if (typeof def[bound] === 'number') out[bound] = def[bound];
      setDefault(out, numberOf(def.value ?? def.default));
      break;
    case 'observers': {
      out.kind = 'observers';
      const multiple = def.multi_select ?? def.multiple;
      if (typeof multiple === 'boolean') out.multiple = multiple;
      break;
    }
    case 'habitat':
      habitatField(out, def, warn);
      break;
    case 'boolean':
      out.kind = 'boolean';
      setDefault(
        out,
        typeof (def.value ?? def.default) === 'boolean' ? (def.value ?? def.default) : undefined,
      );
      break;
    case 'section':
      Object.assign(out, {
        kind: 'section',
        label: label ?? str(String(def.html ?? '').replace(/<[^>]*>/g, ' ')) ?? key,
      });
      delete out.required;
      delete out.help;
      break;
    default:
      out.kind = decision.kind;
      if (
        decision.kind === 'text' ||
        decision.kind === 'long_text' ||
        decision.kind === 'date' ||
        decision.kind === 'time'
      ) {
        const value = def.value ?? def.default;
        setDefault(
          out,
          typeof value === 'string' && !isJs(value)
            ? value
            : typeof value === 'number' && decision.kind !== 'date' && decision.kind !== 'time'
              ? String(value)
              : undefined,
        );
      }
  }
  return {
    field: out as unknown as Field,
    kind: out.kind as FieldKind,
    numericChoices,
    hasDefault: out.default !== undefined || out.fixed !== undefined,
  };
}

function setDefault(out: Mutable, value: unknown): void {
  if (value !== undefined && value !== null && value !== '') out.default = value;
}

function numberOf(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

function vocabularyField(
  out: Mutable,
  def: JsonObject,
  type: string | undefined,
  ctx: BuildContext,
  warn: (m: string, s?: string) => void,
): void {
  const found = type
    ? ctx.vocabularies.lookup(type)
    : { ok: false as const, reason: 'no nomenclature type given' };
  if (!found.ok) {
    warn(`${found.reason}: imported as a text field holding the code`);
    return;
  }
  out.kind = 'vocabulary';
  out.vocabulary = found.code;
  const multiple = def.multiple ?? def.multi_select;
  if (multiple === true) out.multiple = true;
  const filters = isObject(def.filters) ? def.filters : {};
  const subset = (
    Array.isArray(def.cd_nomenclatures) ? def.cd_nomenclatures : filters.cd_nomenclature
  ) as unknown;
  if (Array.isArray(subset)) {
    const codes = subset.map(String);
    const unknown = codes.filter((c) => !found.codes.includes(c));
    if (unknown.length > 0) warn(`codes ${unknown.join(', ')} are not in ${found.code}: left out`);
    const kept = codes.filter((c) => found.codes.includes(c));
    if (kept.length > 0) out.codes = kept;
  }
  const otherFilters = Object.keys(filters).filter((k) => k !== 'cd_nomenclature');
  if (otherFilters.length > 0)
    warn(`filters on ${otherFilters.join(', ')} have no Suivi equivalent: ignored`, '/filters');
  if (isObject(def.params))
    warn('`params` of the nomenclature API have no Suivi equivalent: ignored', '/params');
  const chosen = [def.default, def.value].find(isObject);
  const code = chosen
    ? (str(chosen.cd_nomenclature) ??
      (str(chosen.label_default) ? found.codeOfLabel(String(chosen.label_default)) : undefined))
    : undefined;
  const offered = (out.codes as string[] | undefined) ?? found.codes;
  if (code && offered.includes(code)) out.default = out.multiple ? { codes: [code] } : { code };
  else if (code) warn(`default code ${code} is not offered by ${found.code}: left out`);
}

function choiceField(out: Mutable, def: JsonObject, warn: (m: string, s?: string) => void): boolean {
  const widget = str(def.type_widget);
  const seen = new Set<string>();
  let numeric = false;
  const choices: Array<{ value: string; label?: string }> = [];
  for (const raw of def.values as unknown[]) {
    const item = isObject(raw) ? raw : { value: raw };
    if (typeof item.value === 'number') numeric = true;
    const value = item.value === undefined || item.value === null ? undefined : String(item.value);
    if (value === undefined || value === '' || seen.has(value)) {
      warn(`value ${JSON.stringify(raw)} is empty or repeated: left out`, '/values');
      continue;
    }
    seen.add(value);
    const label = str(item.label);
    choices.push(label && label !== value ? { value, label } : { value });
  }
  if (numeric)
    warn(
      'numeric values become text codes (Suivi choices are text); rules comparing them are adapted',
      '/values',
    );
  const multiple = widget === 'multiselect' || widget === 'checkbox' || def.multiple === true;
  Object.assign(out, {
    kind: 'choice',
    choices: choices.map((c) => (c.label ? c : c.value)),
    ...(multiple ? { multiple: true } : {}),
    ...(widget === 'radio' ? { display: 'radio' } : widget === 'checkbox' ? { display: 'checkbox' } : {}),
  });
  const initial = def.value ?? def.default;
  const wanted = (
    Array.isArray(initial) ? initial : initial === undefined || initial === null ? [] : [initial]
  ).map(String);
  const valid = wanted.filter((v) => seen.has(v));
  if (valid.length < wanted.length)
    warn(`default ${JSON.stringify(initial)} is not one of the values: left out`);
  if (valid.length > 0) out.default = multiple ? valid : valid[0];
  return numeric;
}

function taxonField(out: Mutable, def: JsonObject, warn: (m: string, s?: string) => void): void {
  out.kind = 'taxon';
  if (Array.isArray(def.values)) {
    const taxa = def.values.map((v) => numberOf(isObject(v) ? v.value : v)).filter((v) => v !== undefined);
    if (taxa.length > 0) out.taxa = taxa;
  }
  const initial = numberOf(def.value ?? def.default);
  if (initial !== undefined && Number.isInteger(initial)) {
    if (def.hidden === true) out.fixed = initial;
    else out.default = initial;
  }
  const list = str(def.id_list);
  if (list && !list.includes('__'))
    warn(`GeoNature offers the taxa of TaxHub list ${list}: list their cd_nom in \`taxa\``, '/id_list');
}

/** HABREF typology ids GeoNature configs use (`params.cd_typo`), by name. */
const HABREF_TYPOLOGIES: Readonly<Record<string, string>> = { '7': 'EUNIS' };

function habitatField(out: Mutable, def: JsonObject, warn: (m: string, s?: string) => void): void {
  out.kind = 'habitat';
  const params = isObject(def.params) ? def.params : {};
  const typo = params.cd_typo === undefined ? undefined : String(params.cd_typo);
  if (typo && HABREF_TYPOLOGIES[typo]) out.typology = HABREF_TYPOLOGIES[typo];
  else if (typo) warn(`HABREF typology ${typo} is not one Suivi names: left to HABREF`, '/params/cd_typo');
  const filters = isObject(def.filters) ? def.filters : {};
  if (Array.isArray(filters.lb_code) && filters.lb_code.length > 0) out.codes = filters.lb_code.map(String);
  if (def.multiple === true) out.multiple = true;
}
