/**
 * How each field kind is stored: its column(s) in the record's table, the constraints the kind implies
 * (codes, foreign keys, taxa, geometry validity), and the child tables of multi-valued kinds. One
 * exhaustive table, so a new field kind fails to compile until it says how it is stored.
 */
import type { FieldKind, ResolvedField, VocabularyField } from '../../protocol-specs/index.ts';
import { choiceCheck, foreignKey, taxonCheck } from './constraints.ts';
import { linkTable, mediaTable, observersTable } from './link-tables.ts';
import type { Column, ColumnDefault, ColumnType, Constraint } from './model.ts';
import { constraintName, ident, vocabularyTypeColumn } from './names.ts';
import type { FieldOf, FieldStorage, StorageContext } from './storage.ts';

type Store<K extends FieldKind> = (field: FieldOf<K>, ctx: StorageContext) => FieldStorage;

const nothing: FieldStorage = {
  extraColumns: [],
  constraints: [],
  indexed: [],
  children: [],
  serverRules: [],
};

export const STORAGE: { readonly [K in FieldKind]: Store<K> } = {
  text: (f) => inline(f, 'text'),
  long_text: (f) => inline(f, 'text'),
  integer: (f) => inline(f, 'integer'),
  decimal: (f) => {
    // numeric, not numeric(p,s): no silent rounding and no arbitrary precision; the digits are checked.
    const c = f.decimals === undefined ? [] : [decimalsCheck(f.key, f.decimals)];
    return inline(f, 'numeric', { constraints: c });
  },
  boolean: (f) => inline(f, 'boolean'),
  date: (f) => inline(f, 'date'),
  time: (f) => inline(f, 'time'),
  datetime: (f) => inline(f, 'timestamptz'),
  choice: (f) =>
    inline(f, f.multiple ? 'text_list' : 'text', {
      constraints: [
        choiceCheck(
          f.key,
          f.multiple,
          f.choices.map((c) => c.value),
        ),
      ],
    }),
  vocabulary: (f, ctx) => (f.multiple ? vocabularyList(f) : vocabularyCode(f, ctx)),
  taxon: (f, ctx) => {
    const check = taxonCheck(f, ctx.protocol.taxonomy);
    const fixed: ColumnDefault | undefined =
      f.fixed === undefined ? undefined : { kind: 'literal', value: f.fixed };
    return inline(f, 'integer', {
      defaultValue: fixed,
      constraints: [
        ...(check.constraint ? [check.constraint] : []),
        foreignKey(f.key, [f.key], { schema: 'ref', name: 'taxon' }, ['cd_nom']),
      ],
      indexed: true,
      serverRules: check.serverRule ? [check.serverRule] : [],
    });
  },
  observers: (f, ctx) => ({ ...nothing, children: [observersTable(f, ctx)] }),
  dataset: (f) =>
    inline(f, 'uuid', {
      constraints: [
        ...(f.datasets.length > 0 ? [choiceCheck(f.key, false, f.datasets)] : []),
        foreignKey(f.key, [f.key], { schema: 'suivi', name: 'dataset' }, ['id']),
      ],
      indexed: true,
    }),
  habitat: (f, ctx) =>
    inline(f, f.multiple ? 'text_list' : 'text', {
      constraints: f.codes.length > 0 ? [choiceCheck(f.key, f.multiple, f.codes)] : [],
      serverRules: [
        `${ctx.path}${f.key}: ${f.typology} habitat codes are not checked against a reference (no HABREF table yet)`,
      ],
    }),
  reference: (f, ctx) => {
    const target = { schema: ctx.table.schema, name: f.level };
    if (f.multiple) return { ...nothing, children: [linkTable(f, ctx, target)] };
    return inline(f, 'uuid', { constraints: [foreignKey(f.key, [f.key], target, ['id'])], indexed: true });
  },
  media: (f, ctx) => ({ ...nothing, children: [mediaTable(f, ctx)] }),
  geometry: (f) =>
    inline(f, { geometry: f.geometry }, { constraints: [validGeometry(f.key)], indexed: 'gist' }),
  group: (f, ctx) => ({ ...nothing, children: ctx.groupTables(f, ctx) }),
  section: () => nothing,
};

