-- Large Subscriber imports run as a job with progress (issue 13). The checked rows wait sealed
-- under the tenant's key until the job has stored them, then are cleared; the rows an import
-- stored carry its id, so a failed import removes exactly what it stored (no partial import).

CREATE TABLE subscriber_imports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  legal_basis text NOT NULL,
  state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed')),
  total_rows integer NOT NULL CHECK (total_rows > 0),
  done_rows integer NOT NULL DEFAULT 0 CHECK (done_rows >= 0 AND done_rows <= total_rows),
  rows_sealed text CHECK (rows_sealed IS NULL OR rows_sealed LIKE 'enc:v1:%'),
  failure_code text CHECK (failure_code IS NULL OR failure_code ~ '^[a-z_]{1,40}$'),
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
ALTER TABLE subscriber_imports ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON subscriber_imports USING (tenant_id = current_tenant()) WITH CHECK (tenant_id = current_tenant());
GRANT SELECT, INSERT, UPDATE ON subscriber_imports TO pledge_app;

ALTER TABLE subscribers ADD COLUMN import_id uuid REFERENCES subscriber_imports(id);
CREATE INDEX subscribers_import ON subscribers (import_id) WHERE import_id IS NOT NULL;
