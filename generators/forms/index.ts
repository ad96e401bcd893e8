/**
 * The forms generator: per level, for @rjsf/core, `<level>.schema.json` (the record, JSON Schema
 * draft-07), `<level>.ui.json` (the uiSchema) and `<level>.rules.json` (the rules the form evaluates
 * live); and `index.json`, which lists the levels, their files and the custom components they name.
 */
import type { ResolvedLevel, ResolvedProtocol } from '../../protocol-specs/index.ts';
import { bannerText, JSON_BANNER_KEY, jsonText } from '../core/banner.ts';
import type { GeneratedFile, Generator, GeneratorContext } from '../core/generated-file.ts';
import { DEFAULT_FORM_STATE_BEHAVIOR } from './form-props.ts';
import { buildLevelRules } from './form-rules.ts';
import { buildLevelSchema } from './level-schema.ts';
import { buildLevelUiSchema, type UiSchema } from './ui-schema.ts';
import { CUSTOM_FIELDS, CUSTOM_WIDGETS } from './widgets.ts';

export const formFiles = (level: ResolvedLevel) => ({
  schema: `${level.key}.schema.json`,
  ui: `${level.key}.ui.json`,
  rules: `${level.key}.rules.json`,
});

export const formsGenerator: Generator = {
  description: 'JSON Schema, uiSchema and live rules of each level form, for react-jsonschema-form',
  generate(protocol, context) {
    const forms = protocol.levels.map((level) => ({
      level,
      schema: buildLevelSchema(protocol, level),
      ui: buildLevelUiSchema(protocol, level),
      rules: buildLevelRules(protocol, level),
    }));
    const files = forms.flatMap(({ level, schema, ui, rules }) => {
      const paths = formFiles(level);
      return [
        { path: paths.schema, contents: document(protocol, context, schema) },
        { path: paths.ui, contents: document(protocol, context, ui) },
        { path: paths.rules, contents: document(protocol, context, rules) },
      ];
    });
    return [
      ...files,
      indexFile(
        protocol,
        context,
        forms.map((f) => f.ui),
      ),
    ];
  },
};

/** The banner goes first: JSON has no comments, so it is the `$comment` key at the top of each document. */
const document = (protocol: ResolvedProtocol, context: GeneratorContext, body: object) =>
  jsonText({ [JSON_BANNER_KEY]: bannerText(protocol, context), ...body });

/** Every value of one uiSchema keyword (`ui:widget`, `ui:field`), group rows included. */
function keywordValues(ui: unknown, keyword: string, found: Set<unknown>): Set<unknown> {
  if (typeof ui !== 'object' || ui === null) return found;
  for (const [key, value] of Object.entries(ui)) {
    if (key === keyword) found.add(value);
    else keywordValues(value, keyword, found);
  }
  return found;
}

/** The custom components the forms name, in the order of their registry. */
function used(uis: readonly UiSchema[], names: readonly string[], keyword: string): string[] {
  const found = new Set<unknown>();
  for (const ui of uis) keywordValues(ui, keyword, found);
  return names.filter((name) => found.has(name));
}

function indexFile(
  protocol: ResolvedProtocol,
  context: GeneratorContext,
  uis: readonly UiSchema[],
): GeneratedFile {
  const body = {
    protocol: { code: protocol.code, version: protocol.version, label: protocol.label.fr },
    levels: protocol.levels.map((level) => ({
      key: level.key,
      label: level.label.fr,
      plural: level.plural.fr,
      // The form edits the record's own data; the page links it to these parents (`<parent>_id`).
      parents: [...level.parents],
      files: formFiles(level),
    })),
    widgets: used(uis, CUSTOM_WIDGETS, 'ui:widget'),
    fields: used(uis, CUSTOM_FIELDS, 'ui:field'),
    formProps: { experimental_defaultFormStateBehavior: DEFAULT_FORM_STATE_BEHAVIOR },
  };
  return { path: 'index.json', contents: document(protocol, context, body) };
}
