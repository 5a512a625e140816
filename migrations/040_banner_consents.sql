-- Issue 14: a website visitor's cookie choices go to the consent ledger as proof (C13, C37).
--
-- A visitor is known to the ledger only by the random consent id their browser keeps in the
-- necessary `pledge_consent` cookie: no IP, no user agent, never joined to the analytics visitor
-- hash. Each choice is one ledger record per category, given to the banner's exact words (a
-- tenant notice per site and language, versioned by the hash of what the banner shows).
CREATE TABLE banner_visitors (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  site_id uuid NOT NULL REFERENCES analytics_sites(id),
  first_seen timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX banner_visitors_site ON banner_visitors (tenant_id, site_id);
ALTER TABLE banner_visitors ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON banner_visitors USING (tenant_id = current_tenant()) WITH CHECK (tenant_id = current_tenant());
GRANT SELECT, INSERT ON banner_visitors TO pledge_app;

ALTER TABLE consent_records DROP CONSTRAINT consent_records_subject_type_check;
ALTER TABLE consent_records ADD CONSTRAINT consent_records_subject_type_check CHECK (subject_type IN ('customer', 'subscriber', 'buyer', 'visitor'));

CREATE OR REPLACE FUNCTION subject_in_tenant(p_type text, p_id uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT CASE p_type
    WHEN 'subscriber' THEN EXISTS (SELECT 1 FROM subscribers WHERE id = p_id AND tenant_id = current_tenant())
    WHEN 'buyer' THEN EXISTS (SELECT 1 FROM buyers WHERE id = p_id AND tenant_id = current_tenant())
    WHEN 'customer' THEN EXISTS (SELECT 1 FROM memberships WHERE user_id = p_id AND tenant_id = current_tenant())
    WHEN 'visitor' THEN EXISTS (SELECT 1 FROM banner_visitors WHERE id = p_id AND tenant_id = current_tenant())
    ELSE false END
$$;

-- A visitor's consent id must name a visitor of the record's tenant: the tenant role cannot
-- write a banner record about anyone else.
CREATE FUNCTION consent_record_visitor_known() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.subject_type = 'visitor' AND NOT EXISTS (SELECT 1 FROM banner_visitors WHERE id = NEW.subject_id AND tenant_id = NEW.tenant_id) THEN
    RAISE EXCEPTION 'consent record names an unknown visitor' USING ERRCODE = 'P0001';
  END IF;
  IF NEW.subject_type = 'visitor' AND NEW.method <> 'banner' THEN
    RAISE EXCEPTION 'a visitor consents only through the banner' USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER consent_records_visitor_known BEFORE INSERT ON consent_records
  FOR EACH ROW EXECUTE FUNCTION consent_record_visitor_known();

-- A retried banner request is found by its choice id alone (the browser may not yet hold its consent id).
CREATE INDEX consent_records_banner_choice ON consent_records (tenant_id, idempotency_key) WHERE subject_type = 'visitor';
