/**
 * Which Suivi kind a GeoNature field definition is. GeoNature says it twice, with `type_widget` (the
 * input) and `type_util` (what the value is), and datalists say it a third time with their `api`; the
 * value's nature wins over the input, so a `text` widget with `type_util: nomenclature` is a vocabulary.
 */
import type { FieldKind } from '../../../protocol-specs/index.ts';
import type { JsonObject } from './read-files.ts';

export type KindDecision =
  | { readonly kind: 'vocabulary'; readonly type: string | undefined }
  | { readonly kind: 'reference'; readonly object: string }
  | { readonly kind: Exclude<FieldKind, 'vocabulary' | 'reference'>; readonly guess?: string }
  | { readonly kind: 'unknown'; readonly reason: string };

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** `nomenclatures/nomenclature/STADE_VIE` → STADE_VIE. */
export const nomenclatureApiType = (api: string | undefined): string | undefined =>
  api ? /nomenclatures\/nomenclature\/([A-Za-z0-9_]+)/.exec(api)?.[1] : undefined;

export function kindOf(def: JsonObject): KindDecision {
  const widget = str(def.type_widget);
  const util = str(def.type_util);
  const api = str(def.api);
  const hasValues = Array.isArray(def.values) && def.values.length > 0;
  const fixedValue = def.value as JsonObject | undefined;
  const vocabularyType =
    str(def.code_nomenclature_type) ?? nomenclatureApiType(api) ?? str(fixedValue?.code_nomenclature_type);
  if (util === 'nomenclature' || widget === 'nomenclature' || nomenclatureApiType(api)) {
    return { kind: 'vocabulary', type: vocabularyType };
  }
  if (util === 'taxonomy' || widget === 'taxonomy' || api?.startsWith('taxref')) return { kind: 'taxon' };
  if (util === 'user' || widget === 'observers' || api?.startsWith('users/menu'))
    return { kind: 'observers' };
  if (util === 'dataset' || widget === 'dataset') return { kind: 'dataset' };
  if (util === 'habitat' || widget === 'habitat' || api?.startsWith('habref')) return { kind: 'habitat' };
  if (widget === 'site' || util === 'site') return { kind: 'reference', object: 'site' };
  if (util === 'sites_group') return { kind: 'reference', object: 'sites_group' };
  if (widget === 'medias' || widget === 'media') return { kind: 'media' };
  if (widget === 'bool_checkbox' || (widget === 'checkbox' && !hasValues)) return { kind: 'boolean' };
  if (hasValues && ['select', 'radio', 'checkbox', 'multiselect', 'datalist'].includes(widget ?? '')) {
    return { kind: 'choice' };
  }
  if (widget === 'number' || widget === 'integer' || (!widget && util === 'number')) return numberKind(def);
  if (widget === 'date' || widget === 'time' || widget === 'datetime') return { kind: widget };
  if (!widget && util === 'date') return { kind: 'date' };
  if (widget === 'textarea') return { kind: 'long_text' };
  if (widget === 'text' || (!widget && util === 'text') || widget === 'observers-text')
    return { kind: 'text' };
  if (widget === 'html') return { kind: 'section' };
  if (widget === 'datalist')
    return { kind: 'unknown', reason: `a list from the API "${api ?? '?'}" that Suivi has no kind for` };
  return { kind: 'unknown', reason: widget ? `widget "${widget}" has no Suivi kind` : 'no type_widget' };
}

/** Words of measures, which are decimals even when their bounds are whole numbers. */
const MEASURE =
  /(temp[eé]rature|diam[eè]tre|hauteur|longueur|largeur|profondeur|distance|poids|masse|surface|superficie|taille|vitesse|d[eé]bit|\bph\b)/i;

/** A number is decimal when its bounds, step or default say so, or when its name reads as a measure. */
function numberKind(def: JsonObject): KindDecision {
  const numbers = [def.min, def.max, def.step, def.value, def.default].filter((v) => typeof v === 'number');
  if (numbers.some((v) => !Number.isInteger(v)) || def.step === 'any') return { kind: 'decimal' };
  if (def.type_widget === 'integer' || (typeof def.step === 'number' && Number.isInteger(def.step)))
    return { kind: 'integer' };
  const label = `${str(def.attribut_label) ?? ''} ${str(def.definition) ?? ''}`;
  if (MEASURE.test(label)) return { kind: 'decimal', guess: 'its label reads as a measure' };
  return { kind: 'integer' };
}
