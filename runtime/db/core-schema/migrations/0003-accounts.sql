-- Suivi core schema, migration 0003: accounts and permissions (sessions, API tokens, grants).
-- Secrets are never stored: a session's id and an API token's token_hash are the SHA-256 (hex) of the
-- random token the client holds, so a leaked table opens no session.

ALTER TABLE suivi.app_user ADD COLUMN IF NOT EXISTS is_admin boolean NOT NULL DEFAULT false;
COMMENT ON COLUMN suivi.app_user.is_admin IS 'Administrateur : toutes les actions sur tous les enregistrements';

CREATE TABLE suivi.session (
  id text NOT NULL,
  user_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT session__pk PRIMARY KEY (id),
  CONSTRAINT user_id__fk FOREIGN KEY (user_id) REFERENCES suivi.app_user (id) ON DELETE CASCADE
);
COMMENT ON TABLE suivi.session IS 'Sessions ouvertes par connexion (cookie suivi_session) ; id = SHA-256 du jeton';
CREATE INDEX session__user_id__idx ON suivi.session (user_id);
CREATE INDEX session__expires_at__idx ON suivi.session (expires_at);

CREATE TABLE suivi.api_token (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL,
  name text NOT NULL,
  token_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz,
  CONSTRAINT api_token__pk PRIMARY KEY (id),
  CONSTRAINT api_token__token_hash__key UNIQUE (token_hash),
  CONSTRAINT user_id__fk FOREIGN KEY (user_id) REFERENCES suivi.app_user (id) ON DELETE CASCADE,
  CONSTRAINT name__not_blank CHECK (btrim(name) <> '')
);
COMMENT ON TABLE suivi.api_token IS 'Jetons d''API des scripts (Authorization: Bearer) ; token_hash = SHA-256 du jeton';
CREATE INDEX api_token__user_id__idx ON suivi.api_token (user_id);

-- Roles are names: a user has some, grants are given to them.
CREATE TABLE suivi.user_role (
  user_id uuid NOT NULL,
  role text NOT NULL,
  CONSTRAINT user_role__pk PRIMARY KEY (user_id, role),
  CONSTRAINT user_id__fk FOREIGN KEY (user_id) REFERENCES suivi.app_user (id) ON DELETE CASCADE
);
COMMENT ON TABLE suivi.user_role IS 'Rôles des utilisateurs, auxquels des permissions sont données';

-- One grant: to a role, a user or an organisation, an action on a module's records (or every module,
-- '*') within a scope. Several grants for the same action: the widest scope wins.
CREATE TABLE suivi.permission (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  role text,
  user_id uuid,
  organisation_id uuid,
  module_code text NOT NULL DEFAULT '*',
  action text NOT NULL,
  scope text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT permission__pk PRIMARY KEY (id),
  CONSTRAINT user_id__fk FOREIGN KEY (user_id) REFERENCES suivi.app_user (id) ON DELETE CASCADE,
  CONSTRAINT organisation_id__fk FOREIGN KEY (organisation_id) REFERENCES suivi.organisation (id) ON DELETE CASCADE,
  CONSTRAINT grantee__one CHECK (num_nonnulls(role, user_id, organisation_id) = 1),
  CONSTRAINT action__choice CHECK (action IN ('C', 'R', 'U', 'V', 'E', 'D')),
  CONSTRAINT scope__choice CHECK (scope IN ('own', 'organisation', 'all'))
);
COMMENT ON TABLE suivi.permission IS 'Permissions : action (C, R, U, V, E, D) sur les enregistrements d''un module (* : tous), portée own / organisation / all';
CREATE UNIQUE INDEX permission__grant__key ON suivi.permission
  (coalesce(role, ''), coalesce(user_id::text, ''), coalesce(organisation_id::text, ''), module_code, action, scope);
CREATE INDEX permission__role__idx ON suivi.permission (role);
CREATE INDEX permission__user_id__idx ON suivi.permission (user_id);
CREATE INDEX permission__organisation_id__idx ON suivi.permission (organisation_id);
