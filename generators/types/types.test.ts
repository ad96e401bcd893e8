/**
 * The generated types compile under strict tsc, accept the records the forms' schemas accept, and refuse
 * wrong ones (`@ts-expect-error` lines that tsc would flag as unused if the types let them through).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidatedLevel, type ResolvedProtocol } from '../../protocol-specs/index.ts';
import { EXAMPLES, example, sampleRecord, UUID } from '../forms/examples.test-helpers.ts';
import { buildLevelSchema } from '../forms/level-schema.ts';
import { GENERATORS } from '../registry.ts';
import { typesGenerator } from './index.ts';
import { levelTypeName, pascalCase } from './naming.ts';

const TSCONFIG = {
  compilerOptions: {
    strict: true,
    noUncheckedIndexedAccess: true,
    noEmit: true,
    skipLibCheck: true,
    target: 'ES2022',
    module: 'ESNext',
    moduleResolution: 'Bundler',
    allowImportingTsExtensions: true,
    verbatimModuleSyntax: true,
    types: [],
  },
  include: ['*.ts'],
};

const ENVELOPE = `{ id: '${UUID}', organisation_id: '${UUID}', created_at: '2024-04-02T20:00:00Z', created_by: null, updated_at: '2024-04-02T20:00:00Z', updated_by: null, row_version: 1, spec_version: 1 }`;

const VALIDATION = `{ validation_status: '0', validated_by: null, validated_at: null, validation_comment: null }`;

/** For each level: its sample record typed, as an API record, and three wrong variants. */
function checks(protocol: ResolvedProtocol): string {
  const lines = [
    `import type * as T from './${protocol.code}.ts';`,
    `const envelope = ${ENVELOPE};`,
    `const validation = ${VALIDATION};`,
  ];
  const database = `T.${pascalCase(protocol.code)}Database`;
  lines.push(
    `export const tables: (keyof ${database})[] = [${protocol.levels.map((l) => `'${protocol.code}.${l.key}'`).join(', ')}];`,
    '// @ts-expect-error a table of the Database is named with its schema',
    `export const unqualified: keyof ${database} = '${protocol.levels[0]?.key}';`,
    `export const rowId: ${database}['${protocol.code}.${protocol.levels[0]?.key}']['id']['__select__'] = '${UUID}';`,
  );
  for (const level of protocol.levels) {
    // Occurrence records carry their validation status besides the envelope.
    const server = isValidatedLevel(protocol, level.key) ? '...envelope, ...validation' : '...envelope';
    const type = `T.${levelTypeName(protocol.code, level.key)}`;
    const data = `${level.key}Data`;
    const properties = buildLevelSchema(protocol, level).properties as Record<string, { type?: unknown }>;
    const text = Object.keys(properties).find((k) => properties[k]?.type === 'string');
    const links = level.parents.map((p) => `${p}_id: '${UUID}'`).join(', ');
    lines.push(
      `const ${data}: ${type} = ${JSON.stringify(sampleRecord(protocol, level))};`,
      `export const ${level.key}Record: T.Records['${level.key}'] = { ${server}, ${links}${links ? ', ' : ''}...${data} };`,
      '// @ts-expect-error a text field does not take a number',
      `export const ${level.key}Wrong: ${type} = { ...${data}, ${text}: 42 };`,
      '// @ts-expect-error no such field',
      `export const ${level.key}Unknown: ${type} = { ...${data}, not_a_field: 1 };`,
    );
    if (level.parents.length > 0)
      lines.push(
        '// @ts-expect-error a record carries its parent links',
        `export const ${level.key}Orphan: T.Records['${level.key}'] = { ${server}, ...${data} };`,
      );
  }
  return `${lines.join('\n')}\n`;
}

