/**
 * A Kysely expression (an access predicate, a filter) compiled on its own, as PostgreSQL would get it:
 * its text and its bound parameters. No database: the dummy driver never runs anything.
 */
import {
  DummyDriver,
  type Expression,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  sql,
} from 'kysely';

const compiler = new Kysely<unknown>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createQueryCompiler: () => new PostgresQueryCompiler(),
    createIntrospector: (db) => new PostgresIntrospector(db),
  },
});

export interface CompiledFragment {
  readonly sql: string;
  readonly values: readonly unknown[];
}

/** `expression`'s SQL text and parameters; undefined stays undefined (no predicate). */
export function compileFragment(expression: Expression<unknown> | undefined): CompiledFragment | undefined {
  if (expression === undefined) return undefined;
  const compiled = sql`${expression}`.compile(compiler);
  return { sql: compiled.sql, values: compiled.parameters };
}
