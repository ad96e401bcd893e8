/**
 * `POST /api/modules/<code>/batch`: a client's outbox in one request (batch-body.ts, batch.ts). Mounted
 * on each module version's own app (runtime/server/module-app.ts), beside its record routes, over the
 * same record operations: the same validation, permissions and hooks. 401 for the whole request without
 * a session or token; a missing grant is the 403 of the items that need it.
 */
import type { Hono } from 'hono';
import { ROUTE_ACTIONS, type RouteOperation } from '../../generators/model/index.ts';
import { accessFor, requestSession } from '../auth/index.ts';
import { HttpError } from '../http/errors.ts';
import type { AccessScope, Actor } from '../records/access.ts';
import { readJsonBody } from '../records/json-body.ts';
import type { ModulePlan } from '../records/model/module-plan.ts';
import type { RecordOperations } from '../records/operations.ts';
import { runBatch } from './batch.ts';
import { type BatchOp, parseBatch } from './batch-body.ts';

/** The single route each batch operation stands for. */
const ROUTE_OF = { create: 'create', update: 'update', delete: 'remove' } as const satisfies Record<
  BatchOp,
  RouteOperation
>;

export function mountBatchRoute(
  app: Hono,
  module: ModulePlan,
  operationsFor: (actor: Actor, access: AccessScope) => RecordOperations,
  logError: (error: unknown, request: Request) => void,
): void {
  const code = module.protocol.code;
  // `:code` as the forms' routes: the module's app only receives its own module's requests.
  app.post('/api/modules/:code/batch', async (c) => {
    const { account, actor, grants } = requestSession(c);
    if (!account) throw new HttpError(401, 'unauthorized', 'Vous n’êtes pas connecté.');
    const access = accessFor(actor, grants);
    const items = parseBatch(module, await readJsonBody(c));
    const outcome = await runBatch({
      module,
      items,
      operations: operationsFor(actor, access),
      allow: (op) => void access.require(code, ROUTE_ACTIONS[ROUTE_OF[op]]),
      logError: (error) => logError(error, c.req.raw),
    });
    return c.json(outcome);
  });
}
