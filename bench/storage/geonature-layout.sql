-- The GeoNature Monitoring storage layout, for the storage bench (bench/storage.ts): the gn_monitoring
-- tables as GeoNature and gn_module_monitoring create them (generic columns typed; every protocol field in
-- one `data jsonb` of a complement table), ref_nomenclatures (vocabulary values as numeric ids) and
-- utilisateurs.t_roles. Reduced to what the bench needs:
--   * no triggers (meta dates, log of changes, synthese, visit_date_max): GeoNature pays for them on every
--     write, so its load time here is a lower bound;
--   * no tables outside the monitoring path (gn_commons.t_modules, gn_meta.t_datasets, taxonomie.taxref):
--     id_module / id_dataset are plain integers, cd_nom references the shared ref.taxon;
--   * no geom_local (2154) column on sites, no type-of-site nomenclature columns;
--   * indexes: those GeoNature ships (primary keys, idx_t_base_visits_fk_bs_id, GiST on t_base_sites.geom,
--     idx_t_base_sites_id_inventor), plus a btree on t_observations.id_base_visit and
--     t_site_complements.id_sites_group that GeoNature does NOT ship (generous to it: the joins below
--     would otherwise be worse). No expression index on `data`: GeoNature ships none.

CREATE SCHEMA utilisateurs;
CREATE TABLE utilisateurs.t_roles (
  id_role serial NOT NULL,
  groupe boolean NOT NULL DEFAULT false,
  uuid_role uuid NOT NULL DEFAULT gen_random_uuid(),
  identifiant varchar(100),
  nom_role varchar(50),
  prenom_role varchar(50),
  email varchar(250),
  active boolean DEFAULT true,
  date_insert timestamp without time zone DEFAULT now(),
  CONSTRAINT pk_t_roles PRIMARY KEY (id_role)
);

CREATE SCHEMA ref_nomenclatures;
CREATE TABLE ref_nomenclatures.bib_nomenclatures_types (
  id_type serial NOT NULL,
  mnemonique varchar(255),
  label_default varchar(255) NOT NULL,
  label_fr varchar(255),
  source varchar(50),
  CONSTRAINT pk_bib_nomenclatures_types PRIMARY KEY (id_type),
  CONSTRAINT unique_bib_nomenclatures_types_mnemonique UNIQUE (mnemonique)
);
CREATE TABLE ref_nomenclatures.t_nomenclatures (
  id_nomenclature serial NOT NULL,
  id_type integer NOT NULL,
  cd_nomenclature varchar(255) NOT NULL,
  mnemonique varchar(255),
  label_default varchar(255) NOT NULL,
  label_fr varchar(255),
  id_broader integer,
  active boolean NOT NULL DEFAULT true,
  CONSTRAINT pk_t_nomenclatures PRIMARY KEY (id_nomenclature),
  CONSTRAINT unique_id_type_cd_nomenclature UNIQUE (id_type, cd_nomenclature),
  CONSTRAINT fk_t_nomenclatures_id_type FOREIGN KEY (id_type)
    REFERENCES ref_nomenclatures.bib_nomenclatures_types (id_type)
);

CREATE SCHEMA gn_monitoring;
CREATE TABLE gn_monitoring.t_sites_groups (
  id_sites_group serial NOT NULL,
  sites_group_name varchar(255),
  sites_group_code varchar(255),
  sites_group_description text,
  uuid_sites_group uuid NOT NULL DEFAULT gen_random_uuid(),
  comments text,
  data jsonb,
  geom geometry(Geometry, 4326),
  id_digitiser integer,
  meta_create_date timestamp without time zone DEFAULT now(),
  meta_update_date timestamp without time zone DEFAULT now(),
  CONSTRAINT pk_t_sites_groups PRIMARY KEY (id_sites_group),
  CONSTRAINT fk_t_sites_groups_id_digitiser FOREIGN KEY (id_digitiser) REFERENCES utilisateurs.t_roles (id_role)
);

CREATE TABLE gn_monitoring.t_base_sites (
  id_base_site serial NOT NULL,
  id_inventor integer,
  id_digitiser integer,
  base_site_name varchar(255) NOT NULL,
  base_site_description text,
  base_site_code varchar(25),
  first_use_date date,
  geom geometry(Geometry, 4326) NOT NULL,
  altitude_min integer,
  altitude_max integer,
  uuid_base_site uuid DEFAULT gen_random_uuid(),
  meta_create_date timestamp without time zone DEFAULT now(),
  meta_update_date timestamp without time zone DEFAULT now(),
  CONSTRAINT pk_t_base_sites PRIMARY KEY (id_base_site),
  CONSTRAINT fk_t_base_sites_id_inventor FOREIGN KEY (id_inventor) REFERENCES utilisateurs.t_roles (id_role),
  CONSTRAINT fk_t_base_sites_id_digitiser FOREIGN KEY (id_digitiser) REFERENCES utilisateurs.t_roles (id_role),
  CONSTRAINT enforce_srid_geom CHECK (ST_SRID(geom) = 4326),
  CONSTRAINT enforce_dims_geom CHECK (ST_NDims(geom) = 2)
);
CREATE INDEX idx_t_base_sites_geom ON gn_monitoring.t_base_sites USING gist (geom);
CREATE INDEX idx_t_base_sites_id_inventor ON gn_monitoring.t_base_sites USING btree (id_inventor);

