-- Intake and fulfilment of data-subject requests (issue 12): the e-mailed confirmation link of
-- the unauthenticated form, each fulfilment step checkpointed, and the processors the request
-- is forwarded to with their acknowledgements (C35).
-- @clause C33 @clause C35

-- Single-use, expiring: only its hash is stored.
CREATE TABLE subject_request_confirmations (
  token_hash text PRIMARY KEY,
  request_id uuid NOT NULL REFERENCES subject_requests(id),
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX subject_request_confirmations_request ON subject_request_confirmations (request_id);

-- One row per step of a fulfilment: done steps are skipped when the job runs again.
CREATE TABLE subject_request_steps (
  request_id uuid NOT NULL REFERENCES subject_requests(id),
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  step text NOT NULL CHECK (step ~ '^[a-z_]{1,40}$'),
  state text NOT NULL CHECK (state IN ('running', 'done', 'failed')),
  attempts int NOT NULL DEFAULT 1,
  code text CHECK (code ~ '^[A-Za-z0-9_.-]{1,64}$'),
  -- Counts per table and category, never values.
  result jsonb,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (request_id, step)
);

-- Where a processor takes data-subject requests: a signed webhook with its own secret (sealed).
CREATE TABLE processor_endpoints (
  processor_id uuid PRIMARY KEY REFERENCES processors(id),
  tenant_id uuid REFERENCES tenants(id),
  url text NOT NULL CHECK (url ~ '^https?://'),
  secret_sealed text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- A request forwarded to one processor, until it acknowledges.
CREATE TABLE processor_notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  request_id uuid NOT NULL REFERENCES subject_requests(id),
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  processor_id uuid NOT NULL REFERENCES processors(id),
  state text NOT NULL CHECK (state IN ('pending', 'retrying', 'delivered', 'acknowledged', 'failed')),
  attempts int NOT NULL DEFAULT 0,
  last_code text CHECK (last_code ~ '^[A-Za-z0-9_.-]{1,64}$'),
  next_attempt_at timestamptz,
  delivered_at timestamptz,
  acknowledged_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (request_id, processor_id)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['subject_request_confirmations', 'subject_request_steps', 'processor_endpoints', 'processor_notifications'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = current_tenant()) WITH CHECK (tenant_id = current_tenant())', t);
  END LOOP;
END $$;
GRANT SELECT ON subject_request_steps, processor_notifications TO pledge_app;
GRANT SELECT, INSERT ON subject_request_confirmations, processor_endpoints TO pledge_app;
GRANT UPDATE (url, secret_sealed) ON processor_endpoints TO pledge_app;
