import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderAuthoredTypes, renderSchemaJson, SCHEMA_FILE, TYPES_FILE } from './build-schema.ts';

describe('the shipped schema artefacts', () => {
  it('protocol.schema.json is up to date (npm run gen:spec-types)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(renderSchemaJson());
  });

  it('authored-spec.generated.ts is up to date (npm run gen:spec-types)', async () => {
    expect(readFileSync(TYPES_FILE, 'utf8')).toBe(await renderAuthoredTypes());
  });
});
