/**
 * What the web app needs from the server besides the record API: each level's forms (schema, uiSchema,
 * rules, list columns, the words of its fields in both languages). The static files of the Vite build
 * are web-static.ts's.
 */
import type { Hono } from 'hono';
import { isValidatedLevel } from '../../protocol-specs/index.ts';
import type { Database } from '../db/database.ts';
import { HttpError } from '../http/errors.ts';
import type { ModuleRuntime } from '../modules/load.ts';
import { type FieldTexts, fieldTexts } from './form-texts.ts';
import { englishLabels, vocabularyTypes, withEnglish } from './vocabulary-english.ts';

export { mountWebApp } from './web-static.ts';

const GEOMETRY_LABEL = { fr: 'Localisation', en: 'Location' };

const STATUS_COLUMN = {
  key: 'validation_status',
  label: { fr: 'Statut de validation', en: 'Validation status' },
};

/**
 * GET /api/modules/:code/forms/:level on one module version's app (module-app.ts): built once per
 * level when the version is served; the registry hands it only requests for its own code.
 */
export function mountModuleForms(app: Hono, m: ModuleRuntime, db?: Database): void {
  const forms = new Map<string, { texts: Record<string, FieldTexts> } & Record<string, unknown>>();
  for (const l of m.levels) {
    const labels = new Map(l.level.fields.map((f) => [f.key, f.label]));
    const validated = isValidatedLevel(m.protocol, l.key);
    const columns = l.level.list.map((key) => ({ key, label: labels.get(key) ?? { fr: key, en: key } }));
    forms.set(l.key, {
      // The level's name in both languages (the schema's title is French).
      label: l.label,
      schema: l.forms.schema,
      ui: l.forms.ui,
      rules: l.forms.rules,
      // A validated level's table shows (filters, sorts) its validation status too.
      columns: validated ? [...columns, STATUS_COLUMN] : columns,
      validated,
      labels: Object.fromEntries(labels),
      texts: {
        // The level's geometry is a form field of the generator's, titled in French only.
        ...(l.level.geometry.kind === 'none' ? {} : { geometry: { label: GEOMETRY_LABEL } }),
        ...fieldTexts(m.protocol, l.level.fields),
      },
      // The field that names a record (its map label), for titles and references to it.
      ...(l.level.mapLabel ? { mapLabel: l.level.mapLabel } : {}),
      keep: l.level.keep,
      formProps: m.formsIndex.formProps ?? {},
    });
  }
  app.get('/api/modules/:code/forms/:level', async (c) => {
    const found = forms.get(c.req.param('level'));
    const level = m.levels.find((l) => l.key === c.req.param('level'))?.level;
    if (!found || !level)
      throw new HttpError(404, 'not_found', 'Aucun formulaire pour ce module et ce niveau.');
    // Read per request: an administrator may load a fuller nomenclature while the server runs.
    const types = vocabularyTypes(level.fields);
    if (!db || types.length === 0) return c.json(found);
    const english = await englishLabels(db, types);
    return c.json({ ...found, texts: withEnglish(level.fields, found.texts, english) });
  });
}
