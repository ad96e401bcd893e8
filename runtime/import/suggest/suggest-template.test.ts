/** Suggested templates for messy provider files against the example modules, checked by the template check. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModuleRuntime } from '../../modules/load.ts';
import { exampleModule, exampleModules } from '../example-modules.test-helpers.ts';
import { checkTemplate } from '../templates/check-template.ts';
import { type InspectedFile, suggestTemplate } from './suggest-template.ts';

let modules: readonly ModuleRuntime[];
let chiro: ModuleRuntime;
let amphibians: ModuleRuntime;
beforeAll(async () => {
  modules = await exampleModules();
  chiro = await exampleModule('chiro_gites');
  amphibians = await exampleModule('amphibiens_mares');
});

const file = (
  columns: string[],
  rows: string[][],
  source: InspectedFile['source'] = { format: 'csv', delimiter: ';' },
): InspectedFile => ({
  source,
  columns,
  preview: rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i] ?? '']))),
});

/** A bat group's flat export: GeoNature-style and French headers, odd case and accents, Lambert-93, French dates. */
const FLAT_CHIRO = file(
  [
    'NOM_GÎTE',
    'Type de gîte',
    'X_L93',
    'Y_L93',
    'date_debut',
    'Observateurs',
    'cd_nom',
    'Sexe',
    ' Nombre adultes ',
    'Remarques',
    'colonne_inconnue',
  ],
  [
    [
      'Église de Saou',
      'Église',
      '857000,5',
      '6390000',
      '14/02/2025',
      'Dupont J.; Martin C.',
      '60479',
      'M',
      '12',
      'NA',
      'a',
    ],
    [
      'Grotte de la Baume',
      'grotte',
      '843250',
      '6402100',
      '15/02/2025',
      'Dupont J.',
      '79303',
      'F',
      '3',
      '',
      'b',
    ],
    [
      'Pont du Diable',
      'PONT',
      '850000',
      '6410000',
      '28/02/2025',
      'Martin C.',
      '60479',
      'indéterminé',
      '1',
      'sous le tablier',
      'c',
    ],
    ['Pont du Diable', 'Hangar', '850000', '6410000', '28/02/2025', 'Martin C.', '60479', 'x', '1', '', 'd'],
  ],
);

