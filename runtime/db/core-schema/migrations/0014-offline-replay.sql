-- Suivi core schema, migration 0014: a deleted record's id stays taken for offline replays.
-- An offline client replaying its outbox may re-send the create of a record it deleted since; the create
-- is refused (409 id_conflict) when suivi.deletion_log names that id, so the lookup must not scan a log
-- that grows with every delete of every module.

CREATE INDEX deletion_log__record_id__idx ON suivi.deletion_log (record_id);
