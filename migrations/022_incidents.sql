-- The breach register (C24): each incident with its detection time, what happened, whose data
-- and which categories; the 72-hour clock for the authority report (VN Law 91/2025 with Decree
-- 356/2025; GDPR Art. 33) and one notice per affected Customer (shop), each tracked to sent.
CREATE TABLE incidents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  detected_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  recorded_by uuid NOT NULL REFERENCES staff_users(id),
  summary text NOT NULL,
  measures text NOT NULL,
  consequences text NOT NULL,
  severity text NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
  categories text[] NOT NULL CHECK (cardinality(categories) > 0),
  subject_types text[] NOT NULL CHECK (cardinality(subject_types) > 0),
  approx_subjects int NOT NULL CHECK (approx_subjects >= 0),
  authority_due_at timestamptz NOT NULL,
  authority_reported_at timestamptz,
  authority_reference text,
  reminded_at timestamptz,
  CHECK (detected_at <= recorded_at),
  CHECK (authority_due_at = detected_at + interval '72 hours')
);

CREATE TABLE incident_notices (
  incident_id uuid NOT NULL REFERENCES incidents(id),
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  due_at timestamptz NOT NULL,
  queued_at timestamptz,
  outbox_ids bigint[] NOT NULL DEFAULT '{}',
  PRIMARY KEY (incident_id, tenant_id)
);
-- A shop reads the notices of its own incidents only; the register is staff's (platform rights).
ALTER TABLE incident_notices ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON incident_notices USING (tenant_id = current_tenant()) WITH CHECK (tenant_id = current_tenant());
