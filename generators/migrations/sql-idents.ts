/**
 * Renames column identifiers inside a CHECK expression, as PostgreSQL does to a constraint when a column
 * is renamed: so an old check, its columns renamed, compares as text with the new model's. String
 * literals ('…', E'…') and quoted identifiers are read whole; a word before `(` is a function, a word
 * after `.` or `::` a qualified name or a type, and none of those is a column.
 */
import { ident } from '../sql/names.ts';

const WORD_START = /[A-Za-z_]/;
const WORD_PART = /[A-Za-z0-9_$]/;

export function renameIdentifiers(sql: string, renames: ReadonlyMap<string, string>): string {
  if (renames.size === 0) return sql;
  let out = '';
  let i = 0;
  const previousSignificant = () => out.trimEnd().slice(-1);
  const nextSignificant = (from: number) => sql.slice(from).trimStart().charAt(0);
  while (i < sql.length) {
    const ch = sql.charAt(i);
    if (ch === "'") {
      const escapes = /[eE]$/.test(out) && !/[a-zA-Z0-9_][eE]$/.test(out);
      let j = i + 1;
      while (j < sql.length) {
        const c = sql.charAt(j);
        if (escapes && c === '\\') j += 2;
        else if (c === "'" && sql.charAt(j + 1) === "'") j += 2;
        else if (c === "'") break;
        else j += 1;
      }
      out += sql.slice(i, j + 1);
      i = j + 1;
    } else if (ch === '"') {
      let j = i + 1;
      while (j < sql.length && !(sql.charAt(j) === '"' && sql.charAt(j + 1) !== '"'))
        j += sql.charAt(j) === '"' ? 2 : 1;
      const name = sql.slice(i + 1, j).replaceAll('""', '"');
      const renamed = isColumn(previousSignificant(), nextSignificant(j + 1)) ? renames.get(name) : undefined;
      out += renamed === undefined ? sql.slice(i, j + 1) : ident(renamed);
      i = j + 1;
    } else if (WORD_START.test(ch) && !WORD_PART.test(out.slice(-1))) {
      let j = i + 1;
      while (j < sql.length && WORD_PART.test(sql.charAt(j))) j += 1;
      const word = sql.slice(i, j);
      const renamed = isColumn(previousSignificant(), nextSignificant(j)) ? renames.get(word) : undefined;
      out += renamed === undefined ? word : ident(renamed);
      i = j;
    } else {
      out += ch;
      i += 1;
    }
  }
  return out;
}

const isColumn = (before: string, after: string) => before !== '.' && before !== ':' && after !== '(';
