/** `suivi validate` as a user runs it, called in-process. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli } from './run-cli.test-helpers.ts';

const root = new URL('../../examples/', import.meta.url);
const EXAMPLES = readdirSync(root, { withFileTypes: true })
  .filter((e) => e.isDirectory() && existsSync(new URL(`${e.name}/protocol.json`, root)))
  .map((e) => `examples/${e.name}/protocol.json`);

describe('suivi validate', () => {
  it('exits 0 on the example protocols', async () => {
    const result = await cli('validate', ...EXAMPLES);
    expect(result.stdout).toBe('');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`${EXAMPLES.length} spec(s) checked: 0 error(s), 0 warning(s)`);
  });

  it('lists all ten deliberate mistakes with file:line:col and exits 1', async () => {
    const result = await cli('validate', 'test/fixtures');
    expect(result.code).toBe(1);
    const lines = result.stdout.trim().split('\n');
    const rules = lines.map((l) => l.split(' ')[2]);
    expect(new Set(rules)).toEqual(
      new Set([
        'level-parent-unknown',
        'shape-unknown-key',
        'field-id-unique',
        'field-key-reserved',
        'bounds-order',
        'rule-unknown-field',
        'rule-unknown-choice',
        'vocabulary-code-unknown',
        'shape-pattern',
        'rule-syntax',
      ]),
    );
    for (const line of lines)
      expect(line).toMatch(/^test\/fixtures\/ten-mistakes\.protocol\.json:\d+:\d+ error [a-z-]+ .+/);
    const text = readFileSync(
      new URL('../../test/fixtures/ten-mistakes.protocol.json', import.meta.url),
      'utf8',
    ).split('\n');
    const lineOf = (needle: string) => text.findIndex((l) => l.includes(needle)) + 1;
    expect(lines.find((l) => l.includes('level-parent-unknown'))).toContain(`:${lineOf('"sit"')}:`);
    expect(lines.find((l) => l.includes('shape-unknown-key'))).toContain(`:${lineOf('attribut_label')}:`);
    expect(lines.find((l) => l.includes('rule-syntax'))).toContain(`:${lineOf('value.pass_number = 1')}:`);
  });

  it('prints JSON with --json', async () => {
    const result = await cli('validate', '--json', 'test/fixtures/ten-mistakes.protocol.json');
    expect(result.code).toBe(1);
    const reports = JSON.parse(result.stdout) as Array<{
      file: string;
      diagnostics: Array<Record<string, unknown>>;
    }>;
    expect(reports[0]?.diagnostics[0]).toEqual(
      expect.objectContaining({
        rule: expect.any(String),
        path: expect.any(String),
        severity: 'error',
        line: expect.any(Number),
      }),
    );
  });

  it('reports an unreadable or non-JSON file instead of crashing', async () => {
    const missing = await cli('validate', 'no/such/protocol.json');
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('file-unreadable');
    const notJson = await cli('validate', 'README.md');
    expect(notJson.code).toBe(1);
    expect(notJson.stdout).toContain('json-syntax');
  });
});
