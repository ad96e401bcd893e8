-- Suivi core schema, migration 0004: uploaded media files (photos, sound recordings, scanned sheets).
-- The bytes live in the database (bytea), not on a disk beside it: one transactional store on PGlite
-- and PostgreSQL alike, so a record and the files it names are written, backed up and restored together,
-- and nothing else (a folder, its permissions, a second backup) has to be kept in step. Files are at most
-- a few tens of megabytes (MAX_MEDIA_BYTES), well within what bytea handles.
-- A module's media child tables (<module>.<level>__<field>) name a file by storage_key; a file no record
-- names is an orphan, purged once it is older than a day (runtime/media/orphans.ts).

CREATE TABLE suivi.media_file (
  storage_key uuid NOT NULL DEFAULT gen_random_uuid(),
  sha256 text NOT NULL,
  file_name text NOT NULL,
  mime_type text NOT NULL,
  size_bytes integer NOT NULL,
  uploaded_by uuid NOT NULL,
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  content bytea NOT NULL,
  CONSTRAINT media_file__pk PRIMARY KEY (storage_key),
  CONSTRAINT uploaded_by__fk FOREIGN KEY (uploaded_by) REFERENCES suivi.app_user (id) ON DELETE CASCADE,
  CONSTRAINT sha256__hex CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  CONSTRAINT size_bytes__matches CHECK (size_bytes = octet_length(content) AND size_bytes > 0),
  CONSTRAINT file_name__not_blank CHECK (btrim(file_name) <> '')
);
COMMENT ON TABLE suivi.media_file IS 'Fichiers déposés (photos, sons, fiches scannées), octets compris ; type MIME lu dans les octets';
COMMENT ON COLUMN suivi.media_file.mime_type IS 'Type MIME reconnu d''après le contenu, jamais d''après le client';
CREATE INDEX media_file__uploaded_by__idx ON suivi.media_file (uploaded_by);
CREATE INDEX media_file__uploaded_at__idx ON suivi.media_file (uploaded_at);
