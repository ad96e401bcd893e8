-- Suivi core schema, migration 0009: import jobs (runtime/import). A job is one file imported into one
-- level of one module with one template: who, when, which file (its SHA-256: the same file twice is
-- flagged), the template as run, the counts and the status. The records a job created, updated or
-- deleted (replace mode) are linked to it, with their rows as they were before for updates and
-- deletions, so the job can be rolled back in one action. Its problems are kept beside the row's
-- original cells for the report.

CREATE TABLE suivi.import_job (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  module_code text NOT NULL,
  level_key text NOT NULL,
  provider text NOT NULL DEFAULT '',
  template jsonb NOT NULL,
  -- The wizard's template store (0010) adds the foreign key.
  template_id uuid,
  template_version integer,
  file_name text NOT NULL,
  file_sha256 text NOT NULL,
  mode text NOT NULL,
  atomicity text NOT NULL,
  dry_run boolean NOT NULL DEFAULT false,
  status text NOT NULL DEFAULT 'queued',
  rows_read integer NOT NULL DEFAULT 0,
  inserted integer NOT NULL DEFAULT 0,
  updated integer NOT NULL DEFAULT 0,
  rejected integer NOT NULL DEFAULT 0,
  skipped integer NOT NULL DEFAULT 0,
  -- Names of taxa the file named that the reference list does not hold (distinct, first 1 000).
  unmatched_taxa jsonb NOT NULL DEFAULT '[]',
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz,
  error text,
  CONSTRAINT import_job__pk PRIMARY KEY (id),
  CONSTRAINT created_by__fk FOREIGN KEY (created_by) REFERENCES suivi.app_user (id) ON DELETE SET NULL,
  CONSTRAINT mode__check CHECK (mode IN ('insert', 'upsert', 'replace')),
  CONSTRAINT atomicity__check CHECK (atomicity IN ('all_or_nothing', 'valid_rows')),
  CONSTRAINT status__check CHECK (status IN ('queued', 'running', 'done', 'failed', 'rolled_back')),
  CONSTRAINT counts__check CHECK (rows_read = inserted + updated + rejected + skipped)
);
COMMENT ON TABLE suivi.import_job IS 'Imports de fichiers de données (un fichier, un niveau, un modèle d''import)';
CREATE INDEX import_job__module__idx ON suivi.import_job (module_code, created_at DESC);
CREATE INDEX import_job__file_sha256__idx ON suivi.import_job (file_sha256);

CREATE TABLE suivi.import_job_record (
  job_id uuid NOT NULL,
  level_key text NOT NULL,
  record_id uuid NOT NULL,
  action text NOT NULL,
  -- The record's row_version once the job wrote it: a different one at rollback means someone changed it.
  row_version integer,
  -- Updated or deleted records: the table row and its child-table rows as they were before the job.
  before jsonb,
  seq integer NOT NULL,
  CONSTRAINT import_job_record__pk PRIMARY KEY (job_id, level_key, record_id),
  CONSTRAINT job_id__fk FOREIGN KEY (job_id) REFERENCES suivi.import_job (id) ON DELETE CASCADE,
  CONSTRAINT action__check CHECK (action IN ('inserted', 'updated', 'deleted'))
);
CREATE INDEX import_job_record__record_id__idx ON suivi.import_job_record (record_id);

CREATE TABLE suivi.import_job_problem (
  job_id uuid NOT NULL,
  seq integer NOT NULL,
  row_number integer NOT NULL,
  level_key text NOT NULL,
  field text NOT NULL,
  column_name text,
  code text NOT NULL,
  message_fr text NOT NULL,
  message_en text NOT NULL,
  value text,
  -- The row's cells as read, for the report.
  cells jsonb NOT NULL,
  CONSTRAINT import_job_problem__pk PRIMARY KEY (job_id, seq),
  CONSTRAINT job_id__fk FOREIGN KEY (job_id) REFERENCES suivi.import_job (id) ON DELETE CASCADE
);
