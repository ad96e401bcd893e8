/**
 * `POST /api/builder/drafts/:id/publish` `{ row_version, resolutions? }`: the draft becomes a module,
 * live, without a restart, one change at a time with the admin API's (`registry.change`):
 *
 *   the draft at `row_version` (409 `stale` otherwise) → its release (release.ts: 422 `invalid_spec`,
 *   409 `unchanged`, the version raised when needed) → the folder staged in the modules directory →
 *   installed (a new code) or upgraded with its plan (an installed one) through the live registry
 *   (runtime/admin/live-modules.ts, shared with the admin API: 409 `upgrade_refused` with the report,
 *   the database unchanged) → the folder swapped in and the spec written beside it → the draft records
 *   its base version (and, when the version was raised, the raised spec as a new revision).
 */
import type { Hono } from 'hono';
import { installLive, upgradeLive } from '../../runtime/admin/live-modules.ts';
import { readObject } from '../../runtime/auth/request-body.ts';
import type { BuilderContext } from './context.ts';
import { staleDraft } from './drafts-routes.ts';
import { findDraft, saveDraft, setBaseVersion } from './drafts-store.ts';
import { draftId, draftNotFound, optionalObject, positiveInteger } from './inputs.ts';
import { discardStaged, putInPlace, stageFolder } from './published-folder.ts';
import { prepareRelease, type Release } from './release.ts';
import { designerOf } from './require-designer.ts';

/** Installs (a new code) or upgrades (an installed one) the release's module, then serves it. */
async function goLive(context: BuilderContext, release: Release, actor: string) {
  if (!release.installed) {
    const { install, module } = await installLive(context, release.module, actor);
    return { action: 'install' as const, module, report: install };
  }
  const { report, module } = await upgradeLive(context, release.module, { dryRun: false, actor });
  return { action: 'upgrade' as const, module, report };
}

export function mountPublishRoute(app: Hono, context: BuilderContext): void {
  const { db, registry } = context;

  app.post('/api/builder/drafts/:id/publish', async (c) => {
    const actor = designerOf(c).id;
    const id = draftId(c.req.param('id'));
    const body = await readObject(c);
    const rowVersion = positiveInteger(body, 'row_version');
    const resolutions = optionalObject(body, 'resolutions');
    return registry.change(async () => {
      const draft = await findDraft(db, id);
      if (!draft) throw draftNotFound(id);
      if (draft.row_version !== rowVersion) throw staleDraft({ saved: false, current: draft }, id);
      const release = await prepareRelease(context, draft.spec, resolutions);
      const staged = await stageFolder(context.modulesDir, release.module);
      let outcome: Awaited<ReturnType<typeof goLive>>;
      try {
        outcome = await goLive(context, release, actor);
      } catch (error) {
        await discardStaged(staged);
        throw error;
      }
      await putInPlace(context.modulesDir, release.code, staged, release.spec);
      const version = release.protocol.version;
      let draftRowVersion = draft.row_version;
      const saved = release.versionRaised
        ? await saveDraft(db, id, release.spec, draft.row_version, actor, version)
        : undefined;
      if (saved?.saved) draftRowVersion = saved.row_version;
      else await setBaseVersion(db, id, version);
      return c.json({
        action: outcome.action,
        module: outcome.module,
        report: outcome.report,
        versionRaised: release.versionRaised,
        draft: { row_version: draftRowVersion, base_version: version },
      });
    });
  });
}
