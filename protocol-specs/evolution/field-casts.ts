/**
 * Which kind changes keep a field's data: a `widening` always converts (an integer is a decimal, any
 * single value reads as text), a `cast` converts the values that fit and leaves the others to a
 * resolution, and a change listed nowhere has no sensible conversion (a geometry is no text, a group
 * no number): the field's id then names another kind of thing, an evolution error, not a change.
 */
import type { FieldKind } from '../resolved.ts';

export type KindChange = 'widening' | 'cast';

type Casts = Readonly<Partial<Record<FieldKind, KindChange>>>;

/** Any single value has a text form. */
const AS_TEXT: Casts = { text: 'widening', long_text: 'widening' };

export const FIELD_KIND_CASTS = {
  text: {
    long_text: 'widening',
    integer: 'cast',
    decimal: 'cast',
    boolean: 'cast',
    date: 'cast',
    time: 'cast',
    datetime: 'cast',
    choice: 'cast',
    vocabulary: 'cast',
    habitat: 'cast',
    taxon: 'cast',
    dataset: 'cast',
    reference: 'cast',
  },
  long_text: { text: 'widening', choice: 'cast', vocabulary: 'cast', habitat: 'cast' },
  integer: { ...AS_TEXT, decimal: 'widening', taxon: 'cast', choice: 'cast' },
  decimal: { ...AS_TEXT, integer: 'cast' },
  boolean: { ...AS_TEXT, choice: 'cast' },
  date: { ...AS_TEXT, datetime: 'widening' },
  time: AS_TEXT,
  datetime: { ...AS_TEXT, date: 'cast' },
  choice: { ...AS_TEXT, vocabulary: 'cast', habitat: 'cast', integer: 'cast', boolean: 'cast' },
  vocabulary: { ...AS_TEXT, choice: 'cast', habitat: 'cast' },
  habitat: { ...AS_TEXT, choice: 'cast', vocabulary: 'cast' },
  taxon: { ...AS_TEXT, integer: 'widening' },
  dataset: AS_TEXT,
  reference: AS_TEXT,
  // Kept in tables of their own or not stored at all: no column to convert.
  observers: {},
  media: {},
  geometry: {},
  group: {},
  section: {},
} as const satisfies Record<FieldKind, Casts>;

/**
 * How a field's values survive a kind change, or undefined when they cannot. A list (a multiple
 * field) never widens to one text: joining its values is a cast someone must approve.
 */
export function kindChange(from: FieldKind, to: FieldKind, wasList: boolean): KindChange | undefined {
  const change = (FIELD_KIND_CASTS[from] as Casts)[to];
  return change === 'widening' && wasList ? 'cast' : change;
}
