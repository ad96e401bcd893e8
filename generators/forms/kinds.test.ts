/**
 * Kinds and options the examples do not use: literal date and time bounds, a habitat without a code
 * list, a taxon with the whole of TAXREF, multiple references, a required media field, a dataset field
 * with no dataset list, observers without free text.
 */
import type { RJSFSchema } from '@rjsf/utils';
import { customizeValidator } from '@rjsf/validator-ajv8';
import { describe, expect, it } from 'vitest';
import { normalise, type ProtocolSpec } from '../../protocol-specs/index.ts';
import { UUID } from './examples.test-helpers.ts';
import { formsGenerator } from './index.ts';

const spec = {
  code: 'kinds',
  version: 1,
  label: 'Toutes les sortes',
  taxonomy: { scope: 'all' },
  levels: [
    {
      id: 'level.station',
      key: 'station',
      type: 'custom',
      label: 'Station',
      geometry: { kind: 'line', required: false },
      fields: [
        { kind: 'date', id: 's.day', key: 'day', label: 'Jour', min: '2024-01-01', max: '2024-12-31' },
        { kind: 'time', id: 's.hour', key: 'hour', label: 'Heure', min: '06:00' },
        { kind: 'habitat', id: 's.habitat', key: 'habitat', label: 'Habitat', typology: 'EUNIS' },
        { kind: 'taxon', id: 's.taxon', key: 'taxon', label: 'Taxon' },
        {
          kind: 'reference',
          id: 's.ref',
          key: 'neighbours',
          label: 'Voisines',
          level: 'station',
          multiple: true,
        },
        { kind: 'dataset', id: 's.ds', key: 'dataset', label: 'Jeu de données' },
        { kind: 'observers', id: 's.obs', key: 'team', label: 'Équipe', freeText: false, required: true },
        {
          kind: 'media',
          id: 's.photos',
          key: 'photos',
          label: 'Photos',
          required: true,
          accept: ['image/svg+xml', 'audio/*'],
        },
      ],
    },
  ],
};

// normalise(), not compileProtocol(): the authored JSON Schema refuses `min` on a time field, although
// resolved.ts and docs/spec.md allow it (see the report); the normaliser resolves it like any bound.
const protocol = normalise(spec as unknown as ProtocolSpec);
const validator = customizeValidator();

async function generated() {
  const files = await formsGenerator.generate(protocol, { specPath: 'kinds.protocol.json' });
  const read = (path: string) => JSON.parse(files.find((f) => f.path === path)?.contents ?? '');
  return { schema: read('station.schema.json') as RJSFSchema, rules: read('station.rules.json') };
}

const file = {
  file_name: 'plan.svg',
  mime_type: 'image/svg+xml',
  storage_key: '0b7e6c2a-5d1f-4c8e-9a3b-2f4d6e8a1c3b',
};
const valid = { team: [{ user_id: UUID }], photos: [file] };
const errors = (schema: RJSFSchema, record: object) => validator.validateFormData(record, schema).errors;

describe('forms: kinds beyond the examples', () => {
  it('bounds dates in the schema and times in rules.json', async () => {
    const { schema, rules } = await generated();
    expect(schema.properties?.day).toMatchObject({
      formatMinimum: '2024-01-01',
      formatMaximum: '2024-12-31',
    });
    expect(errors(schema, { ...valid, day: '2024-06-01' })).toEqual([]);
    expect(errors(schema, { ...valid, day: '2025-01-01' })).not.toEqual([]);
    expect(rules.fields.hour).toEqual({
      min: { source: "'06:00'", ast: { kind: 'literal', value: '06:00' } },
    });
  });

  it('leaves to the server what no schema can list, and requires non-empty lists', async () => {
    const { schema, rules } = await generated();
    expect(errors(schema, valid)).toEqual([]);
    expect(errors(schema, { ...valid, photos: [] })).not.toEqual([]);
    expect(errors(schema, { ...valid, photos: [{ ...file, mime_type: 'image/png' }] })).not.toEqual([]);
    expect(errors(schema, { ...valid, photos: [{ ...file, mime_type: 'audio/x-wav' }] })).toEqual([]);
    expect(errors(schema, { ...valid, team: [{ name: 'Anne' }] })).not.toEqual([]);
    expect(errors(schema, { ...valid, neighbours: [UUID, UUID] })).not.toEqual([]);
    expect(errors(schema, { ...valid, taxon: 0 })).not.toEqual([]);
    expect(rules.serverOnly.map((c: { field: string; check: string }) => `${c.field}:${c.check}`)).toEqual([
      'dataset:dataset-exists',
      'habitat:habitat-in-typology',
      'neighbours:reference-exists',
      'photos:media-stored',
      'taxon:taxon-in-scope',
      'team:observer-exists',
    ]);
  });
});
