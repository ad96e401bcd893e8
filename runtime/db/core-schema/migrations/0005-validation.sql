-- Suivi core schema, migration 0005: expert validation of occurrence records (the V permission).
-- Validated level tables hold the current status (validation_status, a STATUT_VALID code, and who/when/
-- comment); this log keeps every change of it, by the Validate action or by an edit that resets it.

-- Every validated record references STATUT_VALID '0' from its first insert, so the SINP values must be
-- there before any nomenclature file is loaded. Labels as in the SINP reference; a fuller load (npx suivi
-- refdata nomenclatures) updates them.
INSERT INTO ref.vocabulary_type (type, label_fr, sinp_attribute, source)
VALUES ('STATUT_VALID', 'Statut de validation', 'nivVal', 'sinp')
ON CONFLICT (type) DO NOTHING;
INSERT INTO ref.vocabulary (type, code, label_fr, source) VALUES
  ('STATUT_VALID', '0', 'En attente de validation', 'sinp'),
  ('STATUT_VALID', '1', 'Certain - très probable', 'sinp'),
  ('STATUT_VALID', '2', 'Probable', 'sinp'),
  ('STATUT_VALID', '3', 'Douteux', 'sinp'),
  ('STATUT_VALID', '4', 'Invalide', 'sinp'),
  ('STATUT_VALID', '5', 'Non réalisable', 'sinp'),
  ('STATUT_VALID', '6', 'Inconnu', 'sinp')
ON CONFLICT (type, code) DO NOTHING;

CREATE TABLE suivi.validation_log (
  id bigint GENERATED ALWAYS AS IDENTITY,
  module_code text NOT NULL,
  level_key text NOT NULL,
  record_id uuid NOT NULL,
  status text NOT NULL,
  previous_status text,
  validated_by uuid,
  comment text,
  validated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT validation_log__pk PRIMARY KEY (id)
);
COMMENT ON TABLE suivi.validation_log IS 'Historique des statuts de validation (STATUT_VALID) des occurrences : action Valider, remise en attente après modification';
COMMENT ON COLUMN suivi.validation_log.validated_by IS 'Validateur, ou auteur de la modification qui a remis le statut en attente';
-- No foreign key to the record: the history outlives a deleted record (suivi.deletion_log says when).
CREATE INDEX validation_log__record_id__idx ON suivi.validation_log (record_id, validated_at);
CREATE INDEX validation_log__module_code__level_key__validated_at__idx ON suivi.validation_log (module_code, level_key, validated_at);
