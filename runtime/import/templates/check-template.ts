/**
 * Checks an import template against the module it names, as sent (a saved body, an uploaded JSON file,
 * the wizard's draft): its shape (runtime/import/template.ts), then what only the module knows — the
 * levels exist and chain down to the imported one, the fields exist and can be imported, each mapping's
 * kind fits the field's type, mapped codes are the field's codes, columns are named (and, when the
 * file's columns are given, exist). Every problem is reported with its JSON pointer, never just the
 * first. A template without problems comes back rebuilt in the contract's key order, unknown keys gone
 * (there are none then), so that what is stored and exported is always the same text for the same template.
 */
import type { ModuleRuntime } from '../../modules/load.ts';
import {
  IMPORT_TEMPLATE_FORMAT,
  type ImportConventions,
  type ImportSourceOptions,
  type ImportTemplate,
  type LevelMapping,
} from '../template.ts';
import { checkLevels } from './check-levels.ts';
import { type Checker, checker, type Obj } from './checker.ts';
import type { TemplateProblem } from './template-problems.ts';

export const MAX_NAME_LENGTH = 200;

export interface TemplateCheckOptions {
  /** The file's column names: a mapping naming another column is a problem. */
  readonly columns?: readonly string[];
  /** The module the template must belong to (the route's). */
  readonly module?: string;
}

export type TemplateCheck =
  | { readonly ok: true; readonly template: ImportTemplate; readonly problems: readonly [] }
  | { readonly ok: false; readonly problems: readonly TemplateProblem[] };

const FORMATS = ['csv', 'xlsx', 'geojson'] as const;
const ENCODINGS = ['utf-8', 'windows-1252'] as const;
const DATE_FORMATS = ['yyyy-mm-dd', 'dd/mm/yyyy', 'mm/dd/yyyy', 'dd.mm.yyyy'] as const;
const SEPARATORS = ['.', ','] as const;

function checkSource(c: Checker, value: unknown, path: string): ImportSourceOptions | undefined {
  const o = c.object(value, path, ['format', 'encoding', 'delimiter', 'sheet', 'header_row']);
  if (!o) return undefined;
  const format = c.oneOf(o.format, `${path}/format`, FORMATS, 'format');
  const encoding = c.optional(o.encoding, () => c.oneOf(o.encoding, `${path}/encoding`, ENCODINGS));
  const delimiter = c.optional(o.delimiter, () => c.character(o.delimiter, `${path}/delimiter`));
  const sheet = c.optional(o.sheet, () => c.text(o.sheet, `${path}/sheet`));
  const headerRow = c.optional(o.header_row, () => c.positiveInteger(o.header_row, `${path}/header_row`));
  if (!format) return undefined;
  return {
    format,
    ...(encoding ? { encoding } : {}),
    ...(delimiter ? { delimiter } : {}),
    ...(sheet ? { sheet } : {}),
    ...(headerRow ? { header_row: headerRow } : {}),
  };
}

function checkConventions(c: Checker, value: unknown, path: string): ImportConventions | undefined {
  const o = c.object(value, path, ['date_format', 'decimal_separator', 'null_values']);
  if (!o) return undefined;
  const dateFormat = c.optional(o.date_format, () =>
    c.oneOf(o.date_format, `${path}/date_format`, DATE_FORMATS),
  );
  const decimal = c.optional(o.decimal_separator, () =>
    c.oneOf(o.decimal_separator, `${path}/decimal_separator`, SEPARATORS),
  );
  const nulls = c.optional(o.null_values, () => c.textList(o.null_values, `${path}/null_values`, true));
  return {
    ...(dateFormat ? { date_format: dateFormat } : {}),
    ...(decimal ? { decimal_separator: decimal } : {}),
    ...(nulls ? { null_values: nulls } : {}),
  };
}

/**
 * `modules`: the modules served (the template's module must be one). Pure: the same input gives the
 * same problems, in the template's order.
 */
export function checkTemplate(
  input: unknown,
  modules: readonly ModuleRuntime[],
  options: TemplateCheckOptions = {},
): TemplateCheck {
  const c = checker();
  const o: Obj | undefined = c.object(input, '', [
    'suivi_import_template',
    'module',
    'level',
    'provider',
    'name',
    'source',
    'conventions',
    'levels',
  ]);
  if (!o) return { ok: false, problems: c.problems };
  if (o.suivi_import_template !== IMPORT_TEMPLATE_FORMAT)
    c.add(
      '/suivi_import_template',
      o.suivi_import_template === undefined ? 'required' : 'format',
      o.suivi_import_template === undefined
        ? { key: 'suivi_import_template' }
        : { found: JSON.stringify(o.suivi_import_template), expected: String(IMPORT_TEMPLATE_FORMAT) },
    );
  const moduleCode = c.text(o.module, '/module', 'module');
  const levelKey = c.text(o.level, '/level', 'level');
  const provider = c.text(o.provider, '/provider', 'provider', MAX_NAME_LENGTH);
  const name = c.text(o.name, '/name', 'name', MAX_NAME_LENGTH);
  const source =
    o.source === undefined ? c.missing('/source', 'source') : checkSource(c, o.source, '/source');
  const conventions = c.optional(o.conventions, () => checkConventions(c, o.conventions, '/conventions'));
  let module: ModuleRuntime | undefined;
  if (moduleCode !== undefined) {
    if (options.module !== undefined && moduleCode !== options.module)
      c.add('/module', 'other_module', { found: moduleCode, expected: options.module });
    module = modules.find((m) => m.code === moduleCode);
    if (!module) c.add('/module', 'unknown_module', { module: moduleCode });
  }
  const level = module && levelKey !== undefined ? module.levels.find((l) => l.key === levelKey) : undefined;
  if (module && levelKey !== undefined && !level)
    c.add('/level', 'unknown_level', { module: module.code, level: levelKey });
  let levels: Record<string, LevelMapping> | undefined;
  if (o.levels === undefined) c.missing('/levels', 'levels');
  else if (module && level && source)
    levels = checkLevels(c, o.levels, { module, target: level.key, source, columns: options.columns });
  else c.object(o.levels, '/levels');
  if (c.problems.length > 0 || !moduleCode || !levelKey || !provider || !name || !source || !levels)
    return { ok: false, problems: c.problems };
  return {
    ok: true,
    problems: [],
    template: {
      suivi_import_template: IMPORT_TEMPLATE_FORMAT,
      module: moduleCode,
      level: levelKey,
      provider,
      name,
      source,
      ...(conventions && Object.keys(conventions).length > 0 ? { conventions } : {}),
      levels,
    },
  };
}
