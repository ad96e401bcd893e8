/**
 * The OpenAPI description of /api/admin (organisations.ts, users.ts, grants.ts), for administrators
 * only. Part of the core document (runtime/server/core-openapi.ts); built per instance, since a grant
 * names an installed module.
 */
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
  queryParameter,
  ref,
  SIGNED_OUT,
  TOO_LARGE,
  UUID,
} from '../server/openapi-parts.ts';
import { MIN_PASSWORD_LENGTH } from './fields.ts';

const ACTIONS = ['C', 'R', 'U', 'V', 'E', 'D'];
const SCOPES = ['own', 'organisation', 'all'];
/** Logins and role names (fields.ts NAME): letters, digits and . _ @ - */
const NAME_PATTERN = '^[\\p{L}\\p{N}._@-]+$';

const text = (maxLength: number, description?: string): Json => ({
  type: 'string',
  minLength: 1,
  maxLength,
  pattern: '\\S',
  ...(description ? { description } : {}),
});
const password: Json = {
  type: 'string',
  minLength: MIN_PASSWORD_LENGTH,
  maxLength: 1000,
  description: `${MIN_PASSWORD_LENGTH} characters at least.`,
};
const roles: Json = {
  type: 'array',
  maxItems: 50,
  items: { type: 'string', minLength: 1, maxLength: 64, pattern: NAME_PATTERN },
  description: 'Role names; the list replaces the user’s roles.',
};
const organisationId: Json = {
  type: ['string', 'null'],
  format: 'uuid',
  description: 'An existing organisation, or null for none.',
};

const FORBIDDEN = problems(`Not an administrator, or ${CROSS_SITE}.`);
const ADMIN_ONLY = problems('Not an administrator.');
const invalid = (what: string) =>
  problems(`A field is wrong (${what}): one problem per field, its path naming the field.`);
const malformed = problems(`${MALFORMED}.`);
const pathId = (what: string) => pathParameter('id', UUID, `The ${what}’s id (anything else is a 404).`);

const organisationBody = jsonBody({
  type: 'object',
  properties: { name: text(200, 'Unique; trimmed.') },
  required: ['name'],
  description: 'Other properties are ignored.',
});

