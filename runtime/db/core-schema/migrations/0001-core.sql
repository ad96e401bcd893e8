-- Suivi core schema, migration 0001: what every generated module relies on.
-- Hand-written and versioned: never edit a migration once released; add 0002-….sql instead.
-- The runtime applies it in a transaction and records its id in suivi.schema_migration.
-- Targets PostgreSQL >= 15 + PostGIS >= 3.3, and PGlite (PostgreSQL 18 + PostGIS 3.6).

DO $$
BEGIN
  -- Modules need PostGIS; creating the extension usually needs a superuser, so it is the installer's job.
  IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'postgis') THEN
    RAISE EXCEPTION 'Suivi needs PostGIS: run CREATE EXTENSION postgis in this database first';
  END IF;
END
$$;

CREATE SCHEMA ref;
COMMENT ON SCHEMA ref IS 'Données de référence partagées par les modules : vocabulaires (SINP et protocoles), TAXREF';
CREATE SCHEMA suivi;
COMMENT ON SCHEMA suivi IS 'Cœur de Suivi : organismes, utilisateurs, métadonnées, modules installés, journal des suppressions';

CREATE TABLE suivi.schema_migration (
  id text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT schema_migration__pk PRIMARY KEY (id)
);
COMMENT ON TABLE suivi.schema_migration IS 'Migrations du cœur déjà appliquées';

-- Vocabularies: a type (a SINP nomenclature type or a protocol vocabulary) and its values, named by
-- code, never by an installation's numeric id.
CREATE TABLE ref.vocabulary_type (
  type text NOT NULL,
  label_fr text NOT NULL,
  label_en text,
  sinp_attribute text,
  source text NOT NULL,
  CONSTRAINT vocabulary_type__pk PRIMARY KEY (type),
  CONSTRAINT source__choice CHECK (source IN ('sinp', 'protocol'))
);
COMMENT ON TABLE ref.vocabulary_type IS 'Types de vocabulaires : nomenclatures SINP et vocabulaires propres aux protocoles';
COMMENT ON COLUMN ref.vocabulary_type.sinp_attribute IS 'Attribut du standard SINP Occurrences de taxons alimenté par ce type';

CREATE TABLE ref.vocabulary (
  type text NOT NULL,
  code text NOT NULL,
  label_fr text NOT NULL,
  label_en text,
  definition_fr text,
  definition_en text,
  broader_code text,
  source text NOT NULL,
  CONSTRAINT vocabulary__pk PRIMARY KEY (type, code),
  CONSTRAINT type__fk FOREIGN KEY (type) REFERENCES ref.vocabulary_type (type) ON DELETE RESTRICT,
  CONSTRAINT broader_code__fk FOREIGN KEY (type, broader_code) REFERENCES ref.vocabulary (type, code) ON DELETE RESTRICT,
  CONSTRAINT source__choice CHECK (source IN ('sinp', 'protocol'))
);
COMMENT ON TABLE ref.vocabulary IS 'Valeurs des vocabulaires, identifiées par (type, code) : cd_nomenclature pour le SINP';
COMMENT ON COLUMN ref.vocabulary.broader_code IS 'Code de la valeur plus large, pour les vocabulaires hiérarchiques';

-- TAXREF, or the part of it an instance loads.
CREATE TABLE ref.taxon (
  cd_nom integer NOT NULL,
  -- NULL only in incomplete extracts (TAXREF itself always has one).
  cd_ref integer,
  cd_sup integer,
  regne text,
  phylum text,
  classe text,
  ordre text,
  famille text,
  group1_inpn text,
  group2_inpn text,
  lb_nom text NOT NULL,
  lb_auteur text,
  nom_complet text,
  nom_valide text,
  nom_vern text,
  id_rang text,
  CONSTRAINT taxon__pk PRIMARY KEY (cd_nom)
);
COMMENT ON TABLE ref.taxon IS 'Référentiel taxonomique TAXREF (MNHN)';
COMMENT ON COLUMN ref.taxon.cd_ref IS 'cd_nom du nom valide auquel ce nom renvoie';
CREATE INDEX taxon__cd_ref__idx ON ref.taxon (cd_ref);
-- Prefix search on names (`lower(lb_nom) LIKE 'myot%'`), whatever the database collation.
CREATE INDEX taxon__lb_nom_prefix__idx ON ref.taxon (lower(lb_nom) text_pattern_ops);
CREATE INDEX taxon__nom_vern_prefix__idx ON ref.taxon (lower(nom_vern) text_pattern_ops);
CREATE INDEX taxon__group2_inpn__idx ON ref.taxon (group2_inpn);

