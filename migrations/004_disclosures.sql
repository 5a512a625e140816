-- The disclosure ledger and the service providers (processors) that may receive data.
-- @clause C03 @clause C04 @clause C26 @clause C27
-- A processor with tenant_id NULL is one of ECOMKEY's own (the payment processor, the e-mail
-- provider): every tenant sees it, only platform staff write it. A merchant registers its own
-- processors in its tenant. Disclosures are append-only: a mistaken entry is answered by a
-- new one, never edited, so the ledger is the record of what left and why.

CREATE TABLE processors (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid REFERENCES tenants(id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  kind text NOT NULL CHECK (kind IN ('payment', 'email', 'hosting', 'messaging', 'analytics', 'other')),
  contact text,
  created_at timestamptz NOT NULL DEFAULT now(),
  retired_at timestamptz
);
CREATE INDEX processors_tenant ON processors (tenant_id, created_at);

-- A data-processing agreement on file (C26): what the provider may receive, for which
-- purposes, how long it keeps it, and that it binds the provider to this policy.
CREATE TABLE processing_agreements (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  processor_id uuid NOT NULL REFERENCES processors(id),
  -- A copy of the processor's tenant, so row-level security needs no join.
  tenant_id uuid REFERENCES tenants(id),
  signed_at date NOT NULL,
  effective_from date NOT NULL,
  expires_at date,
  categories text[] NOT NULL CHECK (cardinality(categories) > 0),
  purposes text[] NOT NULL CHECK (cardinality(purposes) > 0),
  retention text NOT NULL,
  retention_days int NOT NULL CHECK (retention_days >= 0),
  document_ref text NOT NULL,
  document_sha256 text CHECK (document_sha256 ~ '^[0-9a-f]{64}$'),
  binds_to_policy boolean NOT NULL,
  created_by_type text NOT NULL CHECK (created_by_type IN ('user', 'api_key', 'staff')),
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (expires_at IS NULL OR expires_at > effective_from)
);
CREATE INDEX processing_agreements_processor ON processing_agreements (processor_id, effective_from);

CREATE TABLE disclosures (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  recipient_kind text NOT NULL CHECK (recipient_kind IN ('processor', 'authority', 'court', 'subject', 'third_party')),
  recipient_id uuid REFERENCES processors(id),
  -- The receiving organisation (a provider, an authority, a court, a company), never a person's name.
  recipient_name text NOT NULL,
  basis text NOT NULL CHECK (basis IN ('illegal_activity_or_fraud', 'threat_to_life', 'required_by_law', 'service_provider', 'subject_request', 'subject_permission')),
  order_reference text,
  agreement_id uuid REFERENCES processing_agreements(id),
  consent_record_id uuid,
  purpose text NOT NULL,
  categories text[] NOT NULL CHECK (cardinality(categories) > 0),
  subject_count int NOT NULL CHECK (subject_count > 0),
  disclosed_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  recorded_by_type text NOT NULL CHECK (recorded_by_type IN ('user', 'api_key', 'staff')),
  recorded_by uuid,
  -- The law, a court, a life or a fraud case: the entry cites what it rests on (C27).
  CHECK (order_reference IS NOT NULL OR (basis NOT IN ('required_by_law', 'threat_to_life', 'illegal_activity_or_fraud') AND recipient_kind <> 'court')),
  CHECK (recipient_kind <> 'processor' OR (recipient_id IS NOT NULL AND agreement_id IS NOT NULL))
);
CREATE INDEX disclosures_tenant ON disclosures (tenant_id, disclosed_at DESC, id DESC);

-- Whose data went: one row per subject, with the record the gate allowed it on.
CREATE TABLE disclosure_subjects (
  disclosure_id uuid NOT NULL REFERENCES disclosures(id),
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  subject_type text NOT NULL CHECK (subject_type IN ('customer', 'subscriber', 'buyer', 'visitor', 'staff')),
  subject_id uuid NOT NULL,
  evidence text,
  PRIMARY KEY (disclosure_id, subject_type, subject_id)
);
CREATE INDEX disclosure_subjects_subject ON disclosure_subjects (tenant_id, subject_type, subject_id);

CREATE FUNCTION disclosures_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'P0001';
END $$;
CREATE TRIGGER disclosures_append_only BEFORE UPDATE OR DELETE ON disclosures
  FOR EACH ROW EXECUTE FUNCTION disclosures_append_only();
CREATE TRIGGER disclosure_subjects_append_only BEFORE UPDATE OR DELETE ON disclosure_subjects
  FOR EACH ROW EXECUTE FUNCTION disclosures_append_only();
-- An agreement on file is a document: a new one supersedes it, nothing rewrites it.
CREATE TRIGGER processing_agreements_append_only BEFORE UPDATE OR DELETE ON processing_agreements
  FOR EACH ROW EXECUTE FUNCTION disclosures_append_only();

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['processors', 'processing_agreements', 'disclosures', 'disclosure_subjects'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = current_tenant()) WITH CHECK (tenant_id = current_tenant())', t);
  END LOOP;
END $$;
-- ECOMKEY's own providers are visible to every tenant (read only: no write policy matches them).
CREATE POLICY platform_visible ON processors FOR SELECT USING (tenant_id IS NULL);
CREATE POLICY platform_visible ON processing_agreements FOR SELECT USING (tenant_id IS NULL);

GRANT SELECT, INSERT, UPDATE ON processors TO pledge_app;
GRANT SELECT, INSERT ON processing_agreements, disclosures, disclosure_subjects TO pledge_app;