export function storageOf(field: ResolvedField, ctx: StorageContext): FieldStorage {
  return (STORAGE[field.kind] as Store<FieldKind>)(field as never, ctx);
}

/** Required with no condition: the one case a NOT NULL says exactly. */
export const alwaysRequired = (field: ResolvedField): boolean =>
  field.required === true && field.visibleIf === undefined;

interface InlineOptions {
  readonly constraints?: readonly Constraint[];
  readonly defaultValue?: ColumnDefault | undefined;
  readonly indexed?: boolean | 'gist';
  readonly extraColumns?: readonly Column[];
  readonly serverRules?: readonly string[];
}

function inline(field: ResolvedField, type: ColumnType, options: InlineOptions = {}): FieldStorage {
  const defaultValue = options.defaultValue ?? literalDefault(field);
  const column: Column = {
    name: field.key,
    type,
    notNull: alwaysRequired(field),
    ...(defaultValue ? { default: defaultValue } : {}),
    comment: fieldComment(field),
  };
  const method = options.indexed === 'gist' ? 'gist' : 'btree';
  return {
    column,
    extraColumns: options.extraColumns ?? [],
    constraints: options.constraints ?? [],
    indexed: options.indexed ? [{ column: field.key, method }] : [],
    children: [],
    serverRules: options.serverRules ?? [],
  };
}

/**
 * Literal defaults become column defaults, unless the field can be hidden: a hidden field must stay NULL
 * (its `__visible` check), so the server applies those defaults when it shows the field. Rule defaults
 * are the server's too (listed as server values).
 */
function literalDefault(field: ResolvedField): ColumnDefault | undefined {
  const d = field.default;
  if (!d || d.kind === 'rule' || field.visibleIf) return undefined;
  if (d.kind === 'codes') {
    const multiple = 'multiple' in field && field.multiple;
    if (multiple) return { kind: 'literal', value: d.codes };
    return d.codes[0] === undefined ? undefined : { kind: 'literal', value: d.codes[0] };
  }
  return { kind: 'literal', value: d.value };
}

function vocabularyCode(f: VocabularyField, ctx: StorageContext): FieldStorage {
  const typeColumn = vocabularyTypeColumn(f.key);
  const vocabulary = ctx.protocol.vocabularies.find((v) => v.code === f.vocabulary);
  const narrowed = !vocabulary || f.codes.length < vocabulary.values.length;
  return inline(f, 'text', {
    extraColumns: [
      {
        name: typeColumn,
        type: 'text',
        notNull: false,
        generatedConstant: f.vocabulary,
        comment: `Type de vocabulaire de ${f.key} (constante, pour la clé étrangère vers ref.vocabulary)`,
      },
    ],
    constraints: [
      ...(narrowed ? [choiceCheck(f.key, false, f.codes)] : []),
      foreignKey(f.key, [typeColumn, f.key], { schema: 'ref', name: 'vocabulary' }, ['type', 'code']),
    ],
    indexed: true,
  });
}

/** Several codes: a text[] checked against every code the field offers (README.md says why not a link table). */
const vocabularyList = (f: VocabularyField): FieldStorage =>
  inline(f, 'text_list', { constraints: [choiceCheck(f.key, true, f.codes)] });

const decimalsCheck = (key: string, decimals: number): Constraint => ({
  kind: 'check',
  name: constraintName(key, 'decimals'),
  sql: `${ident(key)} = round(${ident(key)}, ${decimals})`,
  source: `${decimals} decimals`,
});

export const validGeometry = (column: string): Constraint => ({
  kind: 'check',
  name: constraintName(column, 'valid'),
  sql: `ST_IsValid(${ident(column)})`,
});

export function fieldComment(field: ResolvedField): string {
  const unit = 'unit' in field && field.unit ? ` (${field.unit})` : '';
  return `${field.label.fr}${unit}${field.help ? ` — ${field.help.fr}` : ''}`;
}
