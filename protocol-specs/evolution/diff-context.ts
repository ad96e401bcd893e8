/** What every per-area comparison shares: both sides indexed, and the list the changes are added to. */
import { CHANGE_KIND_CLASSES } from './change-kinds.ts';
import type { ChangeDraft, ProtocolChange, ThingRef } from './diff-types.ts';
import { changeMessage } from './messages.ts';
import type { ProtocolIndex } from './protocol-index.ts';

export interface DiffContext {
  readonly previous: ProtocolIndex;
  readonly next: ProtocolIndex;
  /** Adds a change; its class and message follow from its kind. */
  emit(draft: ChangeDraft): void;
}

export function diffContext(
  previous: ProtocolIndex,
  next: ProtocolIndex,
  out: ProtocolChange[],
): DiffContext {
  return {
    previous,
    next,
    emit(draft) {
      // Always the same key order: the JSON a reviewer reads (and diffs) lists them as ProtocolChange does.
      const { kind, level, group, field, vocabulary, value, property, path, before, after } = draft;
      out.push({
        kind,
        class: CHANGE_KIND_CLASSES[kind],
        ...(level && { level }),
        ...(group && { group }),
        ...(field && { field }),
        ...(vocabulary && { vocabulary }),
        ...(value !== undefined && { value }),
        ...(property !== undefined && { property }),
        path,
        message: changeMessage(draft),
        ...(before !== undefined && { before }),
        ...(after !== undefined && { after }),
      });
    },
  };
}

/** A level or field as a change names it: the new key, and the old one when it differs. */
export function thingRef(
  previous: { readonly key: string } | undefined,
  next: { readonly id: string; readonly key: string },
): ThingRef {
  return previous && previous.key !== next.key
    ? { id: next.id, key: next.key, previousKey: previous.key }
    : { id: next.id, key: next.key };
}

/**
 * Pairs two lists by id: entries in the new order (added ones where they now stand), then what was
 * removed, in the old order.
 */
export function pairById<T extends { readonly id: string }>(
  previous: readonly T[],
  next: readonly T[],
): Array<{ readonly previous?: T; readonly next?: T }> {
  const before = new Map(previous.map((p) => [p.id, p]));
  const after = new Set(next.map((n) => n.id));
  return [
    ...next.map((n) => {
      const p = before.get(n.id);
      return p ? { previous: p, next: n } : { next: n };
    }),
    ...previous.filter((p) => !after.has(p.id)).map((p) => ({ previous: p })),
  ];
}
