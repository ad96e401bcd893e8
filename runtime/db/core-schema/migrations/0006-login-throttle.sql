-- Suivi core schema, migration 0006: failed sign-ins, to slow down password guessing.
-- One row per attempt that did not succeed (or is still being checked), with the login name tried and
-- the client address; the server counts the recent rows of a login and of an address. Rows older than
-- the throttling window are deleted as new ones come, so the table only holds the last minutes.
-- In the database rather than in memory so it holds across restarts and across the processes sharing
-- one PostgreSQL.

CREATE TABLE suivi.login_attempt (
  id bigint GENERATED ALWAYS AS IDENTITY,
  -- Folded to lower case: "Admin" and "admin" share one counter.
  login text NOT NULL,
  -- NULL when the server cannot tell (no socket, no trusted proxy header): no per-address limit then.
  address text,
  attempted_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT login_attempt__pk PRIMARY KEY (id)
);
COMMENT ON TABLE suivi.login_attempt IS 'Tentatives de connexion échouées récentes (limitation des essais de mot de passe)';
CREATE INDEX login_attempt__login__idx ON suivi.login_attempt (login, attempted_at);
CREATE INDEX login_attempt__address__idx ON suivi.login_attempt (address, attempted_at);
CREATE INDEX login_attempt__attempted_at__idx ON suivi.login_attempt (attempted_at);
