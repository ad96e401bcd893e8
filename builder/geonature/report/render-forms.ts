/**
 * Renders every generated form (`forms/<level>.schema.json` + `.ui.json`) server-side with
 * react-jsonschema-form, as an app would, with a stub for each custom widget or field the uiSchema
 * names. A form that does not render is a failure of the protocol.
 */
import Form from '@rjsf/core';
import type { FieldProps, RJSFSchema, UiSchema, WidgetProps } from '@rjsf/utils';
import { customizeValidator } from '@rjsf/validator-ajv8';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';

const validator = customizeValidator();

/** Every value of one uiSchema keyword (`ui:widget`, `ui:field`), nested entries included. */
function namesOf(ui: unknown, keyword: string, found = new Set<string>()): Set<string> {
  if (typeof ui !== 'object' || ui === null) return found;
  for (const [key, value] of Object.entries(ui)) {
    if (key === keyword && typeof value === 'string') found.add(value);
    else namesOf(value, keyword, found);
  }
  return found;
}

const stubWidget = (name: string) => (props: WidgetProps) =>
  createElement('span', { 'data-widget': name, id: props.id }, String(props.value ?? ''));
const stubField = (name: string) => (props: FieldProps) =>
  createElement(
    'fieldset',
    { 'data-field': name },
    createElement('legend', null, String(props.schema.title ?? '')),
  );

/** RJSF's own widget names need no stub. */
const BUILT_IN = new Set([
  'text',
  'textarea',
  'select',
  'radio',
  'checkbox',
  'checkboxes',
  'time',
  'date',
  'datetime',
  'hidden',
  'updown',
  'range',
  'email',
  'uri',
  'password',
  'color',
  'file',
]);

/** Renders each level's form; returns the problems (empty when every form renders). */
export function renderForms(files: ReadonlyArray<{ path: string; contents: string }>): string[] {
  const problems: string[] = [];
  const schemas = files.filter((f) => /^forms\/[^/]+\.schema\.json$/.test(f.path));
  if (schemas.length === 0) return ['no forms/<level>.schema.json in the generated module'];
  for (const schemaFile of schemas) {
    const uiPath = schemaFile.path.replace(/\.schema\.json$/, '.ui.json');
    try {
      const schema = JSON.parse(schemaFile.contents) as RJSFSchema;
      const ui = JSON.parse(files.find((f) => f.path === uiPath)?.contents ?? '{}') as UiSchema;
      const widgets = Object.fromEntries(
        [...namesOf(ui, 'ui:widget')].filter((n) => !BUILT_IN.has(n)).map((n) => [n, stubWidget(n)]),
      );
      const fields = Object.fromEntries([...namesOf(ui, 'ui:field')].map((n) => [n, stubField(n)]));
      const html = renderToString(createElement(Form, { schema, uiSchema: ui, validator, widgets, fields }));
      // RJSF renders what it cannot show as an inline message rather than failing.
      const complaint = /Unsupported field schema|No widget [^<]*/.exec(html)?.[0];
      if (!html.includes('<form')) problems.push(`${schemaFile.path}: rendered no form`);
      else if (complaint) problems.push(`${schemaFile.path}: ${complaint}`);
    } catch (e) {
      problems.push(`${schemaFile.path}: ${(e as Error).message}`);
    }
  }
  return problems;
}
