/**
 * Stage 3: a level's field definitions as GeoNature builds them: the generic fields, then the protocol's
 * `specific` ones over them. A specific field with the same `type_widget` replaces the generic one;
 * otherwise it is merged shallowly over it. Typo keys (`attribute_label`, `"hidden "`, `widget_type`)
 * and booleans written as text (`"TRUE"`) are read as meant, with a warning each: GeoNature silently
 * ignored the typos, so the warning says what changes.
 */
import type { Collector } from './collector.ts';
import { GENERIC_OBJECTS, type GenericRole } from './generic-objects.ts';
import { isObject, type JsonObject, pointer } from './read-files.ts';

export interface FieldDefinition {
  /** The GeoNature key, as written. */
  readonly gnKey: string;
  readonly role: GenericRole;
  /** The definition GeoNature uses: generic and specific combined, oddities fixed. */
  readonly def: JsonObject;
  /** The protocol's own entry, oddities fixed; undefined for an untouched generic field. */
  readonly specific?: JsonObject;
  /** Where the protocol's entry is (file and JSON pointer), for messages and rules. */
  readonly file: string;
  readonly path: string;
  /** Each key of the protocol's entry as written (`"hidden "` for `hidden`): rule paths use these. */
  readonly origins: Readonly<Record<string, string>>;
}

const KEY_TYPOS: Readonly<Record<string, string>> = {
  attribute_label: 'attribut_label',
  widget_type: 'type_widget',
  type_widgets: 'type_widget',
  attribut_labels: 'attribut_label',
};

const BOOLEAN_KEYS = new Set([
  'hidden',
  'required',
  'multiple',
  'multi_select',
  'noNullOption',
  'nullDefault',
]);
const STRING_BOOLEANS: Readonly<Record<string, boolean>> = { true: true, false: false };

/**
 * @param bare the file is itself the dictionary of fields (older site-type files), not `{ specific: … }`.
 */
export function fieldDefinitions(
  object: string,
  file: string,
  content: JsonObject,
  collector: Collector,
  bare = false,
): FieldDefinition[] {
  const generic = GENERIC_OBJECTS[object]?.fields ?? {};
  const specific = bare ? content : isObject(content.specific) ? content.specific : {};
  if (!bare && content.specific !== undefined && !isObject(content.specific)) {
    collector.warn(file, '/specific', '`specific` is not an object: ignored');
  }
  const at = (key: string) => (bare ? pointer(key) : pointer('specific', key));
  const out = new Map<string, FieldDefinition>();
  for (const [gnKey, field] of Object.entries(generic)) {
    out.set(gnKey, {
      gnKey,
      role: field.role,
      def: { ...field.definition },
      file,
      path: at(gnKey),
      origins: {},
    });
  }
  for (const [rawKey, raw] of Object.entries(specific)) {
    const path = at(rawKey);
    const gnKey = rawKey.trim();
    if (gnKey !== rawKey)
      collector.warn(file, path, `key "${rawKey}" has spaces around it: read as "${gnKey}"`);
    if (!isObject(raw)) {
      collector.warn(file, path, 'a field definition must be an object: ignored');
      continue;
    }
    const { value: own, origins } = fixDefinition(raw, file, path, collector);
    const base = out.get(gnKey);
    const replaces =
      base !== undefined && own.type_widget !== undefined && own.type_widget === base.def.type_widget;
    const def = base && !replaces ? { ...base.def, ...own } : own;
    out.set(gnKey, { gnKey, role: base?.role ?? 'own', def, specific: own, file, path, origins });
  }
  return [...out.values()];
}

/** Fixes the oddities of one definition; each fix is a warning. */
export function fixDefinition(
  raw: JsonObject,
  file: string,
  path: string,
  collector: Collector,
): { value: JsonObject; origins: Record<string, string> } {
  const out: JsonObject = {};
  const origins: Record<string, string> = {};
  for (const [rawKey, value] of Object.entries(raw)) {
    let key = rawKey.trim();
    if (key !== rawKey)
      collector.warn(file, `${path}/${rawKey}`, `key "${rawKey}" has spaces around it: read as "${key}"`);
    const fixed = KEY_TYPOS[key];
    if (fixed) {
      if (raw[fixed] !== undefined) {
        collector.warn(
          file,
          `${path}/${key}`,
          `"${key}" is a typo of "${fixed}", which is also given: ignored`,
        );
        continue;
      }
      collector.warn(
        file,
        `${path}/${key}`,
        `"${key}" is a typo of "${fixed}" (GeoNature ignored it): read as "${fixed}"`,
      );
      key = fixed;
    }
    let v = value;
    if (
      BOOLEAN_KEYS.has(key) &&
      typeof v === 'string' &&
      Object.hasOwn(STRING_BOOLEANS, v.trim().toLowerCase())
    ) {
      const b = STRING_BOOLEANS[v.trim().toLowerCase()] as boolean;
      collector.warn(file, `${path}/${key}`, `"${v}" is text, not a boolean: read as ${b}`);
      v = b;
    }
    Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
    origins[key] = rawKey;
  }
  return { value: out, origins };
}
