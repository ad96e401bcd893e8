/**
 * `suivi diff <old> <new>`: the changes between two versions of a protocol, by stable id. Exit 0 when it
 * ran (changes or not), 1 on input it cannot read (or a pair that cannot be an upgrade: the evolution
 * errors are printed), 2 when `--fail-on` names a class a change has (or a worse one): for CI.
 */
import {
  type ChangeClass,
  diffProtocols,
  evolutionDiagnostics,
  type ProtocolDiff,
} from '../../protocol-specs/index.ts';
import type { Output } from './database-command.ts';
import { formatDiff, type Lang } from './diff-output.ts';
import { type DatabaseLocation, INSTALLED_PREFIX, readInstalledProtocol } from './installed-protocol.ts';
import { type ProtocolSource, readProtocolSource } from './protocol-source.ts';

export type FailOn = Extract<ChangeClass, 'data_dependent' | 'destructive'>;

export interface DiffCommandOptions extends DatabaseLocation {
  readonly json: boolean;
  readonly lang: Lang;
  readonly failOn?: FailOn;
  readonly stdout: Output;
  readonly stderr: Output;
}

/** The classes each `--fail-on` value fails on: destructive is worse than data-dependent. */
const FAILING: Readonly<Record<FailOn, readonly ChangeClass[]>> = {
  data_dependent: ['data_dependent', 'destructive'],
  destructive: ['destructive'],
};

/** What --fail-on accepts; program.mjs lists the same (a test compares). */
export const FAIL_ON_CLASSES = Object.keys(FAILING) as readonly FailOn[];

export async function diffCommand(from: string, to: string, options: DiffCommandOptions): Promise<number> {
  const [previous, next] = [await read(from, options), await read(to, options)];
  for (const source of [previous, next])
    if (!source.ok) for (const line of source.problems) options.stderr.write(`${line}\n`);
  if (!previous.ok || !next.ok) return 1;
  let diff: ProtocolDiff;
  let errors = 0;
  try {
    diff = diffProtocols(previous.protocol, next.protocol);
    for (const d of evolutionDiagnostics(previous.protocol, next.protocol)) {
      const at = next.locate?.(d);
      options.stderr.write(
        `${to}${at ? `:${at.line}:${at.column}` : ''} ${d.severity} ${d.rule} ${d.message}\n`,
      );
      if (d.severity === 'error') errors++;
    }
  } catch (e) {
    // Only a resolved protocol from an unexpected generator version could get here.
    options.stderr.write(`cannot compare ${from} with ${to}: ${(e as Error).message}\n`);
    return 1;
  }
  options.stdout.write(options.json ? `${JSON.stringify(diff, null, 2)}\n` : formatDiff(diff, options.lang));
  if (errors > 0) return 1;
  const failing = options.failOn ? FAILING[options.failOn] : [];
  const found = diff.changes.filter((c) => failing.includes(c.class));
  if (found.length > 0) {
    options.stderr.write(
      `${found.length} change(s) of class ${failing.join(' or ')} (--fail-on ${options.failOn})\n`,
    );
    return 2;
  }
  return 0;
}

function read(argument: string, where: DatabaseLocation): Promise<ProtocolSource> {
  return argument.startsWith(INSTALLED_PREFIX)
    ? readInstalledProtocol(argument.slice(INSTALLED_PREFIX.length), where)
    : readProtocolSource(argument);
}
