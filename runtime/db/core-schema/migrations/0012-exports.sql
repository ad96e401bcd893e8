-- Export jobs (runtime/exports): a large export runs in the background and writes a file its owner
-- downloads until it expires; the file is then removed and the row says so.
CREATE TABLE suivi.export_job (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL,
  module_code text NOT NULL,
  level_key text,
  format text NOT NULL,
  options jsonb NOT NULL,
  filters jsonb NOT NULL,
  status text NOT NULL DEFAULT 'queued',
  rows_done bigint NOT NULL DEFAULT 0,
  rows_total bigint,
  file_path text,
  file_name text,
  file_size bigint,
  error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  expires_at timestamptz NOT NULL,
  CONSTRAINT export_job__pk PRIMARY KEY (id),
  CONSTRAINT export_job__user_id__fk FOREIGN KEY (user_id) REFERENCES suivi.app_user (id) ON DELETE CASCADE,
  CONSTRAINT export_job__status__choice CHECK (status IN ('queued', 'running', 'done', 'failed', 'expired')),
  CONSTRAINT export_job__format__choice CHECK (format IN ('csv', 'geojson', 'xlsx', 'gpkg', 'sinp-csv', 'sinp-geojson'))
);
COMMENT ON TABLE suivi.export_job IS 'Exports en tâche de fond : qui, quoi, filtres, avancement, fichier, expiration';
CREATE INDEX export_job__user_id__idx ON suivi.export_job (user_id, created_at DESC);
CREATE INDEX export_job__expires_at__idx ON suivi.export_job (expires_at) WHERE file_path IS NOT NULL;
