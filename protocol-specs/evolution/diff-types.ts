/** The diff between two versions of a protocol, as data: what the CLI prints and the planner reads. */
import type { ChangeClass } from './change-class.ts';
import type { ChangeKind } from './change-kinds.ts';

/** A level or field named by its permanent id, with its key now and, when renamed, before. */
export interface ThingRef {
  readonly id: string;
  readonly key: string;
  readonly previousKey?: string;
}

export interface VocabularyRef {
  readonly id: string;
  readonly code: string;
  readonly previousCode?: string;
}

/** Both languages always: a diff is shown to French and English readers alike. */
export interface ChangeMessage {
  readonly fr: string;
  readonly en: string;
}

export interface ProtocolChange {
  readonly kind: ChangeKind;
  readonly class: ChangeClass;
  readonly level?: ThingRef;
  /** The repeatable group holding the field, for a row field. */
  readonly group?: ThingRef;
  readonly field?: ThingRef;
  readonly vocabulary?: VocabularyRef;
  /** A choice value or a vocabulary code. */
  readonly value?: string;
  /** The property that changed (`max`, `label`, `list`, `STATUT_OBS`…), when the kind covers several. */
  readonly property?: string;
  /** JSON pointer of the thing in the new spec; in the previous one for what was removed. */
  readonly path: string;
  readonly message: ChangeMessage;
  readonly before?: unknown;
  readonly after?: unknown;
}

export interface ProtocolDiff {
  readonly code: string;
  readonly from: number;
  readonly to: number;
  /** Protocol, vocabularies, then levels in the new order (each with its fields); removals after. */
  readonly changes: readonly ProtocolChange[];
}

/** A change before its class and message are filled in from its kind. */
export type ChangeDraft = Omit<ProtocolChange, 'class' | 'message'>;