CREATE TABLE suivi.organisation (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT organisation__pk PRIMARY KEY (id),
  CONSTRAINT organisation__name__key UNIQUE (name)
);
COMMENT ON TABLE suivi.organisation IS 'Organismes : portée « mon organisme » des permissions';

CREATE TABLE suivi.app_user (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  organisation_id uuid,
  login text NOT NULL,
  display_name text NOT NULL,
  email text,
  -- NULL for accounts that sign in elsewhere (SSO) or cannot sign in (former observers).
  password_hash text,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT app_user__pk PRIMARY KEY (id),
  CONSTRAINT app_user__login__key UNIQUE (login),
  CONSTRAINT organisation_id__fk FOREIGN KEY (organisation_id) REFERENCES suivi.organisation (id) ON DELETE RESTRICT
);
COMMENT ON TABLE suivi.app_user IS 'Utilisateurs, et observateurs ayant un compte';
CREATE INDEX app_user__organisation_id__idx ON suivi.app_user (organisation_id);

-- SINP metadata: both are identified by the UUIDs the national registry gives them.
CREATE TABLE suivi.acquisition_framework (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  label text NOT NULL,
  description text,
  organisation_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT acquisition_framework__pk PRIMARY KEY (id),
  CONSTRAINT organisation_id__fk FOREIGN KEY (organisation_id) REFERENCES suivi.organisation (id) ON DELETE RESTRICT
);
COMMENT ON TABLE suivi.acquisition_framework IS 'Cadres d''acquisition (métadonnées SINP)';
CREATE INDEX acquisition_framework__organisation_id__idx ON suivi.acquisition_framework (organisation_id);

CREATE TABLE suivi.dataset (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  acquisition_framework_id uuid NOT NULL,
  label text NOT NULL,
  description text,
  organisation_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT dataset__pk PRIMARY KEY (id),
  CONSTRAINT acquisition_framework_id__fk FOREIGN KEY (acquisition_framework_id)
    REFERENCES suivi.acquisition_framework (id) ON DELETE RESTRICT,
  CONSTRAINT organisation_id__fk FOREIGN KEY (organisation_id) REFERENCES suivi.organisation (id) ON DELETE RESTRICT
);
COMMENT ON TABLE suivi.dataset IS 'Jeux de données (métadonnées SINP)';
CREATE INDEX dataset__acquisition_framework_id__idx ON suivi.dataset (acquisition_framework_id);
CREATE INDEX dataset__organisation_id__idx ON suivi.dataset (organisation_id);

-- Installed modules: one row per protocol schema.
CREATE TABLE suivi.module (
  code text NOT NULL,
  label text NOT NULL,
  spec_version integer NOT NULL,
  generator_version text NOT NULL,
  manifest jsonb NOT NULL,
  installed_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT module__pk PRIMARY KEY (code)
);
COMMENT ON TABLE suivi.module IS 'Modules (protocoles) installés, avec le manifeste de leurs fichiers générés';

-- Deletions, for the incremental sync feed: no foreign keys, so the log outlives modules and users.
CREATE TABLE suivi.deletion_log (
  id bigint GENERATED ALWAYS AS IDENTITY,
  module_code text NOT NULL,
  level_key text NOT NULL,
  record_id uuid NOT NULL,
  deleted_at timestamptz NOT NULL DEFAULT now(),
  deleted_by uuid,
  CONSTRAINT deletion_log__pk PRIMARY KEY (id)
);
COMMENT ON TABLE suivi.deletion_log IS 'Enregistrements supprimés, pour la synchronisation incrémentale';
CREATE INDEX deletion_log__deleted_at__idx ON suivi.deletion_log (deleted_at);
CREATE INDEX deletion_log__module_code__level_key__deleted_at__idx ON suivi.deletion_log (module_code, level_key, deleted_at);
