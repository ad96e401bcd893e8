/** A protocol's evolution: the diff of two versions by stable ids, and what a new version may not do. */
export { CHANGE_CLASSES, type ChangeClass } from './change-class.ts';
export { CHANGE_KIND_CLASSES, CHANGE_KINDS, type ChangeKind } from './change-kinds.ts';
export { CHANGE_CLASS_LABELS, CHANGE_CLASSES_BY_SEVERITY } from './class-labels.ts';
export { diffProtocols } from './diff.ts';
export type { ChangeMessage, ProtocolChange, ProtocolDiff, ThingRef, VocabularyRef } from './diff-types.ts';
export { EVOLUTION_RULES, evolutionDiagnostics } from './evolution-diagnostics.ts';
export { show } from './messages.ts';
