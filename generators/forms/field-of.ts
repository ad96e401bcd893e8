import type { FieldKind, ResolvedField } from '../../protocol-specs/index.ts';

/**
 * The resolved field of one kind. Not `Extract<ResolvedField, { kind: K }>`: several kinds share one
 * interface (`kind: 'date' | 'time' | 'datetime'`), which Extract would drop.
 */
export type FieldOf<K extends FieldKind> = ResolvedField & { readonly kind: K };
