/**
 * Migrate bench (issue 10): a module holding 1M observations on PostgreSQL, upgraded one change at a time
 * with upgradeModule, each change timed beside its target: a label (metadata only), an added optional
 * column, a rename (a field key changed under its id) under 1 s whatever the row count; a tightened bound
 * whose check scans every row and passes, under 10 s; and the same kind of bound when rows violate it,
 * refused and rolled back.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:migrate
 *
 * It creates a fresh database `suivi_bench_migrate` (PostGIS), dropped at the end unless KEEP=1. Without
 * DATABASE_URL it says why and exits 0: the figures are about PostgreSQL. Env: BENCH_OBSERVATIONS
 * (default 1 000 000), BENCH_VISITS (100 000), BENCH_SITES (10 000).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import type { GeneratedFile } from '../generators/core/generated-file.ts';
import { MIGRATIONS_FOLDER } from '../generators/migrations/index.ts';
import { generateModule } from '../generators/module.ts';
import { compileProtocol, type ResolvedProtocol } from '../protocol-specs/index.ts';
import type { Database } from '../runtime/db/database.ts';
import { migrate } from '../runtime/db/migrate.ts';
import { openPostgres } from '../runtime/db/postgres.ts';
import { installModule } from '../runtime/modules/install.ts';
import { ModuleUpgradeError, type UpgradeReport, upgradeModule } from '../runtime/modules/upgrade.ts';
import { benchSpec, CODE, loadVolume, type Spec, type Volumes } from './migrate/protocol.ts';

const DATABASE = 'suivi_bench_migrate';

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a positive integer, got ${raw}`);
  return value;
}

const url = process.env.DATABASE_URL;
if (!url) {
  console.log(
    'bench:migrate measures upgrades of a module holding 1M rows on PostgreSQL: DATABASE_URL is not set, nothing to do.\n' +
      'Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:migrate',
  );
  process.exit(0);
}
const volumes: Volumes = {
  sites: intEnv('BENCH_SITES', 10_000),
  visits: intEnv('BENCH_VISITS', 100_000),
  observations: intEnv('BENCH_OBSERVATIONS', 1_000_000),
};

/** The module folder, generated version after version over itself as `suivi generate` does. */
class Folder {
  private files: GeneratedFile[] = [];
  private protocol: ResolvedProtocol | undefined;
  constructor(readonly path: string) {}

  async generate(spec: Spec): Promise<void> {
    const compiled = compileProtocol(spec);
    if (!compiled.ok)
      throw new Error(
        `the bench spec v${spec.version} does not compile: ${JSON.stringify(compiled.diagnostics)}`,
      );
    const prefix = `${MIGRATIONS_FOLDER}/`;
    const previous = this.protocol && {
      protocol: this.protocol,
      migrations: this.files
        .filter((f) => f.path.startsWith(prefix))
        .map((f) => ({ path: f.path.slice(prefix.length), contents: f.contents })),
      resolutions: {},
    };
    this.files = await generateModule(compiled.protocol, {
      specPath: 'bench/migrate/protocol.ts',
      ...(previous ? { previous } : {}),
    });
    this.protocol = compiled.protocol;
    await rm(this.path, { recursive: true, force: true });
    for (const file of this.files) {
      await mkdir(dirname(join(this.path, file.path)), { recursive: true });
      await writeFile(join(this.path, file.path), file.contents);
    }
  }
}

