/**
 * `GET /api/builder/protocols`: what the protocols page lists: the installed modules (version, label,
 * whether an upgrade waits), the drafts, and the examples a draft may start from.
 */
import type { Hono } from 'hono';
import { installedModules } from '../../runtime/admin/modules-store.ts';
import type { BuilderContext } from './context.ts';
import { listDrafts } from './drafts-store.ts';
import { listExamples } from './examples.ts';

export function mountProtocolsRoute(app: Hono, context: BuilderContext): void {
  const { db, registry } = context;
  app.get('/api/builder/protocols', async (c) => {
    const installed = (await installedModules(db)).map((m) => ({
      code: m.code,
      version: m.version,
      label: registry.runtime(m.code)?.label ?? { fr: m.label },
      pendingUpgrade: registry.pendingOf(m.code)?.kind === 'upgrade',
    }));
    return c.json({ installed, drafts: await listDrafts(db), examples: listExamples(context.examplesRoot) });
  });
}
