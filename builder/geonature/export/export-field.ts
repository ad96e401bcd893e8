/**
 * One resolved Suivi field → one GeoNature field definition. What GeoNature can say is written its way
 * (widget, label, required, bounds, values, nomenclature type, rules as JavaScript); what it cannot
 * (ids, English labels, kinds it lacks, filters, rule defaults…) goes in a `suivi` object beside, which
 * GeoNature ignores and import-gn reads back.
 */
import type { ResolvedField } from '../../../protocol-specs/index.ts';
import { negationSource } from '../js/negate.ts';
import { type JsContext, ruleFunction } from './render-js.ts';

type Def = Record<string, unknown>;

export interface ExportFieldContext extends Omit<JsContext, 'record'> {
  /** Level keys GeoNature has a widget for (site, sites_group), for reference fields. */
  readonly referenceable: ReadonlySet<string>;
  /** The offered codes are all the vocabulary's: no need to list them. */
  readonly allCodes: (vocabulary: string) => readonly string[];
  /** The field as authored (canonical form), for what only the spec format can say (group rows). */
  readonly authored: (key: string) => Record<string, unknown> | undefined;
}

const WIDGETS: Readonly<Record<ResolvedField['kind'], string>> = {
  text: 'text',
  long_text: 'textarea',
  integer: 'number',
  decimal: 'number',
  boolean: 'bool_checkbox',
  date: 'date',
  time: 'time',
  datetime: 'datetime',
  choice: 'select',
  vocabulary: 'nomenclature',
  taxon: 'taxonomy',
  observers: 'observers',
  dataset: 'dataset',
  habitat: 'datalist',
  reference: 'datalist',
  media: 'medias',
  geometry: 'text',
  group: 'textarea',
  section: 'html',
};

const bilingual = (l: { fr: string; en?: string } | undefined) => (l?.en !== undefined ? l : undefined);

export function exportField(f: ResolvedField, ctx: ExportFieldContext): Def {
  const def: Def = { type_widget: WIDGETS[f.kind], attribut_label: f.label.fr };
  const suivi: Def = {};
  if (!f.standard) suivi.id = f.id;
  if (bilingual(f.label)) suivi.label = f.label;
  if (f.help) def.definition = f.help.fr;
  if (bilingual(f.help)) suivi.help = f.help;
  if (f.aliases.length > 0) suivi.aliases = [...f.aliases];
  if (f.required === true) def.required = true;
  else if (f.required === false) def.required = false;
  else def.required = ruleFunction(f.required.ast, ctx);
  const visible = f.visibleIf;
  if (visible) def.hidden = ruleFunction(negationSource(visible.ast), ctx);
  if (f.fieldSet) {
    suivi.fieldSet = f.fieldSet;
    suivi.ownVisibleIf = f.ownVisibleIf ? f.ownVisibleIf.source : null;
  }
  if (f.readOnly && !f.computed) suivi.readOnly = true;
  if (f.computed && !visible) def.hidden = true;
  if (f.default?.kind === 'rule') suivi.default = { rule: f.default.rule.source };
  // Dashboards' marks (docs/dashboards.md): GeoNature has no dashboards, so they travel in `suivi`.
  if (f.dimension) suivi.dimension = true;
  if (f.measure) suivi.measure = f.measure;
  kindSpecific(f, def, suivi, ctx);
  if (Object.keys(suivi).length > 0) def.suivi = suivi;
  return def;
}

function literalDefault(f: ResolvedField): unknown {
  return f.default?.kind === 'literal' ? f.default.value : undefined;
}

