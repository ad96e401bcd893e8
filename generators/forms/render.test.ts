/**
 * Every generated form renders server-side with @rjsf/core, with stub components for the custom widget
 * and field names, and shows the label of each field. React 19 SSR, no DOM; `createElement` because the
 * project's tsconfig has no JSX.
 */
import Form from '@rjsf/core';
import type { FieldProps, ObjectFieldTemplateProps, RJSFSchema, UiSchema, WidgetProps } from '@rjsf/utils';
import { customizeValidator } from '@rjsf/validator-ajv8';
import { createElement, type ReactElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { evaluateRule, isTruthy, type ResolvedField } from '../../protocol-specs/index.ts';
import { EXAMPLES, example, levelOf } from './examples.test-helpers.ts';
import { DEFAULT_FORM_STATE_BEHAVIOR } from './form-props.ts';
import type { RuleJson } from './form-rules.ts';
import { formsGenerator } from './index.ts';
import { CUSTOM_FIELDS, CUSTOM_WIDGETS, SECTION_FIELD } from './widgets.ts';

const validator = customizeValidator();

const stubWidget = (name: string) => (props: WidgetProps) =>
  createElement('span', { 'data-widget': name, id: props.id }, String(props.value ?? ''));
/** RJSF shows no label around a custom field: like a real one, the stub renders its own legend. */
const stubField = (name: string) => (props: FieldProps) =>
  createElement('fieldset', { 'data-field': name }, createElement('legend', null, props.schema.title));

const widgets = Object.fromEntries(CUSTOM_WIDGETS.map((n) => [n, stubWidget(n)]));
const fields = Object.fromEntries(CUSTOM_FIELDS.map((n) => [n, stubField(n)]));

interface FormFiles {
  readonly schema: RJSFSchema;
  readonly ui: UiSchema;
  readonly rules: { readonly fields: Record<string, { readonly visibleIf?: RuleJson }> };
}

async function formOf(code: string, level: string): Promise<FormFiles> {
  const { protocol, context } = example(code);
  const files = await formsGenerator.generate(protocol, context);
  const read = (suffix: string) =>
    JSON.parse(files.find((f) => f.path === `${level}.${suffix}`)?.contents ?? '');
  return { schema: read('schema.json'), ui: read('ui.json'), rules: read('rules.json') };
}

const render = (form: FormFiles, extra: Record<string, unknown> = {}, formData?: object) =>
  renderToString(
    createElement(Form, {
      schema: form.schema,
      uiSchema: form.ui,
      validator,
      widgets,
      fields,
      formData,
      experimental_defaultFormStateBehavior: DEFAULT_FORM_STATE_BEHAVIOR,
      ...extra,
    }),
  );

/** React escapes text the same way for every label; compare with the escaped form. */
const escaped = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll("'", '&#x27;');

const labelled = (f: ResolvedField) => f.kind !== 'section';

const levels = EXAMPLES.flatMap(({ code, protocol }) =>
  protocol.levels.map((level) => ({ code, level: level.key, fields: level.fields.filter(labelled) })),
);

/** What an app does for sections: walk ui:order, a heading for each section entry, the property otherwise. */
function SectionedObjectFieldTemplate(props: ObjectFieldTemplateProps): ReactElement {
  const order = (props.uiSchema?.['ui:order'] ?? []) as string[];
  const byName = new Map(props.properties.map((p) => [p.name, p.content]));
  return createElement(
    'div',
    null,
    order.map((name) => {
      const entry = props.uiSchema?.[name] as UiSchema | undefined;
      if (entry?.['ui:field'] === SECTION_FIELD) return createElement('h3', { key: name }, entry['ui:title']);
      return byName.get(name) ?? null;
    }),
  );
}

describe('forms: rendering with @rjsf/core', () => {
  it.each(levels)('$code/$level renders with every field label', async ({ code, level, fields: own }) => {
    const form = await formOf(code, level);
    const html = render(form);
    for (const f of own) expect(html, f.key).toContain(escaped(f.label.fr));
    if (form.schema.properties?.geometry) expect(html).toContain('data-field="map"');
  });

  it('renders section headings placed in ui:order with a section-aware ObjectFieldTemplate', async () => {
    const form = await formOf('amphibiens_mares', 'visit');
    const html = render(form, { templates: { ObjectFieldTemplate: SectionedObjectFieldTemplate } });
    expect(html).toContain(`<h3>${escaped('État du site (1er passage)')}</h3>`);
    expect(html).toContain('<h3>Prospection</h3>');
    // Without it, RJSF skips the order entries that are not properties and renders the fields.
    expect(render(form)).not.toContain('État du site (1er passage)');
  });

  it('hides the fields whose visibleIf is false for the record (amphibians: inaccessible site)', async () => {
    const form = await formOf('amphibiens_mares', 'visit');
    const record = { accessibility: 'Non', num_passage: 1, visit_date_min: '2024-04-02' };
    const context = { records: { value: record }, today: '2024-04-02', now: '2024-04-02T20:00:00Z' };
    const hidden = Object.entries(form.rules.fields)
      .filter(([, r]) => r.visibleIf && !isTruthy(evaluateRule(r.visibleIf.ast, context)))
      .map(([key]) => key);
    const ui = { ...form.ui };
    for (const key of hidden) ui[key] = { ...(ui[key] as object), 'ui:widget': 'hidden' };
    const html = render({ ...form, ui }, {}, record);
    expect(html).toContain(escaped("Raison de l'inaccessibilité"));
    expect(html).not.toContain(escaped('État du site'));
    expect(html).not.toContain('Heure de début');
    expect(hidden).toContain('section_state');
    const visit = levelOf(example('amphibiens_mares').protocol, 'visit');
    expect(
      visit.fields.filter((f) => f.visibleIf?.source.startsWith("value.accessibility == 'Oui'")).length,
    ).toBe(hidden.length);
  });
});
