/** The forms generator as a whole: deterministic, pure, bannered, registered, and its index. */
import { describe, expect, it } from 'vitest';
import { bannerText } from '../core/banner.ts';
import { generateModule } from '../module.ts';
import { GENERATORS } from '../registry.ts';
import { EXAMPLES, example } from './examples.test-helpers.ts';
import { DEFAULT_FORM_STATE_BEHAVIOR } from './form-props.ts';
import { formsGenerator } from './index.ts';

describe('forms generator', () => {
  it.each(EXAMPLES)('$code: gives the same bytes twice and leaves the protocol as it was', async (e) => {
    const before = JSON.stringify(e.protocol);
    const once = await formsGenerator.generate(e.protocol, e.context);
    const twice = await formsGenerator.generate(e.protocol, e.context);
    expect(twice).toEqual(once);
    expect(JSON.stringify(e.protocol)).toBe(before);
    expect(Object.isFrozen(e.protocol.levels[0]?.fields[0])).toBe(true);
  });

  it.each(EXAMPLES)(
    '$code: writes three files per level and an index, each with the banner first',
    async (e) => {
      const files = await formsGenerator.generate(e.protocol, e.context);
      const levels = e.protocol.levels.map((l) => l.key);
      expect(files.map((f) => f.path).sort()).toEqual(
        [
          ...levels.flatMap((l) => [`${l}.schema.json`, `${l}.ui.json`, `${l}.rules.json`]),
          'index.json',
        ].sort(),
      );
      for (const file of files) {
        const [firstKey, firstValue] = Object.entries(JSON.parse(file.contents))[0] ?? [];
        expect(firstKey, file.path).toBe('$comment');
        expect(firstValue).toBe(bannerText(e.protocol, e.context));
        expect(file.contents.endsWith('}\n')).toBe(true);
      }
    },
  );

  it('lists levels, their parents and files, and the custom components and Form options they need', async () => {
    const { protocol, context } = example('flore_quadrats');
    const files = await formsGenerator.generate(protocol, context);
    const index = JSON.parse(files.find((f) => f.path === 'index.json')?.contents ?? '');
    expect(index.levels.map((l: { key: string }) => l.key)).toEqual([
      'campaign',
      'sites_group',
      'site',
      'visit',
      'observation',
    ]);
    expect(index.levels[3]).toEqual({
      key: 'visit',
      label: 'Relevé',
      plural: 'Relevés',
      parents: ['site', 'campaign'],
      files: { schema: 'visit.schema.json', ui: 'visit.ui.json', rules: 'visit.rules.json' },
    });
    expect(index.widgets).toEqual(['dataset', 'habitat', 'media', 'record', 'taxon', 'vocabulary']);
    expect(index.fields).toEqual(['map', 'observers']);
    expect(index.formProps).toEqual({ experimental_defaultFormStateBehavior: DEFAULT_FORM_STATE_BEHAVIOR });
  });

  it('is registered as `forms`, so a module folder holds forms/…', async () => {
    expect(GENERATORS.forms).toBe(formsGenerator);
    const { protocol, context } = example('amphibiens_mares');
    const paths = (await generateModule(protocol, context, { forms: formsGenerator })).map((f) => f.path);
    expect(paths).toContain('forms/visit.rules.json');
    expect(paths).toContain('manifest.json');
  });
});
