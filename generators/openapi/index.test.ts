/**
 * The OpenAPI document, checked by its consumers: the OpenAPI 3.1 schema validator, ajv (2020-12) on
 * every component schema, and the module model the runtime serves, whose route table must be exactly
 * the documented paths and operationIds and whose query specs exactly the documented parameters.
 */
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_CODES, exampleProtocol } from '../../test/helpers/examples.ts';
import { moduleModel } from '../model/build.ts';
import { colonPath } from '../model/route-table.ts';
import { buildOpenApi, openapiGenerator } from './index.ts';

// ajv-formats is CommonJS: its default export arrives wrapped under ESM interop.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv2020,
) => Ajv2020;

type Json = Record<string, unknown>;
type Operation = { operationId: string; parameters?: Json[] };

/** Follows a local `$ref` (`#/components/…`) in the document. */
function resolve(doc: Json, value: Json): Json {
  if (typeof value.$ref !== 'string') return value;
  const target = value.$ref
    .slice(2)
    .split('/')
    .reduce<unknown>(
      (node, part) => (node as Json | undefined)?.[part.replaceAll('~1', '/').replaceAll('~0', '~')],
      doc,
    );
  if (target === undefined) throw new Error(`unresolved ${value.$ref}`);
  return target as Json;
}

function allRefs(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) allRefs(v, found);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') found.push(v);
      else allRefs(v, found);
    }
  }
  return found;
}

/** A query-string value the schema accepts. */
function sampleValue(schema: Json): string {
  if (schema.type === 'array') {
    const item = sampleValue(schema.items as Json);
    return Array.from({ length: Number(schema.minItems ?? 1) }, (_, i) =>
      schema.minItems === 4 ? String(i) : item,
    ).join(',');
  }
  if (Array.isArray(schema.enum)) return String(schema.enum[0]);
  if (schema.format === 'date') return '2024-05-01';
  if (schema.format === 'date-time') return '2024-06-01T21:30:00+02:00';
  if (schema.format === 'uuid') return '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f';
  if (typeof schema.pattern === 'string') return '10:30';
  return { integer: '2', number: '1.5', boolean: 'true' }[String(schema.type)] ?? 'abc';
}

