-- Foundation: tenancy, accounts, policy versions, audit chain, and the first subject tables.
-- Tenant-scoped tables carry tenant_id and are guarded by row-level security for the role
-- pledge_app, which every tenant transaction assumes (see src/db/scope.ts).

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pledge_app') THEN
    CREATE ROLE pledge_app NOLOGIN;
  END IF;
END $$;
GRANT pledge_app TO CURRENT_USER;

CREATE FUNCTION current_tenant() RETURNS uuid LANGUAGE sql STABLE AS
$$ SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid $$;
GRANT EXECUTE ON FUNCTION current_tenant() TO pledge_app;

CREATE TABLE tenants (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  plan text NOT NULL DEFAULT 'free' CHECK (plan IN ('free', 'paid')),
  created_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz
);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL,
  name text NOT NULL,
  company text NOT NULL,
  billing_address text NOT NULL,
  password_hash text NOT NULL,
  locale text NOT NULL DEFAULT 'vi' CHECK (locale IN ('vi', 'en')),
  email_verified_at timestamptz,
  adult_confirmed_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE memberships (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  user_id uuid NOT NULL REFERENCES users(id),
  role text NOT NULL CHECK (role IN ('owner', 'admin', 'agent')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, user_id)
);
CREATE INDEX memberships_user ON memberships (user_id);

CREATE TABLE staff_users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('privacy_officer', 'support')),
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX staff_users_email_key ON staff_users (lower(email));

-- Only a SHA-256 of the cookie token is kept, so a database leak yields no usable session.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  realm text NOT NULL CHECK (realm IN ('customer', 'staff')),
  principal_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_principal ON sessions (principal_id);

CREATE TABLE api_keys (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  user_id uuid NOT NULL REFERENCES users(id),
  name text NOT NULL,
  prefix text NOT NULL UNIQUE,
  key_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'agent')),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);

CREATE TABLE email_tokens (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id),
  purpose text NOT NULL CHECK (purpose IN ('verify_email')),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

-- Transactional outbox: mail is written in the same transaction as the change that causes it
-- and sent after commit (SMTP when configured, else read at /dev/mailbox).
CREATE TABLE outbox (
  id bigserial PRIMARY KEY,
  kind text NOT NULL,
  to_address text NOT NULL,
  subject text NOT NULL,
  body_text text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  attempts int NOT NULL DEFAULT 0,
  last_error text
);
CREATE INDEX outbox_unsent ON outbox (id) WHERE sent_at IS NULL;

CREATE TABLE policy_versions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('privacy', 'terms')),
  version int NOT NULL CHECK (version > 0),
  body_vi text NOT NULL,
  body_en text NOT NULL,
  summary_vi text NOT NULL DEFAULT '',
  summary_en text NOT NULL DEFAULT '',
  content_hash text NOT NULL,
  significant boolean NOT NULL,
  published_at timestamptz NOT NULL DEFAULT now(),
  published_by uuid,
  UNIQUE (kind, version)
);

CREATE TABLE policy_acceptances (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id),
  privacy_version int NOT NULL,
  privacy_hash text NOT NULL,
  terms_version int NOT NULL,
  terms_hash text NOT NULL,
  method text NOT NULL CHECK (method IN ('ui', 'api')),
  ip_truncated text,
  accepted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX policy_acceptances_user ON policy_acceptances (user_id, accepted_at DESC);

-- Append-only, hash-chained: one chain per tenant plus 'platform'. Entries hold ids and codes,
-- never personal values, so erasure never needs to touch them.
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  chain text NOT NULL,
  seq bigint NOT NULL,
  tenant_id uuid,
  at timestamptz NOT NULL,
  actor_type text NOT NULL,
  actor_id text,
  action text NOT NULL,
  target_type text,
  target_id text,
  reason text,
  details jsonb NOT NULL DEFAULT '{}',
  prev_hash text NOT NULL,
  hash text NOT NULL,
  UNIQUE (chain, seq)
);
CREATE INDEX audit_log_target ON audit_log (target_type, target_id);

CREATE TABLE audit_heads (
  chain text PRIMARY KEY,
  tenant_id uuid,
  seq bigint NOT NULL,
  hash text NOT NULL
);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'P0001';
END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

CREATE TABLE subscribers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  channel text NOT NULL CHECK (channel IN ('messenger', 'zalo', 'telegram', 'web', 'import', 'api')),
  external_id text,
  display_name text NOT NULL,
  phone text,
  email text,
  source text NOT NULL,
  legal_basis text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX subscribers_tenant ON subscribers (tenant_id, created_at);

CREATE TABLE buyers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  name text NOT NULL,
  email text,
  phone text,
  address text,
  source text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX buyers_tenant ON buyers (tenant_id, created_at);

-- Row-level security: a tenant transaction sees and writes only its own tenant's rows.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['subscribers', 'buyers', 'audit_log', 'audit_heads'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = current_tenant()) WITH CHECK (tenant_id = current_tenant())', t);
  END LOOP;
END $$;

GRANT SELECT, INSERT, UPDATE, DELETE ON subscribers, buyers TO pledge_app;
GRANT SELECT, INSERT ON audit_log TO pledge_app;
GRANT SELECT, INSERT, UPDATE ON audit_heads TO pledge_app;
GRANT USAGE ON SEQUENCE audit_log_id_seq TO pledge_app;
GRANT SELECT ON tenants TO pledge_app;
