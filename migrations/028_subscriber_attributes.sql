-- Tags and typed custom fields on Subscribers (issue 13). A shop defines its fields (a key, a label,
-- a type); each Subscriber's tags and values are one JSON value sealed under the tenant's key,
-- checked against those definitions by the API before they are stored.

CREATE TABLE subscriber_fields (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  key text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_]{0,39}$'),
  -- The shop's name for the field ("Ngày sinh", "Size áo"): a heading, not anyone's data.
  label text NOT NULL CHECK (length(label) BETWEEN 1 AND 80),
  type text NOT NULL CHECK (type IN ('text', 'number', 'date', 'boolean')),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX subscriber_fields_key ON subscriber_fields (tenant_id, key);
ALTER TABLE subscriber_fields ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON subscriber_fields USING (tenant_id = current_tenant()) WITH CHECK (tenant_id = current_tenant());
GRANT SELECT, INSERT ON subscriber_fields TO pledge_app;

-- {"tags": [...], "fields": {key: value}}, sealed; NULL when the shop set none.
ALTER TABLE subscribers ADD COLUMN attributes text CHECK (attributes IS NULL OR attributes LIKE 'enc:v1:%');
