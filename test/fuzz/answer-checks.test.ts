/** The checks the API fuzz test applies to every answer: each violation is seen, a good answer passes. */
import { describe, expect, it } from 'vitest';
import { type Answer, ResponseSchemas, violations } from './answer-checks.ts';
import { type OpenApiDocument, operationsOf } from './openapi-walk.ts';
import type { FuzzRequest } from './request-arbitrary.ts';

const ERRORS = { $ref: '#/components/schemas/Errors' };
const DOC: OpenApiDocument = {
  security: [{ session: [] }],
  components: {
    schemas: {
      Errors: {
        type: 'array',
        minItems: 1,
        items: { type: 'object', required: ['path', 'code', 'message'] },
      },
    },
  },
  paths: {
    '/api/things': {
      post: {
        operationId: 'createThing',
        requestBody: {
          content: { 'application/json': { schema: { type: 'object' } } },
        },
        responses: {
          '201': {
            description: 'Created.',
            content: {
              'application/json': {
                schema: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
              },
            },
          },
          '422': { description: 'Invalid.', content: { 'application/json': { schema: ERRORS } } },
        },
      },
    },
  },
};
const [op] = operationsOf('test', DOC);
const request: FuzzRequest = {
  identity: 'admin',
  method: 'POST',
  url: '/api/things',
  headers: {},
  contentType: 'application/json',
  body: { kind: 'text', text: '{}' },
};
const json = (status: number, body: unknown): Answer => ({
  status,
  contentType: 'application/json; charset=utf-8',
  text: JSON.stringify(body),
});
const kinds = (answer: Answer, sent: FuzzRequest = request) =>
  violations(op!, sent, answer, new ResponseSchemas()).map((v) => v.kind);

describe('answer checks of the API fuzz test', () => {
  it('reads the operation: method, body, responses, security', () => {
    expect(op).toMatchObject({ method: 'POST', operationId: 'createThing', security: 'required' });
    expect(Object.keys(op!.responses)).toEqual(['201', '422']);
  });

  it('lets documented answers through', () => {
    expect(kinds(json(201, { id: 'x' }))).toEqual([]);
    expect(kinds(json(422, [{ path: '/a', code: 'required', message: 'm' }]))).toEqual([]);
    // A 415 needs no documenting for a body in a media type the operation does not take.
    const problem = [{ path: '', code: 'unsupported_media_type', message: 'm' }];
    expect(kinds(json(415, problem), { ...request, contentType: 'text/plain' })).toEqual([]);
    expect(kinds(json(415, problem))).toEqual(['undocumented_status']);
  });

  it('flags each kind of violation', () => {
    expect(kinds(json(500, [{ path: '', code: 'internal', message: 'm' }]))).toEqual(['server_error']);
    expect(kinds(json(422, { error: 'no' }))).toEqual(['problem_shape']);
    expect(kinds({ status: 404, contentType: 'text/plain', text: 'Not Found' })).toEqual([
      'problem_shape',
      'undocumented_status',
    ]);
    expect(kinds(json(201, { name: 'no id' }))).toEqual(['response_schema']);
    expect(kinds({ status: 201, contentType: 'text/html', text: '<p>' })).toEqual(['response_schema']);
    expect(kinds(json(201, { id: 'x' }), { ...request, contentType: 'text/plain' })).toEqual([
      'content_type_accepted',
    ]);
    expect(kinds(json(201, { id: 'x' }), { ...request, identity: 'anonymous' })).toEqual([
      'anonymous_served',
    ]);
  });
});
