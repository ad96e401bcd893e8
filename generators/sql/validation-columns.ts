/**
 * The server-set validation columns of a validated level (protocol-specs/standard/validation.ts says
 * which levels, and why): the status is a STATUT_VALID code referencing ref.vocabulary exactly as a
 * vocabulary field does (a generated constant type column beside it), pending ('0') by default.
 */
import { PENDING_STATUS, VALIDATION_VOCABULARY } from '../../protocol-specs/index.ts';
import { foreignKey } from './constraints.ts';
import type { Indexed } from './indexes.ts';
import type { Column, Constraint } from './model.ts';
import { vocabularyTypeColumn } from './names.ts';

const STATUS = 'validation_status';

export interface ValidationStorage {
  readonly columns: readonly Column[];
  readonly constraints: readonly Constraint[];
  readonly indexed: readonly Indexed[];
}

export function validationStorage(): ValidationStorage {
  const typeColumn = vocabularyTypeColumn(STATUS);
  return {
    columns: [
      {
        name: STATUS,
        type: 'text',
        notNull: true,
        default: { kind: 'literal', value: PENDING_STATUS },
        comment: `Statut de validation (${VALIDATION_VOCABULARY}) ; posé par le serveur (action Valider)`,
      },
      {
        name: typeColumn,
        type: 'text',
        notNull: false,
        generatedConstant: VALIDATION_VOCABULARY,
        comment: `Type de vocabulaire de ${STATUS} (constante, pour la clé étrangère vers ref.vocabulary)`,
      },
      { name: 'validated_by', type: 'uuid', notNull: false, comment: 'Auteur de la dernière validation' },
      {
        name: 'validated_at',
        type: 'timestamptz',
        notNull: false,
        comment: 'Date de la dernière validation',
      },
      { name: 'validation_comment', type: 'text', notNull: false, comment: 'Commentaire du validateur' },
    ],
    constraints: [
      foreignKey(STATUS, [typeColumn, STATUS], { schema: 'ref', name: 'vocabulary' }, ['type', 'code']),
    ],
    // Validators list the records awaiting them.
    indexed: [{ column: STATUS, method: 'btree' }],
  };
}
