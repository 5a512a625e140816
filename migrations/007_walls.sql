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

-- A tenant chain's first entry is announced on the platform chain (action audit.chain_opened),
-- so a whole chain deleted later shows as missing. A tenant transaction cannot see or write the
-- platform chain, so these two functions do exactly that one step for it, and nothing more:
-- only for the current tenant, only while its own chain is at seq 1 (just opened in this very
-- transaction), and only once. The app computes the HMACs between the two calls (the key never
-- enters the database).
CREATE FUNCTION audit_announce_claim() RETURNS TABLE (seq bigint, hash text)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
DECLARE t uuid := current_tenant();
BEGIN
  IF t IS NULL OR NOT EXISTS (SELECT 1 FROM audit_heads h WHERE h.chain = t::text AND h.seq = 1)
     OR EXISTS (SELECT 1 FROM audit_log l WHERE l.chain = 'platform' AND l.action = 'audit.chain_opened' AND l.target_id = t::text) THEN
    RAISE EXCEPTION 'audit_announce_claim: not a newly opened tenant chain' USING ERRCODE = 'P0001';
  END IF;
  RETURN QUERY
    INSERT INTO audit_heads AS h (chain, tenant_id, seq, hash) VALUES ('platform', NULL, 1, '')
    ON CONFLICT (chain) DO UPDATE SET seq = h.seq + 1
    RETURNING h.seq, h.hash;
END $$;

CREATE FUNCTION audit_announce_append(p_seq bigint, p_at timestamptz, p_actor_type text, p_actor_id text, p_hash text, p_mac text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
DECLARE t uuid := current_tenant();
DECLARE head audit_heads;
BEGIN
  SELECT * INTO head FROM audit_heads WHERE chain = 'platform' FOR UPDATE;
  IF t IS NULL OR head.seq IS DISTINCT FROM p_seq THEN
    RAISE EXCEPTION 'audit_announce_append: claim first' USING ERRCODE = 'P0001';
  END IF;
  INSERT INTO audit_log (chain, seq, tenant_id, at, actor_type, actor_id, action, target_type, target_id, reason, details, prev_hash, hash)
  VALUES ('platform', p_seq, NULL, p_at, p_actor_type, p_actor_id, 'audit.chain_opened', 'tenant', t::text, NULL, '{}', head.hash, p_hash);
  UPDATE audit_heads SET hash = p_hash, mac = p_mac WHERE chain = 'platform';
END $$;

REVOKE ALL ON FUNCTION audit_announce_claim() FROM PUBLIC;
REVOKE ALL ON FUNCTION audit_announce_append(bigint, timestamptz, text, text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_announce_claim() TO pledge_app;
GRANT EXECUTE ON FUNCTION audit_announce_append(bigint, timestamptz, text, text, text, text) TO pledge_app;
