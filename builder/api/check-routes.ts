/**
 * What the editor asks as the designer types, none of which writes anything: validate (diagnostics
 * located in the pretty-printed JSON), preview (forms per level, dictionary, SQL, OpenAPI), diff (the
 * changes from the installed version) and plan (the migration plan from it, dry-run on the live
 * database: rows each data-dependent step would refuse, with a sample).
 */
import type { Hono } from 'hono';
import { readObject } from '../../runtime/auth/request-body.ts';
import type { BuilderContext } from './context.ts';
import { specCode } from './drafts-store.ts';
import { optionalObject, specField } from './inputs.ts';
import { installedProtocol } from './installed.ts';
import { previewOf } from './preview.ts';
import { compiledSpec, diffWithInstalled, prepareRelease } from './release.ts';
import { checkSpec } from './spec-check.ts';

export function mountCheckRoutes(app: Hono, context: BuilderContext): void {
  const { db } = context;

  app.post('/api/builder/validate', async (c) => {
    const spec = specField(await readObject(c));
    const { ok, diagnostics } = checkSpec(spec, await installedProtocol(db, specCode(spec)));
    return c.json({ ok, diagnostics });
  });

  app.post('/api/builder/preview', async (c) => {
    const spec = specField(await readObject(c));
    return c.json(await previewOf(spec, await installedProtocol(db, specCode(spec))));
  });

  app.post('/api/builder/diff', async (c) => {
    const spec = specField(await readObject(c));
    const installed = await installedProtocol(db, specCode(spec));
    const { diff } = diffWithInstalled(compiledSpec(spec, installed), installed);
    return c.json({ installed: installed?.version ?? null, diff });
  });

  app.post('/api/builder/plan', async (c) => {
    const body = await readObject(c);
    const spec = specField(body);
    const release = await prepareRelease(context, spec, optionalObject(body, 'resolutions'));
    const upgrade = context.upgradeModule;
    const dryRun = release.installed && upgrade ? await upgrade(db, release.module, { dryRun: true }) : null;
    return c.json({
      installed: release.installed?.version ?? null,
      version: release.protocol.version,
      versionRaised: release.versionRaised,
      plan: release.plan,
      dryRun,
    });
  });
}
