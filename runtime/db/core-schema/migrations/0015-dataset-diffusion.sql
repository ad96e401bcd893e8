-- Suivi core schema, migration 0015: each dataset's SINP diffusion level and default sensitivity.
-- The SINP export and the sync feed read them per record's dataset (docs/exports.md), instead of a
-- fixed value. Codes of the national nomenclatures (protocol-specs/standard/sinp-nomenclatures.ts):
--   diffusion_level, NIV_PRECIS (standard attribute diffusionNiveauPrecision): 0 standard, 1 commune,
--     2 maille, 3 département, 4 aucune, 5 précise. Default 5: a monitoring protocol's data are
--     precise observations the producer publishes as they are; what may not be published yet is
--     already left out of the SINP view (confidential sites).
--   sensitivity_level, SENSIBILITE (sensiNiveau): 0 non sensible … 4 aucune diffusion. Default 0: the
--     national sensitivity referential, not applied by Suivi yet, is what makes a row sensitive; an
--     administrator raises a whole dataset's level here meanwhile.

ALTER TABLE suivi.dataset
  ADD COLUMN diffusion_level text NOT NULL DEFAULT '5',
  ADD COLUMN sensitivity_level text NOT NULL DEFAULT '0',
  ADD CONSTRAINT dataset__diffusion_level__check CHECK (diffusion_level IN ('0', '1', '2', '3', '4', '5')),
  ADD CONSTRAINT dataset__sensitivity_level__check CHECK (sensitivity_level IN ('0', '1', '2', '3', '4'));
COMMENT ON COLUMN suivi.dataset.diffusion_level IS 'Niveau de précision de diffusion (nomenclature SINP NIV_PRECIS)';
COMMENT ON COLUMN suivi.dataset.sensitivity_level IS 'Niveau de sensibilité par défaut (nomenclature SINP SENSIBILITE)';
