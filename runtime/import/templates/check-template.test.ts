/** The template check against the example modules: good templates pass unchanged, each mistake is named by its path. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModuleRuntime } from '../../modules/load.ts';
import { exampleModules } from '../example-modules.test-helpers.ts';
import { checkTemplate } from './check-template.ts';
import { FLAT_CHIRO } from './template-fixtures.test-helpers.ts';

let modules: readonly ModuleRuntime[];
beforeAll(async () => {
  modules = await exampleModules();
});

const paths = (input: unknown, columns?: readonly string[]) => {
  const result = checkTemplate(input, modules, columns ? { columns } : {});
  return result.problems.map((p) => `${p.path} ${p.code}`);
};

describe('checkTemplate', () => {
  it('accepts a flat three-level template and gives it back in the contract’s key order', () => {
    const vocabulary = modules.find((m) => m.code === 'chiro_gites')?.protocol.vocabularies;
    // The codes used above are the module's own (a wrong fixture would make every later assertion moot).
    expect(vocabulary?.find((v) => v.code === 'CHIRO_ROOST_TYPE')?.values.map((v) => v.code)).toEqual(
      expect.arrayContaining(['CAVE', 'BRIDGE']),
    );
    const shuffled = Object.fromEntries(Object.entries(FLAT_CHIRO).reverse());
    const result = checkTemplate(shuffled, modules);
    expect(result.problems).toEqual([]);
    expect(result.ok && Object.keys(result.template)).toEqual([
      'suivi_import_template',
      'module',
      'level',
      'provider',
      'name',
      'source',
      'conventions',
      'levels',
    ]);
    expect(result.ok && JSON.stringify(result.template)).toBe(JSON.stringify(FLAT_CHIRO));
  });

  it('names every problem with its JSON path, in French and English', () => {
    const bad = {
      ...FLAT_CHIRO,
      suivi_import_template: 2,
      colour: 'blue',
      source: { format: 'ods', delimiter: ';;' },
      levels: {
        site: { fields: { base_site_name: { column: '' }, medias: { column: 'Photos' } } },
        visit: {
          match: { fields: ['nope'] },
          fields: { visit_date_min: { constant: '12/05/2024' }, comments: { column: 'C', separator: '|' } },
        },
        observation: {
          fields: {
            cd_nom: { column: 'Espèce' },
            'sex/genre': { column: 'S' },
            sex: { column: 'Sexe', values: { M: 'male' } },
            count_total: { column: 'Total' },
            count_adults: { x_column: 'X', y_column: 'Y', srid: 2154 },
            repro_status: { wkt: 'x' },
          },
        },
        sites_group: { fields: {} },
      },
    };
    const result = checkTemplate(bad, modules);
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => `${p.path} ${p.code}`)).toEqual([
      '/colour unknown_key',
      '/suivi_import_template format',
      '/source/format not_one_of',
      '/source/delimiter wrong_type',
    ]);
    // The source is broken, so the levels could not be checked against it: fix it and look again.
    const { colour: _colour, ...fixable } = bad;
    const fixed = { ...fixable, suivi_import_template: 1, source: { format: 'csv' } };
    const levels = paths(fixed);
    expect(levels).toEqual([
      '/levels/sites_group unknown_level',
      '/levels/site/fields/base_site_name/column blank',
      '/levels/site/fields/medias not_importable',
      '/levels/site/match match_required',
      '/levels/visit/fields/visit_date_min/constant bad_constant',
      '/levels/visit/fields/comments/separator not_multiple',
      '/levels/visit/match/fields/0 unknown_field',
      '/levels/observation/fields/cd_nom mapping_kind',
      '/levels/observation/fields/sex~1genre unknown_field',
      '/levels/observation/fields/sex/values/M unknown_code',
      '/levels/observation/fields/count_total computed_field',
      '/levels/observation/fields/count_adults mapping_kind',
      '/levels/observation/fields/repro_status unknown_mapping',
    ]);
    const sex = checkTemplate(fixed, modules).problems.find((p) => p.path.endsWith('/values/M'));
    expect(sex?.message.fr).toContain('« male » n’est pas un code du champ sex');
    expect(sex?.message.en).toContain('"male" is not a code of field sex');
  });

  it('checks the module, the level, the chain of levels and the file’s columns', () => {
    expect(paths({ ...FLAT_CHIRO, module: 'nope' })).toEqual(['/module unknown_module']);
    expect(paths({ ...FLAT_CHIRO, level: 'nest' })).toEqual(['/level unknown_level']);
    const { visit: _visit, ...gap } = FLAT_CHIRO.levels;
    expect(paths({ ...FLAT_CHIRO, levels: gap })).toEqual(['/levels/site level_gap']);
    expect(paths({ ...FLAT_CHIRO, level: 'visit', levels: { site: FLAT_CHIRO.levels.site } })).toEqual([
      '/levels missing_level',
      '/levels/site level_gap',
    ]);
    expect(paths({ ...FLAT_CHIRO, level: 'site' })).toEqual([
      '/levels/visit not_an_ancestor',
      '/levels/observation not_an_ancestor',
    ]);
    expect(
      paths(FLAT_CHIRO, ['Gîte', 'Type', 'Date', 'Observateurs', 'Espèce', 'Sexe', 'Nombre', 'X_L93']),
    ).toEqual(['/levels/site/fields/geometry/y_column unknown_column']);
    expect(
      paths({
        ...FLAT_CHIRO,
        levels: {
          ...FLAT_CHIRO.levels,
          site: { ...FLAT_CHIRO.levels.site, fields: { geometry: { feature_geometry: true } } },
        },
      }),
    ).toEqual(['/levels/site/fields/geometry/feature_geometry geojson_only']);
  });

  it('refuses what is not an object without throwing', () => {
    for (const input of [null, 'x', [], 42]) expect(paths(input)).toEqual([' not_object']);
    expect(paths({})).toContain('/suivi_import_template required');
    expect(paths({}).length).toBeGreaterThanOrEqual(7);
  });
});
