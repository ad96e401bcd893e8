-- Suivi core schema, migration 0008: the builder's drafts (/api/builder, builder/api).
-- A draft is a protocol spec being designed in the web app: saved as it is, valid or not, so nothing
-- typed is ever lost. Two designers editing one draft are told (row_version, as records do), never
-- silently overwritten. Every save also keeps a revision, the undo history across sessions; the newest
-- 200 revisions of a draft are kept (builder/api/drafts-store.ts prunes older ones as it saves).
-- Specs are `json`, not `jsonb`: json keeps the text as sent, so the designer's key order (code, then
-- version, label, levels…; id, key, label in a field) comes back as it was written, where jsonb would
-- sort keys by length. Nothing queries inside them.

CREATE TABLE suivi.protocol_draft (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  -- The spec's code when it was last saved ('' while the spec has none): lists and the installed module.
  code text NOT NULL DEFAULT '',
  spec json NOT NULL,
  -- The installed version this draft edits (set from the installed module, and by each publish);
  -- NULL for a protocol never published.
  base_version integer,
  row_version integer NOT NULL DEFAULT 1,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT protocol_draft__pk PRIMARY KEY (id),
  CONSTRAINT created_by__fk FOREIGN KEY (created_by) REFERENCES suivi.app_user (id) ON DELETE SET NULL,
  CONSTRAINT updated_by__fk FOREIGN KEY (updated_by) REFERENCES suivi.app_user (id) ON DELETE SET NULL,
  CONSTRAINT spec__object CHECK (json_typeof(spec) = 'object')
);
COMMENT ON TABLE suivi.protocol_draft IS 'Brouillons de protocoles du concepteur (spécification en cours, valide ou non)';
CREATE INDEX protocol_draft__code__idx ON suivi.protocol_draft (code);

CREATE TABLE suivi.protocol_draft_revision (
  draft_id uuid NOT NULL,
  -- 1 at creation, then one more per save: the row_version the save produced.
  revision integer NOT NULL,
  spec json NOT NULL,
  saved_by uuid,
  saved_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT protocol_draft_revision__pk PRIMARY KEY (draft_id, revision),
  CONSTRAINT draft_id__fk FOREIGN KEY (draft_id) REFERENCES suivi.protocol_draft (id) ON DELETE CASCADE,
  CONSTRAINT saved_by__fk FOREIGN KEY (saved_by) REFERENCES suivi.app_user (id) ON DELETE SET NULL
);
COMMENT ON TABLE suivi.protocol_draft_revision IS 'Historique des enregistrements d’un brouillon de protocole (annuler d’une session à l’autre)';
