/**
 * The parts of an API record that are not the level's data: the envelope every record has, the links
 * to its parents, and the `Records` map from level key to record type. Written as TypeScript directly:
 * they are the same for every protocol, bar the names.
 */
import { isValidatedLevel, type ResolvedProtocol, validatedLevels } from '../../protocol-specs/index.ts';
import { levelTypeName, recordTypeName } from './naming.ts';

export const ENVELOPE_TYPE = 'RecordEnvelope';

const ENVELOPE = `/** Fields every record carries in the API, whatever its level. */
export interface ${ENVELOPE_TYPE} {
  /** Permanent id of the record (UUID). */
  id: string;
  /** Organisation the record belongs to (UUID); permissions follow it. */
  organisation_id: string;
  /** When the record was created (ISO 8601 date-time). */
  created_at: string;
  /** Who created it (user UUID); null for imports and system writes. */
  created_by: string | null;
  /** When the record was last changed (ISO 8601 date-time). */
  updated_at: string;
  /** Who last changed it (user UUID); null for imports and system writes. */
  updated_by: string | null;
  /** Incremented by every update; an update sends the version it read (optimistic locking). */
  row_version: number;
  /** Version of the protocol the record was last saved under. */
  spec_version: number;
}
`;

export const VALIDATION_TYPE = 'ValidationFields';

const VALIDATION = `/** Fields the Validate action sets on occurrence records; read-only in bodies. */
export interface ${VALIDATION_TYPE} {
  /** SINP STATUT_VALID code: '0' pending (new or edited by a non-validator), '1'–'6' set by a validator. */
  validation_status: string;
  /** Who set the status (user UUID); null while pending. */
  validated_by: string | null;
  /** When it was set (ISO 8601 date-time); null while pending. */
  validated_at: string | null;
  /** The validator's comment. */
  validation_comment: string | null;
}
`;

function recordType(protocol: ResolvedProtocol, levelKey: string): string {
  const level = protocol.levels.find((l) => l.key === levelKey);
  if (!level) throw new Error(`no level ${levelKey} in protocol ${protocol.code}`);
  const links = level.parents.map((parent) => {
    const label = protocol.levels.find((l) => l.key === parent)?.label.fr ?? parent;
    // With `parentsRequired: 'any'` a record links to at least one parent: each link may be null.
    const type = level.parentsRequired === 'all' ? 'string' : 'string | null';
    return `  /** The parent ${label} (UUID). */\n  ${parent}_id: ${type};\n`;
  });
  const validation = isValidatedLevel(protocol, level.key) ? `, ${VALIDATION_TYPE}` : '';
  const extended = `${ENVELOPE_TYPE}${validation}, ${levelTypeName(protocol.code, level.key)}`;
  const doc = `/** A record of level \`${level.key}\` (${level.label.fr}) as the API returns it: data, parent links, envelope. */`;
  return links.length > 0
    ? `${doc}\nexport interface ${recordTypeName(protocol.code, level.key)} extends ${extended} {\n${links.join('')}}\n`
    : `${doc}\nexport interface ${recordTypeName(protocol.code, level.key)} extends ${extended} {}\n`;
}

/** The envelope, one record type per level, and the `Records` map, as TypeScript source. */
export function recordTypes(protocol: ResolvedProtocol): string {
  const records = protocol.levels.map((l) => recordType(protocol, l.key));
  const map = protocol.levels.map((l) => `  ${l.key}: ${recordTypeName(protocol.code, l.key)};\n`).join('');
  return [
    ENVELOPE,
    ...(validatedLevels(protocol).length > 0 ? [VALIDATION] : []),
    ...records,
    `/** The record type of each level, by level key. */\nexport interface Records {\n${map}}\n`,
  ].join('\n');
}
