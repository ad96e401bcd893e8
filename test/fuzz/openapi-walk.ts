/**
 * The operations of an OpenAPI 3.1 document, as the fuzz test needs them: method, path, parameters and
 * request body with every `$ref` followed, documented responses, and whether the operation needs an
 * account. Nothing here knows a route: whatever a document says is what gets fuzzed.
 */

export type Json = { readonly [key: string]: unknown };

export interface OpenApiDocument {
  readonly paths?: Readonly<Record<string, Json>>;
  readonly components?: Json;
  readonly security?: readonly Json[];
}

export interface Parameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header' | 'cookie';
  readonly required: boolean;
  readonly schema: Json;
}

export interface Operation {
  /** Which document: `core` or a module code. */
  readonly document: string;
  readonly method: string;
  /** As documented: `/api/modules/x/site/{id}`. */
  readonly path: string;
  readonly operationId: string;
  readonly parameters: readonly Parameter[];
  /** Media type → schema of the request body, when it has one. */
  readonly body?: { readonly required: boolean; readonly content: Readonly<Record<string, Json>> };
  /** Status → media type → schema (`{}` for a body the document does not describe). */
  readonly responses: Readonly<Record<string, Readonly<Record<string, Json>>>>;
  /** `required`: anonymous callers are refused; `optional` or `none`: anyone is served. */
  readonly security: 'required' | 'optional' | 'none';
  /** The document, to follow the `$ref`s of its schemas. */
  readonly root: OpenApiDocument;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** The value a local `$ref` (`#/components/…`) points to, following chains. */
export function deref(root: OpenApiDocument, value: Json): Json {
  let current = value;
  for (let hops = 0; typeof current.$ref === 'string'; hops++) {
    if (hops > 20) throw new Error(`$ref loop at ${String(current.$ref)}`);
    const ref = current.$ref as string;
    if (!ref.startsWith('#/')) throw new Error(`only local $refs are followed: ${ref}`);
    const target = ref
      .slice(2)
      .split('/')
      .reduce<unknown>(
        (node, part) => (node as Json | undefined)?.[part.replaceAll('~1', '/').replaceAll('~0', '~')],
        root,
      );
    if (target === undefined || target === null || typeof target !== 'object')
      throw new Error(`unresolved ${ref}`);
    current = target as Json;
  }
  return current;
}

function securityOf(root: OpenApiDocument, operation: Json): Operation['security'] {
  const requirements = (operation.security ?? root.security ?? []) as readonly Json[];
  if (requirements.length === 0) return 'none';
  return requirements.some((r) => Object.keys(r).length === 0) ? 'optional' : 'required';
}

function responsesOf(root: OpenApiDocument, operation: Json): Operation['responses'] {
  const out: Record<string, Record<string, Json>> = {};
  for (const [status, response] of Object.entries((operation.responses ?? {}) as Json)) {
    const content = (deref(root, response as Json).content ?? {}) as Record<string, Json>;
    out[status] = Object.fromEntries(
      Object.entries(content).map(([type, media]) => [type, (media.schema ?? {}) as Json]),
    );
  }
  return out;
}

/** Every operation of a document, in document order. */
export function operationsOf(document: string, root: OpenApiDocument): Operation[] {
  const out: Operation[] = [];
  for (const [path, rawItem] of Object.entries(root.paths ?? {})) {
    const item = deref(root, rawItem);
    for (const method of METHODS) {
      const operation = item[method] as Json | undefined;
      if (!operation) continue;
      const byKey = new Map<string, Parameter>();
      for (const raw of [
        ...((item.parameters ?? []) as Json[]),
        ...((operation.parameters ?? []) as Json[]),
      ]) {
        const p = deref(root, raw);
        byKey.set(`${String(p.in)} ${String(p.name)}`, {
          name: String(p.name),
          in: p.in as Parameter['in'],
          required: p.required === true,
          schema: (p.schema ?? {}) as Json,
        });
      }
      const requestBody = operation.requestBody ? deref(root, operation.requestBody as Json) : undefined;
      const content = (requestBody?.content ?? {}) as Record<string, Json>;
      out.push({
        document,
        method: method.toUpperCase(),
        path,
        operationId: String(operation.operationId ?? `${method} ${path}`),
        parameters: [...byKey.values()],
        ...(requestBody
          ? {
              body: {
                required: requestBody.required === true,
                content: Object.fromEntries(
                  Object.entries(content).map(([type, media]) => [type, (media.schema ?? {}) as Json]),
                ),
              },
            }
          : {}),
        responses: responsesOf(root, operation),
        security: securityOf(root, operation),
        root,
      });
    }
  }
  return out;
}

/** `/api/x/{id}` → `/api/x/:id`, as Hono names the route. */
export const honoPath = (path: string) => path.replaceAll(/\{([^}]+)\}/g, ':$1');
