-- Data-subject requests as records with a lifecycle (issue 12): a state, every transition kept
-- (codes and ids only), a due date and an acknowledgement date computed from the rules below,
-- and duplicates of an open request linked to it instead of run twice.
-- @clause C33 @clause C11

ALTER TABLE subject_requests DROP CONSTRAINT IF EXISTS subject_requests_received_via_check;
ALTER TABLE subject_requests ADD CONSTRAINT subject_requests_received_via_check
  CHECK (received_via IN ('privacy_center', 'bot', 'email', 'phone', 'letter', 'in_person', 'api', 'web_form', 'meta_callback'));
ALTER TABLE subject_requests DROP CONSTRAINT IF EXISTS subject_requests_created_by_type_check;
ALTER TABLE subject_requests ADD CONSTRAINT subject_requests_created_by_type_check
  CHECK (created_by_type IN ('user', 'api_key', 'staff', 'subject', 'anonymous', 'system'));
ALTER TABLE subject_requests
  ADD COLUMN state text NOT NULL DEFAULT 'received'
    CHECK (state IN ('received', 'identity_unverified', 'verified', 'in_progress', 'fulfilled', 'denied', 'canceled')),
  -- When the person's identity was confirmed: the policy's deletion clock starts here (C33).
  ADD COLUMN confirmed_at timestamptz,
  ADD COLUMN ack_due_at timestamptz,
  ADD COLUMN acknowledged_at timestamptz,
  ADD COLUMN due_at timestamptz,
  -- The rule the due date comes from (deadline_rules.id): the earliest that applies.
  ADD COLUMN due_rule text,
  ADD COLUMN processor_involved boolean NOT NULL DEFAULT false,
  -- The person is one GDPR covers (Art 3): its one-month rule applies too.
  ADD COLUMN gdpr boolean NOT NULL DEFAULT false,
  ADD COLUMN extended_at timestamptz,
  ADD COLUMN extension_reason text CHECK (extension_reason IN ('complexity', 'number_of_requests', 'processor_delay', 'awaiting_authority')),
  ADD COLUMN deny_reason text CHECK (deny_reason IN ('identity_not_verified', 'manifestly_unfounded', 'excessive', 'legal_obligation_to_keep',
                                                     'rights_of_others', 'legal_claims', 'not_our_subject')),
  ADD COLUMN duplicate_of uuid REFERENCES subject_requests(id),
  -- For the purpose a restriction, objection or withdrawal names (null: all).
  ADD COLUMN purpose text,
  -- A status page code given to the person (Meta's confirmation_code, the web form's receipt).
  -- A rectification's new values (C16), sealed under the person's own key until applied, then cleared.
  ADD COLUMN correction text,
  ADD COLUMN status_code text CHECK (status_code ~ '^[A-Za-z0-9_-]{8,64}$'),
  ADD COLUMN closed_at timestamptz,
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
  ADD CONSTRAINT subject_requests_denied_has_reason CHECK (state <> 'denied' OR deny_reason IS NOT NULL),
  ADD CONSTRAINT subject_requests_extended_has_reason CHECK (extended_at IS NULL OR extension_reason IS NOT NULL);
CREATE INDEX subject_requests_open ON subject_requests (tenant_id, due_at) WHERE state NOT IN ('fulfilled', 'denied', 'canceled');
CREATE INDEX subject_requests_status_code ON subject_requests (status_code) WHERE status_code IS NOT NULL;
GRANT UPDATE (state, confirmed_at, ack_due_at, acknowledged_at, due_at, due_rule, processor_involved, extended_at, extension_reason,
              deny_reason, duplicate_of, correction, closed_at, updated_at) ON subject_requests TO pledge_app;

