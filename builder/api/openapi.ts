/**
 * The OpenAPI description of /api/builder (the protocol builder), for accounts with the `designer`
 * role. Part of the core document through the plugin (runtime/server/app-plugin.ts).
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
  ref,
  SIGNED_OUT,
  TOO_LARGE,
  UUID,
} from '../../runtime/server/openapi-parts.ts';

const object = (properties: Record<string, Json>, required = Object.keys(properties)): Json => ({
  type: 'object',
  properties,
  required,
});
const nullable = (schema: Json): Json => ({ oneOf: [{ type: 'null' }, schema] });
const who: Json = nullable(object({ login: { type: 'string' } }));
const FORBIDDEN = problems(`Not a designer (role \`designer\`), or ${CROSS_SITE}.`);
const DESIGNERS_ONLY = problems('Not a designer (role `designer`).');
const id = pathParameter('id', UUID, 'A draft’s id.');
const specBody = (extra: Record<string, Json> = {}, required: string[] = ['spec']) =>
  jsonBody(
    object({ spec: { type: 'object', description: 'A protocol spec (1 MB at most).' }, ...extra }, required),
  );
const INVALID_SPEC = problems('`spec` is not an object or larger than 1 MB.');
const NOT_FOUND = problems('No draft has this id.');
const resolutions: Json = {
  type: 'object',
  description:
    'Step id → resolution (`set`, `map`, `archive`, `keep`) for the plan’s data-dependent steps, as the resolutions file `migrations/v<from>-to-v<to>.json` holds them (docs/migration-plans.md).',
};

const Diagnostic = object({
  rule: { type: 'string' },
  path: { type: 'string', description: 'JSON pointer in the spec.' },
  message: { type: 'string' },
  severity: { enum: ['error', 'warning'] },
  line: { type: 'integer', minimum: 1, description: 'In `JSON.stringify(spec, null, 2)`.' },
  column: { type: 'integer', minimum: 1 },
});
const diagnostics: Json = { type: 'array', items: ref('BuilderDiagnostic') };

const signedInWrites = (extra: Record<string, Json>): Record<string, Json> => ({
  '400': problems(`${MALFORMED}.`),
  '401': SIGNED_OUT,
  '403': FORBIDDEN,
  '413': TOO_LARGE,
  ...extra,
});
const reads = (extra: Record<string, Json> = {}): Record<string, Json> => ({
  '401': SIGNED_OUT,
  '403': DESIGNERS_ONLY,
  ...extra,
});

const operation = (operationId: string, summary: string, rest: Json): Json => ({
  operationId,
  summary,
  tags: ['builder'],
  ...rest,
});

export const builderOpenApi: OpenApiGroup = {
  tag: {
    name: 'builder',
    description:
      'The protocol builder: drafts, validation, preview, diff, plan and live publishing (role `designer`)',
  },
  schemas: {
    BuilderDiagnostic: Diagnostic,
    Draft: object({
      id: UUID,
      code: { type: 'string', description: 'The spec’s code at the last save (`` while it has none).' },
      spec: { type: 'object' },
      row_version: { type: 'integer' },
      base_version: { type: ['integer', 'null'], description: 'The installed version this draft edits.' },
      updated_at: { type: 'string', format: 'date-time' },
      updated_by: who,
      revisions: { type: 'integer', minimum: 0 },
    }),
    DraftSummary: object({
      id: UUID,
      code: { type: 'string' },
      label: {},
      base_version: { type: ['integer', 'null'] },
      row_version: { type: 'integer' },
      updated_at: { type: 'string', format: 'date-time' },
      updated_by: who,
    }),
  },
  paths: {
    '/api/builder/protocols': {
      get: operation('builderProtocols', 'Installed protocols, drafts and examples', {
        responses: reads({
          '200': answer(
            'What the protocols page lists.',
            object({
              installed: {
                type: 'array',
                items: object({
                  code: { type: 'string' },
                  version: { type: 'integer' },
                  label: ref('Labels'),
                  pendingUpgrade: { type: 'boolean' },
                }),
              },
              drafts: { type: 'array', items: ref('DraftSummary') },
              examples: {
                type: 'array',
                items: object({ name: { type: 'string' }, code: { type: 'string' }, label: {} }),
              },
            }),
          ),
        }),
      }),
    },
    '/api/builder/drafts': {
      post: operation('createDraft', 'Start a draft: blank, from an example, a spec or an installed module', {
        requestBody: jsonBody({
          type: 'object',
          properties: {
            from: { enum: ['blank', 'example', 'spec', 'installed'] },
            code: { type: 'string', description: '`blank`, `installed`: the protocol’s code.' },
            label: { type: 'object', description: '`blank`: `{ fr, en? }`.' },
            name: {
              type: 'string',
              description: '`example`: an example’s name (`GET /api/builder/protocols`).',
            },
            spec: { type: 'object', description: '`spec`: the spec (1 MB at most).' },
          },
          required: ['from'],
        }),
        responses: signedInWrites({
          '201': answer('The new draft.', ref('Draft')),
          '422': problems(
            'A field is missing or wrong, an unknown example (`unknown_example`), a module not installed (`not_installed`).',
          ),
        }),
      }),
    },
    '/api/builder/drafts/geonature': {
      post: operation(
        'importGeoNatureDraft',
        'Start a draft from a GeoNature Monitoring protocol folder (zip)',
        {
          requestBody: {
            required: true,
            content: {
              'multipart/form-data': {
                schema: object({
                  file: { type: 'string', format: 'binary', description: 'A zip, 20 MB at most.' },
                }),
              },
            },
          },
          responses: {
            '201': answer(
              'The new draft and the importer’s report (warnings, rules translated or left for a human).',
              object({ draft: ref('Draft'), report: { type: 'object' } }),
            ),
            '400': problems('The multipart body cannot be read.'),
            '401': SIGNED_OUT,
            '403': FORBIDDEN,
            '413': problems('The zip is larger than 20 MB (`payload_too_large`).'),
            '415': problems('Not multipart/form-data.'),
            '422': problems(
              'No single `file`, or not a protocol folder: unreadable, unsafe paths, over 500 entries or 50 MB unzipped (`not_a_protocol_folder`).',
            ),
          },
        },
      ),
    },
    '/api/builder/drafts/{id}': {
      get: operation('getDraft', 'A draft with its spec', {
        parameters: [id],
        responses: reads({ '200': answer('The draft.', ref('Draft')), '404': NOT_FOUND }),
      }),
      put: operation('saveDraft', 'Save a draft (valid or not) over its row version', {
        parameters: [id],
        requestBody: specBody({ row_version: { type: 'integer', minimum: 1 } }, ['spec', 'row_version']),
        responses: signedInWrites({
          '200': answer(
            'Saved: its new row version, also the number of the revision kept.',
            object({ row_version: { type: 'integer' }, revision: { type: 'integer' } }),
          ),
          '404': NOT_FOUND,
          '409': problems(
            'Someone saved in between (`stale`; the problem carries `current_row_version` and `updated_by`).',
          ),
          '422': INVALID_SPEC,
        }),
      }),
      delete: operation('deleteDraft', 'Delete a draft and its revisions', {
        parameters: [id],
        responses: signedInWrites({ '204': noContent('Deleted.'), '404': NOT_FOUND }),
      }),
    },
    '/api/builder/drafts/{id}/revisions': {
      get: operation('draftRevisions', 'A draft’s saves, newest first (the newest 200 are kept)', {
        parameters: [id],
        responses: reads({
          '200': answer('The revisions.', {
            type: 'array',
            items: object({
              revision: { type: 'integer' },
              saved_at: { type: 'string', format: 'date-time' },
              saved_by: who,
            }),
          }),
          '404': NOT_FOUND,
        }),
      }),
    },
    '/api/builder/drafts/{id}/revisions/{n}': {
      get: operation('draftRevision', 'The spec of one revision', {
        parameters: [id, pathParameter('n', { type: 'integer', minimum: 1 }, 'A revision number.')],
        responses: reads({
          '200': answer('The revision.', object({ revision: { type: 'integer' }, spec: { type: 'object' } })),
          '404': problems('No such draft or revision.'),
        }),
      }),
    },
    '/api/builder/drafts/{id}/spec': {
      get: operation('downloadDraftSpec', 'The draft’s spec as a protocol.json download', {
        parameters: [id],
        responses: reads({
          '200': answer('`protocol.json` (Content-Disposition: attachment).', { type: 'object' }),
          '404': NOT_FOUND,
        }),
      }),
    },
    '/api/builder/drafts/{id}/publish': {
      post: operation('publishDraft', 'Validate, generate, install or upgrade the draft live (no restart)', {
        parameters: [id],
        requestBody: jsonBody(
          object({ row_version: { type: 'integer', minimum: 1 }, resolutions }, ['row_version']),
        ),
        responses: signedInWrites({
          '200': answer(
            'Published and served. `versionRaised` says when the builder raised the version (a changed spec keeping the installed version gets installed + 1). `report`: the install result, or the upgrade report.',
            object({
              action: { enum: ['install', 'upgrade'] },
              module: ref('ModuleSummary'),
              report: { type: 'object' },
              versionRaised: nullable(object({ from: {}, to: { type: 'integer' } })),
              draft: object({ row_version: { type: 'integer' }, base_version: { type: 'integer' } }),
            }),
          ),
          '404': NOT_FOUND,
          '409': problems(
            'The draft moved (`stale`), nothing changed since the installed version (`unchanged`), a check refuses rows (`upgrade_refused`, the problem carries `report`; nothing changed), or the upgrade failed (`upgrade_failed`, `needs_upgrade`).',
          ),
          '422': problems(
            'The spec has errors (`invalid_spec`: one problem per error, `/spec/…` with `line` and `column`), the plan cannot be made with these resolutions, or the install fails (`install_failed`).',
          ),
          '503': problems('This server was started without the upgrade (`upgrade_unavailable`).'),
        }),
      }),
    },
    '/api/builder/validate': {
      post: operation(
        'validateSpec',
        'Every diagnostic of the validator, located in the pretty-printed JSON',
        {
          requestBody: specBody(),
          responses: signedInWrites({
            '200': answer('The diagnostics.', object({ ok: { type: 'boolean' }, diagnostics })),
            '422': INVALID_SPEC,
          }),
        },
      ),
    },
    '/api/builder/preview': {
      post: operation('previewSpec', 'The module a spec makes: forms per level, dictionary, SQL, OpenAPI', {
        requestBody: specBody(),
        responses: signedInWrites({
          '200': answer(
            'Generated in memory. `levels` is empty and `files` null when the spec does not compile.',
            object({
              ok: { type: 'boolean' },
              diagnostics,
              levels: {
                type: 'array',
                items: object({
                  key: { type: 'string' },
                  label: ref('Labels'),
                  plural: ref('Labels'),
                  parents: { type: 'array', items: { type: 'string' } },
                  forms: object({
                    schema: { type: 'object' },
                    ui: { type: 'object' },
                    rules: { type: 'object' },
                  }),
                }),
              },
              files: nullable(
                object({ dictionary: { type: 'string' }, sql: { type: 'string' }, openapi: {} }),
              ),
            }),
          ),
          '422': INVALID_SPEC,
        }),
      }),
    },
    '/api/builder/diff': {
      post: operation('diffSpec', 'The changes from the installed version of the spec’s code', {
        requestBody: specBody(),
        responses: signedInWrites({
          '200': answer(
            'By stable ids (protocol-specs/evolution); for a new protocol (`installed: null`) from an empty one.',
            object({ installed: { type: ['integer', 'null'] }, diff: { type: 'object' } }),
          ),
          '422': problems('`spec` is not an object, or has errors (`invalid_spec`).'),
        }),
      }),
    },
    '/api/builder/plan': {
      post: operation('planSpec', 'The migration plan from the installed version, dry-run on the live data', {
        requestBody: specBody({ resolutions }),
        responses: signedInWrites({
          '200': answer(
            '`plan` and `dryRun` (rows and samples per data-dependent step) are null for a new protocol.',
            object({
              installed: { type: ['integer', 'null'] },
              version: { type: 'integer', description: 'The version publishing would install.' },
              versionRaised: nullable(object({ from: {}, to: { type: 'integer' } })),
              plan: nullable({ type: 'object' }),
              dryRun: nullable(ref('UpgradeReport')),
            }),
          ),
          '409': problems('Nothing changed since the installed version (`unchanged`).'),
          '422': problems(
            'The spec has errors (`invalid_spec`), or the plan cannot be made with these resolutions.',
          ),
        }),
      }),
    },
    '/api/builder/modules/{code}/folder.zip': {
      get: operation('downloadModuleFolder', 'The installed version’s generated folder as a zip', {
        parameters: [pathParameter('code', { type: 'string' }, 'A module code.')],
        responses: reads({
          '200': {
            description: 'The folder, manifest.json at the root (Content-Disposition: attachment).',
            content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } },
          },
          '404': problems('No installed module has this code (with its files in the database).'),
        }),
      }),
    },
  },
};
