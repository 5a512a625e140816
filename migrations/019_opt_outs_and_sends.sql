-- Subscribers of a channel account, the one opt-out model (C11) and the one outbound path.

ALTER TABLE subscribers ADD COLUMN channel_account_id uuid REFERENCES channel_accounts(id);
-- How the person opted in: first_message, get_started, keyword, ad_referral, start_payload, follow, import, api.
ALTER TABLE subscribers ADD COLUMN opt_in_source text CHECK (opt_in_source IN ('first_message', 'get_started', 'keyword', 'ad_referral', 'start_payload', 'follow', 'import', 'api'));
ALTER TABLE subscribers ADD COLUMN opt_in_at timestamptz;
-- The words or payload of the opt-in, sealed under the tenant's key.
ALTER TABLE subscribers ADD COLUMN opt_in_evidence text CHECK (opt_in_evidence IS NULL OR opt_in_evidence LIKE 'enc:v1:%');
ALTER TABLE subscribers ADD COLUMN language text CHECK (language IS NULL OR language IN ('vi', 'en'));
-- The platform's windows (Messenger 24 h, Zalo 48 h) count from the person's last message.
ALTER TABLE subscribers ADD COLUMN last_inbound_at timestamptz;
-- One Subscriber per (channel account, platform user id): the processing job's upsert key.
CREATE UNIQUE INDEX subscribers_channel_user ON subscribers (channel_account_id, external_id_bidx)
  WHERE channel_account_id IS NOT NULL AND external_id_bidx IS NOT NULL;

-- Every stop or start signal that changed the state of one (Subscriber, channel account).
CREATE TABLE opt_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  subscriber_id uuid NOT NULL REFERENCES subscribers(id),
  channel_account_id uuid NOT NULL REFERENCES channel_accounts(id),
  kind text NOT NULL CHECK (kind IN ('opt_out', 'opt_in')),
  -- keyword, telegram_stop, telegram_kicked, telegram_member, zalo_unfollow, zalo_follow, messenger_optin_stop, messenger_optin_resume, block, console
  signal text NOT NULL CHECK (signal ~ '^[a-z_]{1,40}$'),
  language text CHECK (language IS NULL OR language IN ('vi', 'en')),
  -- The raw signal (the message or event as received), sealed; and the event it came in.
  evidence text CHECK (evidence IS NULL OR evidence LIKE 'enc:v1:%'),
  channel_event_id uuid REFERENCES channel_events(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX opt_events_subscriber ON opt_events (tenant_id, subscriber_id, channel_account_id, created_at DESC);
-- One event's signal is recorded once, however often its job runs.
CREATE UNIQUE INDEX opt_events_from_event ON opt_events (channel_event_id) WHERE channel_event_id IS NOT NULL;

-- A tenant's own stop and start phrases, beside the built-in list (stored normalised: lower case, no diacritics).
CREATE TABLE opt_keywords (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  phrase text NOT NULL CHECK (phrase ~ '^[a-z0-9/ ]{1,60}$'),
  kind text NOT NULL CHECK (kind IN ('opt_out', 'opt_in')),
  language text NOT NULL CHECK (language IN ('vi', 'en')),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX opt_keywords_phrase ON opt_keywords (tenant_id, phrase);

-- Every message to a Subscriber, through the one send path: refused ones are kept with their code.
CREATE TABLE outbound_messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  subscriber_id uuid NOT NULL REFERENCES subscribers(id),
  channel_account_id uuid NOT NULL REFERENCES channel_accounts(id),
  kind text NOT NULL CHECK (kind IN ('reply', 'marketing', 'opt_confirmation', 'help')),
  tag text CHECK (tag IS NULL OR tag IN ('CONFIRMED_EVENT_UPDATE', 'POST_PURCHASE_UPDATE', 'ACCOUNT_UPDATE', 'HUMAN_AGENT')),
  body text NOT NULL CHECK (body LIKE 'enc:v1:%'),
  status text NOT NULL CHECK (status IN ('queued', 'sent', 'refused', 'failed')),
  refused_code text,
  opt_event_id uuid REFERENCES opt_events(id),
  list_id uuid,
  platform_message_ref text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);
CREATE INDEX outbound_messages_subscriber ON outbound_messages (tenant_id, subscriber_id, created_at);
-- The confirmation of one opt-out is sent once.
CREATE UNIQUE INDEX outbound_messages_confirmation ON outbound_messages (opt_event_id) WHERE opt_event_id IS NOT NULL;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['opt_events', 'opt_keywords', 'outbound_messages'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = current_tenant()) WITH CHECK (tenant_id = current_tenant())', t);
  END LOOP;
END $$;
GRANT SELECT, INSERT ON opt_events, opt_keywords TO pledge_app;
GRANT DELETE ON opt_keywords TO pledge_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON outbound_messages TO pledge_app;