function kindSpecific(f: ResolvedField, def: Def, suivi: Def, ctx: ExportFieldContext): void {
  const initial = literalDefault(f);
  switch (f.kind) {
    case 'text':
    case 'long_text':
      if (f.maxLength !== undefined) suivi.maxLength = f.maxLength;
      if (f.pattern !== undefined) suivi.pattern = f.pattern;
      if (initial !== undefined) def.value = initial;
      return;
    case 'integer':
    case 'decimal':
      for (const bound of ['min', 'max'] as const) {
        const b = f[bound];
        if (b && 'literal' in b) def[bound] = b.literal;
        else if (b) def[bound] = ruleFunction(b.rule.ast, ctx);
      }
      // `step` says integer or decimal to import-gn (and to the browser's number input).
      def.step = f.kind === 'integer' ? 1 : 'any';
      if (f.kind === 'decimal' && f.decimals !== undefined) suivi.decimals = f.decimals;
      if (f.unit !== undefined) suivi.unit = f.unit;
      if (initial !== undefined) def.value = initial;
      return;
    case 'date':
    case 'time':
    case 'datetime':
      for (const bound of ['min', 'max'] as const) {
        const b = f[bound];
        if (b && 'literal' in b) suivi[bound] = b.literal;
        else if (b) def[bound] = ruleFunction(b.rule.ast, ctx);
      }
      if (initial !== undefined) def.value = initial;
      return;
    case 'boolean':
      if (initial !== undefined) def.value = initial;
      return;
    case 'choice':
      def.type_widget = f.multiple ? (f.display === 'checkbox' ? 'checkbox' : 'multiselect') : f.display;
      if (f.multiple && f.display === 'radio') suivi.display = 'radio';
      if (!f.multiple && f.display === 'checkbox') suivi.display = 'checkbox';
      def.values = f.choices.map((c) =>
        c.label.fr === c.value && !c.label.en ? c.value : { value: c.value, label: c.label.fr },
      );
      if (f.choices.some((c) => c.label.en))
        suivi.choiceLabels = Object.fromEntries(f.choices.map((c) => [c.value, c.label]));
      if (initial !== undefined) def.value = initial;
      if (f.filter) suivi.filter = f.filter.source;
      return;
    case 'vocabulary':
      Object.assign(def, { type_util: 'nomenclature', code_nomenclature_type: f.vocabulary });
      if (f.multiple) def.multi_select = true;
      if (f.display !== 'select') suivi.display = f.display;
      if (f.codes.join() !== ctx.allCodes(f.vocabulary).join()) def.cd_nomenclatures = [...f.codes];
      if (f.default?.kind === 'codes' && f.default.codes.length === 1)
        def.default = { cd_nomenclature: f.default.codes[0] };
      else if (f.default?.kind === 'codes') suivi.default = { codes: [...f.default.codes] };
      if (f.filter) suivi.filter = f.filter.source;
      return;
    case 'taxon':
      def.type_util = 'taxonomy';
      if (f.taxa.length > 0) suivi.taxa = [...f.taxa];
      if (f.fixed !== undefined) suivi.fixed = f.fixed;
      if (typeof initial === 'number') def.value = initial;
      return;
    case 'observers':
      Object.assign(def, { type_util: 'user', multi_select: f.multiple });
      if (!f.freeText) suivi.freeText = false;
      return;
    case 'dataset':
      def.type_util = 'dataset';
      if (f.datasets.length > 0) suivi.datasets = [...f.datasets];
      if (typeof initial === 'string') suivi.defaultDataset = initial;
      return;
    case 'habitat':
      Object.assign(def, {
        api: 'habref/habitats/autocomplete',
        type_util: 'habitat',
        keyValue: 'cd_hab',
        keyLabel: 'search_name',
      });
      if (f.typology === 'EUNIS') def.params = { cd_typo: 7 };
      else if (f.typology !== 'HABREF') suivi.typology = f.typology;
      if (f.codes.length > 0) def.filters = { lb_code: [...f.codes] };
      if (f.multiple) def.multiple = true;
      if (f.filter) suivi.filter = f.filter.source;
      return;
    case 'reference':
      if (ctx.referenceable.has(f.level)) {
        Object.assign(def, {
          type_util: f.level,
          api: `__MONITORINGS_PATH/list/__MODULE.MODULE_CODE/${f.level}`,
        });
      } else suivi.kind = 'reference';
      suivi.level = f.level;
      if (f.multiple) def.multiple = true;
      return;
    case 'media':
      if (f.maxFiles !== 10) suivi.maxFiles = f.maxFiles;
      if (f.accept.length > 0) suivi.accept = [...f.accept];
      return;
    case 'geometry':
      Object.assign(suivi, { kind: 'geometry', geometry: f.geometry });
      return;
    case 'group':
      Object.assign(suivi, {
        kind: 'group',
        minItems: f.minItems,
        ...(f.maxItems === undefined ? {} : { maxItems: f.maxItems }),
      });
      suivi.fields = ctx.authored(f.key)?.fields ?? [];
      return;
    case 'section':
      def.html = `<h3>${f.label.fr}</h3>`;
      delete def.required;
      return;
  }
}
