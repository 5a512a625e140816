-- Feedback (suggestions, compliments, issues) and blog comments (C09): published under the
-- username and city the author chose, which with the text are all anyone else sees. What the
-- detector warned about and the author published anyway is kept as kinds, never the values.
CREATE TABLE community_posts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('suggestion', 'compliment', 'issue', 'comment')),
  thread text NOT NULL CHECK (thread ~ '^[a-z0-9][a-z0-9-]{0,79}$'),
  user_id uuid NOT NULL REFERENCES users(id),
  username text NOT NULL CHECK (length(username) BETWEEN 1 AND 40),
  city text NOT NULL CHECK (length(city) BETWEEN 1 AND 80),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
  warned text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX community_posts_thread ON community_posts (thread, created_at DESC);
CREATE INDEX community_posts_author ON community_posts (user_id);
