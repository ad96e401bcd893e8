/**
 * Expert validation of occurrence records (the V permission): which levels carry a validation status,
 * the server-set columns holding it and the SINP vocabulary of its values (STATUT_VALID). Shared by the
 * SQL, API and OpenAPI generators and the runtime, so they agree on one list.
 */
import type { ResolvedLevel, ResolvedProtocol } from '../resolved.ts';

/** The SINP nomenclature of validation statuses (0 En attente … 6 Inconnu). */
export const VALIDATION_VOCABULARY = 'STATUT_VALID';
/** "En attente de validation": every new record, and every record a non-validator changes. */
export const PENDING_STATUS = '0';

/** Columns the server sets on validated levels; a field cannot take these keys (GENERATED_COLUMNS). */
export const VALIDATION_COLUMNS = [
  'validation_status',
  'validated_by',
  'validated_at',
  'validation_comment',
] as const;

/**
 * Levels whose records become SINP occurrences carry a validation status, because the status travels
 * with the occurrence to the regional platform: the level the spec's occurrence mapping reads or, for a
 * spec without a mapping (yet), its levels of type `observation` — the records an expert would judge.
 * Sites and visits are never validated.
 */
export function validatedLevels(protocol: ResolvedProtocol): ResolvedLevel[] {
  const mapped = protocol.occurrence?.level;
  if (mapped !== undefined) return protocol.levels.filter((l) => l.key === mapped);
  return protocol.levels.filter((l) => l.type === 'observation');
}

export const isValidatedLevel = (protocol: ResolvedProtocol, levelKey: string): boolean =>
  validatedLevels(protocol).some((l) => l.key === levelKey);
