/** The generated JSON Schemas compile in ajv as RJSF uses it, accept sensible records and refuse wrong ones. */
import { getDefaultFormState, type RJSFSchema } from '@rjsf/utils';
import { customizeValidator } from '@rjsf/validator-ajv8';
import { Ajv } from 'ajv';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { ResolvedField } from '../../protocol-specs/index.ts';
import { EXAMPLES, example, levelOf, sampleRecord, UUID } from './examples.test-helpers.ts';
import { DEFAULT_FORM_STATE_BEHAVIOR } from './form-props.ts';
import { formsGenerator } from './index.ts';

const validator = customizeValidator();
/** A strict ajv as well: it refuses unknown keywords and misplaced ones, which RJSF's lenient one lets by. */
// ajv-formats is CommonJS: under NodeNext its plugin is the `default` of the module object.
const strict = ajvFormats.default(new Ajv({ strict: true, allErrors: true }));

async function schemaOf(code: string, levelKey: string): Promise<RJSFSchema> {
  const { protocol, context } = example(code);
  const files = await formsGenerator.generate(protocol, context);
  const file = files.find((f) => f.path === `${levelKey}.schema.json`);
  if (!file) throw new Error(`no schema for ${code}/${levelKey}`);
  return JSON.parse(file.contents) as RJSFSchema;
}

const errorsOf = (schema: RJSFSchema, record: unknown) =>
  validator.validateFormData(record as object, schema).errors.map((e) => `${e.property} ${e.message}`);

const levels = EXAMPLES.flatMap(({ code, protocol }) =>
  protocol.levels.map((level) => ({ code, level: level.key, protocol, resolved: level })),
);

