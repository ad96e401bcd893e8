-- Suivi core schema, migration 0007: the history of every module, one row per version installed.
-- Protocols change every season; a row keeps what was installed (the authored spec, the resolved IR,
-- every generated file) so the server can go on serving an installed version whose folder has moved on,
-- a diff can compare the installed protocol with a new one, and an upgrade can say where it came from.
-- Rows are never deleted, not even when a module is uninstalled (its data goes to an archive schema).

CREATE TABLE suivi.module_version (
  id bigint GENERATED ALWAYS AS IDENTITY,
  code text NOT NULL,
  version integer NOT NULL,
  generator_version text NOT NULL,
  -- sha256 of the manifest's file list (path and sha256 of each file): the same folder, the same hash.
  content_hash text NOT NULL,
  -- The spec as its author wrote it, when the generated folder holds it.
  spec jsonb,
  -- The resolved protocol (ir/protocol.resolved.json).
  ir jsonb NOT NULL,
  -- Every file of the generated folder, manifest.json included, by path: {"path": "text", …}.
  files jsonb NOT NULL,
  -- How this version arrived: install, reinstall (an empty module recreated), update (files other than
  -- SQL), upgrade (a migration plan ran).
  change text NOT NULL,
  -- The migration plan run to reach this version (generators/migrations/plan-types.ts), for an upgrade.
  plan jsonb,
  installed_by uuid,
  installed_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT module_version__pk PRIMARY KEY (id),
  CONSTRAINT module_version__change CHECK (change IN ('install', 'reinstall', 'update', 'upgrade')),
  CONSTRAINT installed_by__fk FOREIGN KEY (installed_by) REFERENCES suivi.app_user (id) ON DELETE SET NULL
);
COMMENT ON TABLE suivi.module_version IS 'Historique des versions installées de chaque module : spécification, IR, fichiers générés, qui et quand';
CREATE INDEX module_version__code__idx ON suivi.module_version (code, id);

-- The version a module serves now; NULL for a module installed before this migration, until its next install.
ALTER TABLE suivi.module ADD COLUMN version_id bigint;
ALTER TABLE suivi.module
  ADD CONSTRAINT version_id__fk FOREIGN KEY (version_id) REFERENCES suivi.module_version (id) ON DELETE RESTRICT;
