/**
 * The OpenAPI documents and a browsable reference built from them:
 * - `GET /api/modules/:code/openapi.json`: the module's `openapi/openapi.json`, byte for byte, as the
 *   verified folder held it (served by the module version's own app, module-app.ts);
 * - `GET /api/openapi/core.json`: the core document (core-openapi.ts: auth, admin, media, reference
 *   data, server routes), built for the modules served, again after a module is installed, upgraded or
 *   uninstalled (never per request);
 * - `GET /api/docs` (every document) and `GET /api/docs/:code` (one module): an HTML page rendered on
 *   the server, as often as the core document: operations grouped by tag with method, path, parameters,
 *   request and response schema names. Plain HTML and inline CSS, no script and no external asset.
 */
import type { Hono } from 'hono';
import { HttpError } from '../http/errors.ts';
import { type ModuleRuntime, OPENAPI_FILE } from '../modules/load.ts';
import type { ModuleRegistry } from '../modules/registry.ts';
import { CORE_OPENAPI_PATH, coreOpenApi } from './core-openapi.ts';
import type { OpenApiGroup } from './openapi-parts.ts';

export { OPENAPI_FILE };

type Json = { readonly [key: string]: unknown };
interface Parameter {
  readonly name: string;
  readonly in: string;
  readonly required?: boolean;
  readonly description?: string;
  readonly schema?: Json;
}
interface Operation {
  readonly operationId?: string;
  readonly summary?: string;
  readonly description?: string;
  readonly tags?: readonly string[];
  readonly parameters?: readonly (Parameter | { readonly $ref: string })[];
  readonly requestBody?: { readonly content?: Record<string, { readonly schema?: Json }> };
  readonly responses?: Record<string, Json>;
}
interface OpenApiDocument {
  readonly info?: { readonly title?: string; readonly version?: string; readonly description?: string };
  readonly tags?: readonly { readonly name: string; readonly description?: string }[];
  readonly paths?: Record<string, Record<string, unknown>>;
  readonly components?: { readonly parameters?: Record<string, Parameter> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const refName = (ref: unknown) => (typeof ref === 'string' ? ref.slice(ref.lastIndexOf('/') + 1) : undefined);

/** A short type for a schema: `Site`, `string (uuid)`, `array of number`… */
function schemaLabel(schema: Json | undefined): string {
  if (!schema) return '';
  const ref = refName(schema.$ref);
  if (ref) return ref;
  if (schema.type === 'array') return `array of ${schemaLabel(schema.items as Json | undefined) || 'any'}`;
  const type = typeof schema.type === 'string' ? schema.type : 'any';
  const extra = schema.format ?? (Array.isArray(schema.enum) ? `${schema.enum.length} values` : undefined);
  return extra ? `${type} (${String(extra)})` : type;
}

function contentSchemas(content: Record<string, { readonly schema?: Json }> | undefined): string {
  return Object.entries(content ?? {})
    .map(([type, { schema }]) => `${schemaLabel(schema)} <span class="muted">${escapeHtml(type)}</span>`)
    .join('<br>');
}

function parameterRows(doc: OpenApiDocument, operation: Operation, pathLevel: unknown): string {
  const all = [...((pathLevel as Operation['parameters']) ?? []), ...(operation.parameters ?? [])];
  return all
    .map((p) => ('$ref' in p ? doc.components?.parameters?.[refName(p.$ref) ?? ''] : p))
    .filter((p): p is Parameter => p !== undefined)
    .map(
      (p) =>
        `<tr><td><code>${escapeHtml(p.name)}</code>${p.required ? ' <b>*</b>' : ''}</td><td>${escapeHtml(p.in)}</td><td>${escapeHtml(schemaLabel(p.schema))}</td><td>${escapeHtml(p.description ?? '')}</td></tr>`,
    )
    .join('');
}

function operationHtml(
  doc: OpenApiDocument,
  method: string,
  path: string,
  operation: Operation,
  pathLevel: unknown,
) {
  const params = parameterRows(doc, operation, pathLevel);
  const request = contentSchemas(operation.requestBody?.content);
  const responses = Object.entries(operation.responses ?? {})
    .map(([status, response]) => {
      const ref = refName(response.$ref);
      const body = ref ?? contentSchemas(response.content as Record<string, { schema?: Json }> | undefined);
      const description = typeof response.description === 'string' ? response.description : '';
      return `<tr><td>${escapeHtml(status)}</td><td>${ref ? escapeHtml(ref) : body}</td><td>${escapeHtml(description)}</td></tr>`;
    })
    .join('');
  const text = operation.summary ?? operation.description ?? '';
  return `<details class="op" id="${escapeHtml(operation.operationId ?? `${method}-${path}`)}">
<summary><span class="method ${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code> <span class="muted">${escapeHtml(operation.operationId ?? '')}</span></summary>
${text ? `<p>${escapeHtml(text)}</p>` : ''}
${params ? `<table><caption>Parameters</caption><tr><th>name</th><th>in</th><th>schema</th><th>description</th></tr>${params}</table>` : ''}
${request ? `<p><b>Request body</b>: ${request}</p>` : ''}
<table><caption>Responses</caption><tr><th>status</th><th>schema</th><th>description</th></tr>${responses}</table>
</details>`;
}

/** One document's section: operations grouped by tag, in the document's tag order. */
function documentSection(id: string, doc: OpenApiDocument, links: string): string {
  const byTag = new Map<string, string[]>((doc.tags ?? []).map((t) => [t.name, []]));
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item[method] as Operation | undefined;
      if (!operation) continue;
      const tag = operation.tags?.[0] ?? 'other';
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag)!.push(operationHtml(doc, method, path, operation, item.parameters));
    }
  }
  const tagDescription = new Map((doc.tags ?? []).map((t) => [t.name, t.description ?? '']));
  const groups = [...byTag]
    .filter(([, ops]) => ops.length > 0)
    .map(
      ([tag, ops]) =>
        `<h3>${escapeHtml(tag)} <span class="muted">${escapeHtml(tagDescription.get(tag) ?? '')}</span></h3>\n${ops.join('\n')}`,
    )
    .join('\n');
  const info = doc.info ?? {};
  return `<section id="${escapeHtml(id)}"><h2>${escapeHtml(info.title ?? id)} <span class="muted">v${escapeHtml(String(info.version ?? ''))}</span></h2>
${info.description ? `<p>${escapeHtml(info.description)}</p>` : ''}
<p>${links}</p>
${groups}</section>`;
}

