/** The OpenAPI description of the metadata routes (routes.ts): frameworks and datasets, administrators only. */
import {
  answer,
  CROSS_SITE,
  type Json,
  jsonBody,
  MALFORMED,
  noContent,
  type OpenApiGroup,
  pathParameter,
  problems,
  ref,
  SIGNED_OUT,
  TOO_LARGE,
  UUID,
} from '../server/openapi-parts.ts';
import { DIFFUSION_LEVELS, SENSITIVITY_LEVELS } from './diffusion.ts';

const nullable = (schema: Json): Json => ({ oneOf: [schema, { type: 'null' }] });
const FORBIDDEN = problems(`Not an administrator, or ${CROSS_SITE}.`);
const ADMIN_ONLY = problems('Not an administrator.');
const malformed = problems(`${MALFORMED}.`);
const invalid = problems('A field is missing or malformed (the problem names it), or names an unknown row.');
const duplicate = problems('The SINP UUID is another row’s (code `duplicate`, path `/sinp_uuid`).');
const inUse = problems('Something uses it (code `in_use`): the answer says what; nothing changed.');
const id = (what: string) => pathParameter('id', UUID, `The ${what}’s id (anything else is a 404).`);
const missing = (what: string) => problems(`No such ${what}.`);

const common: Record<string, Json> = {
  label: { type: 'string', minLength: 1, maxLength: 200, pattern: '\\S' },
  description: nullable({ type: 'string', maxLength: 5000 }),
  sinp_uuid: nullable(UUID),
  organisation_id: nullable(UUID),
};
/** A dataset's SINP levels (runtime/metadata/diffusion.ts; defaults 5 and 0, core migration 0015). */
const levels: Record<string, Json> = {
  diffusion_level: {
    type: 'string',
    enum: DIFFUSION_LEVELS.map((l) => l.code),
    description: 'SINP diffusion level (NIV_PRECIS, diffusionNiveauPrecision).',
  },
  sensitivity_level: {
    type: 'string',
    enum: SENSITIVITY_LEVELS.map((l) => l.code),
    description: 'Default SINP sensitivity (SENSIBILITE, sensiNiveau).',
  },
};
const frameworkBody = (required: string[]) =>
  jsonBody({ type: 'object', properties: common, required, additionalProperties: false });
const datasetBody = (required: string[]) =>
  jsonBody({
    type: 'object',
    properties: { ...common, ...levels, acquisition_framework_id: UUID },
    required,
    additionalProperties: false,
  });

const write = (
  op: string,
  summary: string,
  body: Json | undefined,
  ok: Json,
  what: string,
  path: boolean,
) => ({
  operationId: op,
  summary,
  tags: ['metadata'],
  ...(path ? { parameters: [id(what)] } : {}),
  ...(body ? { requestBody: body } : {}),
  responses: {
    ...ok,
    ...(body ? { '400': malformed, '413': TOO_LARGE, '422': invalid } : {}),
    '401': SIGNED_OUT,
    '403': FORBIDDEN,
    ...(path ? { '404': missing(what) } : {}),
    '409': body ? duplicate : inUse,
  },
});

export const metadataOpenApi: OpenApiGroup = {
  tag: {
    name: 'metadata',
    description: 'SINP metadata: acquisition frameworks and datasets (administrators)',
  },
  schemas: {
    AcquisitionFramework: {
      type: 'object',
      properties: { id: UUID, ...common, datasets: { type: 'integer', minimum: 0 } },
      required: ['id', 'label', 'description', 'sinp_uuid', 'organisation_id', 'datasets'],
      additionalProperties: false,
    },
    Dataset: {
      type: 'object',
      properties: {
        id: UUID,
        acquisition_framework_id: UUID,
        ...common,
        ...levels,
        modules: {
          type: 'array',
          items: { type: 'string' },
          description: 'Modules naming it or holding it.',
        },
        records: { type: 'integer', minimum: 0, description: 'Level records whose dataset field holds it.' },
      },
      required: [
        'id',
        'acquisition_framework_id',
        'label',
        'description',
        'sinp_uuid',
        'organisation_id',
        'diffusion_level',
        'sensitivity_level',
        'modules',
        'records',
      ],
      additionalProperties: false,
    },
  },
  paths: {
    '/api/admin/metadata': {
      get: {
        operationId: 'listMetadata',
        summary: 'Every acquisition framework and dataset, with their modules and record counts',
        tags: ['metadata'],
        responses: {
          '200': answer('Frameworks and datasets, by label.', {
            type: 'object',
            properties: {
              frameworks: { type: 'array', items: ref('AcquisitionFramework') },
              datasets: { type: 'array', items: ref('Dataset') },
            },
            required: ['frameworks', 'datasets'],
          }),
          '401': SIGNED_OUT,
          '403': ADMIN_ONLY,
        },
      },
    },
    '/api/admin/frameworks': {
      post: write(
        'createFramework',
        'Add an acquisition framework',
        frameworkBody(['label']),
        { '201': answer('Created.', ref('AcquisitionFramework')) },
        'framework',
        false,
      ),
    },
    '/api/admin/frameworks/{id}': {
      patch: write(
        'updateFramework',
        'Edit an acquisition framework',
        frameworkBody([]),
        { '200': answer('Edited.', ref('AcquisitionFramework')) },
        'framework',
        true,
      ),
      delete: write(
        'deleteFramework',
        'Delete an acquisition framework no dataset belongs to',
        undefined,
        { '204': noContent('Deleted.') },
        'framework',
        true,
      ),
    },
    '/api/admin/datasets': {
      post: write(
        'createDataset',
        'Add a dataset',
        datasetBody(['label', 'acquisition_framework_id']),
        { '201': answer('Created.', ref('Dataset')) },
        'dataset',
        false,
      ),
    },
    '/api/admin/datasets/{id}': {
      patch: write(
        'updateDataset',
        'Edit a dataset',
        datasetBody([]),
        { '200': answer('Edited.', ref('Dataset')) },
        'dataset',
        true,
      ),
      delete: write(
        'deleteDataset',
        'Delete a dataset no module and no record uses',
        undefined,
        { '204': noContent('Deleted.') },
        'dataset',
        true,
      ),
    },
  },
};
