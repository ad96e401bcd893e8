/**
 * Where prepared test databases are kept, per engine, and how a test file gets its own copy:
 * - PGlite: a `dumpDataDir` tarball per template in the temporary folder, restored with `loadDataDir`;
 * - PostgreSQL: a database per template on the DATABASE_URL server, cloned with `CREATE DATABASE … TEMPLATE`.
 * Both are keyed by the content hash of what built them (database-templates.ts), so a template built from
 * older migrations or modules is never used again. A template is written under a temporary name and then
 * renamed, so a reader never sees a half-built one, and two processes building the same one both succeed.
 */
import {
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type Database, ident } from '../../runtime/db/database.ts';
import { IN_MEMORY, openPGlite } from '../../runtime/db/pglite.ts';
import { pgliteTemplate } from '../../runtime/db/pglite-template.ts';
import { openPostgres } from '../../runtime/db/postgres.ts';

/** A database being prepared as a template. */
export interface Working {
  readonly db: Database;
  /** Keeps it as the template (and closes it). */
  keep(): Promise<void>;
  /** Keeps it as the template and goes on preparing template `name` from it (PGlite: same instance). */
  next(name: string): Promise<Working>;
  /** Throws it away (and closes it). */
  discard(): Promise<void>;
}

export interface TemplateStore {
  has(name: string): Promise<boolean>;
  /** A database to prepare template `name` in: a copy of template `from`, or empty with PostGIS. */
  create(name: string, from?: string): Promise<Working>;
  /** A copy of template `name` for one test file, or an empty database with PostGIS; gone on close. */
  open(name?: string): Promise<Database>;
  /** Removes the templates of other content hashes that nobody used for `days` days. */
  prune(days: number): Promise<void>;
}

const random = () => Math.random().toString(36).slice(2, 10);

// ---------------------------------------------------------------------------------------------- PGlite

const PGLITE_ROOT = () => join(tmpdir(), 'suivi-test-databases');

export interface PGliteStore extends TemplateStore {
  /** The template's tarball (`loadDataDir`), or the empty PostGIS one. */
  dump(name?: string): Promise<Blob>;
}

export function pgliteStore(hash: string): PGliteStore {
  const dir = join(PGLITE_ROOT(), hash);
  const file = (name: string) => join(dir, `${name}.tgz`);
  const dump = async (name?: string) => (name ? new Blob([readFileSync(file(name))]) : pgliteTemplate());
  const restore = async (name?: string) => openPGlite({ dataDir: IN_MEMORY, loadDataDir: await dump(name) });
  return {
    dump,
    async has(name) {
      return existsSync(file(name));
    },
    async create(name, from) {
      const working = (db: Awaited<ReturnType<typeof restore>>, name: string): Working => {
        const save = async () => {
          const tarball = await db.pglite.dumpDataDir('gzip');
          mkdirSync(dir, { recursive: true });
          const partial = `${file(name)}.${process.pid}.${random()}`;
          writeFileSync(partial, new Uint8Array(await tarball.arrayBuffer()));
          renameSync(partial, file(name));
        };
        return {
          db,
          async keep() {
            await save();
            await db.close();
          },
          async next(next) {
            await save();
            return working(db, next);
          },
          discard: () => db.close(),
        };
      };
      return working(await restore(from), name);
    },
    open: restore,
    async prune(days) {
      // Other worktrees on this machine share the folder: only hashes unused for days go.
      mkdirSync(dir, { recursive: true });
      const now = new Date();
      utimesSync(dir, now, now);
      for (const entry of await readdir(PGLITE_ROOT())) {
        const path = join(PGLITE_ROOT(), entry);
        if (entry !== hash && now.getTime() - statSync(path).mtimeMs > days * 86_400_000)
          rmSync(path, { recursive: true, force: true });
      }
    },
  };
}

// ------------------------------------------------------------------------------------------ PostgreSQL

/** Runs `work` with a connection to the server's maintenance database (the one DATABASE_URL names). */
async function withAdmin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SET client_min_messages = warning');
    return await work(client);
  } finally {
    await client.end();
  }
}

const withDatabase = (url: string, name: string): string => {
  const target = new URL(url);
  target.pathname = `/${name}`;
  return target.toString();
};

