-- The last tables with a tenant_id outside row-level security (issue 8): API keys, memberships
-- and the privacy center's links and sessions. Authentication still reads them by a secret's
-- hash with platform rights, since that read is how the tenant becomes known; everything done
-- for a tenant (issuing, listing, revoking keys; mailing a link) runs in the tenant's scope,
-- where these policies hide every other tenant's rows.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['api_keys', 'memberships', 'subject_link_tokens', 'subject_sessions'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = current_tenant()) WITH CHECK (tenant_id = current_tenant())', t);
  END LOOP;
END $$;
GRANT SELECT, INSERT, UPDATE ON api_keys TO pledge_app;
GRANT SELECT ON memberships TO pledge_app;
GRANT SELECT, INSERT ON subject_link_tokens TO pledge_app;
GRANT SELECT ON subject_sessions TO pledge_app;
