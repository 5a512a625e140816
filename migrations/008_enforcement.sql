-- Enforcement walls (issue 8): purpose in the database, mail as a processor disclosure,
-- disclosures that say what the recipient does, requests behind `subject_request`, and
-- restriction lifts only by the person or by staff on a legal ground.

-- The purpose wall. Like app.tenant_id, every tenant transaction carries app.purpose and the
-- one subject the gate admitted (app.subject_id; src/db/scope.ts). A subject with a live
-- restriction or objection covering that purpose — any purpose when none is set — is hidden
-- from the tenant role, so a query that forgets to ask the gate still cannot use their data.
-- @clause C34
CREATE FUNCTION subject_usable(p_type text, p_id uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT p_id IS NULL
      OR p_id::text = current_setting('app.subject_id', true)
      OR NOT EXISTS (
        SELECT 1 FROM processing_restrictions r
         WHERE r.tenant_id = current_tenant() AND r.subject_type = p_type AND r.subject_id = p_id AND r.lifted_at IS NULL
           AND (r.purpose IS NULL OR coalesce(current_setting('app.purpose', true), '') = '' OR r.purpose = current_setting('app.purpose', true)))
$$;
GRANT EXECUTE ON FUNCTION subject_usable(text, uuid) TO pledge_app;

CREATE POLICY purpose_wall ON subscriber_notes AS RESTRICTIVE
  USING (subject_usable('subscriber', subscriber_id)) WITH CHECK (subject_usable('subscriber', subscriber_id));
CREATE POLICY purpose_wall ON messages AS RESTRICTIVE
  USING (subject_usable('subscriber', subscriber_id)) WITH CHECK (subject_usable('subscriber', subscriber_id));
CREATE POLICY purpose_wall ON held_sensitive_data AS RESTRICTIVE
  USING (subject_usable(subject_type, subject_id)) WITH CHECK (subject_usable(subject_type, subject_id));

-- Platform mail (C29): ECOMKEY's mailer writes only to its own Customers, its staff, a minor
-- told that parental consent is needed, and a subject who asked for a privacy-center link. A
-- tenant's Subscribers and Buyers are the merchant's to contact, never ECOMKEY's: the old
-- sensitive-data prompt rows are dropped unsent, and no row to a Subscriber or Buyer can be
-- queued unless it is the link they asked for.
DELETE FROM outbox WHERE kind = 'sensitive_held' AND sent_at IS NULL;
ALTER TABLE outbox ADD COLUMN recipient_type text CHECK (recipient_type IN ('customer', 'staff', 'minor', 'subscriber', 'buyer'));
-- Who the mail is to, when known: the delivery job asks the gate for that person.
ALTER TABLE outbox ADD COLUMN recipient_id uuid;
ALTER TABLE outbox ADD COLUMN recipient_tenant_id uuid;
UPDATE outbox SET recipient_type = CASE kind WHEN 'privacy_center_link' THEN 'subscriber' WHEN 'parental_consent_notice' THEN 'minor' ELSE 'customer' END;
ALTER TABLE outbox ALTER COLUMN recipient_type SET NOT NULL;
ALTER TABLE outbox ADD CONSTRAINT outbox_subject_mail_is_requested
  CHECK (recipient_type NOT IN ('subscriber', 'buyer') OR kind = 'privacy_center_link');
-- Refused by the gate (no agreement with the provider, a restriction): kept unsent with the
-- code, and asked again a few minutes later (an agreement may have been filed since).
ALTER TABLE outbox ADD COLUMN refused_code text;
ALTER TABLE outbox ADD COLUMN refused_at timestamptz;
-- A sender's claim on a row while it hands it to the provider: two servers never send one mail twice.
ALTER TABLE outbox ADD COLUMN lease_until timestamptz;

-- Disclosures name what the recipient will do with the data; its own marketing is never allowed (C28).
ALTER TABLE disclosures ADD COLUMN recipient_use text NOT NULL DEFAULT 'service' CHECK (recipient_use = 'service');
-- ECOMKEY's own disclosures (mail handed to its e-mail provider for a staff member or a minor)
-- belong to no tenant: only the platform sees them.
ALTER TABLE disclosures ALTER COLUMN tenant_id DROP NOT NULL;
ALTER TABLE disclosure_subjects ALTER COLUMN tenant_id DROP NOT NULL;
-- The mail job records its sends to the e-mail provider itself.
ALTER TABLE disclosures DROP CONSTRAINT disclosures_recorded_by_type_check;
ALTER TABLE disclosures ADD CONSTRAINT disclosures_recorded_by_type_check CHECK (recorded_by_type IN ('user', 'api_key', 'staff', 'system'));
-- The request a `subject_request` disclosure answers (C04): the subject asked for it.
ALTER TABLE disclosures ADD COLUMN request_id uuid;

-- A data subject's request, as received (the DSR issue builds the workflow on this table).
CREATE TABLE subject_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  subject_type text NOT NULL CHECK (subject_type IN ('customer', 'subscriber', 'buyer')),
  subject_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('access', 'portability', 'rectification', 'erasure', 'restriction', 'objection', 'withdrawal', 'disclosure')),
  received_via text NOT NULL CHECK (received_via IN ('privacy_center', 'bot', 'email', 'phone', 'letter', 'in_person', 'api')),
  -- The merchant's or channel's reference for the request (a ticket or message id), never its wording.
  evidence_ref text NOT NULL CHECK (evidence_ref ~ '^[A-Za-z0-9][A-Za-z0-9._:/#-]{0,119}$'),
  received_at timestamptz NOT NULL DEFAULT now(),
  created_by_type text NOT NULL CHECK (created_by_type IN ('user', 'api_key', 'staff', 'subject')),
  created_by_id uuid
);
CREATE INDEX subject_requests_subject ON subject_requests (tenant_id, subject_type, subject_id, received_at);
ALTER TABLE subject_requests ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON subject_requests USING (tenant_id = current_tenant()) WITH CHECK (tenant_id = current_tenant());
GRANT SELECT, INSERT ON subject_requests TO pledge_app;
ALTER TABLE disclosures ADD CONSTRAINT disclosures_request_required
  CHECK (basis <> 'subject_request' OR request_id IS NOT NULL) NOT VALID;

-- A restriction is lifted by the person (privacy center) or by ECOMKEY staff citing a legal
-- ground from the taxonomy, never by a merchant's say-so (C34).
ALTER TABLE processing_restrictions ADD COLUMN lift_ground text
  CHECK (lift_ground IN ('legal_obligation', 'vital_interest', 'legal_claims', 'rights_of_others', 'public_interest'));
ALTER TABLE processing_restrictions ADD CONSTRAINT restriction_lifted_by_subject_or_staff
  CHECK (lifted_at IS NULL
         OR (lifted_by = 'subject' AND lifted_by_actor_type = 'subject')
         OR (lifted_by = 'legal_ground' AND lifted_by_actor_type = 'staff' AND lift_ground IS NOT NULL)) NOT VALID;
GRANT UPDATE (lift_ground) ON processing_restrictions TO pledge_app;
