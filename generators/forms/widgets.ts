/**
 * The custom components a generated uiSchema names. An app registers one component per name, the RJSF
 * way (`<Form widgets={{ ...widgets }} fields={{ ...fields }}>`); built-in names (`textarea`, `radio`,
 * `checkboxes`, `select`, `time`) need nothing.
 */

/** `ui:widget` names: pickers for a scalar or a list of scalars (or of files), which RJSF hands to a widget. */
export const CUSTOM_WIDGETS = ['dataset', 'habitat', 'media', 'record', 'taxon', 'vocabulary'] as const;
export type CustomWidget = (typeof CUSTOM_WIDGETS)[number];

/**
 * `ui:field` names: values that are objects (a GeoJSON geometry, an observer). RJSF renders an object
 * with a field and ignores `ui:widget` on it, so these must be fields.
 */
export const CUSTOM_FIELDS = ['map', 'observers'] as const;
export type CustomField = (typeof CUSTOM_FIELDS)[number];

/**
 * Sections are headings, not data: their key sits in `ui:order` (RJSF skips order entries that are not
 * properties) with a `ui:field: "section"` entry a section-aware ObjectFieldTemplate renders as a heading.
 */
export const SECTION_FIELD = 'section';
