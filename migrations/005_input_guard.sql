-- The input guard, payments and encryption at rest (issue 5).
-- @clause C02 @clause C07 @clause C08 @clause C14
--
-- data_keys: per-tenant data keys for envelope encryption, each wrapped by a key-encryption
-- key (KEK) derived from or given beside PLEDGE_SECRET. A sealed value names its data key
-- (`enc:v1:<key id>:…`), so a retired key still opens what it sealed while new values use the
-- newest key. Rewrapping under a new KEK changes only wrapped_key and kek_id: no value moves.
CREATE TABLE data_keys (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  wrapped_key text NOT NULL,
  kek_id text NOT NULL CHECK (kek_id ~ '^[a-z0-9_]{1,32}$'),
  created_at timestamptz NOT NULL DEFAULT now(),
  retired_at timestamptz
);
-- One key in use per tenant: concurrent first uses agree on it.
CREATE UNIQUE INDEX data_keys_active ON data_keys (tenant_id) WHERE retired_at IS NULL;

-- The paid plan's contact (C08): who ECOMKEY bills and how to reach them. No card data here.
CREATE TABLE billing_profiles (
  tenant_id uuid PRIMARY KEY REFERENCES tenants(id),
  contact_name text NOT NULL,
  contact_email text NOT NULL,
  company text NOT NULL,
  phone text NOT NULL,
  physical_address text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- What the processor gave back (C02): its reference, sealed, and the last four digits and
-- brand to show the Customer. A card number has no column to land in.
CREATE TABLE payment_methods (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  processor text NOT NULL,
  processor_token text NOT NULL CHECK (processor_token LIKE 'enc:v1:%'),
  last4 text NOT NULL CHECK (last4 ~ '^[0-9]{4}$'),
  brand text NOT NULL CHECK (brand ~ '^[a-z_]{2,20}$'),
  created_at timestamptz NOT NULL DEFAULT now(),
  removed_at timestamptz
);
CREATE INDEX payment_methods_tenant ON payment_methods (tenant_id, created_at);

-- Free text about or from a Subscriber. `body` holds the text with card digits masked and
-- sensitive disclosures redacted; `body_sealed` the full text, sealed, once consent allows it.
CREATE TABLE subscriber_notes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  subscriber_id uuid NOT NULL REFERENCES subscribers(id),
  author_type text NOT NULL CHECK (author_type IN ('user', 'api_key')),
  author_id uuid NOT NULL,
  body text NOT NULL,
  body_sealed text CHECK (body_sealed LIKE 'enc:v1:%'),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX subscriber_notes_subscriber ON subscriber_notes (tenant_id, subscriber_id, created_at);

CREATE TABLE messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  subscriber_id uuid REFERENCES subscribers(id),
  channel text NOT NULL CHECK (channel IN ('messenger', 'zalo', 'telegram', 'web', 'import', 'api')),
  direction text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
  channel_message_ref text,
  body text NOT NULL,
  body_sealed text CHECK (body_sealed LIKE 'enc:v1:%'),
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX messages_tenant ON messages (tenant_id, received_at);
CREATE INDEX messages_subscriber ON messages (tenant_id, subscriber_id, received_at);

-- A sensitive disclosure submitted without an explicit consent for its category (C14): the
-- stored record holds it redacted; the original waits here, sealed, for the person's answer.
-- status: held → released (consented) | restricted | objected | deleted (value erased).
CREATE TABLE held_sensitive_data (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  subject_type text NOT NULL CHECK (subject_type IN ('subscriber', 'buyer', 'customer')),
  subject_id uuid NOT NULL,
  target_table text NOT NULL CHECK (target_table IN ('subscriber_notes', 'messages')),
  target_id uuid NOT NULL,
  categories text[] NOT NULL CHECK (cardinality(categories) > 0),
  sealed_value text CHECK (sealed_value LIKE 'enc:v1:%'),
  status text NOT NULL DEFAULT 'held' CHECK (status IN ('held', 'released', 'restricted', 'objected', 'deleted')),
  created_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz,
  -- Released moves the text into its record; deleted erases it: neither keeps a copy here.
  CHECK ((status IN ('held', 'restricted', 'objected')) = (sealed_value IS NOT NULL))
);
CREATE INDEX held_sensitive_subject ON held_sensitive_data (tenant_id, subject_type, subject_id, created_at);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['data_keys', 'billing_profiles', 'payment_methods', 'subscriber_notes', 'messages', 'held_sensitive_data'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = current_tenant()) WITH CHECK (tenant_id = current_tenant())', t);
  END LOOP;
END $$;

-- Data keys are created by the app and retired or rewrapped only by `pledge keys rotate`.
GRANT SELECT, INSERT ON data_keys TO pledge_app;
GRANT SELECT, INSERT, UPDATE ON billing_profiles, payment_methods, subscriber_notes, messages, held_sensitive_data TO pledge_app;
GRANT DELETE ON subscriber_notes, messages TO pledge_app;

-- The upgrade changes the plan of the caller's own tenant only, inside the tenant transaction
-- that stores the billing contact, so the plan and its contact commit together.
CREATE FUNCTION set_current_tenant_plan(new_plan text) RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = public AS
$$ UPDATE tenants SET plan = new_plan WHERE id = current_tenant() $$;
REVOKE ALL ON FUNCTION set_current_tenant_plan(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION set_current_tenant_plan(text) TO pledge_app;

-- A tenant transaction may queue mail in the same transaction as the change that causes it
-- (asking a Subscriber about held sensitive data): insert only, it reads nobody's mail.
GRANT INSERT ON outbox TO pledge_app;
GRANT USAGE ON SEQUENCE outbox_id_seq TO pledge_app;
