-- Per-subject data keys (crypto-shredding). A subject's past personal values may be kept
-- sealed under their own key, e.g. the profile history in the audit log (C16): the audit
-- chain then holds ciphertext, never a value in clear, and deleting the key row makes that
-- history unreadable without editing a single audit entry.
-- The key itself is stored wrapped under the server's data key, so a database copy alone
-- opens nothing.
CREATE TABLE subject_keys (
  subject_type text NOT NULL CHECK (subject_type IN ('user')),
  subject_id uuid NOT NULL,
  wrapped_key text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (subject_type, subject_id)
);
