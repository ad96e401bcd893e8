-- Suivi core schema, migration 0002: accent- and case-insensitive prefix search on taxon names.
-- The search forms are computed by the loader (runtime/refdata/search-text.ts: NFD, diacritics and
-- ligatures folded, lower case), not by SQL: unaccent() is an extra extension on both engines and is not
-- immutable, so it cannot back an index expression; the API folds the user's query with the same function.
-- Rows written without them (older loaders, hand inserts) are simply not found by that search.

ALTER TABLE ref.taxon ADD COLUMN lb_nom_search text, ADD COLUMN nom_vern_search text;
COMMENT ON COLUMN ref.taxon.lb_nom_search IS 'lb_nom sans accents ni majuscules, pour la recherche par préfixe';
COMMENT ON COLUMN ref.taxon.nom_vern_search IS 'nom_vern sans accents ni majuscules, pour la recherche par préfixe';
-- text_pattern_ops: `LIKE 'prefix%'` uses the index whatever the database collation.
CREATE INDEX taxon__lb_nom_search__idx ON ref.taxon (lb_nom_search text_pattern_ops);
CREATE INDEX taxon__nom_vern_search__idx ON ref.taxon (nom_vern_search text_pattern_ops);
