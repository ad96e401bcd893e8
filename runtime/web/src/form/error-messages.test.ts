/**
 * Schema errors of the example protocols' real forms, validated by RJSF's Ajv validator and worded by
 * error-messages.ts: labels and bounds in both languages, patterns explained, never a raw regex or
 * Ajv's English.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RJSFSchema } from '@rjsf/utils';
import { customizeValidator, type Localizer } from '@rjsf/validator-ajv8';
import localizeFr from 'ajv-i18n/localize/fr/index.js';
import { describe, expect, it } from 'vitest';
import type { ResolvedProtocol } from '../../../../protocol-specs/index.ts';
import { EXAMPLES_ROOT } from '../../../modules/folders.ts';
import { fieldTexts } from '../../../server/form-texts.ts';
import type { Json, LevelForms } from '../api.ts';
import type { Lang } from '../i18n.tsx';
import { localiseForms } from '../localise-forms.ts';
import { problemText, schemaErrorTransformer } from './error-messages.ts';

const validator = customizeValidator({}, localizeFr as unknown as Localizer);

function formsOf(code: string, level: string): LevelForms {
  const dir = join(EXAMPLES_ROOT, code, 'generated');
  const read = (file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const protocol: ResolvedProtocol = read('ir/protocol.resolved.json').protocol;
  const fields = protocol.levels.find((l) => l.key === level)?.fields ?? [];
  return {
    schema: read(`forms/${level}.schema.json`),
    ui: read(`forms/${level}.ui.json`),
    rules: {},
    columns: [],
    labels: Object.fromEntries(fields.map((f) => [f.key, f.label])),
    texts: fieldTexts(protocol, fields),
    keep: [],
    formProps: {},
  };
}

function messages(code: string, level: string, data: Json, lang: Lang): string[] {
  const forms = localiseForms(formsOf(code, level), lang);
  const schema = { ...forms.schema } as Json;
  delete schema.$schema;
  const result = validator.validateFormData(
    data,
    schema as RJSFSchema,
    undefined,
    schemaErrorTransformer(forms, lang),
  );
  return result.errors.map((e) => e.message ?? '');
}

describe('schema error messages', () => {
  it('word bounds and requirements with the field’s label, in French and English', () => {
    const fr = messages('chiro_gites', 'observation', { count_adults: 100001 }, 'fr');
    expect(fr).toContain('Adultes : au plus 100\u202f000');
    expect(fr.some((m) => /obligatoire$/.test(m))).toBe(true);
    const en = messages('chiro_gites', 'observation', { count_adults: 100001 }, 'en');
    expect(en).toContain('Adults: at most 100,000');
    expect(en.some((m) => /: required$/.test(m))).toBe(true);
    for (const m of [...fr, ...en]) expect(m).not.toMatch(/must|doit être <=|property/);
  });

  it('explains a pattern by the field’s help, else by an example, never by its regex', () => {
    const data = { municipality_code: '1234', owner_phone: 'abc', owner_email: 'nobody' };
    const fr = messages('chiro_gites', 'site', data, 'fr');
    expect(fr).toContain('Code INSEE de la commune : Cinq caractères, par ex. 35238 ; 2A004 en Corse.');
    expect(fr).toContain('Téléphone du propriétaire : format attendu : 123456');
    expect(fr).toContain('Courriel du propriétaire : format attendu : abc@abc.abc');
    const en = messages('chiro_gites', 'site', data, 'en');
    expect(en).toContain('Municipality INSEE code: Five characters, e.g. 35238; 2A004 in Corsica.');
    expect(en).toContain('Owner phone: expected format: 123456');
    for (const m of [...fr, ...en]) expect(m).not.toMatch(/\^|\$|\[0-9\]/);
  });

  it('names a group’s sub-field and its row bound', () => {
    const data = { strata_cover: [{ stratum: 'herb', cover_pct: 150 }] };
    const fr = messages('flore_quadrats', 'visit', data, 'fr');
    expect(fr).toContain('Recouvrement par strate › Recouvrement : au plus 100');
    const en = messages('flore_quadrats', 'visit', data, 'en');
    expect(en.find((m) => m.startsWith('Cover by layer › '))).toMatch(/: at most 100$/);
  });

  it('words a server problem in English from its code, the label and the bound', () => {
    const forms = localiseForms(formsOf('chiro_gites', 'observation'), 'en');
    const problem = {
      path: '/count_adults',
      code: 'max',
      message: '« Adultes » doit valoir au plus 100000.',
    };
    expect(problemText(problem, forms, 'en')).toBe('Adults: at most 100,000');
    expect(problemText(problem, forms, 'fr')).toBe(problem.message);
    const stale = { path: '/row_version', code: 'stale_row_version', message: 'modifié' };
    expect(problemText(stale, forms, 'en')).toMatch(/^Someone changed this record/);
  });
});
