/**
 * The API fuzz test: every operation of every OpenAPI document the instance serves — each installed
 * module's `/api/modules/<code>/openapi.json` and the core `/api/openapi/core.json` — gets fast-check
 * requests built from its parameters and request body schema (valid, at the bounds, hostile: 5,000
 * levels of nesting, NUL bytes, lone surrogates, huge numbers, impossible dates, long strings, unknown
 * properties, wrong Content-Types), as the administrator, a partner and anonymous. Every answer must pass
 * answer-checks.ts: no 5xx, problem lists on 4xx, documented statuses and shapes.
 *
 * Nothing names a route: a route a later issue adds is fuzzed once it is documented, and a mounted /api
 * route no document describes fails the test. Fixed seed and bounded count (SUIVI_FUZZ_SEED and
 * SUIVI_FUZZ_RUNS change them, to explore further by hand); throttled operations (those documenting a
 * 429) get fewer runs, so the sign-in throttle and its delay do not take over the run.
 */
import { basename, dirname } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES_ROOT, generatedModuleFolders } from '../../runtime/modules/folders.ts';
import { runtimeEngines } from '../helpers/engines.ts';
import { ResponseSchemas, violations } from './answer-checks.ts';
import { FUZZING_ACCOUNT_IDS, type FuzzInstance, fuzzInstance } from './fuzz-instance.ts';
import { honoPath, type OpenApiDocument, type Operation, operationsOf } from './openapi-walk.ts';
import { probeRequests } from './probes.ts';
import { type FuzzRequest, requestArbitrary } from './request-arbitrary.ts';
import { Samples } from './samples.ts';

const SEED = Number(process.env.SUIVI_FUZZ_SEED ?? 17_2025);
const RUNS = Number(process.env.SUIVI_FUZZ_RUNS ?? 15);
const THROTTLED_RUNS = Math.min(RUNS, 6);
/** The documents, one test each: the modules first (the core's admin routes change accounts and grants). */
const DOCUMENTS = [...generatedModuleFolders(EXAMPLES_ROOT).map((f) => basename(dirname(f))), 'core'];

/** A stable seed per operation: adding an operation does not change the others' requests. */
const seedOf = (op: Operation) =>
  [...`${op.method} ${op.path}`].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) | 0, SEED);

const excerpt = (text: string, max = 300) =>
  text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;

function describeRequest(request: FuzzRequest): string {
  const body = request.body;
  const shown =
    body === undefined
      ? ''
      : body.kind === 'text'
        ? excerpt(body.text)
        : body.kind === 'bytes'
          ? `${body.bytes.length} bytes`
          : body.fields
              .map(
                ([k, v]) =>
                  `${k}=${typeof v === 'string' ? excerpt(v, 60) : `file ${excerpt(v.name, 60)} (${v.size} B)`}`,
              )
              .join(' ');
  return `${request.identity} ${request.method} ${excerpt(request.url, 200)} [${request.contentType ?? 'no content-type'}] ${shown}`;
}

describe.each(runtimeEngines())('API fuzz on $name', (engine) => {
  let instance: FuzzInstance;
  const documents = new Map<string, OpenApiDocument>();
  const schemas = new ResponseSchemas();
  const samples = new Samples(FUZZING_ACCOUNT_IDS);

  beforeAll(async () => {
    instance = await fuzzInstance(engine);
    const get = async (url: string) => (await instance.app.request(url)).json() as Promise<OpenApiDocument>;
    for (const module of instance.modules)
      documents.set(module.code, await get(`/api/modules/${module.code}/openapi.json`));
    documents.set('core', await get('/api/openapi/core.json'));
    // Real values to build requests from: every list the administrator can read without parameters.
    for (const [name, doc] of documents) {
      for (const op of operationsOf(name, doc)) {
        if (op.method !== 'GET' || op.path.includes('{') || op.path.endsWith('.csv')) continue;
        const res = await instance.send({ identity: 'admin', method: 'GET', url: op.path, headers: {} });
        if (res.status === 200 && res.contentType.includes('json'))
          samples.add(op.path, JSON.parse(res.text));
      }
    }
  });

  afterAll(async () => {
    await instance?.close();
  });

  it('has an OpenAPI operation for every mounted /api route, and a route for every operation', () => {
    const documented = [...documents].flatMap(([name, doc]) =>
      operationsOf(name, doc).map((op) => `${op.method} ${honoPath(op.path)}`),
    );
    const mounted = instance
      .routes()
      .filter((r) => r.method !== 'ALL' && (r.path === '/api' || r.path.startsWith('/api/')))
      .map((r) => `${r.method} ${r.path}`);
    expect(mounted.length).toBeGreaterThan(100);
    expect(mounted.filter((r) => !documented.includes(r))).toEqual([]);
    expect(documented.filter((r) => !mounted.includes(r))).toEqual([]);
    expect(samples.objects.length).toBeGreaterThan(100);
  });

  it('fuzzes the document of every installed module and the core one', () => {
    expect([...documents.keys()].sort()).toEqual([...DOCUMENTS].sort());
  });

  it.each(DOCUMENTS)('finds nothing in the %s document', { timeout: 180_000 }, async (name) => {
    const doc = documents.get(name);
    expect(doc, `no document ${name}`).toBeDefined();
    const failures: string[] = [];
    let requests = 0;
    // Whether the fuzz gets past the checks: operations that answered a 2xx, and answers by status class.
    const served = new Set<string>();
    const classes = new Map<string, number>();
    for (const op of operationsOf(name, doc!)) {
      const seed = seedOf(op);
      const numRuns = op.responses['429'] ? THROTTLED_RUNS : RUNS;
      const ctx = { root: doc!, samples };
      const probes = probeRequests(ctx, op, seed);
      const property = fc.asyncProperty(requestArbitrary(ctx, op), async (request) => {
        requests++;
        const answer = await instance.send(request);
        const cause = instance.takeLoggedError();
        const statusClass = `${String(answer.status)[0]}xx`;
        classes.set(statusClass, (classes.get(statusClass) ?? 0) + 1);
        if (answer.status < 300) served.add(op.operationId);
        const found = violations(op, request, answer, schemas);
        if (found.length > 0)
          throw new Error(
            `${found.map((v) => `${v.kind} (${v.detail})`).join(', ')}\n    request: ${describeRequest(request)}\n    answer: ${answer.status} ${excerpt(answer.text)}${cause ? `\n    cause: ${excerpt(cause, 600)}` : ''}`,
          );
      });
      const result = await fc.check(property, {
        seed,
        numRuns: numRuns + probes.length,
        examples: probes.map((p) => [p] as [FuzzRequest]),
        endOnFailure: true,
      });
      if (result.failed)
        failures.push(
          `${op.method} ${op.path} (seed ${seed}, path ${result.counterexamplePath}): ${result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance)}`,
        );
    }
    const operations = operationsOf(name, doc!).length;
    console.info(
      `API fuzz on ${engine.name}: ${requests} requests on the ${name} document (${[...classes].map(([c, n]) => `${n} ${c}`).join(', ')}), ${served.size} of ${operations} operations served`,
    );
    expect(classes.get('2xx')).toBeGreaterThan(0);
    expect(classes.get('4xx')).toBeGreaterThan(0);
    // A third: the core document now holds many operations on the caller's own resources (import and export
    // jobs, templates, record history) that random requests rarely name by a real id, so they answer 404.
    expect(served.size).toBeGreaterThan(operations / 3);
    expect(failures, failures.join('\n\n')).toEqual([]);
  });
});