describe('suggestTemplate', () => {
  it('maps a flat bat-roost file to observations with their visits and roosts, and the template checks', () => {
    const s = suggestTemplate({
      module: chiro,
      level: 'observation',
      provider: 'GCRA',
      name: 'Hivernage',
      file: FLAT_CHIRO,
    });
    const byColumn = Object.fromEntries(
      s.columns.map((c) => [c.column, c.field ? `${c.level}.${c.field}` : '-']),
    );
    expect(byColumn).toEqual({
      NOM_GÎTE: 'site.base_site_name',
      'Type de gîte': 'site.roost_type',
      X_L93: 'site.geometry',
      Y_L93: 'site.geometry',
      date_debut: 'visit.visit_date_min',
      Observateurs: 'visit.observers',
      cd_nom: 'observation.cd_nom',
      Sexe: 'observation.sex',
      ' Nombre adultes ': 'observation.count_adults',
      Remarques: 'observation.comments',
      colonne_inconnue: '-',
    });
    const { levels } = s.template;
    expect(levels.site?.fields.geometry).toEqual({ x_column: 'X_L93', y_column: 'Y_L93', srid: 2154 });
    expect(levels.site?.match).toEqual({ fields: ['base_site_name'] });
    expect(levels.visit?.match).toEqual({ fields: ['visit_date_min'] });
    expect(levels.visit?.fields.observers).toEqual({ column: 'Observateurs', separator: ';' });
    expect(levels.observation?.fields.cd_nom).toEqual({ taxon_column: 'cd_nom', by: 'cd_nom' });
    expect(levels.observation?.fields.sex).toEqual({
      column: 'Sexe',
      values: { M: '3', F: '2' },
    });
    expect(levels.site?.fields.roost_type).toEqual({
      column: 'Type de gîte',
      values: { Église: 'CHURCH', grotte: 'CAVE', PONT: 'BRIDGE' },
    });
    expect(s.unmapped_values).toEqual([
      { level: 'site', field: 'roost_type', column: 'Type de gîte', values: ['Hangar'] },
      // The protocol offers no 'Indéterminé' (1) for sex: listed for the user, not forced onto another code.
      { level: 'observation', field: 'sex', column: 'Sexe', values: ['indéterminé', 'x'] },
    ]);
    expect(s.template.conventions).toEqual({
      date_format: 'dd/mm/yyyy',
      decimal_separator: ',',
      null_values: ['NA'],
    });
    expect(s.notes).toContainEqual({ code: 'required_unmapped', level: 'visit', field: 'id_dataset' });
    expect(checkTemplate(s.template, modules, { columns: FLAT_CHIRO.columns }).problems).toEqual([]);
  });

  it('is deterministic: the same file gives the same template, whatever was suggested before', () => {
    const input = { module: chiro, level: 'observation', provider: 'GCRA', name: 'H', file: FLAT_CHIRO };
    expect(JSON.stringify(suggestTemplate(input))).toBe(JSON.stringify(suggestTemplate(input)));
  });

  it('reads degrees as WGS 84, Latin names as scientific names, ISO dates, and SINP-style headers', () => {
    const sinp = file(
      [
        'nomCite',
        'dateDebut',
        'Longitude',
        'Latitude',
        'stade_vie',
        'Nom du site',
        'denombrement_min',
        'denombrement_max',
        'the_geom',
      ],
      [
        [
          'Rana dalmatina Fitzinger in Bonaparte, 1838',
          '2025-03-02',
          '5.21',
          '45.93',
          'Adulte',
          'Mare 1',
          '2',
          '5',
          'POINT(5.2 45.9)',
        ],
        ['Bufo bufo', '2025-03-09', '5.3', '45.95', 'TÊTARD', 'Mare 2', '10', '20', 'POINT(5.3 45.9)'],
      ],
      { format: 'xlsx', sheet: 'Feuil1' },
    );
    const s = suggestTemplate({
      module: amphibians,
      level: 'observation',
      provider: 'CEN',
      name: 'Mares',
      file: sinp,
    });
    expect(s.template.levels.observation?.fields.cd_nom).toEqual({
      taxon_column: 'nomCite',
      by: 'scientific_name',
    });
    expect(s.template.levels.observation?.fields.life_stage).toEqual({
      column: 'stade_vie',
      values: { Adulte: '2', TÊTARD: '8' },
    });
    expect(s.template.levels.observation?.fields.count_min).toEqual({ column: 'denombrement_min' });
    expect(s.template.levels.observation?.fields.count_max).toEqual({ column: 'denombrement_max' });
    expect(s.template.levels.visit?.fields.visit_date_min).toEqual({ column: 'dateDebut' });
    // The site takes X/Y (role names) before the WKT; both are in degrees.
    expect(s.template.levels.site?.fields.geometry).toEqual({
      x_column: 'Longitude',
      y_column: 'Latitude',
      srid: 4326,
    });
    expect(s.template.levels.site?.fields.base_site_name).toEqual({ column: 'Nom du site' });
    expect(s.template.conventions).toEqual({ date_format: 'yyyy-mm-dd', decimal_separator: '.' });
    expect(s.template.source).toEqual({ format: 'xlsx', sheet: 'Feuil1' });
    expect(checkTemplate(s.template, modules).problems).toEqual([]);
  });

  it('maps a one-level file without ancestors, and GeoJSON features to the geometry', () => {
    // 'Remarque' fits the sites group's comment only: not a reason to map the group (it has no key here).
    const sites = file(['name', 'Type', 'Remarque'], [['Mare A', 'Mare', 'x']], { format: 'geojson' });
    const s = suggestTemplate({
      module: amphibians,
      level: 'site',
      provider: 'P',
      name: 'N',
      file: { ...sites, has_feature_geometry: true },
    });
    expect(Object.keys(s.template.levels)).toEqual(['site']);
    expect(s.template.levels.site?.fields.geometry).toEqual({ feature_geometry: true });
    expect(checkTemplate(s.template, modules).problems).toEqual([]);
  });
});
