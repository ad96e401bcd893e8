/**
 * The lifecycle hooks of the loaded extensions, as the write path calls them (records/hooks.ts): each
 * gets a typed Kysely over the write's transaction. A HookRefusal goes on as the 422 it is; anything
 * else a hook throws becomes a HookFailure, which no error mapping mistakes for a database refusal:
 * the transaction rolls back, the server logs the cause and answers 500 `internal`, nothing more.
 */
import { kyselyOver } from '../db/kysely-dialect.ts';
import type { RecordHooks } from '../records/hooks.ts';
import { HookFailure, HookRefusal } from './hook-refusal.ts';
import type { LoadedExtension } from './types.ts';

/** The hooks of `extensions`; undefined when none has any, so writes take no detour at all. */
export function extensionHooks(extensions: ReadonlyMap<string, LoadedExtension>): RecordHooks | undefined {
  const any = [...extensions.values()].some((e) => Object.keys(e.hooks).length > 0);
  if (!any) return undefined;
  const find = (module: string, level: string, event: keyof LoadedExtension['hooks'][string]) =>
    extensions.get(module)?.hooks[level]?.[event];
  return {
    has: (module, level, event) => find(module, level, event) !== undefined,
    async run(event, call) {
      const hook = find(call.module, call.level, event);
      if (!hook) return;
      const { tx, ...rest } = call;
      try {
        await hook({ ...rest, tx: kyselyOver(tx) });
      } catch (error) {
        if (error instanceof HookRefusal) throw error;
        throw new HookFailure(`${call.module}.${call.level}.${event}`, error);
      }
    },
  };
}
