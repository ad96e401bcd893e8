-- Suivi core schema, migration 0013: the national registry's identifiers of the metadata.
-- The SINP metadata registry gives every acquisition framework and dataset a UUID of its own; the local
-- `id` (what records and specs name) stays, so a dataset can be created before it is registered.
-- A UUID names one framework or one dataset only. (Dashboards need no core table: their materialized
-- views are in each module's schema, generated from its spec: docs/dashboards.md.)

ALTER TABLE suivi.acquisition_framework
  ADD COLUMN sinp_uuid uuid,
  ADD CONSTRAINT acquisition_framework__sinp_uuid__key UNIQUE (sinp_uuid);
COMMENT ON COLUMN suivi.acquisition_framework.sinp_uuid IS 'UUID du cadre d''acquisition dans le registre national (SINP)';

ALTER TABLE suivi.dataset
  ADD COLUMN sinp_uuid uuid,
  ADD CONSTRAINT dataset__sinp_uuid__key UNIQUE (sinp_uuid);
COMMENT ON COLUMN suivi.dataset.sinp_uuid IS 'UUID du jeu de données dans le registre national (SINP)';
