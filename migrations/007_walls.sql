-- Walls a black-box probe found open (issue 8, item 10).

-- Audit heads are signed (HMAC over chain, seq and last hash, computed by the app): cutting the
-- newest entries off a chain and moving its head back no longer verifies. Heads written before
-- this migration are re-signed by their chain's next entry; until then `pledge audit verify`
-- reports them as head_signature_invalid.
ALTER TABLE audit_heads ADD COLUMN mac text;

-- Idempotency keys belong to whoever sent them: a subject's key in the privacy center and the
-- merchant's key for its own calls are separate spaces, as in idempotency_keys (tenant, scope, key).
-- The ledger's own safety net followed the tenant alone, so a subject's key blocked the merchant's write.
DROP INDEX consent_records_idempotency;
CREATE UNIQUE INDEX consent_records_idempotency ON consent_records (
  tenant_id,
  (CASE WHEN recorded_by_type = 'subject' THEN 'subject:' || subject_type || ':' || subject_id::text ELSE 'tenant' END),
  idempotency_key
) WHERE idempotency_key IS NOT NULL;
