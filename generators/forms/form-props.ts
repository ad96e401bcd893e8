/**
 * The `<Form>` options the generated forms are designed for; index.json repeats them for apps.
 *
 * RJSF fills a new form's state from the schema, and by default it also invents values: `minItems`
 * arrays are padded with empty items (`coordinates: [null, null]`, observers `[{}]`) and empty objects
 * are added for required object fields. Padded geometries are invalid, so an optional map the user never
 * touched would block saving. With these options a new record starts with exactly the spec's literal
 * defaults, and a required list left empty is reported by its `minItems`.
 */
export const DEFAULT_FORM_STATE_BEHAVIOR = {
  arrayMinItems: { populate: 'never' },
  emptyObjectFields: 'skipEmptyDefaults',
} as const;
