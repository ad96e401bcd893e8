/**
 * Stage 1: the folder's JSON files → values. Parsed with the spec loader so duplicate keys are seen
 * (GeoNature's Python reader keeps the last one; so do we, with a warning), `__MODULE.*` placeholders
 * substituted as GeoNature does (plain text), and rules written as arrays of lines joined into one text.
 */
import { loadJsonText } from '../../../protocol-specs/index.ts';
import { looksLikeJs } from '../js/arrow.ts';
import type { ProtocolFolder } from '../model.ts';
import type { Collector } from './collector.ts';

export type JsonObject = Record<string, unknown>;

export interface ReadFolder {
  /** Parsed JSON objects by relative path (files that are not a JSON object are warned about and left out). */
  readonly files: ReadonlyMap<string, JsonObject>;
  /** The module code: module.json `module_code`, else the folder name. */
  readonly moduleCode: string;
}

export const isObject = (v: unknown): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The `suivi` object export-gn writes beside GeoNature's keys (see extensions.ts), if any. */
export const extensionOf = (value: JsonObject | undefined): JsonObject | undefined =>
  isObject(value?.suivi) ? value.suivi : undefined;

export function readFolder(folder: ProtocolFolder, folderName: string, collector: Collector): ReadFolder {
  const parsed = new Map<string, JsonObject>();
  for (const path of Object.keys(folder).sort()) {
    if (!path.endsWith('.json')) continue;
    const loaded = loadJsonText(folder[path] as string);
    for (const d of loaded.diagnostics) {
      collector.warn(
        path,
        d.path,
        d.rule === 'json-duplicate-key' ? `${d.message} (as in GeoNature)` : d.message,
      );
    }
    if (isObject(loaded.value)) parsed.set(path, loaded.value);
    else if (loaded.value !== undefined) collector.warn(path, '', 'not a JSON object: file ignored');
    else collector.warn(path, '', 'not valid JSON: file ignored');
  }
  const module = parsed.get('module.json') ?? {};
  const moduleCode = typeof module.module_code === 'string' ? module.module_code : folderName;
  const values = placeholderValues(module, moduleCode);
  const files = new Map<string, JsonObject>();
  for (const [path, value] of parsed) files.set(path, prepare(value, values) as JsonObject);
  return { files, moduleCode };
}

/**
 * `__MODULE.X` reads module setting `x` (module.json, lower case), `__MODULE.MODULE_CODE` the code. Settings
 * GeoNature keeps in its database (ID_MODULE, ID_LIST_OBSERVER…) stay as written.
 */
function placeholderValues(module: JsonObject, moduleCode: string): Map<string, string> {
  const values = new Map<string, string>([['MODULE_CODE', moduleCode]]);
  for (const [key, value] of Object.entries(module)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      values.set(key.toUpperCase(), String(value));
    }
  }
  return values;
}

function prepare(value: unknown, placeholders: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') {
    return value.replace(/__MODULE\.([A-Z_]+)/g, (whole, name: string) => placeholders.get(name) ?? whole);
  }
  if (Array.isArray(value)) {
    // A rule may be written as lines; GeoNature joins them before reading it.
    if (value.length > 0 && value.every((v) => typeof v === 'string') && looksLikeJs(value.join('\n'))) {
      return prepare(value.join('\n'), placeholders);
    }
    return value.map((v) => prepare(v, placeholders));
  }
  if (isObject(value)) {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) {
      Object.defineProperty(out, k, {
        value: prepare(v, placeholders),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return value;
}

/** Registers every rule string of a file: GeoNature treats any such text as JavaScript, wherever it is. */
export function registerRules(file: string, value: unknown, collector: Collector, path = ''): void {
  if (typeof value === 'string') {
    if (looksLikeJs(value)) collector.registerRule(file, path, value);
  } else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) registerRules(file, v, collector, `${path}/${i}`);
  } else if (isObject(value)) {
    for (const [k, v] of Object.entries(value))
      registerRules(file, v, collector, `${path}/${escapeSegment(k)}`);
  }
}

export const escapeSegment = (segment: string): string => segment.replaceAll('~', '~0').replaceAll('/', '~1');
export const pointer = (...segments: ReadonlyArray<string | number>): string =>
  segments.map((s) => `/${escapeSegment(String(s))}`).join('');
