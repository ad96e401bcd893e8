import { describe, expect, it } from 'vitest';
import { slugify } from './slug.ts';
import { addField, addLevel, allFieldIds, keyFor, removeLevel, setFieldLabel } from './spec-model.ts';
import { getIn, moveAt, setIn } from './spec-paths.ts';

const blank = { code: 'birds', version: 1, label: { fr: 'Oiseaux' }, taxonomy: { scope: 'all' }, levels: [] };

describe('slugs and keys', () => {
  it.each([
    ["Nombre d'individus", 'nombre_d_individus'],
    ['Éléments  -- notés', 'elements_notes'],
    ['2e passage', 'field_2e_passage'],
    ['', 'field'],
  ])('%s → %s', (label, want) => expect(slugify(label)).toBe(want));

  it('avoids taken keys and reserved names', () => {
    expect(keyFor('Nombre', new Set(['nombre']))).toBe('nombre_2');
    expect(keyFor('Order', new Set())).toBe('order_value');
    expect(keyFor('x'.repeat(80), new Set()).length).toBe(63);
  });
});

describe('levels', () => {
  it('adds levels under the previous one and removes parent links with a level', () => {
    const site = addLevel(blank, 'site');
    const visit = addLevel(site.spec, 'visit');
    expect(getIn(visit.spec, ['levels', 1])).toMatchObject({
      id: 'level.visit',
      key: 'visit',
      parents: ['site'],
    });
    const removed = removeLevel(visit.spec, 0);
    expect(getIn(removed, ['levels'])).toEqual([
      { id: 'level.visit', key: 'visit', type: 'visit', label: { fr: 'Visite', en: 'Visit' }, fields: [] },
    ]);
    expect(blank.levels).toEqual([]);
  });
});

describe('fields', () => {
  const withSite = addLevel(blank, 'site').spec;

  it('gives a new field an id from its level and a key from its label, unique in the protocol', () => {
    const one = addField(withSite, ['levels', 0, 'fields'], 'integer', { fr: 'Nombre' });
    const two = addField(one.spec, ['levels', 0, 'fields'], 'choice', { fr: 'Nombre' });
    expect(getIn(two.spec, ['levels', 0, 'fields'])).toEqual([
      { kind: 'integer', id: 'site.nombre', key: 'nombre', label: { fr: 'Nombre' } },
      {
        kind: 'choice',
        id: 'site.nombre_2',
        key: 'nombre_2',
        label: { fr: 'Nombre' },
        choices: [{ value: 'a', label: { fr: 'A', en: 'A' } }],
      },
    ]);
    expect([...allFieldIds(two.spec)]).toEqual(['site.nombre', 'site.nombre_2']);
  });

  it('lets the key follow the label until it is fixed, and keeps the id', () => {
    const { spec } = addField(withSite, ['levels', 0, 'fields'], 'text', { fr: 'Nom' });
    const path = ['levels', 0, 'fields', 0] as const;
    const followed = setFieldLabel(spec, path, { fr: 'Nom du site' }, true);
    expect(getIn(followed, path)).toMatchObject({ id: 'site.nom', key: 'nom_du_site' });
    const kept = setFieldLabel(followed, path, { fr: 'Autre' }, false);
    expect(getIn(kept, [...path, 'key'])).toBe('nom_du_site');
  });
});

describe('paths', () => {
  it('sets, removes and moves without touching the input', () => {
    const doc = { a: [1, 2, 3], b: { c: 1 } };
    expect(setIn(doc, ['b', 'c'], undefined)).toEqual({ a: [1, 2, 3], b: {} });
    expect(setIn(doc, ['d', 0], 'x')).toEqual({ ...doc, d: ['x'] });
    expect(moveAt(doc, ['a'], 0, 1)).toEqual({ a: [2, 1, 3], b: { c: 1 } });
    expect(moveAt(doc, ['a'], 0, -1)).toBe(doc);
    expect(doc).toEqual({ a: [1, 2, 3], b: { c: 1 } });
  });
});
