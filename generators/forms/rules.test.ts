/** rules.json carries the IR's rules as `{ source, ast }`, and they evaluate as the spec means them. */
import { describe, expect, it } from 'vitest';
import { evaluateRule, isTruthy, type RuleContext } from '../../protocol-specs/index.ts';
import { example } from './examples.test-helpers.ts';
import type { FieldRules, LevelRules, RuleJson } from './form-rules.ts';
import { formsGenerator } from './index.ts';

async function rulesOf(code: string, level: string): Promise<LevelRules> {
  const { protocol, context } = example(code);
  const files = await formsGenerator.generate(protocol, context);
  return JSON.parse(files.find((f) => f.path === `${level}.rules.json`)?.contents ?? '') as LevelRules;
}

const on = (records: RuleContext['records']): RuleContext => ({
  records,
  today: '2024-04-02',
  now: '2024-04-02T20:00:00Z',
  userId: '0b7d3c9e-1f2a-4c5b-8d6e-9f0a1b2c3d4e',
});
const truthy = (rule: RuleJson | undefined, context: RuleContext) =>
  rule === undefined || isTruthy(evaluateRule(rule.ast, context));
const rule = (rules: LevelRules, key: string, slot: keyof FieldRules): RuleJson => {
  const found = rules.fields[key]?.[slot];
  if (typeof found !== 'object' || !('ast' in found)) throw new Error(`no ${slot} rule on ${key}`);
  return found as RuleJson;
};

describe('forms: rules.json', () => {
  it('amphibians: the site-state fields are hidden when the site is not accessible', async () => {
    const rules = await rulesOf('amphibiens_mares', 'visit');
    const visible = (record: Record<string, unknown>) =>
      Object.keys(rules.fields).filter((key) => truthy(rules.fields[key]?.visibleIf, on({ value: record })));
    const closed = visible({ accessibility: 'Non', num_passage: 1 });
    expect(closed).toContain('inaccessible_reason');
    for (const key of ['section_state', 'site_state', 'works_date', 'survey_methods', 'start_time'])
      expect(closed).not.toContain(key);
    const open = visible({ accessibility: 'Oui', num_passage: 1, site_state: 'created' });
    expect(open).toEqual(
      expect.arrayContaining(['section_state', 'site_state', 'works_date', 'survey_methods']),
    );
    expect(open).not.toContain('inaccessible_reason');
    expect(visible({ accessibility: 'Oui', num_passage: 2 })).not.toContain('site_state');

    expect(rules.fields.site_state?.required).toMatchObject({
      source: "value.accessibility == 'Oui' && value.num_passage == 1",
    });
    // Required literally, but only while shown: the schema leaves it out, rules.json says `true`.
    expect(rules.fields.inaccessible_reason?.required).toBe(true);
    expect(rules.keep).toEqual(['id_dataset', 'observers', 'expertise', 'visit_date_min']);
  });

  it('carries computed values, rule defaults, rule bounds and filters with their AST', async () => {
    const birds = await rulesOf('oiseaux_points_ecoute', 'observation');
    const counts = { count_lt25: 2, count_25_100: 1, count_gt100: 0, count_flying: 3 };
    expect(evaluateRule(rule(birds, 'count_total', 'computed').ast, on({ value: counts }))).toBe(6);

    const campaign = await rulesOf('flore_quadrats', 'campaign');
    expect(evaluateRule(rule(campaign, 'campaign_year', 'default').ast, on({}))).toBe(2024);
    expect(evaluateRule(rule(campaign, 'campaign_year', 'max').ast, on({}))).toBe(2025);

    const reading = await rulesOf('flore_quadrats', 'visit');
    const ancestors = { campaign: { start_date: '2024-05-01', team: ['a', 'b'] }, value: {} };
    expect(evaluateRule(rule(reading, 'visit_date_min', 'min').ast, on(ancestors))).toBe('2024-05-01');
    expect(evaluateRule(rule(reading, 'observers', 'default').ast, on(ancestors))).toEqual(['a', 'b']);
    expect(reading.reads).toEqual({ campaign: ['campaign_dataset', 'end_date', 'start_date', 'team'] });

    const station = await rulesOf('flore_quadrats', 'sites_group');
    const offered = (candidates: Array<Record<string, unknown>>) =>
      candidates
        .filter((choice) =>
          truthy(
            rule(station, 'habitat_detail', 'filter'),
            on({ value: { habitat_main: 'WETLAND' }, choice }),
          ),
        )
        .map((c) => c.code);
    expect(
      offered([
        { code: 'WETLAND_FEN', broader: 'WETLAND' },
        { code: 'HEATH_DRY', broader: 'HEATH' },
        { code: 'WETLAND' },
      ]),
    ).toEqual(['WETLAND_FEN']);
  });

  it('nests the rules of group rows and names the ancestors and server-only checks', async () => {
    const reading = await rulesOf('flore_quadrats', 'visit');
    expect(reading.fields.strata_cover).toEqual({
      required: true,
      fields: { stratum: { required: true }, cover_pct: { required: true } },
    });
    expect(reading.serverOnly.map((c) => `${c.field}:${c.check}`)).toEqual([
      'medias:media-stored',
      'observers:observer-exists',
      'target_photos:media-stored',
      'target_total:computed-on-save',
    ]);
    const roosts = await rulesOf('chiro_gites', 'visit');
    expect(roosts.reads).toEqual({ site: ['roost_type'] });
    // Birds take any name of a TAXREF group: only the server can tell; chiro's 12-species list is an enum.
    const birds = await rulesOf('oiseaux_points_ecoute', 'observation');
    expect(birds.serverOnly).toContainEqual(
      expect.objectContaining({ field: 'cd_nom', check: 'taxon-in-scope' }),
    );
    const observations = await rulesOf('chiro_gites', 'observation');
    expect(observations.serverOnly).not.toContainEqual(
      expect.objectContaining({ field: 'cd_nom', check: 'taxon-in-scope' }),
    );
  });
});
