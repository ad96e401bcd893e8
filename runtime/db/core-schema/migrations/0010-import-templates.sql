-- Suivi core schema, migration 0010: import templates (runtime/import/templates, docs/import-templates.md).
-- A template says how one provider's file layout becomes one module's records (runtime/import/template.ts).
-- It is saved per module and provider, and every save is a new version: a job records the version it ran
-- with, so what a past import did stays readable after the template changed. Versions are never updated
-- nor deleted. Bodies are `json`, not `jsonb`: json keeps the checked template's key order (suivi_import_template,
-- module, level, provider, name, source…), so an export reads as the format is documented.

CREATE TABLE suivi.import_template (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  module_code text NOT NULL,
  -- The level a row of the file creates (the template's `level`), for lists.
  level_key text NOT NULL,
  provider text NOT NULL,
  name text NOT NULL,
  -- The newest version (1 at creation, one more per save).
  current_version integer NOT NULL DEFAULT 1,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT import_template__pk PRIMARY KEY (id),
  -- One name per provider in a module: saving under a taken name is a new version of that template.
  CONSTRAINT import_template__name__uq UNIQUE (module_code, provider, name),
  CONSTRAINT created_by__fk FOREIGN KEY (created_by) REFERENCES suivi.app_user (id) ON DELETE SET NULL,
  CONSTRAINT updated_by__fk FOREIGN KEY (updated_by) REFERENCES suivi.app_user (id) ON DELETE SET NULL,
  CONSTRAINT provider__not_blank CHECK (btrim(provider) <> ''),
  CONSTRAINT name__not_blank CHECK (btrim(name) <> ''),
  CONSTRAINT current_version__positive CHECK (current_version >= 1)
);
COMMENT ON TABLE suivi.import_template IS 'Modèles d’import par fournisseur et module (correspondance des colonnes et des valeurs)';
CREATE INDEX import_template__module__idx ON suivi.import_template (module_code, provider);

CREATE TABLE suivi.import_template_version (
  template_id uuid NOT NULL,
  version integer NOT NULL,
  body json NOT NULL,
  -- What changed, in the saver's words (optional).
  comment text,
  saved_by uuid,
  saved_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT import_template_version__pk PRIMARY KEY (template_id, version),
  CONSTRAINT template_id__fk FOREIGN KEY (template_id) REFERENCES suivi.import_template (id) ON DELETE CASCADE,
  CONSTRAINT saved_by__fk FOREIGN KEY (saved_by) REFERENCES suivi.app_user (id) ON DELETE SET NULL,
  CONSTRAINT body__object CHECK (json_typeof(body) = 'object'),
  CONSTRAINT version__positive CHECK (version >= 1)
);
COMMENT ON TABLE suivi.import_template_version IS 'Versions successives d’un modèle d’import (chaque enregistrement en crée une)';

-- A job names the template version it ran with (0009-import-jobs creates suivi.import_job). On a database
-- where 0009 has not run, there is nothing to link yet.
DO $$
BEGIN
  IF to_regclass('suivi.import_job') IS NOT NULL THEN
    ALTER TABLE suivi.import_job
      ADD CONSTRAINT template_version__fk FOREIGN KEY (template_id, template_version)
      REFERENCES suivi.import_template_version (template_id, version) ON DELETE SET NULL;
  END IF;
END
$$;
