-- Identity and contact data sealed at rest (issue 8). @clause C07 @clause C01 @clause C16 @clause C20
--
-- Every column the registry puts in the name, contact, address, workplace, government-id,
-- financial or special categories now holds ciphertext: `v1.…` under the subject's own key
-- (subject_keys), or `enc:v1:…` under the tenant's data key for the tenant's own records (its
-- name, its billing contact). A value the system must look up by (sign-in by e-mail, a
-- Subscriber by phone or platform id, the privacy center's e-mail sign-in) gets a blind index
-- beside it: an HMAC of the normalised value under a key derived from the app secret. Unique
-- constraints move from the clear value to its index. Rows written before this migration are
-- still clear until the app reseals them (see src/subjects/reseal.ts); their indexes are NULL
-- until then.

-- Subscribers, Buyers and Staff get per-subject keys like Customers ('user' becomes
-- 'customer', the taxonomy's name). A tenant's subjects' keys carry its id, so a tenant
-- transaction reads its own subjects' keys and no one else's.
ALTER TABLE subject_keys DROP CONSTRAINT subject_keys_subject_type_check;
UPDATE subject_keys SET subject_type = 'customer' WHERE subject_type = 'user';
ALTER TABLE subject_keys ADD CONSTRAINT subject_keys_subject_type_check CHECK (subject_type IN ('customer', 'subscriber', 'buyer', 'staff'));
ALTER TABLE subject_keys ADD COLUMN tenant_id uuid REFERENCES tenants(id);
ALTER TABLE subject_keys ADD CONSTRAINT subject_keys_tenant_check CHECK ((tenant_id IS NOT NULL) = (subject_type IN ('subscriber', 'buyer')));
ALTER TABLE subject_keys ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON subject_keys USING (tenant_id = current_tenant()) WITH CHECK (tenant_id = current_tenant());
-- Erasure shreds a key in a platform transaction; the tenant role only creates and reads.
GRANT SELECT, INSERT ON subject_keys TO pledge_app;

ALTER TABLE users ADD COLUMN email_bidx text;
DROP INDEX users_email_key;
CREATE UNIQUE INDEX users_email_bidx_key ON users (email_bidx);

ALTER TABLE staff_users ADD COLUMN email_bidx text;
DROP INDEX staff_users_email_key;
CREATE UNIQUE INDEX staff_users_email_bidx_key ON staff_users (email_bidx);

ALTER TABLE subscribers ADD COLUMN email_bidx text, ADD COLUMN phone_bidx text, ADD COLUMN external_id_bidx text;
CREATE INDEX subscribers_email_bidx ON subscribers (tenant_id, email_bidx) WHERE email_bidx IS NOT NULL;
CREATE INDEX subscribers_phone_bidx ON subscribers (tenant_id, phone_bidx) WHERE phone_bidx IS NOT NULL;
CREATE INDEX subscribers_external_id_bidx ON subscribers (tenant_id, channel, external_id_bidx) WHERE external_id_bidx IS NOT NULL;

ALTER TABLE buyers ADD COLUMN email_bidx text, ADD COLUMN phone_bidx text;
CREATE INDEX buyers_email_bidx ON buyers (tenant_id, email_bidx) WHERE email_bidx IS NOT NULL;
CREATE INDEX buyers_phone_bidx ON buyers (tenant_id, phone_bidx) WHERE phone_bidx IS NOT NULL;

-- Mail waits sealed; the mailer opens it just before handing it to SMTP. The blind index of
-- the address finds one person's queued mail (the dev mailbox, erasure) without reading it.
ALTER TABLE outbox ADD COLUMN to_bidx text;
CREATE INDEX outbox_to_bidx ON outbox (to_bidx);

-- A Subscriber's and a Buyer's source is a key of the taxonomy (src/domain/taxonomy/sources.ts),
-- not free text (C01); `google_api.*` is what puts a subject under Limited Use (C20). NOT VALID:
-- older free-text rows stay readable, every new or changed row must name a key.
ALTER TABLE subscribers ADD CONSTRAINT subscribers_source_key CHECK (source IN (
  'channel:messenger', 'channel:zalo', 'channel:telegram', 'channel:web', 'form:checkout', 'form:contact', 'registration', 'survey',
  'import:csv', 'import:xlsx', 'api', 'google_api.contacts', 'google_api.sheets', 'google_api.gmail')) NOT VALID;
ALTER TABLE buyers ADD CONSTRAINT buyers_source_key CHECK (source IN (
  'channel:messenger', 'channel:zalo', 'channel:telegram', 'channel:web', 'form:checkout', 'form:contact', 'registration', 'survey',
  'import:csv', 'import:xlsx', 'api', 'google_api.contacts', 'google_api.sheets', 'google_api.gmail')) NOT VALID;

