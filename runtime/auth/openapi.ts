/**
 * The OpenAPI description of /api/auth (routes.ts): sign-in, sign-out, the current account, API tokens.
 * Part of the core document (runtime/server/core-openapi.ts); the API fuzz test drives every operation.
 */
import {
  ANYONE,
  answer,
  CROSS_SITE,
  jsonBody,
  MALFORMED,
  noContent,
  type OpenApiGroup,
  PUBLIC,
  pathParameter,
  problems,
  ref,
  SIGNED_OUT,
  TOO_LARGE,
  UUID,
} from '../server/openapi-parts.ts';

const nonBlank = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength, pattern: '\\S' });

export const authOpenApi: OpenApiGroup = {
  tag: { name: 'auth', description: 'Sign-in, the current account, API tokens' },
  schemas: {
    Organisation: {
      type: 'object',
      properties: { id: { type: 'string', format: 'uuid' }, name: { type: 'string' } },
      required: ['id', 'name'],
      additionalProperties: false,
    },
    Account: {
      type: 'object',
      description: 'A user as the API shows them to themselves.',
      properties: {
        id: { type: 'string', format: 'uuid' },
        login: { type: 'string' },
        display_name: { type: 'string' },
        is_admin: { type: 'boolean' },
        organisation: { oneOf: [ref('Organisation'), { type: 'null' }] },
      },
      required: ['id', 'login', 'display_name', 'is_admin', 'organisation'],
    },
    Me: {
      description:
        'The signed-in account and what it may do: per module code (or `*` for every module), the widest scope of each action granted (C, R, U, V, E, D). Empty for administrators, who may do everything.',
      allOf: [ref('Account')],
      type: 'object',
      properties: {
        permissions: {
          type: 'object',
          additionalProperties: {
            type: 'object',
            propertyNames: { enum: ['C', 'R', 'U', 'V', 'E', 'D'] },
            additionalProperties: { enum: ['own', 'organisation', 'all'] },
          },
        },
      },
      required: ['permissions'],
      unevaluatedProperties: false,
    },
    ApiToken: {
      type: 'object',
      properties: {
        id: { type: 'string', format: 'uuid' },
        name: { type: 'string' },
        created_at: { type: 'string', format: 'date-time' },
        last_used_at: { type: ['string', 'null'], format: 'date-time' },
      },
      required: ['id', 'name', 'created_at', 'last_used_at'],
    },
  },
  paths: {
    '/api/auth/login': {
      post: {
        operationId: 'login',
        summary:
          'Sign in: sets the `suivi_session` cookie (HttpOnly, SameSite=Lax, 30 days) and its readable hint `suivi_signed_in=1`',
        description:
          'A wrong password, an unknown login and a disabled account all get the same 401 after at least 400 ms. An address gets 429 after 5 failures on one login, or 20 in all, within 15 minutes, until the oldest of them is 15 minutes old; a login attacked from many addresses is never locked, only slowed (0.5 s more per failure past 9, at most 5 s), so its owner can still sign in from elsewhere.',
        tags: ['auth'],
        security: PUBLIC,
        requestBody: jsonBody({
          type: 'object',
          properties: { login: nonBlank(200), password: nonBlank(1000) },
          required: ['login', 'password'],
          description: 'Other properties are ignored.',
        }),
        responses: {
          '200': answer('Signed in.', ref('Me'), {
            'Set-Cookie': {
              description:
                'suivi_session=… (the session), and suivi_signed_in=1: not HttpOnly, nothing secret, it tells a browser app that asking /api/auth/me is worth it',
              schema: { type: 'string' },
            },
          }),
          '400': problems(`${MALFORMED}, or login or password missing (path \`/login\`, \`/password\`).`),
          '401': problems('Wrong login or password (code `invalid_credentials`).'),
          '422': problems('A text holds a NUL character (code `invalid_character`, path of the text).'),
          '403': problems(`Refused: ${CROSS_SITE}.`),
          '413': TOO_LARGE,
          '429': problems(
            'Too many failed sign-ins (code `too_many_attempts`; the problem also carries `retry_after`, in seconds).',
            { 'Retry-After': { description: 'Seconds to wait.', schema: { type: 'integer' } } },
          ),
        },
      },
    },
    '/api/auth/logout': {
      post: {
        operationId: 'logout',
        summary: 'Sign out: ends the session of the cookie and clears it (nothing to do for a bearer token)',
        tags: ['auth'],
        security: ANYONE,
        responses: {
          '204': noContent('Signed out.'),
          '401': problems('An unknown or revoked bearer token.'),
          '403': problems(`Refused: ${CROSS_SITE}.`),
        },
      },
    },
    '/api/auth/me': {
      get: {
        operationId: 'me',
        summary: 'The signed-in account and its permissions',
        description:
          'Anonymous requests get 401. A browser app reads the `suivi_signed_in` cookie first and asks only when it is set, so an anonymous page load logs no failed request; logout clears both cookies.',
        tags: ['auth'],
        responses: { '200': answer('The account.', ref('Me')), '401': SIGNED_OUT },
      },
    },
    '/api/auth/tokens': {
      get: {
        operationId: 'listApiTokens',
        summary: 'The account’s API tokens not revoked, newest first (never the token itself)',
        tags: ['auth'],
        responses: {
          '200': answer('The tokens.', {
            type: 'object',
            properties: { tokens: { type: 'array', items: ref('ApiToken') } },
            required: ['tokens'],
          }),
          '401': SIGNED_OUT,
        },
      },
      post: {
        operationId: 'createApiToken',
        summary: 'Create an API token for scripts (`Authorization: Bearer <token>`); shown once',
        tags: ['auth'],
        requestBody: jsonBody({
          type: 'object',
          properties: { name: nonBlank(200) },
          required: ['name'],
          description: 'Other properties are ignored.',
        }),
        responses: {
          '201': answer('The token, shown this once.', {
            allOf: [ref('ApiToken')],
            type: 'object',
            properties: { token: { type: 'string', pattern: '^suivi_' } },
            required: ['token'],
          }),
          '400': problems(`${MALFORMED}, or no name (path \`/name\`).`),
          '401': SIGNED_OUT,
          '422': problems('A text holds a NUL character (code `invalid_character`, path of the text).'),
          '403': problems(`Refused: ${CROSS_SITE}.`),
          '413': TOO_LARGE,
        },
      },
    },
    '/api/auth/tokens/{id}': {
      delete: {
        operationId: 'revokeApiToken',
        summary: 'Revoke one of the account’s API tokens',
        tags: ['auth'],
        parameters: [pathParameter('id', UUID)],
        responses: {
          '204': noContent('Revoked.'),
          '401': SIGNED_OUT,
          '403': problems(`Refused: ${CROSS_SITE}.`),
          '404': problems('No live token of this account has this id.'),
        },
      },
    },
  },
};
