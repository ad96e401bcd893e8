/**
 * The Handlebars side of the API generator: one private instance, its helpers and the compiled
 * templates. Templates are read once, when this module loads, from `templates/` beside it; rendering
 * itself touches no file.
 */
import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { tsLiteral } from '../core/literal.ts';
import type { RouteOperation } from '../model/route-table.ts';

const hbs = Handlebars.create();

/** `{{ts value indent=4}}`: data as a TypeScript literal, nested lines indented for the place it goes. */
hbs.registerHelper('ts', (value: unknown, options: Handlebars.HelperOptions) =>
  tsLiteral(value, Number(options.hash.indent ?? 0)),
);

const template = (name: string) => readFileSync(new URL(`./templates/${name}.hbs`, import.meta.url), 'utf8');

/** One handler partial per operation; exhaustive, so a new operation needs its handler template. */
const HANDLERS = {
  list: 'handlers/list',
  get: 'handlers/get',
  create: 'handlers/create',
  update: 'handlers/update',
  remove: 'handlers/remove',
  validate: 'handlers/validate',
  children: 'handlers/children',
  geojson: 'handlers/geojson',
  csv: 'handlers/csv',
} as const satisfies Record<RouteOperation, string>;

for (const [operation, file] of Object.entries(HANDLERS)) {
  // The trailing newline of the file would break the argument list the partial is placed in.
  hbs.registerPartial(operation, template(file).trimEnd());
}
hbs.registerPartial('query', template('query'));

// strict: a name missing from the view is an error, not an empty string in generated code.
const options = { noEscape: true, strict: true } as const;
export const renderRoutes = hbs.compile(template('routes'), options);
export const renderModule = hbs.compile(template('module'), options);