/** One module's section, linking its document and its own page. */
export const moduleSection = (code: string, doc: OpenApiDocument): string =>
  documentSection(
    code,
    doc,
    `<a href="/api/modules/${encodeURIComponent(code)}/openapi.json">openapi.json</a> · <a href="/api/docs/${encodeURIComponent(code)}">this module only</a>`,
  );

const STYLE = `body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:72rem;padding:1rem 2rem;color:#1d2b1f}
h1{margin-bottom:.2rem}h2{border-bottom:2px solid #2f6b3a;padding-bottom:.2rem;margin-top:2.5rem}h3{margin:1.5rem 0 .4rem}
.muted{color:#667;font-weight:normal;font-size:.9em}code{font:13px ui-monospace,monospace}
details.op{border:1px solid #ccd5cc;border-radius:4px;margin:.3rem 0;padding:.3rem .6rem}summary{cursor:pointer}
.method{display:inline-block;min-width:4.2rem;text-align:center;color:#fff;border-radius:3px;font:bold 12px ui-monospace,monospace;padding:1px 4px}
.get{background:#2d6cb5}.post{background:#2f8a45}.put{background:#b5822d}.patch{background:#8a6d2f}.delete{background:#b53a2d}
table{border-collapse:collapse;margin:.5rem 0;width:100%}caption{text-align:left;font-weight:bold}
th,td{border:1px solid #dde3dd;padding:2px 6px;text-align:left;vertical-align:top}th{background:#eef3ee}
nav a{margin-right:1rem}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

interface LoadedDocument {
  readonly text: string;
  readonly section: string;
}

/** Each module's OpenAPI document (verified with its folder) and its section of the reference page. */
export function openApiDocuments(modules: readonly ModuleRuntime[]): Map<string, LoadedDocument> {
  const documents = new Map<string, LoadedDocument>();
  for (const module of modules) {
    if (module.openApiText === undefined) continue;
    documents.set(module.code, {
      text: module.openApiText,
      section: moduleSection(module.code, JSON.parse(module.openApiText) as OpenApiDocument),
    });
  }
  return documents;
}

/** The core document and the reference pages of these modules. */
function documentsOf(modules: readonly ModuleRuntime[], extra: readonly OpenApiGroup[]) {
  const documents = openApiDocuments(modules);
  const core = coreOpenApi(modules, extra);
  const coreText = JSON.stringify(core, null, 2);
  const coreSection = documentSection(
    'core',
    core as OpenApiDocument,
    `<a href="${CORE_OPENAPI_PATH}">core.json</a>`,
  );
  const nav = `<nav><a href="/api/docs#core">core</a>${[...documents.keys()].map((code) => `<a href="/api/docs#${escapeHtml(code)}">${escapeHtml(code)}</a>`).join('')}</nav>`;
  const allPage = page(
    'Suivi API reference',
    `<h1>Suivi API reference</h1><p class="muted">The core routes and ${documents.size} module(s). Each OpenAPI 3.1 document is linked beside its title.</p>${nav}\n${coreSection}\n${[...documents.values()].map((d) => d.section).join('\n')}`,
  );
  const modulePages = new Map(
    [...documents].map(([code, d]) => [
      code,
      page(`${code} — Suivi API reference`, `<p><a href="/api/docs">← all modules</a></p>${d.section}`),
    ]),
  );
  return { coreText, allPage, modulePages };
}

/**
 * Adds the core document and the docs pages to `app`; rebuilt when the modules served change. `extra`:
 * the plugins' groups (app-plugin.ts).
 */
export function mountOpenApiRoutes(
  app: Hono,
  registry: ModuleRegistry,
  extra: readonly OpenApiGroup[] = [],
): void {
  const current = registry.perGeneration(() => documentsOf(registry.runtimes(), extra));
  app.get(CORE_OPENAPI_PATH, (c) =>
    c.body(current().coreText, 200, { 'content-type': 'application/json; charset=utf-8' }),
  );
  app.get('/api/docs', (c) => c.html(current().allPage));
  app.get('/api/docs/:code', (c) => {
    const html = current().modulePages.get(c.req.param('code'));
    if (!html)
      throw new HttpError(404, 'not_found', `Aucun module installé ne s’appelle « ${c.req.param('code')} ».`);
    return c.html(html);
  });
}
