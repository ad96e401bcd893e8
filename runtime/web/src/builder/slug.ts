/** Keys and ids from labels: what a designer types becomes a valid SQL name without them thinking of it. */

const MAX_KEY = 63;

/** Lower snake ASCII starting with a letter, no `__`: "Nombre d'individus" → `nombre_d_individus`. */
export function slugify(label: string, fallback = 'field'): string {
  const ascii = label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  const lettered = /^[a-z]/.test(ascii) ? ascii : ascii ? `${fallback}_${ascii}` : fallback;
  return lettered.slice(0, MAX_KEY).replace(/_+$/, '');
}

/** `base`, or `base_2`, `base_3`… the first one not taken (kept within the key length). */
export function unique(base: string, taken: ReadonlySet<string>, separator = '_'): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `${separator}${n}`;
    const candidate = `${base.slice(0, MAX_KEY - suffix.length)}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}
