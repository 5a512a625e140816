-- Security and privacy inquiries (C25, C41): a message from the contact form or the inbound
-- mail address, routed by its subject ("Security Policy Question" to security staff, the rest
-- to the privacy officer), acknowledged, and tracked to an answer by its due time. The sender's
-- address and words are sealed under the platform's mail key; the blind index finds a sender's
-- inquiries for access and erasure.
ALTER TABLE staff_users DROP CONSTRAINT IF EXISTS staff_users_role_check;
ALTER TABLE staff_users ADD CONSTRAINT staff_users_role_check CHECK (role IN ('privacy_officer', 'support', 'security'));

CREATE TABLE inquiries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  reference text NOT NULL UNIQUE CHECK (reference ~ '^Q-[0-9A-Z]{8}$'),
  topic text NOT NULL CHECK (topic IN ('security', 'privacy')),
  via text NOT NULL CHECK (via IN ('form', 'mail')),
  -- The mail provider's Message-ID of an inbound mail: a redelivery is the same inquiry.
  message_id text UNIQUE,
  user_id uuid REFERENCES users(id),
  lang text NOT NULL CHECK (lang IN ('vi', 'en')),
  from_address text NOT NULL,
  from_address_bidx text NOT NULL,
  subject text NOT NULL,
  body text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  acknowledged_at timestamptz,
  due_at timestamptz NOT NULL,
  answered_at timestamptz,
  answered_by uuid REFERENCES staff_users(id),
  answer text,
  -- When the answering staff were reminded that the answer is due (once).
  reminded_at timestamptz,
  CHECK (due_at > received_at),
  CHECK ((answered_at IS NULL) = (answer IS NULL))
);
CREATE INDEX inquiries_open ON inquiries (topic, due_at) WHERE answered_at IS NULL;
CREATE INDEX inquiries_sender ON inquiries (from_address_bidx, received_at);
-- Staff's register: platform rights only; the application role has no grant on it.

-- Whoever writes in may be a visitor with no account: their acknowledgement and answer are mail to a visitor.
ALTER TABLE outbox DROP CONSTRAINT IF EXISTS outbox_recipient_type_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_recipient_type_check CHECK (recipient_type IN ('customer', 'staff', 'minor', 'subscriber', 'buyer', 'visitor'));
