-- Suivi core schema, migration 0011: the history of module records, written by the database itself.
-- Every module table (level tables and their child tables: observers, references, media, group rows)
-- gets a row trigger calling suivi.record_history_trigger() (generated per module: sql/003-history.sql,
-- a `derived` file, re-run after each upgrade). No write path escapes it: the API, imports, migration
-- plans and psql all land here. Who wrote comes from two transaction-local settings the runtime sets
-- (suivi.actor: an app_user id; suivi.write_path: api, import, migration, demo…); without them the row
-- says write_path 'database' and no actor.
--
-- The sync feed (runtime/sync) reads this table in (tx, id) order below a safe horizon: `tx` is the
-- writing transaction's xid8, so a transaction that commits late is still read after one that started
-- later but committed first (docs/history-and-sync.md).

CREATE TABLE suivi.record_history (
  id bigint GENERATED ALWAYS AS IDENTITY,
  tx xid8 NOT NULL DEFAULT pg_current_xact_id(),
  changed_at timestamptz NOT NULL DEFAULT now(),
  module_code text NOT NULL,
  level_key text NOT NULL,
  table_name text NOT NULL,
  record_id uuid NOT NULL,
  operation text NOT NULL,
  actor uuid,
  write_path text NOT NULL DEFAULT 'database',
  row_data jsonb NOT NULL,
  changes jsonb,
  CONSTRAINT record_history__pk PRIMARY KEY (id),
  CONSTRAINT operation__choice CHECK (operation IN ('insert', 'update', 'delete'))
);
COMMENT ON TABLE suivi.record_history IS 'Historique des enregistrements des modules : chaque insertion, modification et suppression, écrite par un déclencheur';
COMMENT ON COLUMN suivi.record_history.tx IS 'Transaction qui a écrit la ligne (xid8) : ordre du flux de synchronisation';
COMMENT ON COLUMN suivi.record_history.record_id IS 'Enregistrement concerné : id de la ligne, ou record_id pour une table enfant (observateurs, médias…)';
COMMENT ON COLUMN suivi.record_history.row_data IS 'Ligne après l’écriture (avant pour une suppression), colonnes en JSON';
COMMENT ON COLUMN suivi.record_history.changes IS 'Pour une modification : { colonne: [avant, après] } des seules colonnes changées';
-- No foreign keys: the history outlives records, users and modules.
CREATE INDEX record_history__record__idx ON suivi.record_history (module_code, record_id, id);
CREATE INDEX record_history__feed__idx ON suivi.record_history (module_code, tx, id);

-- TG_ARGV[0]: the level key; TG_ARGV[1]: the column naming the record a row belongs to ('id' on a level
-- table, 'record_id' on a child table). An update that changes only the envelope (row_version,
-- updated_at, updated_by) is not a change of the record: nothing is written.
CREATE FUNCTION suivi.record_history_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  old_row jsonb;
  new_row jsonb;
  diff jsonb;
BEGIN
  IF TG_OP <> 'INSERT' THEN old_row := to_jsonb(OLD); END IF;
  IF TG_OP <> 'DELETE' THEN new_row := to_jsonb(NEW); END IF;
  IF TG_OP = 'UPDATE' THEN
    SELECT jsonb_object_agg(n.key, jsonb_build_array(old_row -> n.key, n.value)) INTO diff
      FROM jsonb_each(new_row) n
     WHERE n.key NOT IN ('row_version', 'updated_at', 'updated_by')
       AND (old_row -> n.key) IS DISTINCT FROM n.value;
    IF diff IS NULL THEN RETURN NULL; END IF;
  END IF;
  INSERT INTO suivi.record_history
    (module_code, level_key, table_name, record_id, operation, actor, write_path, row_data, changes)
  VALUES (
    TG_TABLE_SCHEMA,
    TG_ARGV[0],
    TG_TABLE_NAME,
    (COALESCE(new_row, old_row) ->> TG_ARGV[1])::uuid,
    lower(TG_OP),
    NULLIF(current_setting('suivi.actor', true), '')::uuid,
    COALESCE(NULLIF(current_setting('suivi.write_path', true), ''), 'database'),
    COALESCE(new_row, old_row),
    diff
  );
  RETURN NULL;
END
$$;
COMMENT ON FUNCTION suivi.record_history_trigger() IS 'Écrit suivi.record_history pour chaque ligne insérée, modifiée ou supprimée d’une table de module';
