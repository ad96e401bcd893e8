/**
 * Publishing from the builder on PGlite and PostgreSQL, as the acceptance scenario has it: a new
 * protocol published is served at once (a partner enters a site, a visit and an observation, no
 * restart); the draft edited (a field added, one renamed, the version left as it was) is published
 * again: the builder raises the version, upgrades live, and the partner's observation keeps its value
 * under the new key. A plan with a data check shows the rows it finds (dry run); publishing it is
 * refused with the report and changes nothing. The installed folder downloads as a zip that verifies.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, signIn } from '../../runtime/auth/auth.test-helpers.ts';
import { verifiedModuleFolder } from '../../runtime/modules/module-folder.ts';
import { runtimeEngines } from '../../test/helpers/engines.ts';
import { type BuilderApp, builderApp, TEST_CODE, testSpec } from './builder.test-helpers.ts';

const as = <T>(json: unknown) => json as T;
const MODULE = `/api/modules/${TEST_CODE}`;

interface StepReport {
  readonly id: string;
  readonly class: string;
  readonly rows?: number;
  readonly ok: boolean;
}

describe.each(runtimeEngines())('publishing from the builder on $name', (engine) => {
  let built: BuilderApp;
  let app: Hono;
  let admin: Caller;
  let partner: Caller;
  let draftId: string;
  let observationId: string;

  beforeAll(async () => {
    built = await builderApp(engine);
    app = built.app;
    admin = await signIn(app, 'admin');
    partner = await signIn(app, 'partenaire.cen');
  });
  afterAll(async () => built?.close());

  const publish = (rowVersion: number, extra: object = {}) =>
    admin.call('POST', `/api/builder/drafts/${draftId}/publish`, { row_version: rowVersion, ...extra });
  const draft = async () => (await admin.call('GET', `/api/builder/drafts/${draftId}`)).json;
  const installedVersion = async () =>
    (
      await built.db.query<{ spec_version: number }>(
        'SELECT spec_version FROM suivi.module WHERE code = $1',
        [TEST_CODE],
      )
    ).rows[0]?.spec_version;

  it('publishes a new protocol: installed, served at once, its folder and spec in the modules directory', async () => {
    const created = await admin.call('POST', '/api/builder/drafts', { from: 'spec', spec: testSpec() });
    draftId = created.json.id as string;
    expect((await publish(1, { resolutions: [] })).status).toBe(422);
    const res = await publish(1);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json).toMatchObject({
      action: 'install',
      module: { code: TEST_CODE, version: 1 },
      report: { code: TEST_CODE, version: 1, status: 'installed' },
      versionRaised: null,
      draft: { row_version: 1, base_version: 1 },
    });
    expect(await draft()).toMatchObject({ base_version: 1, row_version: 1 });
    const folder = join(built.modulesDir, TEST_CODE);
    expect(
      JSON.parse(readFileSync(join(folder, 'generated', 'manifest.json'), 'utf8')).protocol,
    ).toMatchObject({
      code: TEST_CODE,
      version: 1,
    });
    expect(JSON.parse(readFileSync(join(folder, 'protocol.json'), 'utf8'))).toEqual(testSpec());
    const listed = await partner.call('GET', '/api/modules');
    expect(as<{ modules: { code: string }[] }>(listed.json).modules.map((m) => m.code)).toContain(TEST_CODE);
  });

  it('serves the new module to a partner right away: a site, a visit, an observation', async () => {
    const taxon = await built.db.query<{ cd_nom: number }>(
      'SELECT cd_nom FROM ref.taxon ORDER BY cd_nom LIMIT 1',
    );
    const site = await partner.call('POST', `${MODULE}/site`, {
      site_name: 'Mare du Grand Pré',
      geometry: { type: 'Point', coordinates: [5.21, 45.87] },
    });
    expect(site.status, JSON.stringify(site.json)).toBe(201);
    const visit = await partner.call('POST', `${MODULE}/visit`, {
      site_id: site.json.id,
      visit_date: '2026-04-02',
      observers: [{ name: 'Camille Martin' }],
    });
    expect(visit.status, JSON.stringify(visit.json)).toBe(201);
    const observation = await partner.call('POST', `${MODULE}/observation`, {
      visit_id: visit.json.id,
      cd_nom: taxon.rows[0]?.cd_nom,
      count: 0,
      why_none: 'Mare gelée',
    });
    expect(observation.status, JSON.stringify(observation.json)).toBe(201);
    observationId = observation.json.id as string;
    // The rule of the preview holds on the server too: a count above 0 hides (and clears) why_none.
    const counted = await partner.call('POST', `${MODULE}/observation`, {
      visit_id: visit.json.id,
      cd_nom: taxon.rows[0]?.cd_nom,
      count: 3,
      why_none: 'ignored',
    });
    expect(counted.status).toBe(201);
    expect(counted.json.why_none).toBeNull();
  });

  it('publishes an edit (a field added, one renamed) as an upgrade, the version raised; the data kept', async () => {
    const edited = testSpec({ renamed: true, added: true });
    const saved = await admin.call('PUT', `/api/builder/drafts/${draftId}`, { spec: edited, row_version: 1 });
    expect(saved.status).toBe(200);
    const diff = await admin.call('POST', '/api/builder/diff', { spec: edited });
    const kinds = as<{ diff: { changes: { kind: string }[] } }>(diff.json).diff.changes.map((c) => c.kind);
    expect(kinds).toEqual(expect.arrayContaining(['field_renamed', 'field_added']));
    const plan = await admin.call('POST', '/api/builder/plan', { spec: edited });
    expect(plan.json).toMatchObject({ installed: 1, version: 2, versionRaised: { from: 1, to: 2 } });
    expect(plan.json.dryRun).toMatchObject({ status: 'dry_run', from: 1, to: 2 });
    expect(await installedVersion()).toBe(1);

    const res = await publish(2);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json).toMatchObject({
      action: 'upgrade',
      module: { code: TEST_CODE, version: 2 },
      report: { status: 'upgraded', from: 1, to: 2 },
      versionRaised: { from: 1, to: 2 },
      draft: { row_version: 3, base_version: 2 },
    });
    // The draft holds the raised version, as a new revision.
    expect(await draft()).toMatchObject({ row_version: 3, base_version: 2, spec: { version: 2 } });
    const observation = await partner.call('GET', `${MODULE}/observation/${observationId}`);
    expect(observation.status).toBe(200);
    expect(observation.json).toMatchObject({ individuals: 0, why_none: 'Mare gelée', remark: null });
    expect(observation.json).not.toHaveProperty('count');
    expect(JSON.parse(readFileSync(join(built.modulesDir, TEST_CODE, 'protocol.json'), 'utf8')).version).toBe(
      2,
    );
    const again = await publish(3);
    expect(again.status).toBe(409);
    expect(again.json[0]).toMatchObject({ code: 'unchanged' });
    expect((await publish(1)).json[0]).toMatchObject({ code: 'stale', current_row_version: 3 });
  });

  it('plans a data check with its rows; publishing it is refused with the report and changes nothing', async () => {
    const strict = testSpec({ version: 2, renamed: true, added: true });
    const count = (strict.levels[2] as { fields: Record<string, unknown>[] }).fields[1] as Record<
      string,
      unknown
    >;
    count.min = 1;
    const plan = await admin.call('POST', '/api/builder/plan', { spec: strict });
    expect(plan.status, JSON.stringify(plan.json)).toBe(200);
    const steps = as<{ dryRun: { steps: StepReport[] } }>(plan.json).dryRun.steps;
    const check = steps.find((s) => s.rows !== undefined && s.rows > 0);
    expect(check).toMatchObject({ class: 'data_dependent', rows: 1, ok: false });
    expect(plan.json.plan).toMatchObject({ from: 2, to: 3 });

    await admin.call('PUT', `/api/builder/drafts/${draftId}`, { spec: strict, row_version: 3 });
    const manifest = () =>
      readFileSync(join(built.modulesDir, TEST_CODE, 'generated', 'manifest.json'), 'utf8');
    const before = manifest();
    const refused = await publish(4);
    expect(refused.status).toBe(409);
    expect(refused.json[0]).toMatchObject({
      code: 'upgrade_refused',
      report: { status: 'refused', from: 2, to: 3 },
    });
    expect(await installedVersion()).toBe(2);
    expect(manifest()).toBe(before);
    expect(readdirSync(join(built.modulesDir, TEST_CODE)).sort()).toEqual(['generated', 'protocol.json']);
    expect((await draft()).base_version).toBe(2);
    const observation = await partner.call('GET', `${MODULE}/observation/${observationId}`);
    expect(observation.json).toMatchObject({ individuals: 0 });
  });

  it('downloads the installed folder as a zip that verifies against its manifest', async () => {
    const res = await app.request(`/api/builder/modules/${TEST_CODE}/folder.zip`, { headers: admin.headers });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${TEST_CODE}-v2.zip"`);
    const entries = unzipSync(new Uint8Array(await res.arrayBuffer()));
    expect(Object.keys(entries)).toContain('manifest.json');
    const text = (path: string) => (entries[path] ? strFromU8(entries[path]) : undefined);
    const folder = await verifiedModuleFolder(
      'zip',
      text('manifest.json') ?? '',
      async (p) => text(p),
      () => '',
    );
    expect(folder.manifest.protocol).toMatchObject({ code: TEST_CODE, version: 2 });
    expect([...folder.files.keys()].some((p) => p.startsWith('migrations/'))).toBe(true);
    expect((await admin.call('GET', '/api/builder/modules/absent/folder.zip')).status).toBe(404);
    expect(existsSync(join(built.modulesDir, TEST_CODE, 'generated', 'migrations'))).toBe(true);
    expect(built.logged).toEqual([]);
  });
});