/** Hand-written cases for one protocol, in the spec's own terms. */
const AMPHIBIANS = `import type { AmphibiensMaresObservation, AmphibiensMaresVisit } from './amphibiens_mares.ts';
export const closed: Pick<AmphibiensMaresVisit, 'accessibility' | 'inaccessible_reason'> = {
  accessibility: 'Non',
  inaccessible_reason: 'Mare clôturée',
};
// @ts-expect-error accessibility is Oui or Non
export const maybe: Pick<AmphibiensMaresVisit, 'accessibility'> = { accessibility: 'Peut-être' };
export const methods: AmphibiensMaresVisit['survey_methods'] = ['LISTENING', 'NETTING'];
// @ts-expect-error not a code of AMPHI_SURVEY_METHOD
export const fishing: AmphibiensMaresVisit['survey_methods'] = ['FISHING'];
// @ts-expect-error not a taxon of the regional list
export const newt: AmphibiensMaresObservation['cd_nom'] = 60295;
export const toad: AmphibiensMaresObservation['cd_nom'] = 212;
`;

let dir = '';
let tsc: { status: number | null; output: string } = { status: null, output: '' };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'suivi-types-'));
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(TSCONFIG));
  for (const { protocol, context } of EXAMPLES) {
    for (const file of await typesGenerator.generate(protocol, context))
      writeFileSync(join(dir, file.path), file.contents);
    writeFileSync(join(dir, `${protocol.code}.check.ts`), checks(protocol));
  }
  writeFileSync(join(dir, 'amphibiens.check.ts'), AMPHIBIANS);
  const bin = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const run = spawnSync(process.execPath, [bin, '-p', 'tsconfig.json'], { cwd: dir, encoding: 'utf8' });
  tsc = { status: run.status, output: `${run.stdout}${run.stderr}` };
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('types generator', () => {
  it('generates TypeScript that strict tsc compiles, with valid records accepted and wrong ones refused', () => {
    expect(tsc.output).toBe('');
    expect(tsc.status).toBe(0);
  });

  it.each(EXAMPLES)('$code: one file with an interface per level, the envelope and Records', async (e) => {
    const [file, ...rest] = await typesGenerator.generate(e.protocol, e.context);
    expect(rest).toEqual([]);
    expect(file?.path).toBe(`${e.code}.ts`);
    expect(file?.contents.startsWith(`/* Generated by Suivi from ${e.context.specPath}`)).toBe(true);
    for (const level of e.protocol.levels) {
      expect(file?.contents).toContain(`export interface ${pascalCase(e.code)}${pascalCase(level.key)} {`);
      expect(file?.contents).toContain(`  ${level.key}: ${levelTypeName(e.code, level.key)}Record;`);
    }
    expect(file?.contents).toContain('export interface RecordEnvelope {');
    // No index signature: `additionalProperties: false` everywhere.
    expect(file?.contents).not.toContain('[k: string]');
  });

  it.each(EXAMPLES)('$code: gives the same bytes twice and leaves the protocol as it was', async (e) => {
    const before = JSON.stringify(e.protocol);
    const once = await typesGenerator.generate(e.protocol, e.context);
    expect(await typesGenerator.generate(e.protocol, e.context)).toEqual(once);
    expect(JSON.stringify(e.protocol)).toBe(before);
  });

  it('keeps required fields required and the others optional, with the spec’s codes as literal types', async () => {
    const { protocol, context } = example('flore_quadrats');
    const [file] = await typesGenerator.generate(protocol, context);
    expect(file?.contents).toMatch(/\n {2}strata_cover: \{\n/);
    expect(file?.contents).toMatch(/\n {2}target_taxon\?: 99922;\n/);
    expect(file?.contents).toMatch(/\n {2}habitat_hic\?: \("6410" \| "6430" \| "6510" \| "7230"\)\[\];\n/);
    expect(file?.contents).toContain(
      '  site_id: string;\n  /** The parent Campagne (UUID). */\n  campaign_id: string;',
    );
  });

  it('is registered as `types`', () => {
    expect(GENERATORS.types).toBe(typesGenerator);
  });
});
