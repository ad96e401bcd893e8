import { describe, expect, it } from 'vitest';
import { baseSpec } from '../validate/fixture.test-helpers.ts';
import { validateSpec } from '../validate/index.ts';
import { normalise, type ProtocolSpec } from './index.ts';
import { toAuthored } from './to-authored.ts';

const spec = () => baseSpec() as ProtocolSpec;
const level = (key: string) => normalise(spec()).levels.find((l) => l.key === key)!;
const field = (levelKey: string, key: string) => level(levelKey).fields.find((f) => f.key === key)!;

describe('normalise', () => {
  it('never mutates its input and freezes its output', () => {
    const input = spec();
    const before = JSON.stringify(input);
    const protocol = normalise(input);
    expect(JSON.stringify(input)).toBe(before);
    expect(Object.isFrozen(protocol)).toBe(true);
    expect(Object.isFrozen(protocol.levels[0]?.fields[0])).toBe(true);
    expect(() => {
      (protocol.levels as unknown as unknown[]).push({});
    }).toThrow(TypeError);
  });

  it('is deterministic and idempotent on its canonical form', () => {
    const once = normalise(spec());
    expect(JSON.stringify(normalise(spec()))).toBe(JSON.stringify(once));
    const canonical = toAuthored(once);
    expect(validateSpec(canonical).filter((d) => d.severity === 'error')).toEqual([]);
    // sourcePath points into the spec it came from, which differs by construction; all else is equal.
    const withoutSourcePaths = (p: unknown) =>
      JSON.parse(JSON.stringify(p, (k, v) => (k === 'sourcePath' ? undefined : v)));
    expect(withoutSourcePaths(normalise(canonical))).toEqual(withoutSourcePaths(once));
    expect(toAuthored(normalise(canonical))).toEqual(canonical);
  });

  it('inherits standard fields first and keeps authored ones in order', () => {
    const keys = level('visit').fields.map((f) => f.key);
    expect(keys.slice(0, 6)).toEqual([
      'visit_date_min',
      'visit_date_max',
      'observers',
      'id_dataset',
      'comments',
      'medias',
    ]);
    expect(keys.slice(6)).toEqual(['accessible', 'pass_number', 'site_state', 'start_time']);
    expect(field('visit', 'visit_date_min')).toMatchObject({
      id: 'std.visit_date_min',
      standard: true,
      required: true,
    });
  });

  it('lets a spec refine or omit a standard field', () => {
    const s = spec();
    s.levels[1]!.fields.push({
      key: 'observers',
      kind: 'observers',
      label: 'Équipe',
      multiple: true,
      freeText: false,
    });
    s.levels[1]!.omitStandardFields = ['medias'];
    const visit = normalise(s).levels[1]!;
    const observers = visit.fields.find((f) => f.key === 'observers');
    expect(observers).toMatchObject({
      id: 'std.observers',
      label: { fr: 'Équipe' },
      required: true,
      freeText: false,
      standard: true,
    });
    expect(visit.fields.some((f) => f.key === 'medias')).toBe(false);
  });

  it('applies defaults', () => {
    const visit = level('visit');
    expect(visit.plural).toEqual({ fr: 'Visites' });
    expect(visit.geometry).toEqual({ kind: 'none', required: false });
    expect(visit.sort).toEqual([{ field: 'visit_date_min', direction: 'desc' }]);
    expect(level('site').geometry).toEqual({ kind: 'point', required: true });
    expect(level('site').mapLabel).toBe('base_site_name');
    expect(field('visit', 'accessible')).toMatchObject({
      multiple: false,
      display: 'select',
      readOnly: false,
      required: false,
    });
    expect(field('visit', 'observers')).toMatchObject({ multiple: true, freeText: true });
    expect(field('visit', 'id_dataset')).toMatchObject({
      datasets: ['4d7c1d33-7a3f-4b5f-9a6a-2f7f0e8f1a01'],
    });
    expect(field('observation', 'count_total')).toMatchObject({ readOnly: true });
  });

  it('resolves vocabularies, subsets and the SINP types in use', () => {
    expect(field('site', 'habitat')).toMatchObject({ codes: ['FOR', 'FOR_FEU', 'PRA'] });
    expect(field('observation', 'life_stage')).toMatchObject({ codes: ['1', '2'] });
    const codes = normalise(spec()).vocabularies.map((v) => `${v.source}:${v.code}`);
    expect(codes).toEqual(['protocol:DEMO_HABITAT', 'sinp:STADE_VIE', 'sinp:STATUT_OBS']);
  });

  it('folds a field set condition into the visibility of its fields', () => {
    const span = field('site', 'span');
    expect(span.fieldSet).toBe('set.bridge');
    expect(span.visibleIf?.source).toBe("value.site_kind in ['Pont']");
  });

  it('parses every rule and resolves the occurrence mapping', () => {
    expect(field('visit', 'site_state').required).toMatchObject({
      source: 'value.pass_number == 1',
      ast: { kind: 'binary' },
    });
    const occurrence = normalise(spec()).occurrence!;
    expect(occurrence.attributes.dateStart).toEqual({
      kind: 'field',
      level: 'visit',
      field: 'visit_date_min',
    });
    expect(occurrence.attributes.geometry).toEqual({ kind: 'geometry', level: 'site' });
    expect(occurrence.nomenclatures.STATUT_OBS).toMatchObject({ kind: 'rule' });
  });

  it('orders levels parents first', () => {
    const s = spec();
    s.levels.reverse();
    expect(normalise(s).levels.map((l) => l.key)).toEqual(['site', 'visit', 'observation']);
  });
});
