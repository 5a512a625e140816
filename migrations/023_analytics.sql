-- Log Data and cookies (issue 14; C12, C13, C37). A merchant (or ECOMKEY) registers a site; the
-- browser SDK sends events to POST /api/collect. No raw IP is ever stored: the ingest truncates
-- it and uses it only inside the visitor hash, keyed by a random daily salt that the salt job
-- destroys after 48 hours, so a visitor of an older day can be re-identified by no one.
CREATE TABLE analytics_sites (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  origins text[] NOT NULL CHECK (cardinality(origins) BETWEEN 1 AND 10),
  notice_version text NOT NULL DEFAULT '1' CHECK (notice_version ~ '^[A-Za-z0-9._-]{1,40}$'),
  search_param text CHECK (search_param ~ '^[A-Za-z0-9_-]{1,40}$'),
  utm_keys text[] NOT NULL DEFAULT '{utm_source,utm_medium,utm_campaign}',
  retention_months int NOT NULL DEFAULT 14 CHECK (retention_months BETWEEN 1 AND 60),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX analytics_sites_tenant ON analytics_sites (tenant_id);
ALTER TABLE analytics_sites ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON analytics_sites USING (tenant_id = current_tenant()) WITH CHECK (tenant_id = current_tenant());
GRANT SELECT, INSERT, UPDATE ON analytics_sites TO pledge_app;

-- One random salt per UTC day; a row older than 48 hours is deleted by the salt job.
CREATE TABLE analytics_salts (
  day date PRIMARY KEY,
  salt bytea NOT NULL CHECK (length(salt) = 32),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Events, partitioned by month so retention drops whole partitions (the same on PGlite).
-- user_id is set only for a signed-in Customer who consented to analytics (C12, C13).
CREATE TABLE analytics_events (
  site_id uuid NOT NULL,
  at timestamptz NOT NULL,
  kind text NOT NULL CHECK (kind IN ('pageview', 'event', 'outbound', 'search', 'engagement', 'consent', 'retarget')),
  visitor_hash bytea NOT NULL CHECK (length(visitor_hash) = 16),
  path text NOT NULL CHECK (length(path) <= 300),
  referrer_host text CHECK (length(referrer_host) <= 253),
  utm_source text, utm_medium text, utm_campaign text,
  goal text CHECK (length(goal) <= 60),
  search_term text CHECK (length(search_term) <= 100),
  outbound_url text CHECK (length(outbound_url) <= 300),
  engaged_ms int CHECK (engaged_ms BETWEEN 0 AND 86400000),
  visit_number int CHECK (visit_number BETWEEN 1 AND 100000),
  country text CHECK (country ~ '^[A-Z]{2}$'),
  agent_family text, os_family text, form_factor text,
  consent_analytics boolean, consent_marketing boolean, gpc boolean,
  user_id uuid
) PARTITION BY RANGE (at);
CREATE INDEX analytics_events_site_at ON analytics_events (site_id, at);
CREATE INDEX analytics_events_user ON analytics_events (user_id) WHERE user_id IS NOT NULL;
-- The dashboard reads its tenant's sites' figures in the tenant's scope (sites are behind RLS).
GRANT SELECT ON analytics_events TO pledge_app;