CREATE TABLE gn_monitoring.cor_site_module (
  id_base_site integer NOT NULL,
  id_module integer NOT NULL,
  CONSTRAINT pk_cor_site_module PRIMARY KEY (id_base_site, id_module),
  CONSTRAINT fk_cor_site_module_id_base_site FOREIGN KEY (id_base_site)
    REFERENCES gn_monitoring.t_base_sites (id_base_site) ON DELETE CASCADE
);

CREATE TABLE gn_monitoring.t_site_complements (
  id_base_site integer NOT NULL,
  id_sites_group integer,
  data jsonb,
  CONSTRAINT pk_t_site_complements PRIMARY KEY (id_base_site),
  CONSTRAINT fk_t_site_complement_id_base_site FOREIGN KEY (id_base_site)
    REFERENCES gn_monitoring.t_base_sites (id_base_site) ON DELETE CASCADE,
  CONSTRAINT fk_t_site_complement_id_sites_group FOREIGN KEY (id_sites_group)
    REFERENCES gn_monitoring.t_sites_groups (id_sites_group) ON DELETE SET NULL
);
-- Not in GeoNature (see the header).
CREATE INDEX bench_t_site_complements_id_sites_group ON gn_monitoring.t_site_complements (id_sites_group);

CREATE TABLE gn_monitoring.t_base_visits (
  id_base_visit serial NOT NULL,
  id_base_site integer,
  id_dataset integer NOT NULL,
  id_module integer NOT NULL,
  id_digitiser integer,
  visit_date_min date NOT NULL,
  visit_date_max date,
  comments text,
  uuid_base_visit uuid DEFAULT gen_random_uuid(),
  meta_create_date timestamp without time zone DEFAULT now(),
  meta_update_date timestamp without time zone DEFAULT now(),
  observers_txt text,
  CONSTRAINT pk_t_base_visits PRIMARY KEY (id_base_visit),
  CONSTRAINT fk_t_base_visits_id_base_site FOREIGN KEY (id_base_site)
    REFERENCES gn_monitoring.t_base_sites (id_base_site) ON DELETE CASCADE,
  CONSTRAINT fk_t_base_visits_id_digitiser FOREIGN KEY (id_digitiser) REFERENCES utilisateurs.t_roles (id_role)
);
CREATE INDEX idx_t_base_visits_fk_bs_id ON gn_monitoring.t_base_visits USING btree (id_base_site);

CREATE TABLE gn_monitoring.cor_visit_observer (
  id_base_visit integer NOT NULL,
  id_role integer NOT NULL,
  unique_id_core_visit_observer uuid NOT NULL DEFAULT gen_random_uuid(),
  CONSTRAINT pk_cor_visit_observer PRIMARY KEY (id_base_visit, id_role),
  CONSTRAINT fk_cor_visit_observer_id_base_visit FOREIGN KEY (id_base_visit)
    REFERENCES gn_monitoring.t_base_visits (id_base_visit) ON DELETE CASCADE,
  CONSTRAINT fk_cor_visit_observer_id_role FOREIGN KEY (id_role) REFERENCES utilisateurs.t_roles (id_role)
);

CREATE TABLE gn_monitoring.t_visit_complements (
  id_base_visit integer NOT NULL,
  data jsonb,
  CONSTRAINT pk_t_visit_complements PRIMARY KEY (id_base_visit),
  CONSTRAINT fk_t_visit_complements_id_base_visit FOREIGN KEY (id_base_visit)
    REFERENCES gn_monitoring.t_base_visits (id_base_visit) ON DELETE CASCADE
);

CREATE TABLE gn_monitoring.t_observations (
  id_observation serial NOT NULL,
  id_base_visit integer NOT NULL,
  id_digitiser integer,
  cd_nom integer NOT NULL,
  comments text,
  uuid_observation uuid NOT NULL DEFAULT gen_random_uuid(),
  CONSTRAINT pk_t_observations PRIMARY KEY (id_observation),
  CONSTRAINT fk_t_observations_id_base_visit FOREIGN KEY (id_base_visit)
    REFERENCES gn_monitoring.t_base_visits (id_base_visit) ON DELETE CASCADE,
  CONSTRAINT fk_t_observations_cd_nom FOREIGN KEY (cd_nom) REFERENCES ref.taxon (cd_nom)
);
-- Not in GeoNature (see the header).
CREATE INDEX bench_t_observations_id_base_visit ON gn_monitoring.t_observations (id_base_visit);

CREATE TABLE gn_monitoring.t_observation_complements (
  id_observation integer NOT NULL,
  data jsonb,
  CONSTRAINT pk_t_observation_complements PRIMARY KEY (id_observation),
  CONSTRAINT fk_t_observation_complements_id_observation FOREIGN KEY (id_observation)
    REFERENCES gn_monitoring.t_observations (id_observation) ON DELETE CASCADE
);
