/** The folders a server serves: the builder's published modules first, an example of the same code left out. */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXAMPLES_ROOT, generatedModuleFolders, servedModuleFolders } from './folders.ts';

const root = mkdtempSync(join(tmpdir(), 'suivi-published-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('servedModuleFolders', () => {
  it('serves a published module instead of the example it was published from', () => {
    const examples = generatedModuleFolders(EXAMPLES_ROOT);
    const chiro = examples.find((f) => f.includes('/chiro_gites/')) as string;
    cpSync(chiro, join(root, 'chiro_gites', 'generated'), { recursive: true });
    const published = generatedModuleFolders(root);
    expect(published).toEqual([join(root, 'chiro_gites', 'generated')]);
    const served = servedModuleFolders(published, examples);
    expect(served[0]).toBe(published[0]);
    expect(served).not.toContain(chiro);
    expect(served).toHaveLength(examples.length);
  });

  it('has no folders in a modules directory not created yet', () => {
    expect(generatedModuleFolders(join(root, 'absent'))).toEqual([]);
  });
});