export function adminOpenApi(moduleCodes: readonly string[]): OpenApiGroup {
  const modules = ['*', ...moduleCodes];
  return {
    tag: { name: 'admin', description: 'Organisations, users and grants (administrators only)' },
    schemas: {
      OrganisationEntry: {
        type: 'object',
        properties: { id: UUID, name: { type: 'string' }, users: { type: 'integer', minimum: 0 } },
        required: ['id', 'name', 'users'],
        additionalProperties: false,
      },
      AdminUser: {
        type: 'object',
        properties: {
          id: UUID,
          login: { type: 'string' },
          display_name: { type: 'string' },
          email: { type: ['string', 'null'] },
          organisation: { oneOf: [ref('Organisation'), { type: 'null' }] },
          roles: { type: 'array', items: { type: 'string' } },
          is_admin: { type: 'boolean' },
          active: { type: 'boolean' },
          has_password: {
            type: 'boolean',
            description: 'False for accounts that cannot sign in here (observers without a password).',
          },
          created_at: { type: 'string', format: 'date-time' },
        },
        required: [
          'id',
          'login',
          'display_name',
          'email',
          'organisation',
          'roles',
          'is_admin',
          'active',
          'has_password',
          'created_at',
        ],
        additionalProperties: false,
      },
      Grant: {
        type: 'object',
        properties: {
          id: UUID,
          role: { type: ['string', 'null'] },
          user: {
            oneOf: [
              {
                type: 'object',
                properties: { id: UUID, login: { type: 'string' } },
                required: ['id', 'login'],
                additionalProperties: false,
              },
              { type: 'null' },
            ],
          },
          organisation: { oneOf: [ref('Organisation'), { type: 'null' }] },
          module: { type: 'string', description: 'A module code, or `*` for every module.' },
          action: { enum: ACTIONS },
          scope: { enum: SCOPES },
          created_at: { type: 'string', format: 'date-time' },
        },
        required: ['id', 'role', 'user', 'organisation', 'module', 'action', 'scope', 'created_at'],
        additionalProperties: false,
      },
    },
    paths: {
      '/api/admin/organisations': {
        get: {
          operationId: 'listOrganisations',
          summary: 'Every organisation with its number of users',
          tags: ['admin'],
          responses: {
            '200': answer('The organisations, by name.', {
              type: 'object',
              properties: { organisations: { type: 'array', items: ref('OrganisationEntry') } },
              required: ['organisations'],
            }),
            '401': SIGNED_OUT,
            '403': ADMIN_ONLY,
          },
        },
        post: {
          operationId: 'createOrganisation',
          summary: 'Add an organisation',
          tags: ['admin'],
          requestBody: organisationBody,
          responses: {
            '201': answer('Created.', ref('OrganisationEntry')),
            '400': malformed,
            '401': SIGNED_OUT,
            '403': FORBIDDEN,
            '409': problems('An organisation has this name (code `duplicate`, path `/name`).'),
            '413': TOO_LARGE,
            '422': invalid('name missing, blank or longer than 200 characters'),
          },
        },
      },
      '/api/admin/organisations/{id}': {
        patch: {
          operationId: 'renameOrganisation',
          summary: 'Rename an organisation',
          tags: ['admin'],
          parameters: [pathId('organisation')],
          requestBody: organisationBody,
          responses: {
            '200': answer('Renamed.', ref('OrganisationEntry')),
            '400': malformed,
            '401': SIGNED_OUT,
            '403': FORBIDDEN,
            '404': problems('No such organisation.'),
            '409': problems('An organisation has this name (code `duplicate`, path `/name`).'),
            '413': TOO_LARGE,
            '422': invalid('name missing, blank or longer than 200 characters'),
          },
        },
      },
      '/api/admin/users': {
        get: {
          operationId: 'listUsers',
          summary: 'Every account, by login',
          tags: ['admin'],
          responses: {
            '200': answer('The users.', {
              type: 'object',
              properties: { users: { type: 'array', items: ref('AdminUser') } },
              required: ['users'],
            }),
            '401': SIGNED_OUT,
            '403': ADMIN_ONLY,
          },
        },
        post: {
          operationId: 'createUser',
          summary: 'Create an account',
          tags: ['admin'],
          requestBody: jsonBody({
            type: 'object',
            properties: {
              login: { ...text(100), pattern: NAME_PATTERN, description: 'Unique; no spaces.' },
              display_name: text(200),
              password,
              organisation_id: organisationId,
              roles,
              is_admin: { type: 'boolean', default: false },
            },
            required: ['login', 'display_name', 'password'],
            description: 'Other properties are ignored.',
          }),
          responses: {
            '201': answer('Created.', ref('AdminUser')),
            '400': malformed,
            '401': SIGNED_OUT,
            '403': FORBIDDEN,
            '409': problems('The login is taken (code `duplicate`, path `/login`).'),
            '413': TOO_LARGE,
            '422': invalid('a bad login, password or role, an unknown organisation'),
          },
        },
      },
      '/api/admin/users/{id}': {
        patch: {
          operationId: 'updateUser',
          summary: 'Change an account; `active: false` also ends its sessions and revokes its API tokens',
          tags: ['admin'],
          parameters: [pathId('user')],
          requestBody: jsonBody({
            type: 'object',
            properties: {
              display_name: text(200),
              organisation_id: organisationId,
              roles,
              is_admin: { type: 'boolean' },
              active: { type: 'boolean' },
            },
            description: 'Absent properties are left as they are; other properties are ignored.',
          }),
          responses: {
            '200': answer('The user as changed.', ref('AdminUser')),
            '400': malformed,
            '401': SIGNED_OUT,
            '403': FORBIDDEN,
            '404': problems('No such user.'),
            '409': problems(
              'An administrator cannot remove their own is_admin nor disable themselves (code `own_account`).',
            ),
            '413': TOO_LARGE,
            '422': invalid('a blank name, a bad role, a non-boolean flag, an unknown organisation'),
          },
        },
      },
      '/api/admin/users/{id}/password': {
        post: {
          operationId: 'setUserPassword',
          summary: 'Set an account’s password: ends its sessions and lifts its sign-in throttling',
          tags: ['admin'],
          parameters: [pathId('user')],
          requestBody: jsonBody({
            type: 'object',
            properties: { password },
            required: ['password'],
            description: 'Other properties are ignored.',
          }),
          responses: {
            '204': noContent('Set.'),
            '400': malformed,
            '401': SIGNED_OUT,
            '403': FORBIDDEN,
            '404': problems('No such user.'),
            '413': TOO_LARGE,
            '422': invalid('the password is missing, too short or too long'),
          },
        },
      },
      '/api/admin/grants': {
        get: {
          operationId: 'listGrants',
          summary: 'Grants, of every module or of one',
          tags: ['admin'],
          parameters: [
            queryParameter(
              'module',
              { enum: modules },
              'Only the grants on this module (`*`: those on every module).',
            ),
          ],
          responses: {
            '200': answer('The grants.', {
              type: 'object',
              properties: { grants: { type: 'array', items: ref('Grant') } },
              required: ['grants'],
            }),
            '400': problems('Not an installed module (path `/query/module`).'),
            '401': SIGNED_OUT,
            '403': ADMIN_ONLY,
          },
        },
        post: {
          operationId: 'createGrant',
          summary: 'Grant an action on a module to exactly one role, user or organisation',
          tags: ['admin'],
          requestBody: jsonBody({
            type: 'object',
            properties: {
              role: { type: 'string', minLength: 1, maxLength: 64, pattern: NAME_PATTERN },
              user_id: { ...UUID, description: 'An existing user.' },
              organisation_id: { ...UUID, description: 'An existing organisation.' },
              module: { enum: modules },
              action: { enum: ACTIONS },
              scope: { enum: SCOPES },
            },
            required: ['module', 'action', 'scope'],
            oneOf: [{ required: ['role'] }, { required: ['user_id'] }, { required: ['organisation_id'] }],
            description: 'Other properties are ignored.',
          }),
          responses: {
            '201': answer('Granted.', ref('Grant')),
            '400': malformed,
            '401': SIGNED_OUT,
            '403': FORBIDDEN,
            '409': problems('The grant exists (code `duplicate`).'),
            '413': TOO_LARGE,
            '422': invalid('not exactly one grantee, an unknown user or organisation, a bad value'),
          },
        },
      },
      '/api/admin/grants/{id}': {
        delete: {
          operationId: 'deleteGrant',
          summary: 'Remove a grant (from the grantee’s next request)',
          tags: ['admin'],
          parameters: [pathId('grant')],
          responses: {
            '204': noContent('Removed.'),
            '401': SIGNED_OUT,
            '403': FORBIDDEN,
            '404': problems('No such grant.'),
          },
        },
      },
    },
  };
}
