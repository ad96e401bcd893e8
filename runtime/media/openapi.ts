/**
 * The OpenAPI description of /api/media (routes.ts): upload a file, read it back. Part of the core
 * document (runtime/server/core-openapi.ts).
 */
import {
  answer,
  CROSS_SITE,
  noContent,
  type OpenApiGroup,
  pathParameter,
  problems,
  SIGNED_OUT,
  UUID,
} from '../server/openapi-parts.ts';
import { UPLOADABLE_TYPES } from './detect-type.ts';
import { MAX_MEDIA_BYTES } from './media-store.ts';

const MEGABYTES = MAX_MEDIA_BYTES / (1024 * 1024);

export const mediaOpenApi: OpenApiGroup = {
  tag: { name: 'media', description: 'Photos, sound recordings and documents attached to records' },
  schemas: {
    StoredMedia: {
      type: 'object',
      properties: {
        storage_key: { ...UUID, description: 'What a record’s media field names the file by.' },
        file_name: { type: 'string', minLength: 1, maxLength: 255 },
        mime_type: { type: 'string', pattern: '^(image|audio|video)/|^application/pdf$' },
        size_bytes: { type: 'integer', minimum: 1, maximum: MAX_MEDIA_BYTES },
        sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
      },
      required: ['storage_key', 'file_name', 'mime_type', 'size_bytes', 'sha256'],
      additionalProperties: false,
    },
  },
  paths: {
    '/api/media': {
      post: {
        operationId: 'uploadMedia',
        summary: `Upload one file (${MEGABYTES} MB at most); its type is read from its bytes, never from its name`,
        tags: ['media'],
        requestBody: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: {
                type: 'object',
                properties: { file: { type: 'string', contentMediaType: 'application/octet-stream' } },
                required: ['file'],
              },
            },
          },
        },
        responses: {
          '201': answer(
            'Stored, for the uploader.',
            { $ref: '#/components/schemas/StoredMedia' },
            {
              Location: { description: '/api/media/<storage_key>', schema: { type: 'string' } },
            },
          ),
          '400': problems('The multipart body cannot be read.'),
          '401': SIGNED_OUT,
          '403': problems(`Refused: ${CROSS_SITE}.`),
          '413': problems(`Larger than ${MEGABYTES} MB (code \`payload_too_large\`).`),
          '415': problems(
            `Not multipart/form-data, or the bytes are none of ${UPLOADABLE_TYPES.join(', ')} (code \`unsupported_media_type\`).`,
          ),
          '422': problems('Not exactly one file in the field `file` (path `/file`), or an empty file.'),
        },
      },
    },
    '/api/media/{key}': {
      get: {
        operationId: 'downloadMedia',
        summary:
          'A file, for its uploader and for whoever may read a record naming it (to anyone else, a 404)',
        tags: ['media'],
        parameters: [
          pathParameter('key', UUID, 'The storage_key.'),
          {
            name: 'If-None-Match',
            in: 'header',
            schema: { type: 'string' },
            description: 'The ETag of a copy already held: 304 when it is still the file.',
          },
        ],
        responses: {
          '200': {
            description:
              'The bytes, with their stored Content-Type, Content-Disposition (inline for images and sound), a strong ETag (the SHA-256) and a sandboxing Content-Security-Policy.',
            content: Object.fromEntries(
              UPLOADABLE_TYPES.map((type) => [type, { schema: { type: 'string', contentMediaType: type } }]),
            ),
          },
          '304': noContent('The copy the client holds is current.'),
          '401': SIGNED_OUT,
          '404': problems('No such file, or not visible to this account.'),
        },
      },
    },
  },
};
