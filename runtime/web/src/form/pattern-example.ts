/**
 * An example value for a text pattern, to say what a field expects without showing its regular
 * expression: `^[A-Z]{2,4}-[0-9]{4}-[0-9]{3}$` → `AB-1234-123`. Covers the patterns specs write
 * (literals, escapes, classes, groups with alternatives, quantifiers); anything else — or an example
 * the pattern itself refuses — gives undefined, and the message says "not in the expected format".
 */

/** Characters a class offers, in order: a repeated class cycles through them (1234…, ABCD…). */
function classChars(body: string): string[] | undefined {
  if (body.startsWith('^')) return [...'abcdefgh'];
  const out: string[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (c === '\\') {
      const e = body[++i];
      if (e === 'd') out.push(...'1234567890');
      else if (e === 'w') out.push(...'abcdefgh');
      else if (e === 's') out.push(' ');
      else if (e && !/[a-zA-Z0-9]/.test(e)) out.push(e);
      else return undefined;
      continue;
    }
    if (body[i + 1] === '-' && i + 2 < body.length) {
      const to = body.charCodeAt(i + 2);
      // Digits read better from 1; letters from the start of the range.
      const from = c === '0' && to > 49 ? 49 : c.charCodeAt(0);
      for (let k = from; k <= to && out.length < 40; k++) out.push(String.fromCharCode(k));
      if (c === '0' && to > 49) out.push('0');
      i += 2;
      continue;
    }
    out.push(c);
  }
  return out.length > 0 ? out : undefined;
}

interface Cursor {
  readonly source: string;
  at: number;
}

/** One alternative up to `)` or `|`, or undefined when the syntax is not one we expand. */
function sequence(cur: Cursor): string | undefined {
  let out = '';
  while (cur.at < cur.source.length) {
    const c = cur.source[cur.at] as string;
    if (c === ')' || c === '|') return out;
    let atom: string[] | undefined;
    if (c === '^' || c === '$') {
      cur.at++;
      continue;
    }
    if (c === '(') {
      cur.at++;
      if (cur.source.startsWith('?:', cur.at)) cur.at += 2;
      else if (cur.source[cur.at] === '?') return undefined; // lookarounds, named groups
      const first = sequence(cur);
      if (first === undefined) return undefined;
      // Other alternatives are skipped: the first one is the example.
      while (cur.source[cur.at] === '|') {
        cur.at++;
        if (sequence(cur) === undefined) return undefined;
      }
      if (cur.source[cur.at] !== ')') return undefined;
      cur.at++;
      atom = [first];
    } else if (c === '[') {
      const end = cur.source.indexOf(']', cur.at + 2);
      if (end < 0) return undefined;
      atom = classChars(cur.source.slice(cur.at + 1, end));
      cur.at = end + 1;
    } else if (c === '\\') {
      atom = classChars(cur.source.slice(cur.at, cur.at + 2));
      cur.at += 2;
    } else if (c === '.') {
      atom = ['x'];
      cur.at++;
    } else if ('*+?{'.includes(c)) {
      return undefined;
    } else {
      atom = [c];
      cur.at++;
    }
    if (!atom) return undefined;
    const times = quantifier(cur);
    if (times === undefined) return undefined;
    for (let k = 0; k < times; k++) out += atom[k % atom.length];
  }
  return out;
}

/** How many times to repeat the atom before: `{n}`, `{n,m}` → n; `+` → 3; `*`, `?` → 0. */
function quantifier(cur: Cursor): number | undefined {
  const c = cur.source[cur.at];
  if (c === '+' || c === '*' || c === '?') {
    cur.at++;
    return c === '+' ? 3 : 0;
  }
  if (c !== '{') return 1;
  const match = /^\{(\d+)(,\d*)?\}/.exec(cur.source.slice(cur.at));
  if (!match) return undefined;
  cur.at += match[0].length;
  return Math.min(Number(match[1]), 40);
}

export function patternExample(pattern: string): string | undefined {
  // As a group, so that alternatives at the top level are read like any others.
  const source = `(?:${pattern})`;
  const cur: Cursor = { source, at: 0 };
  const example = sequence(cur);
  if (example === undefined || cur.at !== source.length || example === '') return undefined;
  try {
    return new RegExp(pattern, 'u').test(example) ? example : undefined;
  } catch {
    return undefined;
  }
}