async function openTarget(base: string): Promise<{ db: Database; label: string; drop(): Promise<void> }> {
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query('SET client_min_messages = warning');
  await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DATABASE}`);
  const target = new URL(base);
  target.pathname = `/${DATABASE}`;
  const db = await openPostgres(target.toString());
  const version = (await db.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0];
  return {
    db,
    label: `PostgreSQL ${version?.v}`,
    async drop() {
      await db.close();
      if (process.env.KEEP === '1') console.log(`KEEP=1: database ${DATABASE} kept.`);
      else await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
      await admin.end();
    },
  };
}

const next = (spec: Spec, edit: (s: Spec) => void): Spec => {
  const copy = structuredClone(spec);
  copy.version += 1;
  edit(copy);
  return copy;
};
const observation = (s: Spec) => s.levels[2];
const field = (s: Spec, key: string) => observation(s).fields.find((f: Spec) => f.key === key);

interface Measure {
  readonly label: string;
  readonly targetMs: number;
  /** The upgrade must be refused (a check finds rows): timed until the rollback is done. */
  readonly refused?: boolean;
  readonly edit: (s: Spec) => void;
}

const MEASURES: readonly Measure[] = [
  {
    label: 'metadata only (a label)',
    targetMs: 1000,
    edit: (s) => (field(s, 'count').label = { fr: 'Nombre d’individus', en: 'Number of individuals' }),
  },
  {
    label: 'additive (an optional column)',
    targetMs: 1000,
    edit: (s) =>
      observation(s).fields.push({
        id: 'observation.remark',
        kind: 'text',
        key: 'remark',
        label: { fr: 'Remarque', en: 'Remark' },
      }),
  },
  {
    label: 'rename (behaviour → activity, same id)',
    targetMs: 1000,
    edit: (s) => (field(s, 'behaviour').key = 'activity'),
  },
  {
    label: 'tightened bound, check passes (max 5 000)',
    targetMs: 10_000,
    edit: (s) => (field(s, 'count').max = 5000),
  },
  {
    label: 'tightened bound, rows violate it (max 100)',
    targetMs: 10_000,
    refused: true,
    edit: (s) => (field(s, 'count').max = 100),
  },
];

const seconds = (t: number) => `${(t / 1000).toFixed(1)} s`;
const started = performance.now();
const target = await openTarget(url);
const dir = await mkdtemp(join(tmpdir(), 'suivi-bench-migrate-'));
const { db } = target;
try {
  console.log(`${target.label}; volumes: ${JSON.stringify(volumes)}`);
  let t = performance.now();
  await migrate(db);
  const folder = new Folder(join(dir, 'generated'));
  let spec = benchSpec();
  await folder.generate(spec);
  await installModule(db, folder.path);
  console.log(
    `migrate and install ${CODE}: ${seconds(performance.now() - t)}\nload (INSERT … SELECT generate_series):`,
  );
  t = performance.now();
  await db.transaction((tx) => loadVolume(tx, volumes, console.log));
  await db.exec('VACUUM ANALYZE');
  console.log(`  total with VACUUM ANALYZE  ${seconds(performance.now() - t).padStart(8)}`);
  const rows =
    (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${CODE}.observation`)).rows[0]?.n ?? 0;

  console.log(`\nupgradeModule, one change per version (${rows.toLocaleString('en-US')} observations):`);
  const missed: string[] = [];
  for (const measure of MEASURES) {
    const edited = next(spec, measure.edit);
    await folder.generate(edited);
    t = performance.now();
    let report: UpgradeReport;
    try {
      report = await upgradeModule(db, folder.path);
    } catch (error) {
      if (!(error instanceof ModuleUpgradeError)) throw error;
      report = error.report;
    }
    const elapsed = performance.now() - t;
    const expected = measure.refused ? 'refused' : 'upgraded';
    if (report.status !== expected)
      throw new Error(
        `${measure.label}: ${report.status}, expected ${expected}: ${JSON.stringify(report.steps.filter((s) => !s.ok))}`,
      );
    const failing = report.steps.find((s) => !s.ok);
    const checked = report.steps.filter((s) => s.rows !== undefined).length;
    const ok = elapsed < measure.targetMs;
    if (!ok) missed.push(measure.label);
    console.log(
      `  v${spec.version}→v${edited.version} ${measure.label.padEnd(44)} ${elapsed.toFixed(0).padStart(6)} ms  target < ${measure.targetMs} ms: ${ok ? 'ok' : 'OVER'}  (${report.status}, ${report.steps.length} steps, ${checked} checked${failing ? `; ${failing.id}: ${failing.rows?.toLocaleString('en-US')} rows refused` : ''})`,
    );
    if (!measure.refused) spec = edited;
    else break;
  }
  const after = (
    await db.query<{ n: number; max: number }>(
      `SELECT count(*)::int AS n, max(count)::int AS max FROM ${CODE}.observation`,
    )
  ).rows[0];
  console.log(
    `\nafter: ${after?.n.toLocaleString('en-US')} observations, max count ${after?.max}; the refused upgrade left version ${spec.version} installed.`,
  );
  console.log(
    `total ${seconds(performance.now() - started)}${missed.length > 0 ? `; over target: ${missed.join(', ')}` : '; every target met'}`,
  );
} finally {
  await target.drop();
  await rm(dir, { recursive: true, force: true });
}
