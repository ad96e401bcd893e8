/**
 * `validate` and `generate` compare a spec with its previous version when one is at hand: the resolved
 * protocol of the module folder generated from it. The evolution errors (version not raised, an id
 * reused, the code changed) are diagnostics of the new spec, printed and counted like the others.
 */
import { access } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type Diagnostic, evolutionDiagnostics, type ResolvedProtocol } from '../../protocol-specs/index.ts';
import { IR_PATH, readProtocolSource } from './protocol-source.ts';

export interface PreviousVersion {
  /** A spec file, a generated module folder, or a resolved protocol file. */
  readonly path: string;
  /**
   * Found by convention rather than named by the user: absent, or holding another protocol (another
   * code), it is simply not this spec's previous version.
   */
  readonly implicit: boolean;
}

/** The generated folder beside a spec's folder (`examples/x/protocol.json` → `examples/x/generated`). */
export const besideSpec = (specFile: string): PreviousVersion => ({
  path: join(dirname(specFile), 'generated'),
  implicit: true,
});

/** The module folder generate writes to: what it holds is the version being replaced. */
export const inOutputFolder = (out: string): PreviousVersion => ({ path: out, implicit: false });

export async function checkEvolution(
  next: ResolvedProtocol,
  previous: PreviousVersion | undefined,
): Promise<Diagnostic[]> {
  if (!previous) return [];
  const exists = (p: string) =>
    access(p).then(
      () => true,
      () => false,
    );
  // A folder without a resolved protocol has never been generated: nothing to compare with.
  const folder = !previous.path.endsWith('.json');
  if (folder && !(await exists(join(previous.path, IR_PATH)))) return [];
  const source = await readProtocolSource(previous.path);
  if (!source.ok) return unreadable(source.problems[0] ?? previous.path);
  if (previous.implicit && source.protocol.code !== next.code) return [];
  try {
    return evolutionDiagnostics(source.protocol, next);
  } catch (e) {
    return unreadable(`${previous.path}: ${(e as Error).message}`);
  }
}

const unreadable = (reason: string): Diagnostic[] => [
  {
    rule: 'previous-unreadable',
    path: '',
    message: `cannot compare with the previous version, checked alone: ${reason}`,
    severity: 'warning',
  },
];
