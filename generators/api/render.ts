/**
 * The Handlebars side of the API generator: one private instance, its helper and the compiled template.
 * The template is read once, when this module loads, from `templates/` beside it; rendering itself
 * touches no file.
 */
import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { tsLiteral } from '../core/literal.ts';

const hbs = Handlebars.create();

/** `{{ts value indent=4}}`: data as a TypeScript literal, nested lines indented for the place it goes. */
hbs.registerHelper('ts', (value: unknown, options: Handlebars.HelperOptions) =>
  tsLiteral(value, Number(options.hash.indent ?? 0)),
);

const template = (name: string) => readFileSync(new URL(`./templates/${name}.hbs`, import.meta.url), 'utf8');

// strict: a name missing from the view is an error, not an empty string in generated code.
export const renderRoutes = hbs.compile(template('routes'), { noEscape: true, strict: true });