-- Every transition, shown to the merchant and the person: states and codes, never words.
CREATE TABLE subject_request_events (
  id bigserial PRIMARY KEY,
  request_id uuid NOT NULL REFERENCES subject_requests(id),
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  from_state text,
  to_state text NOT NULL,
  code text CHECK (code ~ '^[a-z_]{1,60}$'),
  actor_type text NOT NULL CHECK (actor_type IN ('user', 'api_key', 'staff', 'subject', 'anonymous', 'system')),
  actor_id uuid,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX subject_request_events_request ON subject_request_events (request_id, id);
CREATE TRIGGER subject_request_events_append_only BEFORE UPDATE OR DELETE ON subject_request_events
  FOR EACH ROW EXECUTE FUNCTION disclosures_append_only();
ALTER TABLE subject_request_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON subject_request_events USING (tenant_id = current_tenant()) WITH CHECK (tenant_id = current_tenant());
GRANT SELECT, INSERT ON subject_request_events TO pledge_app;
GRANT USAGE ON SEQUENCE subject_request_events_id_seq TO pledge_app;

-- The deadlines, as data: a new jurisdiction or a changed law is a row, not code. Each row is
-- one clock: which request kinds, what it counts from, how long, and when it applies.
CREATE TABLE deadline_rules (
  id text PRIMARY KEY CHECK (id ~ '^[a-z0-9_.-]{1,60}$'),
  milestone text NOT NULL CHECK (milestone IN ('acknowledge', 'fulfil')),
  kinds text[] NOT NULL CHECK (cardinality(kinds) > 0),
  counts_from text NOT NULL CHECK (counts_from IN ('receipt', 'confirmation')),
  amount int NOT NULL CHECK (amount > 0),
  unit text NOT NULL CHECK (unit IN ('days', 'working_days', 'months')),
  -- always; only where a processor must act; only where none must; only for a subject GDPR covers.
  applies text NOT NULL CHECK (applies IN ('always', 'processor', 'no_processor', 'gdpr')),
  extension_amount int CHECK (extension_amount > 0),
  extension_unit text CHECK (extension_unit IN ('days', 'working_days', 'months')),
  calendar text NOT NULL DEFAULT 'VN',
  citation text NOT NULL CHECK (length(citation) > 10)
);
GRANT SELECT ON deadline_rules TO pledge_app;

INSERT INTO deadline_rules (id, milestone, kinds, counts_from, amount, unit, applies, extension_amount, extension_unit, citation) VALUES
  ('policy.c33.erasure', 'fulfil', '{erasure}', 'confirmation', 30, 'days', 'always', NULL, NULL,
   'ECOMKEY Privacy Policy §5 (C33): deletion requests are processed within 30 days from e-mail confirmation'),
  ('vn.356.ack', 'acknowledge', '{access,portability,rectification,erasure,restriction,objection,withdrawal}', 'receipt', 2, 'working_days', 'always', NULL, NULL,
   'Decree 356/2025/ND-CP Art 5: the controller acknowledges a data subject''s request within 2 working days'),
  ('vn.91.access', 'fulfil', '{access,portability,rectification}', 'confirmation', 10, 'days', 'no_processor', 10, 'days',
   'Law 91/2025/QH15 on Personal Data Protection with Decree 356/2025/ND-CP: access, correction and copy within 10 days, extendable once with a recorded reason'),
  ('vn.91.access.processor', 'fulfil', '{access,portability,rectification}', 'confirmation', 15, 'days', 'processor', 10, 'days',
   'Law 91/2025/QH15 with Decree 356/2025/ND-CP: 15 days where a processor must act, extendable once with a recorded reason'),
  ('vn.91.erasure', 'fulfil', '{erasure}', 'confirmation', 20, 'days', 'no_processor', 10, 'days',
   'Law 91/2025/QH15 with Decree 356/2025/ND-CP: deletion within 20 days, extendable once with a recorded reason'),
  ('vn.91.erasure.processor', 'fulfil', '{erasure}', 'confirmation', 30, 'days', 'processor', 10, 'days',
   'Law 91/2025/QH15 with Decree 356/2025/ND-CP: deletion within 30 days where a processor must act, extendable once with a recorded reason'),
  ('vn.91.objection', 'fulfil', '{withdrawal,restriction,objection}', 'confirmation', 15, 'days', 'no_processor', 10, 'days',
   'Law 91/2025/QH15 with Decree 356/2025/ND-CP: withdrawal of consent, restriction and objection within 15 days, extendable once with a recorded reason'),
  ('vn.91.objection.processor', 'fulfil', '{withdrawal,restriction,objection}', 'confirmation', 20, 'days', 'processor', 10, 'days',
   'Law 91/2025/QH15 with Decree 356/2025/ND-CP: 20 days where a processor must act, extendable once with a recorded reason'),
  ('gdpr.12.3', 'fulfil', '{access,portability,rectification,erasure,restriction,objection,withdrawal}', 'receipt', 1, 'months', 'gdpr', 2, 'months',
   'GDPR Art 12(3): without undue delay and within one month of receipt, extendable by two further months');

-- Days off in a calendar, with where they come from: working days skip these and weekends.
CREATE TABLE calendar_holidays (
  calendar text NOT NULL,
  day date NOT NULL,
  label text NOT NULL,
  source text NOT NULL,
  PRIMARY KEY (calendar, day)
);
GRANT SELECT ON calendar_holidays TO pledge_app;
INSERT INTO calendar_holidays (calendar, day, label, source) VALUES
  ('VN', '2026-01-01', 'Tết Dương lịch', 'Labour Code 45/2019/QH14 Art 112'),
  ('VN', '2026-02-16', 'Tết Nguyên đán', 'Labour Code 45/2019/QH14 Art 112; Ministry of Home Affairs notice on the 2026 Tết holiday'),
  ('VN', '2026-02-17', 'Tết Nguyên đán', 'Labour Code 45/2019/QH14 Art 112; Ministry of Home Affairs notice on the 2026 Tết holiday'),
  ('VN', '2026-02-18', 'Tết Nguyên đán', 'Labour Code 45/2019/QH14 Art 112; Ministry of Home Affairs notice on the 2026 Tết holiday'),
  ('VN', '2026-02-19', 'Tết Nguyên đán', 'Labour Code 45/2019/QH14 Art 112; Ministry of Home Affairs notice on the 2026 Tết holiday'),
  ('VN', '2026-02-20', 'Tết Nguyên đán', 'Labour Code 45/2019/QH14 Art 112; Ministry of Home Affairs notice on the 2026 Tết holiday'),
  ('VN', '2026-04-27', 'Giỗ Tổ Hùng Vương (bù)', 'Labour Code 45/2019/QH14 Art 112 (10/3 lunar falls on Sunday 26 April)'),
  ('VN', '2026-04-30', 'Ngày Chiến thắng', 'Labour Code 45/2019/QH14 Art 112'),
  ('VN', '2026-05-01', 'Quốc tế Lao động', 'Labour Code 45/2019/QH14 Art 112'),
  ('VN', '2026-09-01', 'Quốc khánh', 'Labour Code 45/2019/QH14 Art 112 (2 September and one adjacent day)'),
  ('VN', '2026-09-02', 'Quốc khánh', 'Labour Code 45/2019/QH14 Art 112'),
  ('VN', '2027-01-01', 'Tết Dương lịch', 'Labour Code 45/2019/QH14 Art 112');

-- Alerts raised before and at a deadline, once each: the scheduled job's memory.
CREATE TABLE subject_request_alerts (
  request_id uuid NOT NULL REFERENCES subject_requests(id),
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  alert text NOT NULL CHECK (alert IN ('ack_due_soon', 'ack_overdue', 'due_soon', 'overdue')),
  raised_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (request_id, alert)
);
ALTER TABLE subject_request_alerts ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON subject_request_alerts USING (tenant_id = current_tenant()) WITH CHECK (tenant_id = current_tenant());
GRANT SELECT ON subject_request_alerts TO pledge_app;

-- Mail a subject asked for: the sign-in link, a request's confirmation link, a ready export.
ALTER TABLE outbox DROP CONSTRAINT outbox_subject_mail_is_requested;
ALTER TABLE outbox ADD CONSTRAINT outbox_subject_mail_is_requested
  CHECK (recipient_type NOT IN ('subscriber', 'buyer') OR kind IN ('privacy_center_link', 'request_confirmation', 'request_update'));
