/**
 * The folder loop a protocol author runs, for the upgrade tests: write the spec (and its resolutions),
 * generate over the module folder (which writes the migration plan).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateCommand } from '../../builder/cli/generate-command.ts';

export { miniSpec, type Spec } from './mini-spec.ts';

import type { Spec } from './mini-spec.ts';

const sink = () => {
  const parts: string[] = [];
  return { write: (t: string) => parts.push(t), text: () => parts.join('') };
};

/** Writes the spec (and the resolutions of its transition from `resolutionsFrom`) and generates `<dir>/generated`. */
export async function generateAt(
  dir: string,
  spec: Spec,
  resolutions?: { readonly from: number; readonly value: unknown },
): Promise<{ readonly out: string; readonly code: number; readonly stderr: string }> {
  mkdirSync(join(dir, 'migrations'), { recursive: true });
  writeFileSync(join(dir, 'protocol.json'), JSON.stringify(spec, null, 2));
  if (resolutions)
    writeFileSync(
      join(dir, 'migrations', `v${resolutions.from}-to-v${spec.version}.json`),
      JSON.stringify(resolutions.value, null, 2),
    );
  const out = join(dir, 'generated');
  const stdout = sink();
  const stderr = sink();
  const code = await generateCommand(join(dir, 'protocol.json'), { out, check: false, stdout, stderr });
  return { out, code, stderr: stderr.text() };
}
