-- Daily rollups of Log Data (issue 14, the dashboard). One row per site, UTC day, dimension and
-- value: counts only, never a visitor hash or an account. A day is the salt's day, so a visitor
-- hash never spans two days and a visit (events of one hash less than 30 minutes apart) never
-- either: daily figures add up to any range exactly, visitors being visitor-days.
CREATE TABLE analytics_daily (
  site_id uuid NOT NULL,
  day date NOT NULL,
  dim text NOT NULL CHECK (dim ~ '^[a-z_]{1,20}$'),
  value text NOT NULL CHECK (length(value) <= 300),
  visitors int NOT NULL DEFAULT 0,
  visits int NOT NULL DEFAULT 0,
  pageviews int NOT NULL DEFAULT 0,
  events int NOT NULL DEFAULT 0,
  bounces int NOT NULL DEFAULT 0,
  duration_ms bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (site_id, day, dim, value)
);
-- The rollup job's watermark per site: days up to rolled_through have rollup rows (the overview
-- reads raw rows only after it); days up to final_through can no longer receive events (the
-- ingest takes events up to 24 hours late) and are never recomputed.
CREATE TABLE analytics_rollup_state (
  site_id uuid PRIMARY KEY,
  rolled_through date NOT NULL,
  final_through date NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
GRANT SELECT ON analytics_daily, analytics_rollup_state TO pledge_app;