describe('forms: level schemas', () => {
  it.each(levels)('$code/$level compiles in RJSF’s ajv and in a strict ajv', async ({ code, level }) => {
    const schema = await schemaOf(code, level);
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.additionalProperties).toBe(false);
    expect(() => validator.ajv.compile(schema)).not.toThrow();
    expect(() => strict.compile(schema)).not.toThrow();
  });

  it.each(levels)('$code/$level accepts a valid record and refuses wrong ones', async (t) => {
    const schema = await schemaOf(t.code, t.level);
    const record = sampleRecord(t.protocol, t.resolved);
    expect(errorsOf(schema, record)).toEqual([]);

    expect(errorsOf(schema, { ...record, not_a_field: 1 })).not.toEqual([]);
    const properties = schema.properties as Record<string, { type?: string }>;
    const textKey = Object.keys(properties).find((k) => properties[k]?.type === 'string');
    if (textKey) expect(errorsOf(schema, { ...record, [textKey]: 42 })).not.toEqual([]);
    const numberKey = Object.keys(properties).find((k) => properties[k]?.type === 'integer');
    if (numberKey) expect(errorsOf(schema, { ...record, [numberKey]: 'quarante' })).not.toEqual([]);
    for (const key of schema.required ?? []) {
      const { [key]: _, ...missing } = record;
      expect(errorsOf(schema, missing), key).not.toEqual([]);
    }
  });

  it('requires literal-true fields only when no visibility rule or computation decides', async () => {
    const visit = await schemaOf('amphibiens_mares', 'visit');
    expect(visit.required).toEqual([
      'visit_date_min',
      'observers',
      'id_dataset',
      'num_passage',
      'expertise',
      'accessibility',
    ]);
    // Field-set fields carry the set's condition, so `cavity_type` (required: true) is not in the list.
    expect((await schemaOf('chiro_gites', 'site')).required).not.toContain('cavity_type');
    // A computed name is filled by the server on save.
    expect((await schemaOf('oiseaux_points_ecoute', 'site')).required).not.toContain('base_site_name');
  });

  it('maps labels, help, bounds and defaults of the spec', async () => {
    const visit = await schemaOf('amphibiens_mares', 'visit');
    const properties = visit.properties as Record<string, RJSFSchema>;
    expect(visit.title).toBe('Passage');
    expect(properties.num_passage).toMatchObject({
      title: 'Numéro de passage',
      description: "Numéro du passage dans l'année, usuellement de 1 à 3.",
      type: 'integer',
      minimum: 1,
      maximum: 10,
      default: 1,
    });
    expect(properties.accessibility).toEqual({
      title: 'Site accessible',
      description: expect.any(String),
      type: 'string',
      enum: ['Oui', 'Non'],
      default: 'Oui',
    });
    expect(properties.survey_methods).toMatchObject({
      type: 'array',
      uniqueItems: true,
      items: { type: 'string', enum: ['VISUAL_DAY', 'VISUAL_NIGHT', 'LISTENING', 'NETTING', 'TRAPPING'] },
      default: ['VISUAL_NIGHT', 'LISTENING'],
    });
  });

  it('checks values the way the spec defines them', async () => {
    const site = await schemaOf('chiro_gites', 'site');
    const base = sampleRecord(
      example('chiro_gites').protocol,
      levelOf(example('chiro_gites').protocol, 'site'),
    );
    expect(errorsOf(site, { ...base, municipality_code: '2A004' })).toEqual([]);
    expect(errorsOf(site, { ...base, municipality_code: 'x35238' })).not.toEqual([]);
    expect(
      errorsOf(site, {
        ...base,
        geometry: {
          type: 'LineString',
          coordinates: [
            [0, 0],
            [1, 1],
          ],
        },
      }),
    ).not.toEqual([]);
    expect(errorsOf(site, { ...base, confidential_until: '2024-13-01' })).not.toEqual([]);
    expect(errorsOf(site, { ...base, base_site_name: '' })).not.toEqual([]);

    const visit = await schemaOf('amphibiens_mares', 'visit');
    const passage = sampleRecord(
      example('amphibiens_mares').protocol,
      levelOf(example('amphibiens_mares').protocol, 'visit'),
    );
    expect(errorsOf(visit, { ...passage, start_time: '21:05:30' })).toEqual([]);
    expect(errorsOf(visit, { ...passage, start_time: '25:00' })).not.toEqual([]);
    expect(errorsOf(visit, { ...passage, observers: [] })).not.toEqual([]);
    expect(errorsOf(visit, { ...passage, observers: [{ name: 'Anne Martin' }] })).toEqual([]);
    const photo = {
      file_name: 'a.png',
      mime_type: 'image/png',
      storage_key: '0b7e6c2a-5d1f-4c8e-9a3b-2f4d6e8a1c3b',
    };
    expect(errorsOf(visit, { ...passage, call_recording: [photo] })).not.toEqual([]);
    expect(errorsOf(visit, { ...passage, call_recording: [{ ...photo, mime_type: 'audio/ogg' }] })).toEqual(
      [],
    );
  });

  it('shapes taxa, observers, datasets, references, groups and geometries', async () => {
    const { protocol } = example('flore_quadrats');
    const reading = await schemaOf('flore_quadrats', 'visit');
    const record = sampleRecord(protocol, levelOf(protocol, 'visit'));
    const row = { stratum: 'herb', cover_pct: 80 };
    expect(errorsOf(reading, { ...record, strata_cover: [] })).not.toEqual([]);
    expect(errorsOf(reading, { ...record, strata_cover: Array(6).fill(row) })).not.toEqual([]);
    expect(errorsOf(reading, { ...record, strata_cover: [{ cover_pct: 80 }] })).not.toEqual([]);
    expect(errorsOf(reading, { ...record, target_taxon: 99923 })).not.toEqual([]);
    expect(errorsOf(reading, { ...record, id_dataset: UUID })).not.toEqual([]);

    const quadrat = await schemaOf('flore_quadrats', 'site');
    const q = sampleRecord(protocol, levelOf(protocol, 'site'));
    expect(errorsOf(quadrat, { ...q, control_quadrat: 'quadrat 3' })).not.toEqual([]);
    expect(errorsOf(quadrat, { ...q, id_inventor: [{ user_id: UUID }] })).not.toEqual([]);

    const amphibians = example('amphibiens_mares').protocol;
    const pond = await schemaOf('amphibiens_mares', 'site');
    const p = sampleRecord(amphibians, levelOf(amphibians, 'site'));
    const polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 0],
        ],
      ],
    };
    expect(errorsOf(pond, { ...p, geometry: polygon })).toEqual([]);
    expect(errorsOf(pond, { ...p, geometry: { type: 'Point', coordinates: [1] } })).not.toEqual([]);
    const observation = await schemaOf('amphibiens_mares', 'observation');
    const o = sampleRecord(amphibians, levelOf(amphibians, 'observation'));
    expect(errorsOf(observation, { ...o, cd_nom: 60295 })).not.toEqual([]);
  });

  it.each(levels)(
    '$code/$level starts a new RJSF record with exactly the spec’s literal defaults',
    async (t) => {
      const schema = await schemaOf(t.code, t.level);
      const state = getDefaultFormState(
        validator,
        schema,
        undefined,
        schema,
        false,
        DEFAULT_FORM_STATE_BEHAVIOR,
      );
      const literal = (f: ResolvedField): unknown => {
        if (f.kind === 'taxon' && f.fixed !== undefined) return f.fixed;
        if (f.default?.kind === 'literal') return f.default.value;
        if (f.default?.kind === 'codes')
          return 'multiple' in f && f.multiple ? f.default.codes : f.default.codes[0];
        return undefined;
      };
      const expected = Object.fromEntries(
        t.resolved.fields.map((f) => [f.key, literal(f)] as const).filter(([, v]) => v !== undefined),
      );
      expect(state).toEqual(expected);
    },
  );
});
