/**
 * JavaScript definitions of the rule language's functions, for rules exported to GeoNature (which runs
 * them with `eval`). export-gn declares the ones a rule uses at the top of a block body
 * (`const coalesce = …;`); import-gn recognises these exact texts and reads the calls back as the Suivi
 * functions. The definitions follow docs/rules.md, with JavaScript's own semantics where they differ only
 * on impossible inputs.
 */

const isEmpty = "(x) => x === null || x === undefined || x === '' || (Array.isArray(x) && x.length === 0)";

export const JS_HELPERS: Readonly<Record<string, string>> = {
  empty: isEmpty,
  coalesce: `(...a) => { const e = ${isEmpty}; const f = a.find((x) => !e(x)); return f === undefined ? null : f; }`,
  concat: "(...a) => a.filter((x) => x !== null && x !== undefined).map(String).join('')",
  today: '() => new Date().toISOString().slice(0, 10)',
  now: '() => new Date().toISOString()',
  year: "(d) => (typeof d === 'string' && /^\\d{4}-/.test(d) ? Number(d.slice(0, 4)) : null)",
  round:
    "(x, d = 0) => (typeof x === 'number' ? Math.sign(x) * Math.round(Math.abs(x) * 10 ** d) / 10 ** d : null)",
  abs: "(x) => (typeof x === 'number' ? Math.abs(x) : null)",
  min: "(...a) => { const v = a.filter((x) => x !== null && x !== undefined && x !== ''); return v.length ? v.reduce((m, x) => (x < m ? x : m)) : null; }",
  max: "(...a) => { const v = a.filter((x) => x !== null && x !== undefined && x !== ''); return v.length ? v.reduce((m, x) => (x > m ? x : m)) : null; }",
  length: "(x) => (x === null || x === undefined ? 0 : typeof x === 'string' ? [...x].length : x.length)",
  code: '(x) => x',
  contains:
    "(x, y) => (Array.isArray(x) ? x.includes(y) : typeof x === 'string' && typeof y === 'string' && x !== '' && y !== '' && x.includes(y))",
};

const squeeze = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The Suivi function a `const name = text` declares, when it is one of ours, word for word. */
export function helperNamed(name: string, text: string): string | undefined {
  const helper = JS_HELPERS[name];
  return helper !== undefined && squeeze(helper) === squeeze(text) ? name : undefined;
}
