/**
 * The OpenAPI description of the server's own routes: health and module list (app.ts), each level's
 * forms (web-app.ts), the OpenAPI documents and the reference pages (openapi-routes.ts). Part of the
 * core document (core-openapi.ts); built per instance, since paths name installed modules and levels.
 */
import { CHANGE_CLASSES } from '../../protocol-specs/evolution/change-class.ts';
import type { ModuleRuntime } from '../modules/load.ts';
import {
  among,
  answer,
  BAD_TOKEN,
  type Json,
  type OpenApiGroup,
  PUBLIC,
  pathParameter,
  problems,
  ref,
} from './openapi-parts.ts';

const object = (properties: Record<string, Json>, required = Object.keys(properties)): Json => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
});
const html = (description: string): Json => ({
  description,
  content: { 'text/html': { schema: { type: 'string' } } },
});
const strings: Json = { type: 'array', items: { type: 'string' } };
const NO_MODULE = problems('No installed module has this code.');

export function serverOpenApi(modules: readonly ModuleRuntime[]): OpenApiGroup {
  const codes = modules.map((m) => m.code);
  const levels = [...new Set(modules.flatMap((m) => m.levels.map((l) => l.key)))].sort();
  const code = pathParameter('code', among(codes), 'An installed module.');
  return {
    tag: { name: 'server', description: 'Health, modules, forms and API documents' },
    schemas: {
      ModuleSummary: object(
        {
          code: { type: 'string' },
          label: ref('Labels'),
          description: ref('Labels'),
          version: { type: 'integer', minimum: 1 },
          generatorVersion: { type: 'string' },
          levels: {
            type: 'array',
            description: 'Parents before children.',
            items: object({
              key: { type: 'string' },
              label: ref('Labels'),
              plural: ref('Labels'),
              parents: strings,
              children: strings,
              geometry: object({
                kind: { enum: ['point', 'line', 'polygon', 'any', 'none'] },
                required: { type: 'boolean' },
              }),
            }),
          },
          pendingUpgrade: {
            description:
              'The module’s folder holds a newer version than the one served, waiting for an administrator (null: none).',
            oneOf: [
              { type: 'null' },
              object({
                installedVersion: { type: ['integer', 'null'] },
                folderVersion: { type: ['integer', 'null'] },
                hasPlan: {
                  type: 'boolean',
                  description: 'Whether the folder holds a migration plan from the installed version.',
                },
                steps: {
                  ...object(
                    Object.fromEntries(CHANGE_CLASSES.map((c) => [c, { type: 'integer', minimum: 0 }])),
                  ),
                  description: 'Steps of the plan per class.',
                },
              }),
            ],
          },
        },
        ['code', 'label', 'version', 'generatorVersion', 'levels', 'pendingUpgrade'],
      ),
      LevelForms: object(
        {
          label: ref('Labels'),
          schema: { type: 'object', description: 'The JSON Schema of the level’s form.' },
          ui: { type: 'object', description: 'Its react-jsonschema-form uiSchema.' },
          rules: { type: 'object', description: 'Its rules (rules.json), evaluated on every change.' },
          columns: {
            type: 'array',
            description: 'The list columns; a validated level ends with `validation_status`.',
            items: object({ key: { type: 'string' }, label: ref('Labels') }),
          },
          validated: { type: 'boolean', description: 'Whether records carry a validation status.' },
          labels: { type: 'object', additionalProperties: ref('Labels') },
          texts: {
            type: 'object',
            description:
              'Per field: its label, help and choice labels (code → Labels) in both languages; a group’s sub-fields under `fields`.',
            additionalProperties: { $ref: '#/components/schemas/FieldTexts' },
          },
          mapLabel: { type: 'string', description: 'The field naming a record, when the level has one.' },
          keep: { ...strings, description: 'Fields “save and add the next one” keeps.' },
          formProps: { type: 'object' },
        },
        ['label', 'schema', 'ui', 'rules', 'columns', 'validated', 'labels', 'texts', 'keep', 'formProps'],
      ),
      FieldTexts: object(
        {
          label: ref('Labels'),
          help: ref('Labels'),
          choices: { type: 'object', additionalProperties: ref('Labels') },
          fields: { type: 'object', additionalProperties: { $ref: '#/components/schemas/FieldTexts' } },
        },
        ['label'],
      ),
    },
    paths: {
      '/api/health': {
        get: {
          operationId: 'health',
          summary: 'Whether the server and its database answer',
          tags: ['server'],
          security: PUBLIC,
          responses: {
            '200': answer(
              'Up.',
              object({
                status: { const: 'ok' },
                engine: { enum: ['pglite', 'postgres'] },
                modules: { type: 'integer', minimum: 0, description: 'Installed modules.' },
              }),
            ),
            '401': BAD_TOKEN,
            '503': problems('The database does not answer (code `database_unavailable`).'),
          },
        },
      },
      '/api/modules': {
        get: {
          operationId: 'listModules',
          summary: 'The installed modules and their levels',
          tags: ['server'],
          security: PUBLIC,
          responses: {
            '200': answer(
              'The modules.',
              object({ modules: { type: 'array', items: ref('ModuleSummary') } }),
            ),
            '401': BAD_TOKEN,
          },
        },
      },
      '/api/modules/{code}/forms/{level}': {
        get: {
          operationId: 'getLevelForms',
          summary: 'What the web app renders a level’s form and table from',
          tags: ['server'],
          security: PUBLIC,
          parameters: [code, pathParameter('level', among(levels), 'A level of it.')],
          responses: {
            '200': answer('The level’s forms.', ref('LevelForms')),
            '401': BAD_TOKEN,
            '404': problems('No such module, or no such level in it.'),
          },
        },
      },
      '/api/modules/{code}/openapi.json': {
        get: {
          operationId: 'getModuleOpenApi',
          summary: 'The module’s generated OpenAPI 3.1 document, byte for byte',
          tags: ['server'],
          security: PUBLIC,
          parameters: [code],
          responses: {
            '200': answer('The document.', { type: 'object', required: ['openapi', 'paths'] }),
            '401': BAD_TOKEN,
            '404': NO_MODULE,
          },
        },
      },
      '/api/openapi/core.json': {
        get: {
          operationId: 'getCoreOpenApi',
          summary: 'This document: the routes every instance has, besides the modules’',
          tags: ['server'],
          security: PUBLIC,
          responses: {
            '200': answer('The document.', { type: 'object', required: ['openapi', 'paths'] }),
            '401': BAD_TOKEN,
          },
        },
      },
      '/api/docs': {
        get: {
          operationId: 'apiReference',
          summary: 'A reference page of every document (plain HTML, no script)',
          tags: ['server'],
          security: PUBLIC,
          responses: { '200': html('The page.'), '401': BAD_TOKEN },
        },
      },
      '/api/docs/{code}': {
        get: {
          operationId: 'moduleApiReference',
          summary: 'The reference page of one module',
          tags: ['server'],
          security: PUBLIC,
          parameters: [code],
          responses: { '200': html('The page.'), '401': BAD_TOKEN, '404': NO_MODULE },
        },
      },
    },
  };
}
