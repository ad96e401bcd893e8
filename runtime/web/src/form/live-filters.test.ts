/**
 * Dependent choices and record checks in the form, on the rules the generator wrote for the examples:
 * a filter over a hierarchical vocabulary (`choice.broader == value.habitat_main`) narrows the detail's
 * codes and their names live; a record check reading the parent is shown at its field in both languages.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CheckRules, FieldRules, Json } from '../api.ts';
import { recordCheckProblems } from './form-checks.ts';
import { applyRules } from './live-rules.ts';

const generated = (module: string, file: string) =>
  JSON.parse(
    readFileSync(new URL(`../../../../examples/${module}/generated/forms/${file}`, import.meta.url), 'utf8'),
  ) as Json;

describe('live filters and checks', () => {
  it('offers only the narrower habitats of the main one chosen, with their names', () => {
    const rules = generated('flore_quadrats', 'sites_group.rules.json').fields as Record<string, FieldRules>;
    const schema = generated('flore_quadrats', 'sites_group.schema.json');
    const ui = generated('flore_quadrats', 'sites_group.ui.json');
    const main = applyRules(schema, ui, rules, {}, {});
    const mainCodes = (main.schema.properties as Record<string, Json>).habitat_main?.enum;
    expect(mainCodes).toEqual(['MEADOW', 'WETLAND', 'HEATH']);
    const wet = applyRules(schema, ui, rules, { habitat_main: 'WETLAND' }, {});
    expect((wet.schema.properties as Record<string, Json>).habitat_detail?.enum).toEqual([
      'WETLAND_FEN',
      'WETLAND_TALL_HERB',
      'WETLAND_REED',
    ]);
    expect((wet.ui.habitat_detail as Json)['ui:enumNames']).toEqual([
      'Bas-marais',
      'Mégaphorbiaie',
      'Roselière',
    ]);
  });

  it('narrows a multiple field (its codes under items) by the record', () => {
    const rules = generated('oiseaux_points_ecoute', 'visit.rules.json').fields as Record<string, FieldRules>;
    const schema = generated('oiseaux_points_ecoute', 'visit.schema.json');
    const ui = generated('oiseaux_points_ecoute', 'visit.ui.json');
    const view = applyRules(schema, ui, rules, { num_passage: '1', habitat_primary: 'B' }, {});
    const items = (view.schema.properties as Record<string, Json>).habitat_secondary?.items as Json;
    expect(items.enum).toEqual(['A', 'C', 'D', 'E', 'F', 'G']);
  });

  it('shows a check reading the parent at its field, in French and English', () => {
    const checks = generated('oiseaux_points_ecoute', 'visit.rules.json').checks as CheckRules[];
    const scopes = { levels: { site: { point_habitat: 'B' } } };
    const differs = recordCheckProblems(checks, { habitat_primary: 'C', habitat_changed: false }, scopes);
    expect(differs.map((p) => [p.path, p.code, p.message?.en])).toEqual([
      [
        '/habitat_changed',
        'check',
        "The main habitat differs from the point's: tick “Habitat changed since last year”.",
      ],
    ]);
    expect(recordCheckProblems(checks, { habitat_primary: 'C', habitat_changed: true }, scopes)).toEqual([]);
    expect(recordCheckProblems(checks, { habitat_primary: 'B' }, scopes)).toEqual([]);
  });
});
