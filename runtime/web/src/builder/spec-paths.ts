/**
 * Immutable edits of a JSON document by path (segments of a JSON pointer). The editor's model is a plain
 * parsed spec; every form edit goes through these so that undo keeps each earlier state intact.
 */
export type Path = readonly (string | number)[];
type Container = Record<string, unknown> | unknown[];

const isContainer = (v: unknown): v is Container => typeof v === 'object' && v !== null;

export function getIn(doc: unknown, path: Path): unknown {
  let at: unknown = doc;
  for (const segment of path) {
    if (!isContainer(at)) return undefined;
    at = (at as Record<string, unknown>)[String(segment)];
  }
  return at;
}

/** A copy of `doc` with `value` at `path`; `undefined` removes an object key. Missing parents are created. */
export function setIn<T>(doc: T, path: Path, value: unknown): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path;
  const current = isContainer(doc) ? doc : typeof head === 'number' ? [] : {};
  const child = setIn((current as Record<string, unknown>)[String(head)], rest, value);
  if (Array.isArray(current)) {
    const copy = [...current];
    copy[Number(head)] = child;
    return copy as T;
  }
  const copy: Record<string, unknown> = { ...current };
  if (child === undefined) delete copy[String(head)];
  else copy[String(head)] = child;
  return copy as T;
}

const listAt = (doc: unknown, path: Path): unknown[] => {
  const list = getIn(doc, path);
  return Array.isArray(list) ? list : [];
};

export const insertAt = <T>(doc: T, listPath: Path, index: number, item: unknown): T => {
  const list = [...listAt(doc, listPath)];
  list.splice(Math.max(0, Math.min(index, list.length)), 0, item);
  return setIn(doc, listPath, list);
};

export const removeAt = <T>(doc: T, listPath: Path, index: number): T =>
  setIn(
    doc,
    listPath,
    listAt(doc, listPath).filter((_, i) => i !== index),
  );

/** Moves one item by `delta` places; out of range moves change nothing. */
export function moveAt<T>(doc: T, listPath: Path, index: number, delta: number): T {
  const list = [...listAt(doc, listPath)];
  const to = index + delta;
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return doc;
  const [item] = list.splice(index, 1);
  list.splice(to, 0, item);
  return setIn(doc, listPath, list);
}

/** RFC 6901, as the validator writes paths. */
export const toPointer = (path: Path): string =>
  path.map((s) => `/${String(s).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');

export function fromPointer(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((s) => (/^(0|[1-9][0-9]*)$/.test(s) ? Number(s) : s));
}
