-- What an erasure keeps (the subject map's `retain` rules: invoices, proof of consent, of a
-- request answered) is kept for a period, not for ever (C36): each kept row is held here by its
-- primary key until its end, and the purge job deletes it then.
CREATE TABLE retention_holds (
  id bigserial PRIMARY KEY,
  table_name text NOT NULL,
  row_key jsonb NOT NULL,
  ground text NOT NULL,
  period text NOT NULL,
  until timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (table_name, row_key)
);
CREATE INDEX retention_holds_due ON retention_holds (until);