/** CREATE DATABASE, retried while the template is briefly busy (another process still closing on it). */
async function createDatabase(client: pg.Client, name: string, template: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await client.query(`CREATE DATABASE ${ident(name)} TEMPLATE ${ident(template)}`);
      return;
    } catch (error) {
      const busy = (error as { code?: string }).code === '55006';
      if (!busy || attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

async function dropDatabase(client: pg.Client, name: string): Promise<void> {
  await client.query(`DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`);
}

export interface PostgresStore extends TemplateStore {
  /** A new database copied from the template (or empty with PostGIS), for a process of its own to open. */
  copy(name?: string): Promise<{ readonly url: string; drop(): Promise<void> }>;
}

export function postgresStore(url: string, hash: string): PostgresStore {
  // Templates are per test database (one per worktree here), so runs against other databases never drop them.
  const base = decodeURIComponent(new URL(url).pathname.slice(1) || 'postgres')
    .replace(/[^a-z0-9_]/gi, '_')
    .slice(0, 24)
    .toLowerCase();
  const prefix = `${base}_t_`;
  const templateName = (name: string) => `${prefix}${hash.slice(0, 12)}_${name.replaceAll('-', '_')}`;
  const EMPTY = templateName('postgis');

  /** The empty PostGIS database that every template and `open()` starts from. */
  async function ensureEmpty(client: pg.Client): Promise<void> {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [EMPTY]);
    if (found.rowCount) return;
    const partial = `${EMPTY.slice(0, 50)}_${random()}`;
    await client.query(`CREATE DATABASE ${ident(partial)}`);
    try {
      await (await openPostgres(withDatabase(url, partial), { max: 1 })).close();
    } catch (error) {
      await dropDatabase(client, partial);
      throw error;
    }
    await settle(client, partial, EMPTY);
  }

  /** Renames a prepared database to its template name, unless another process got there first. */
  async function settle(client: pg.Client, partial: string, name: string): Promise<void> {
    try {
      await client.query(`ALTER DATABASE ${ident(partial)} RENAME TO ${ident(name)}`);
      // No one connects to a template by mistake (a connection would block every copy).
      await client.query(`ALTER DATABASE ${ident(name)} ALLOW_CONNECTIONS false`);
    } catch (error) {
      await dropDatabase(client, partial);
      if ((error as { code?: string }).code !== '42P04') throw error;
    }
  }

  /** A new database copied from `template`, named `name`. */
  async function clone(template: string, name = `suivi_rt_${process.pid}_${random()}`) {
    await withAdmin(url, async (client) => {
      if (template === EMPTY) await ensureEmpty(client);
      await createDatabase(client, name, template);
    });
    return { name, url: withDatabase(url, name), drop: () => withAdmin(url, (c) => dropDatabase(c, name)) };
  }

  /** `clone`, opened. */
  async function copy(template: string, name?: string) {
    const copied = await clone(template, name);
    try {
      return { name: copied.name, db: await openPostgres(copied.url) };
    } catch (error) {
      await copied.drop();
      throw error;
    }
  }

  const droppedOnClose = ({ name, db }: { name: string; db: Database }): Database => ({
    ...db,
    async close() {
      await db.close();
      await withAdmin(url, (client) => dropDatabase(client, name));
    },
  });

  const store: PostgresStore = {
    copy: (name) => clone(name ? templateName(name) : EMPTY),
    async has(name) {
      return withAdmin(url, async (client) =>
        Boolean(
          (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [templateName(name)])).rowCount,
        ),
      );
    },
    async create(name, from) {
      const partial = `${templateName(name).slice(0, 50)}_${random()}`;
      const { db } = await copy(from ? templateName(from) : EMPTY, partial);
      const keep = async () => {
        await db.close();
        await withAdmin(url, (client) => settle(client, partial, templateName(name)));
      };
      return {
        db,
        keep,
        async next(next) {
          await keep();
          return store.create(next, name);
        },
        async discard() {
          await db.close();
          await withAdmin(url, (client) => dropDatabase(client, partial));
        },
      };
    },
    async open(name) {
      return droppedOnClose(await copy(name ? templateName(name) : EMPTY));
    },
    async prune() {
      // Only this test database's templates: another hash here is a stale build of this same worktree.
      await withAdmin(url, async (client) => {
        const { rows } = await client.query<{ datname: string }>(
          'SELECT datname FROM pg_database WHERE starts_with(datname, $1) AND NOT starts_with(datname, $2)',
          [prefix, `${prefix}${hash.slice(0, 12)}_`],
        );
        for (const { datname } of rows) await dropDatabase(client, datname);
      });
    },
  };
  return store;
}
