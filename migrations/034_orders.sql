-- Orders and the Buyers they come from (issue 13 item 5, C19). An order is the contract its
-- Buyer's contact data serves: the delivery address is sealed under the Buyer's own key, as the
-- Buyer's columns are; the line items name products, not people. An order goes with its Buyer
-- on erasure (the registry's subject map); nothing else references it.

CREATE TABLE orders (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  buyer_id uuid NOT NULL REFERENCES buyers(id),
  reference text CHECK (reference IS NULL OR reference ~ '^[A-Za-z0-9_.:#/-]{1,64}$'),
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  items jsonb NOT NULL CHECK (jsonb_typeof(items) = 'array' AND jsonb_array_length(items) BETWEEN 1 AND 200),
  total_minor bigint NOT NULL CHECK (total_minor >= 0),
  delivery_address text CHECK (delivery_address IS NULL OR delivery_address LIKE 'v1.%'),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX orders_tenant ON orders (tenant_id, created_at DESC, id DESC);
CREATE INDEX orders_buyer ON orders (tenant_id, buyer_id);
CREATE UNIQUE INDEX orders_reference ON orders (tenant_id, reference) WHERE reference IS NOT NULL;

ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON orders USING (tenant_id = current_tenant()) WITH CHECK (tenant_id = current_tenant());
GRANT SELECT, INSERT, DELETE ON orders TO pledge_app;

-- The purpose wall (migration 008): a Buyer's live restriction or objection hides their orders
-- from a transaction for another purpose, as it hides a Subscriber's messages.
CREATE POLICY purpose_wall ON orders AS RESTRICTIVE
  USING (subject_usable('buyer', buyer_id)) WITH CHECK (subject_usable('buyer', buyer_id));