describe.each(EXAMPLE_CODES)('openapi.json of %s', (code) => {
  const protocol = exampleProtocol(code);
  const context = { specPath: `examples/${code}/protocol.json` };
  const doc = buildOpenApi(protocol, context);
  const operations = () =>
    Object.entries(doc.paths as Record<string, Record<string, Operation>>).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
    );
  const model = moduleModel(protocol);

  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    // The validator does notice a broken document (OpenAPI 2's `in: body` is gone in 3.x).
    const broken = structuredClone(doc) as { components: { parameters: Record<string, Json> } };
    broken.components.parameters.page!.in = 'body';
    expect((await new Validator().validate(broken)).valid).toBe(false);
  });

  it('resolves every $ref, and its schemas compile as JSON Schema 2020-12 and check bodies', () => {
    for (const reference of allRefs(doc)) expect(() => resolve(doc, { $ref: reference })).not.toThrow();
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const components = doc.components as Json;
    const check = (name: string) => ajv.compile({ $ref: `#/components/schemas/${name}`, components });
    for (const name of Object.keys(components.schemas as Json)) expect(() => check(name)).not.toThrow();
    for (const level of protocol.levels) {
      const type = level.key.replace(/(^|_)([a-z])/g, (_m, _u, c: string) => c.toUpperCase());
      expect(check(`${type}Page`)({ items: [], total: 0, total_exact: true, page: 1, page_size: 50 })).toBe(
        true,
      );
      expect(check(`${type}Create`)({ not_a_field: 1 })).toBe(false);
      const update = check(`${type}Update`);
      update({});
      expect(
        update.errors?.some((e) => e.keyword === 'required' && e.params.missingProperty === 'row_version'),
      ).toBe(true);
    }
  });

  it('lets every field a level does not require be null, as stored records answer it', () => {
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    const components = doc.components as { schemas: Record<string, Json> };
    for (const level of protocol.levels) {
      const type = level.key.replace(/(^|_)([a-z])/g, (_m, _u, c: string) => c.toUpperCase());
      const data = components.schemas[`${type}Data`] as {
        properties: Record<string, Json>;
        required?: string[];
      };
      for (const [key, property] of Object.entries(data.properties)) {
        const accepts = ajv.compile({ ...property, components })(null);
        expect(accepts, `${type}Data.${key}`).toBe(!(data.required ?? []).includes(key));
      }
      // A GeoJSON feature carries the id, the parent links and the list columns, nothing it must have more.
      const properties = components.schemas[`${type}Properties`] as { required?: string[] } | undefined;
      if (properties)
        expect(properties.required?.filter((k) => !k.endsWith('_id') && k !== 'id')).toEqual([]);
    }
  });

  it('has unique operationIds, tags per level, error responses and both security schemes', () => {
    const ids = operations().map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    expect((doc.tags as Json[]).map((t) => t.name)).toEqual(protocol.levels.map((l) => l.key));
    expect(doc.security).toEqual([{ session: [] }, { bearer: [] }]);
    const byId = new Map(operations().map((o) => [o.op.operationId, o.op as Json]));
    const level = protocol.levels[0]!.key.replace(/(^|_)([a-z])/g, (_m, _u, c: string) => c.toUpperCase());
    expect(Object.keys(byId.get(`update${level}`)!.responses as Json)).toEqual(
      expect.arrayContaining(['200', '404', '409', '415', '422']),
    );
    expect(doc['x-generated-by']).toContain(`Generated by Suivi from ${context.specPath}`);
  });

  it('documents exactly the paths and operationIds of the route table the runtime mounts', () => {
    const documented = operations().map((o) => `${o.method} ${o.path} ${o.op.operationId}`);
    const served = model.routes.map((r) => `${r.method} ${r.path} ${r.operationId}`);
    expect(served.sort()).toEqual(documented.sort());
    // The router path the runtime mounts is the documented template with `:id`.
    expect(model.routes.map((r) => colonPath(r.path)).filter((p) => p.includes('{'))).toEqual([]);
  });

  // The runtime reads each query string against the level's query spec (its own tests parse every
  // filter of these specs); here, the documented filters are exactly the spec's parameters.
  it('documents the query parameters of the specs the runtime reads query strings with', () => {
    for (const route of model.routes) {
      const { op } = operations().find((o) => o.op.operationId === route.operationId)!;
      const parameters = (op.parameters ?? []).map((p) => resolve(doc, p));
      const filters = parameters.filter(
        (p) =>
          p.in === 'query' &&
          !['page', 'page_size', 'sort', 'bbox', 'q', 'row_version', 'zoom'].includes(String(p.name)),
      );
      const listed = ['list', 'children', 'geojson', 'map', 'csv'].includes(route.operation);
      const mapped = route.operation === 'map';
      const level = model.levels.find((l) => l.key === (route.child ?? route.level))!;
      const names = listed ? Object.keys(level.querySpec.filters) : [];
      expect(filters.map((p) => String(p.name)).sort()).toEqual(names.sort());
      for (const p of filters) expect(sampleValue(p.schema as Json)).not.toBe('');
      const named = (name: string) => parameters.some((p) => p.name === name);
      expect(named('bbox')).toBe(listed && level.querySpec.bbox);
      expect(named('q')).toBe(listed && level.querySpec.search);
      // A map has no order: no sort parameter.
      expect(named('sort')).toBe(listed && !mapped && level.querySpec.sort.length > 0);
      if (mapped) expect(parameters.filter((p) => p.required).map((p) => p.name)).toEqual(['bbox', 'zoom']);
    }
  });

  it('is deterministic JSON with its banner, and leaves the protocol as it was', async () => {
    const before = JSON.stringify(protocol);
    const [first] = await openapiGenerator.generate(protocol, context);
    const [second] = await openapiGenerator.generate(protocol, context);
    expect(second).toEqual(first);
    expect(first!.path).toBe('openapi.json');
    expect(first!.contents.slice(0, 400)).toContain(`Generated by Suivi from ${context.specPath}`);
    expect(JSON.stringify(protocol)).toBe(before);
  });
});
