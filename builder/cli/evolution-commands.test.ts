/**
 * `suivi validate` and `suivi generate` check a spec against its previous version when one is at hand:
 * the generated folder beside the spec, `--previous`, or generate's output folder.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from './run-cli.test-helpers.ts';

const temp = mkdtempSync(join(tmpdir(), 'suivi-evolution-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const CHIRO = 'examples/chiro_gites/protocol.json';
const IR = 'generated/ir/protocol.resolved.json';

// biome-ignore lint/suspicious/noExplicitAny: tests edit authored specs as plain JSON.
type Spec = Record<string, any>;

/** A protocol folder like examples/chiro_gites (its spec, edited, and the generated IR of version 1). */
function protocolFolder(name: string, edit: (spec: Spec) => void): string {
  const folder = join(temp, name);
  mkdirSync(join(folder, 'generated', 'ir'), { recursive: true });
  cpSync(`examples/chiro_gites/${IR}`, join(folder, IR));
  const spec = JSON.parse(readFileSync(CHIRO, 'utf8')) as Spec;
  edit(spec);
  writeFileSync(join(folder, 'protocol.json'), JSON.stringify(spec, null, 2));
  return join(folder, 'protocol.json');
}

const relabel = (spec: Spec) => {
  spec.label.en = 'Bat roosts';
};
const lineOf = (file: string, needle: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .findIndex((l) => l.includes(needle)) + 1;

describe('suivi validate, against the previous version', () => {
  it('refuses a change whose version was not raised, at the version line', async () => {
    const spec = protocolFolder('not-raised', relabel);
    const result = await cli('validate', spec);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      new RegExp(
        `^${spec}:${lineOf(spec, '"version"')}:\\d+ error version-not-raised the protocol changed since version 1 but its version was not raised; give it version 2 \\(at /version\\)\\n$`,
      ),
    );
  });

  it('accepts it once the version is raised', async () => {
    const spec = protocolFolder('raised', (s) => {
      relabel(s);
      s.version = 2;
    });
    const result = await cli('validate', spec);
    expect(result.stdout).toBe('');
    expect(result.code).toBe(0);
  });

  it('refuses an id reused for a kind its values cannot take, at the field', async () => {
    const spec = protocolFolder('kind', (s) => {
      s.version = 2;
      const field = s.levels[2].fields.find((f: Spec) => f.key === 'exit_point');
      field.kind = 'text';
      delete field.geometry;
    });
    const result = await cli('validate', '--json', spec);
    expect(result.code).toBe(1);
    const [report] = JSON.parse(result.stdout) as Array<{ diagnostics: Spec[] }>;
    expect(report?.diagnostics).toEqual([
      expect.objectContaining({
        rule: 'id-reused',
        path: '/levels/2/fields/12',
        severity: 'error',
        line: lineOf(spec, '"id": "obs.exit_point"') - 2,
      }),
    ]);
  });

  it('takes --previous: a spec or a generated folder', async () => {
    const spec = protocolFolder('explicit', relabel);
    const against = async (previous: string) => (await cli('validate', spec, '--previous', previous)).stdout;
    expect(await against(CHIRO)).toContain('version-not-raised');
    expect(await against('examples/chiro_gites/generated')).toContain('version-not-raised');
    expect(await against('examples/flore_quadrats/protocol.json')).toContain('code-changed');
    const many = await cli('validate', 'examples', '--previous', CHIRO);
    expect(many.code).toBe(1);
    expect(many.stderr).toMatch(
      /^--previous compares one spec with its previous version; \d+ spec\(s\) found\n$/,
    );
  });

  it('checks the spec alone when the generated folder beside it is another protocol, or unreadable', async () => {
    const other = protocolFolder('other', relabel);
    cpSync(`examples/flore_quadrats/${IR}`, join(temp, 'other', IR));
    expect(await cli('validate', other)).toMatchObject({ code: 0, stdout: '' });
    const broken = protocolFolder('broken', relabel);
    writeFileSync(join(temp, 'broken', IR), '{ not json');
    const result = await cli('validate', broken);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /:1:1 warning previous-unreadable cannot compare with the previous version, checked alone: .*not JSON/,
    );
  });
});

describe('suivi generate, against the module folder it replaces', () => {
  it('writes nothing when the new spec is not a valid next version, and generates once it is', async () => {
    const out = join(temp, 'module');
    expect((await cli('generate', CHIRO, '--out', out)).code).toBe(0);
    const manifest = readFileSync(join(out, 'manifest.json'), 'utf8');
    const spec = protocolFolder('generate', relabel);
    const refused = await cli('generate', spec, '--out', out);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${spec}:${lineOf(spec, '"version"')}:`);
    expect(refused.stderr).toContain('error version-not-raised');
    expect(refused.stderr).toContain('not generated');
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe(manifest);

    const raised = protocolFolder('generate-v2', (s) => {
      relabel(s);
      s.version = 2;
    });
    expect((await cli('generate', raised, '--out', out)).code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).protocol.version).toBe(2);
    // Version 2 is now what the folder holds: version 1 cannot come back over it.
    const back = await cli('generate', CHIRO, '--out', out);
    expect(back.code).toBe(1);
    expect(back.stderr).toContain('error version-lowered version 1 is lower than version 2');
  });
});
