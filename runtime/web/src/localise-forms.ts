/**
 * A level's forms in the reader's language. The generated schema and uiSchema are French documents;
 * the forms API sends every field's words in both languages (`texts`), and this swaps in the English
 * ones — titles, help texts, choice names, section headings, a group's sub-fields — wherever the spec
 * gives them, keeping the French where it does not. Pure, and memoised per forms object: every page
 * shares one localised copy.
 */
import type { FieldTexts, Json, LevelForms } from './api.ts';
import type { Lang } from './i18n.tsx';

type Texts = Readonly<Record<string, FieldTexts>>;

const pick = (l: { fr: string; en?: string } | undefined, lang: Lang) =>
  l ? (lang === 'en' ? (l.en ?? l.fr) : l.fr) : undefined;

function localiseSchema(schema: Json, texts: Texts, lang: Lang): Json {
  const properties = schema.properties as Record<string, Json> | undefined;
  if (!properties) return schema;
  const out: Record<string, Json> = {};
  for (const [key, property] of Object.entries(properties)) {
    const t = texts[key];
    let p: Json = { ...property };
    const title = pick(t?.label, lang);
    const help = pick(t?.help, lang);
    if (title) p.title = title;
    if (help) p.description = help;
    const items = property.items as Json | undefined;
    if (t?.fields && items?.properties) p = { ...p, items: localiseSchema(items, t.fields, lang) };
    out[key] = p;
  }
  return { ...schema, properties: out };
}

function localiseUi(ui: Json, schema: Json, texts: Texts, lang: Lang): Json {
  const out: Json = { ...ui };
  const properties = (schema.properties ?? {}) as Record<string, Json>;
  for (const [key, t] of Object.entries(texts)) {
    const fieldUi = ui[key] as Json | undefined;
    if (!fieldUi) continue;
    let next: Json = { ...fieldUi };
    if (typeof fieldUi['ui:title'] === 'string') next['ui:title'] = pick(t.label, lang);
    const property = properties[key];
    const codes = (property?.enum ?? (property?.items as Json | undefined)?.enum) as unknown[] | undefined;
    if (t.choices && codes && Array.isArray(fieldUi['ui:enumNames'])) {
      const names = fieldUi['ui:enumNames'] as string[];
      next['ui:enumNames'] = codes.map((c, i) => pick(t.choices?.[String(c)], lang) ?? names[i]);
    }
    const itemsUi = fieldUi.items as Json | undefined;
    const itemsSchema = property?.items as Json | undefined;
    if (t.fields && itemsUi && itemsSchema)
      next = { ...next, items: localiseUi(itemsUi, itemsSchema, t.fields, lang) };
    out[key] = next;
  }
  return out;
}

const cache = new WeakMap<LevelForms, Partial<Record<Lang, LevelForms>>>();

/** The forms with their words in `lang`; the same object for the same forms and language. */
export function localiseForms(forms: LevelForms, lang: Lang): LevelForms {
  const known = cache.get(forms) ?? {};
  const found = known[lang];
  if (found) return found;
  const texts = forms.texts ?? {};
  const schema = localiseSchema(forms.schema, texts, lang);
  const title = pick(forms.label, lang);
  const localised: LevelForms = {
    ...forms,
    schema: title ? { ...schema, title } : schema,
    ui: localiseUi(forms.ui, forms.schema, texts, lang),
  };
  cache.set(forms, { ...known, [lang]: localised });
  return localised;
}

/** A field's label in `lang`: from the texts, else the labels, else the schema title, else its key. */
export function fieldLabel(forms: LevelForms, path: readonly string[], lang: Lang): string {
  let texts: Texts | undefined = forms.texts;
  let label: string | undefined;
  const names: string[] = [];
  for (const part of path) {
    if (/^\d+$/.test(part)) continue;
    const t: FieldTexts | undefined = texts?.[part];
    label = pick(t?.label, lang) ?? (names.length === 0 ? pick(forms.labels[part], lang) : undefined) ?? part;
    names.push(label);
    texts = t?.fields;
  }
  return names.join(' › ');
}
