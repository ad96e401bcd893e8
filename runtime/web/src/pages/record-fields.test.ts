/**
 * The read-only record view, rendered server-side from a generated form of the flore_quadrats example:
 * a repeatable group becomes a table with its choice labels and units, media become links, empty
 * values are left out. `createElement` because the test files are plain .ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { EXAMPLES_ROOT } from '../../../modules/folders.ts';
import type { Json, LevelForms } from '../api.ts';
import { RecordFields } from './RecordFields.tsx';

const formsDir = join(EXAMPLES_ROOT, 'flore_quadrats', 'generated', 'forms');
const read = (name: string) => JSON.parse(readFileSync(join(formsDir, name), 'utf8')) as Json;
const forms: LevelForms = {
  schema: read('visit.schema.json'),
  ui: read('visit.ui.json'),
  rules: {},
  columns: [],
  labels: {},
  keep: [],
  formProps: {},
};

describe('RecordFields', () => {
  const html = renderToStaticMarkup(
    createElement(RecordFields, {
      forms,
      record: {
        strata_cover: [
          { stratum: 'herb', cover_pct: 80, mean_height: 25 },
          { stratum: 'moss', cover_pct: 10 },
        ],
        target_photos: [{ storage_key: 'k1', file_name: 'ibis.jpg', url: '/api/media/k1' }],
        observers: [],
      },
    }),
  );

  it('shows a repeatable group as a table with choice labels and units', () => {
    expect(html).toContain('<table class="group-rows">');
    expect(html).toContain('<th>Strate</th>');
    expect(html).toMatch(/<td>Herbacée<\/td><td>80 %<\/td><td>25 cm<\/td>/);
    expect(html).toMatch(/<td>Muscinale<\/td><td>10 %<\/td><td><\/td>/);
  });

  it('links media to their files and leaves empty lists out', () => {
    expect(html).toContain('<a href="/api/media/k1" target="_blank" rel="noreferrer">ibis.jpg</a>');
    expect(html).not.toContain('Observateurs');
  });
});
