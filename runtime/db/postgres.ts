/**
 * A real PostgreSQL (>= 15, with PostGIS >= 3.3) through a pg Pool. Type parsers are the pool's own (not
 * pg's global registry), so other pg users in the process keep their defaults.
 */
import pg from 'pg';
import type { Database, Queryable, QueryResult } from './database.ts';
import { ARRAY_ELEMENTS, SCALAR_PARSERS, type ValueParser } from './value-parsers.ts';

type Client = Pick<pg.PoolClient, 'query'>;

// pg's own text[] parser handles quoting, escapes and NULL; each element then goes through its scalar parser.
const getTypeParser = pg.types.getTypeParser as (oid: number, format?: 'text' | 'binary') => ValueParser;
const textArray = getTypeParser(1009, 'text') as (text: string) => (string | null)[];
const arrayOf =
  (element: ValueParser): ValueParser =>
  (text) =>
    textArray(text).map((v) => (v === null ? null : element(v)));

const PARSERS: Readonly<Record<number, ValueParser>> = {
  ...SCALAR_PARSERS,
  ...Object.fromEntries(
    Object.entries(ARRAY_ELEMENTS).map(([array, element]) => [array, arrayOf(SCALAR_PARSERS[element]!)]),
  ),
};

const types = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    PARSERS[oid] ?? getTypeParser(oid, format ?? 'text'),
} as pg.CustomTypesConfig;

function queryable(client: Client): Queryable {
  return {
    async query<Row>(text: string, params: readonly unknown[] = []): Promise<QueryResult<Row>> {
      const result = await client.query(text, [...params]);
      return { rows: result.rows as Row[], rowCount: result.rowCount ?? result.rows.length };
    },
    async exec(script: string): Promise<void> {
      // No parameters: pg sends the simple query protocol, which runs several statements.
      await client.query(script);
    },
  };
}

export async function openPostgres(url: string, options: { readonly max?: number } = {}): Promise<Database> {
  // Sessions in UTC like PGlite, so ::date casts and date arithmetic agree between engines.
  const pool = new pg.Pool({
    connectionString: url,
    types,
    max: options.max ?? 10,
    options: '-c TimeZone=UTC',
  });
  let closed = false;
  // An idle client losing its connection must not crash the process; the next query reconnects. After
  // close, the server ending connections is expected news.
  pool.on('error', (error) => {
    if (!closed) console.error(`PostgreSQL connection error: ${error.message}`);
  });
  try {
    await ensurePostgis(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return {
    engine: 'postgres',
    ...queryable(pool),
    async transaction(work) {
      const client = await pool.connect();
      // A client whose ROLLBACK failed is in an unknown state: it leaves the pool instead of going back.
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await work(queryable(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((e: Error) => {
          broken = e;
        });
        throw error;
      } finally {
        client.release(broken);
      }
    },
    async close() {
      closed = true;
      await pool.end();
    },
  };
}

/** Creating the extension needs a superuser (or a trusted setup); say so instead of failing later. */
async function ensurePostgis(pool: pg.Pool): Promise<void> {
  const found = await pool.query("SELECT 1 FROM pg_extension WHERE extname = 'postgis'");
  if (found.rowCount) return;
  try {
    await pool.query('CREATE EXTENSION IF NOT EXISTS postgis');
  } catch (error) {
    throw new Error(
      `PostGIS is not installed in this database and could not be created (${(error as Error).message}). ` +
        'Ask a superuser to run CREATE EXTENSION postgis in it.',
    );
  }
}
