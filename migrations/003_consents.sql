-- The consent ledger, restrictions and objections, the privacy center's subject sign-in, and
-- the idempotency keys of create endpoints.
-- @clause C22 @clause C03 @clause C19 @clause C34
--
-- Consent records are append-only: the current state of a subject's consent is DERIVED (the
-- latest record per subject and purpose), never edited in place. A withdrawal is a new record
-- with given = false. Erasure (issue of the rights) is the only path that may delete a record:
-- a platform transaction that sets `pledge.erasure = on`; the tenant role pledge_app can only
-- read and insert.
--
-- Notices: a notice is the exact text shown when consent was asked, versioned per (owner, slug,
-- lang), with the SHA-256 of its wording. tenant_id NULL marks ECOMKEY's own notices to its
-- Customers (C21: using a Customer's data beyond communication needs their permission, asked in
-- ECOMKEY's words); every tenant reads them, only the platform writes them. A merchant's notices
-- to its Subscribers and Buyers belong to its tenant.

CREATE TABLE consent_notices (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid REFERENCES tenants(id),
  slug text NOT NULL CHECK (slug ~ '^[a-z0-9][a-z0-9_-]{0,63}$'),
  version int NOT NULL CHECK (version > 0),
  lang text NOT NULL CHECK (lang IN ('vi', 'en')),
  purposes text[] NOT NULL CHECK (cardinality(purposes) > 0 AND purposes <@ ARRAY[
    'provide_service', 'communicate', 'process_payment', 'authenticate', 'improve_service', 'contact', 'research', 'prevent_fraud']),
  -- What the wording asks beyond ordinary processing: marketing use (C19), disclosure to a
  -- named recipient (C03), a sensitive category (C14). A record cannot claim more than its notice.
  marketing boolean NOT NULL DEFAULT false,
  disclosure boolean NOT NULL DEFAULT false,
  category text,
  wording text NOT NULL CHECK (length(wording) BETWEEN 1 AND 20000),
  content_hash text NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by_type text NOT NULL CHECK (created_by_type IN ('user', 'api_key', 'staff', 'system')),
  created_by_id uuid
);
CREATE UNIQUE INDEX consent_notices_version ON consent_notices (COALESCE(tenant_id, '00000000-0000-0000-0000-000000000000'::uuid), slug, lang, version);

CREATE TABLE consent_records (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Insertion order breaks ties between records of the same instant.
  seq bigint GENERATED ALWAYS AS IDENTITY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  subject_type text NOT NULL CHECK (subject_type IN ('customer', 'subscriber', 'buyer')),
  subject_id uuid NOT NULL,
  purpose text NOT NULL CHECK (purpose IN (
    'provide_service', 'communicate', 'process_payment', 'authenticate', 'improve_service', 'contact', 'research', 'prevent_fraud')),
  marketing boolean NOT NULL DEFAULT false,
  disclosure boolean NOT NULL DEFAULT false,
  category text,
  -- true = given, false = withdrawn. No default: silence is not consent.
  given boolean NOT NULL,
  notice_id uuid REFERENCES consent_notices(id),
  notice_hash text,
  method text NOT NULL CHECK (method IN ('checkbox', 'bot_keyword', 'api', 'banner', 'paper')),
  -- The consent phrase, a message id, a form id: may be personal (declared in the registry).
  evidence text CHECK (length(evidence) <= 2000),
  recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  recorded_by_type text NOT NULL CHECK (recorded_by_type IN ('user', 'api_key', 'staff', 'subject', 'system')),
  recorded_by_id uuid,
  idempotency_key text,
  -- A consent is given to a text: the notice and the hash of what was shown.
  CHECK (NOT given OR (notice_id IS NOT NULL AND notice_hash IS NOT NULL))
);
-- Current state and history of one subject: an index range scan, newest first per purpose.
CREATE INDEX consent_records_current ON consent_records (tenant_id, subject_type, subject_id, purpose, recorded_at DESC);
CREATE UNIQUE INDEX consent_records_idempotency ON consent_records (tenant_id, idempotency_key) WHERE idempotency_key IS NOT NULL;

-- A restriction (GDPR Art 18) or objection (Art 21) the subject recorded, on one purpose or all
-- (purpose NULL), optionally one category subtree. Only the lift columns ever change, once:
-- by the subject, or on a legal ground citing its reference (C34).
CREATE TABLE processing_restrictions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  subject_type text NOT NULL CHECK (subject_type IN ('customer', 'subscriber', 'buyer')),
  subject_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('restriction', 'objection')),
  purpose text CHECK (purpose IN (
    'provide_service', 'communicate', 'process_payment', 'authenticate', 'improve_service', 'contact', 'research', 'prevent_fraud')),
  category text,
  reason text CHECK (length(reason) <= 2000),
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  created_by_type text NOT NULL CHECK (created_by_type IN ('user', 'api_key', 'staff', 'subject', 'system')),
  created_by_id uuid,
  lifted_at timestamptz,
  lifted_by text CHECK (lifted_by IN ('subject', 'legal_ground')),
  lift_reference text CHECK (length(lift_reference) <= 500),
  lifted_by_actor_type text CHECK (lifted_by_actor_type IN ('user', 'api_key', 'staff', 'subject', 'system')),
  lifted_by_actor_id uuid,
  CHECK ((lifted_at IS NULL) = (lifted_by IS NULL)),
  CHECK (lifted_by IS DISTINCT FROM 'legal_ground' OR length(btrim(lift_reference)) > 0)
);
CREATE INDEX processing_restrictions_subject ON processing_restrictions (tenant_id, subject_type, subject_id, created_at);

CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Erasure is a platform transaction that says so; the tenant role never gets here.
  IF current_setting('pledge.erasure', true) = 'on' AND current_user <> 'pledge_app' THEN
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
  END IF;
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'P0001';
END $$;
CREATE TRIGGER consent_records_append_only BEFORE UPDATE OR DELETE ON consent_records
  FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER consent_notices_append_only BEFORE UPDATE OR DELETE ON consent_notices
  FOR EACH ROW EXECUTE FUNCTION ledger_append_only();

CREATE FUNCTION restriction_lift_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF current_setting('pledge.erasure', true) = 'on' AND current_user <> 'pledge_app' THEN RETURN OLD; END IF;
    RAISE EXCEPTION 'processing_restrictions rows are never deleted' USING ERRCODE = 'P0001';
  END IF;
  IF OLD.lifted_at IS NOT NULL THEN
    RAISE EXCEPTION 'restriction already lifted' USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER processing_restrictions_lift_once BEFORE UPDATE OR DELETE ON processing_restrictions
  FOR EACH ROW EXECUTE FUNCTION restriction_lift_once();

-- Privacy-center sign-in. Subscribers and Buyers have no accounts: a single-use link mailed
-- through the outbox opens a session bound to one tenant and one subject. Platform tables (like
-- sessions and email_tokens): they are read before the tenant is known. Only hashes are kept.
CREATE TABLE subject_link_tokens (
  token_hash text PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  subject_type text NOT NULL CHECK (subject_type IN ('subscriber', 'buyer')),
  subject_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

CREATE TABLE subject_sessions (
  token_hash text PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  subject_type text NOT NULL CHECK (subject_type IN ('subscriber', 'buyer')),
  subject_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX subject_sessions_subject ON subject_sessions (subject_type, subject_id);

-- Finding a subject by e-mail for the sign-in link.
CREATE INDEX subscribers_email ON subscribers (tenant_id, lower(email)) WHERE email IS NOT NULL;
CREATE INDEX buyers_email ON buyers (tenant_id, lower(email)) WHERE email IS NOT NULL;

-- Create endpoints' Idempotency-Key: the first response is kept for a day and replayed for the
-- same key and body; the same key with another body is refused. Scope separates a tenant's
-- own calls from its subjects' calls in the privacy center.
CREATE TABLE idempotency_keys (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  scope text NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  response_status int NOT NULL,
  response_body jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL DEFAULT now() + interval '24 hours',
  PRIMARY KEY (tenant_id, scope, key)
);
CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);

-- Facts a tenant transaction needs from platform tables, and nothing more. SECURITY DEFINER
-- with an explicit tenant filter: the answer is about the current tenant only.
CREATE FUNCTION subject_in_tenant(p_type text, p_id uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT CASE p_type
    WHEN 'subscriber' THEN EXISTS (SELECT 1 FROM subscribers WHERE id = p_id AND tenant_id = current_tenant())
    WHEN 'buyer' THEN EXISTS (SELECT 1 FROM buyers WHERE id = p_id AND tenant_id = current_tenant())
    WHEN 'customer' THEN EXISTS (SELECT 1 FROM memberships WHERE user_id = p_id AND tenant_id = current_tenant())
    ELSE false END
$$;

-- Since when a Customer of the current tenant is under contract (first acceptance of the
-- Terms), and when it ended (account closed): the `contract` legal basis of C06.
CREATE FUNCTION customer_contract(p_user uuid) RETURNS TABLE (since timestamptz, ended timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT min(a.accepted_at), max(u.closed_at)
    FROM memberships m JOIN users u ON u.id = m.user_id JOIN policy_acceptances a ON a.user_id = m.user_id
   WHERE m.user_id = p_user AND m.tenant_id = current_tenant()
$$;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['consent_records', 'processing_restrictions', 'idempotency_keys'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = current_tenant()) WITH CHECK (tenant_id = current_tenant())', t);
  END LOOP;
END $$;
-- Platform notices are read by every tenant and written by none.
ALTER TABLE consent_notices ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_read ON consent_notices FOR SELECT USING (tenant_id IS NULL OR tenant_id = current_tenant());
CREATE POLICY tenant_write ON consent_notices FOR INSERT WITH CHECK (tenant_id = current_tenant());

GRANT SELECT, INSERT ON consent_notices, consent_records TO pledge_app;
GRANT SELECT, INSERT ON processing_restrictions TO pledge_app;
GRANT UPDATE (lifted_at, lifted_by, lift_reference, lifted_by_actor_type, lifted_by_actor_id) ON processing_restrictions TO pledge_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON idempotency_keys TO pledge_app;
GRANT EXECUTE ON FUNCTION subject_in_tenant(text, uuid), customer_contract(uuid) TO pledge_app;

-- ECOMKEY's own notices to Customers for the purposes C21 leaves to their permission.
INSERT INTO consent_notices (tenant_id, slug, version, lang, purposes, wording, content_hash, created_by_type)
SELECT NULL, n.slug, 1, n.lang, n.purposes, n.wording, encode(sha256(convert_to(n.wording, 'UTF8')), 'hex'), 'system'
  FROM (VALUES
    ('ecomkey-improve', 'vi', ARRAY['improve_service'],
     'Tôi đồng ý để ECOMKEY dùng thông tin về cách tôi sử dụng dịch vụ (trang đã xem, tính năng đã dùng) để cải thiện dịch vụ. Tôi có thể rút lại sự đồng ý này bất cứ lúc nào tại Trung tâm quyền riêng tư.'),
    ('ecomkey-improve', 'en', ARRAY['improve_service'],
     'I agree that ECOMKEY may use information about how I use the service (pages viewed, features used) to improve the service. I can withdraw this consent at any time in the Privacy Center.'),
    ('ecomkey-research', 'vi', ARRAY['research'],
     'Tôi đồng ý để ECOMKEY dùng thông tin tài khoản của tôi cho nghiên cứu, dưới dạng thống kê không nêu tên. Tôi có thể rút lại sự đồng ý này bất cứ lúc nào tại Trung tâm quyền riêng tư.'),
    ('ecomkey-research', 'en', ARRAY['research'],
     'I agree that ECOMKEY may use my account information for research, as statistics that do not name me. I can withdraw this consent at any time in the Privacy Center.')
  ) AS n(slug, lang, purposes, wording);
