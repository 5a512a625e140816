-- Channels (issue 13): a merchant's Messenger page, Zalo OA or Telegram bot, and the events its
-- webhook receives. Secrets are sealed under the tenant's data key; each event's raw payload is
-- sealed too, and its processing job is enqueued in the same transaction as the row (durable
-- intake: a 200 is sent only after both committed).

CREATE TABLE channel_accounts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  platform text NOT NULL CHECK (platform IN ('messenger', 'zalo', 'telegram')),
  -- The page id, OA id or bot id the platform names in its events: an organisation's, not a person's.
  platform_account text NOT NULL CHECK (platform_account ~ '^[A-Za-z0-9_.:-]{1,100}$'),
  -- The Meta or Zalo app the webhook is signed for (Zalo's signature hashes it).
  app_ref text CHECK (app_ref IS NULL OR app_ref ~ '^[A-Za-z0-9_.:-]{1,100}$'),
  label text NOT NULL DEFAULT '',
  -- JSON of every secret (app secret, verify token, OA secret key, secret token, access token), sealed.
  secrets text NOT NULL CHECK (secrets LIKE 'enc:v1:%'),
  created_at timestamptz NOT NULL DEFAULT now(),
  rotated_at timestamptz
);
CREATE UNIQUE INDEX channel_accounts_platform_account ON channel_accounts (tenant_id, platform, platform_account);

CREATE TABLE channel_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  channel_account_id uuid NOT NULL REFERENCES channel_accounts(id),
  -- The platform's id of the event (Messenger mid, Zalo msg_id, Telegram update_id, or a key built from sender, kind and time).
  event_key text NOT NULL,
  payload text NOT NULL CHECK (payload LIKE 'enc:v1:%'),
  received_at timestamptz NOT NULL DEFAULT now(),
  processed_at timestamptz,
  -- What processing did: a code (stored, opted_out, opted_in, refused:<code>, ignored).
  outcome text,
  subscriber_id uuid REFERENCES subscribers(id)
);
-- A redelivery is the same key: it is acknowledged and stored once.
CREATE UNIQUE INDEX channel_events_key ON channel_events (channel_account_id, event_key);
CREATE INDEX channel_events_subscriber ON channel_events (tenant_id, subscriber_id) WHERE subscriber_id IS NOT NULL;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['channel_accounts', 'channel_events'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = current_tenant()) WITH CHECK (tenant_id = current_tenant())', t);
  END LOOP;
END $$;
GRANT SELECT, INSERT, UPDATE ON channel_accounts TO pledge_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON channel_events TO pledge_app;
