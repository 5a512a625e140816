-- Marketing lists (C19, C21): a member is admitted only on a marketing consent record, which is
-- named in the membership row.
CREATE TABLE marketing_lists (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  label text NOT NULL CHECK (length(label) BETWEEN 1 AND 120),
  channel text NOT NULL CHECK (channel IN ('email', 'channel')),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE marketing_list_members (
  list_id uuid NOT NULL REFERENCES marketing_lists(id),
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  subject_type text NOT NULL CHECK (subject_type IN ('subscriber', 'buyer', 'customer')),
  subject_id uuid NOT NULL,
  -- The gate's evidence: the consent record that covers marketing.
  consent_ref text NOT NULL,
  added_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (list_id, subject_type, subject_id)
);
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['marketing_lists', 'marketing_list_members'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = current_tenant()) WITH CHECK (tenant_id = current_tenant())', t);
  END LOOP;
END $$;
GRANT SELECT, INSERT ON marketing_lists TO pledge_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON marketing_list_members TO pledge_app;
