/** What the database commands share: open (PGlite data dir or DATABASE_URL), migrate, run, close, report. */
import type { Database } from '../../runtime/db/database.ts';
import { migrate } from '../../runtime/db/migrate.ts';
import { describeDatabase, openDatabase } from '../../runtime/db/open.ts';

export interface Output {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

export interface DatabaseCommandOptions {
  /** PGlite data directory; ignored when a PostgreSQL URL is given. */
  readonly dataDir: string;
  /** postgres://… (the CLI passes DATABASE_URL); PGlite in `dataDir` without it. */
  readonly databaseUrl?: string;
  readonly stdout: Output;
  readonly stderr: Output;
}

/** Runs `work` on a migrated database; returns the exit code. Known errors print as one line, no stack. */
export async function withDatabase(
  options: DatabaseCommandOptions,
  work: (db: Database) => Promise<void>,
): Promise<number> {
  let db: Database | undefined;
  try {
    // '' and not undefined, which openDatabase would replace with the environment's DATABASE_URL: the
    // caller decides (bin.mjs passes DATABASE_URL, an in-process test its own scratch database).
    const where = { dataDir: options.dataDir, url: options.databaseUrl ?? '' };
    db = await openDatabase(where);
    options.stderr.write(`database: ${describeDatabase(where)}\n`);
    await migrate(db);
    await work(db);
    return 0;
  } catch (error) {
    options.stderr.write(`${(error as Error).message}\n`);
    return 1;
  } finally {
    await db?.close();
  }
}
