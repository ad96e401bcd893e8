/**
 * A PostgreSQL test database as `pg_dump` prints it: its whole schema (`--schema-only`) and every row
 * (`--data-only`), nothing excluded, to show that a refused upgrade left it exactly as it was, byte for
 * byte, beyond what the catalog queries of schema-snapshot.ts look at. Only the `\restrict` /
 * `\unrestrict` lines recent pg_dump versions write are left out: they carry a random key per run, not
 * database content.
 *
 * pg_dump is looked for where Debian's PostgreSQL 15 puts it, then on PATH; `pgDumpTool()` says why
 * when there is none (CI installs PostgreSQL 15 with it).
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import type { Database } from '../../runtime/db/database.ts';

const run = promisify(execFile);
const CANDIDATES = ['/usr/lib/postgresql/15/bin/pg_dump', 'pg_dump'];

export interface PgDumpTool {
  readonly binary: string;
  /** Schema then data of the database `db` is connected to, on the server of `serverUrl`. */
  dump(db: Database, serverUrl: string): Promise<string>;
}

export function pgDumpTool(): PgDumpTool | { readonly missing: string } {
  const binary = CANDIDATES.find((c) => {
    if (c.includes('/') && !existsSync(c)) return false;
    try {
      execFileSync(c, ['--version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  });
  if (!binary) return { missing: `no pg_dump (looked for ${CANDIDATES.join(', ')})` };
  return {
    binary,
    async dump(db, serverUrl) {
      const name = (await db.query<{ name: string }>('SELECT current_database() AS name')).rows[0]?.name;
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      const parts: string[] = [];
      for (const mode of ['--schema-only', '--data-only']) {
        const { stdout } = await run(binary, [mode, '--no-password', url.toString()], {
          maxBuffer: 256 * 1024 * 1024,
        });
        parts.push(stdout.replace(/^\\(un)?restrict .*$/gm, ''));
      }
      return parts.join('\n');
    },
  };
}
