/**
 * The OpenAPI description of /api/admin/modules (modules.ts): list, upgrade, install, uninstall, for
 * administrators only. Part of the core document (runtime/server/core-openapi.ts).
 */
import { CHANGE_CLASSES } from '../../protocol-specs/evolution/change-class.ts';
import {
  answer,
  CROSS_SITE,
  type Json,
  jsonBody,
  MALFORMED,
  type OpenApiGroup,
  pathParameter,
  problems,
  ref,
  SIGNED_OUT,
  TOO_LARGE,
  UUID,
} from '../server/openapi-parts.ts';

const object = (properties: Record<string, Json>, required = Object.keys(properties)): Json => ({
  type: 'object',
  properties,
  required,
});
const nullable = (schema: Json): Json => ({ oneOf: [{ type: 'null' }, schema] });
const integerOrNull: Json = { type: ['integer', 'null'] };
const who: Json = nullable(object({ id: UUID, login: { type: 'string' } }));
const FORBIDDEN = problems(`Not an administrator, or ${CROSS_SITE}.`);
const ADMIN_ONLY = problems('Not an administrator.');
const code = pathParameter('code', { type: 'string' }, 'A module code.');

const PendingModule = object({
  code: { type: 'string' },
  kind: { enum: ['upgrade', 'failed'] },
  folder: { type: 'string' },
  installed_version: integerOrNull,
  folder_version: integerOrNull,
  serving: { type: 'boolean', description: 'Whether the installed version is served meanwhile.' },
  reason: { type: 'string' },
  plan: object(
    {
      found: { type: 'boolean' },
      message: { type: 'string' },
      steps: {
        type: 'array',
        items: object({
          id: { type: 'string' },
          class: { enum: [...CHANGE_CLASSES] },
          description: ref('Labels'),
          plan: { type: 'string', description: '`v1-to-v2`.' },
        }),
      },
    },
    ['found', 'steps'],
  ),
  counts: object(Object.fromEntries(CHANGE_CLASSES.map((c) => [c, { type: 'integer', minimum: 0 }]))),
});

const UpgradeReport: Json = {
  type: 'object',
  properties: {
    code: { type: 'string' },
    from: { type: 'integer' },
    to: { type: 'integer' },
    status: { enum: ['upgraded', 'dry_run', 'refused'] },
    steps: { type: 'array', items: { type: 'object', required: ['id', 'class'] } },
  },
  required: ['code', 'from', 'to', 'status', 'steps'],
};

export const modulesAdminOpenApi: OpenApiGroup = {
  tag: { name: 'admin-modules', description: 'Install, upgrade and uninstall modules while the server runs' },
  schemas: {
    AdminModule: object({
      code: { type: 'string' },
      label: ref('Labels'),
      version: { type: 'integer', description: 'The installed version.' },
      served_version: { ...integerOrNull, description: 'The version served now (null: not served).' },
      installed_at: { type: 'string', format: 'date-time' },
      installed_by: who,
      history: {
        type: 'array',
        description: 'Every version installed, newest first.',
        items: object({
          id: { type: 'integer' },
          version: { type: 'integer' },
          generator_version: { type: 'string' },
          change: { enum: ['install', 'reinstall', 'update', 'upgrade'] },
          content_hash: { type: 'string' },
          installed_at: { type: 'string', format: 'date-time' },
          installed_by: who,
        }),
      },
      rows: nullable({ type: 'object', additionalProperties: { type: 'integer', minimum: 0 } }),
      pending: nullable(ref('PendingModule')),
    }),
    PendingModule,
    UpgradeReport,
  },
  paths: {
    '/api/admin/modules': {
      get: {
        operationId: 'listInstalledModules',
        summary: 'Installed modules, their versions, row counts and pending upgrades; folders not installed',
        tags: ['admin-modules'],
        responses: {
          '200': answer(
            'The modules.',
            object({
              modules: { type: 'array', items: ref('AdminModule') },
              unavailable: {
                type: 'array',
                description: 'Folders that could not start, for modules not installed.',
                items: ref('PendingModule'),
              },
              available: {
                type: 'array',
                description: 'Configured folders whose module is not installed.',
                items: object({
                  folder: { type: 'string' },
                  code: { type: 'string' },
                  version: integerOrNull,
                  label: { type: 'string' },
                }),
              },
            }),
          ),
          '401': SIGNED_OUT,
          '403': ADMIN_ONLY,
        },
      },
    },
    '/api/admin/modules/install': {
      post: {
        operationId: 'installModuleFolder',
        summary:
          'Install a configured module folder (or reinstall a pending module without data) and serve it',
        tags: ['admin-modules'],
        requestBody: jsonBody({
          type: 'object',
          properties: { folder: { type: 'string', description: 'One of `available[].folder`.' } },
          required: ['folder'],
        }),
        responses: {
          '201': answer(
            'Installed and served.',
            object({
              install: object({
                code: { type: 'string' },
                version: { type: 'integer' },
                status: { enum: ['installed', 'unchanged', 'updated', 'reinstalled'] },
              }),
              module: ref('ModuleSummary'),
            }),
          ),
          '400': problems(`${MALFORMED}.`),
          '401': SIGNED_OUT,
          '403': FORBIDDEN,
          '409': problems(
            'Installed already (`installed`), or holds data and needs an upgrade (`needs_upgrade`).',
          ),
          '413': TOO_LARGE,
          '422': problems(
            'Not a configured folder (`unknown_folder`), unreadable (`invalid_folder`), or its SQL fails (`install_failed`).',
          ),
        },
      },
    },
    '/api/admin/modules/{code}/upgrade': {
      post: {
        operationId: 'upgradeModule',
        summary: 'Run the pending folder’s migration plan (or a dry run), then serve the new version',
        tags: ['admin-modules'],
        parameters: [code],
        requestBody: jsonBody({
          type: 'object',
          properties: { dryRun: { type: 'boolean', description: 'Check and roll back: what would happen.' } },
        }),
        responses: {
          '200': answer(
            'Upgraded (the new version is served) or dry run.',
            object({ report: ref('UpgradeReport'), module: nullable(ref('ModuleSummary')) }),
          ),
          '400': problems(`${MALFORMED}.`),
          '401': SIGNED_OUT,
          '403': FORBIDDEN,
          '404': problems('No upgrade waits for this module.'),
          '409': problems(
            'Refused: rows fail a check (`upgrade_refused`, the problem carries `report`), or the upgrade failed (`upgrade_failed`).',
          ),
          '413': TOO_LARGE,
          '422': problems('`dryRun` is not a boolean.'),
          '503': problems('This server was started without the upgrade (`upgrade_unavailable`).'),
        },
      },
    },
    '/api/admin/modules/{code}/uninstall': {
      post: {
        operationId: 'uninstallModule',
        summary: 'Archive the module’s schema (renamed, nothing dropped) and stop serving it',
        tags: ['admin-modules'],
        parameters: [code],
        requestBody: jsonBody({
          type: 'object',
          properties: { confirm: { type: 'string', description: 'The module’s code, typed again.' } },
          required: ['confirm'],
        }),
        responses: {
          '200': answer(
            'Archived.',
            object({
              code: { type: 'string' },
              archive: { type: 'string', description: '`suivi_archive_<code>_v<version>_<yyyymmddhhmmss>`.' },
            }),
          ),
          '400': problems(`${MALFORMED}.`),
          '401': SIGNED_OUT,
          '403': FORBIDDEN,
          '404': problems('No installed module has this code.'),
          '413': TOO_LARGE,
          '422': problems('`confirm` is not the module’s code (`confirm`).'),
        },
      },
    },
  },
};
