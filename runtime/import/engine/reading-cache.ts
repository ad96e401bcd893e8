/**
 * The batch path's reads while it validates a batch: each distinct SELECT (text and parameters) asked
 * once, its rows handed out as copies (the readers complete the rows they get). Nothing is written
 * while a batch is validated, so every answer is what the statement would have read again.
 */
import type { Queryable, QueryResult } from '../../db/database.ts';

const READ = /^\s*select\b/i;

export function readingCache(db: Queryable): Queryable {
  const answers = new Map<string, QueryResult<unknown>>();
  return {
    async query<Row>(text: string, params?: readonly unknown[]): Promise<QueryResult<Row>> {
      if (!READ.test(text)) return db.query<Row>(text, params);
      const key = JSON.stringify([text, params ?? []]);
      let answer = answers.get(key);
      if (!answer) {
        answer = structuredClone(await db.query(text, params));
        answers.set(key, answer);
      }
      return structuredClone(answer) as QueryResult<Row>;
    },
    exec: (script) => db.exec(script),
  };
}
