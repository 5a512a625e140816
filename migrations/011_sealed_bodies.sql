-- C07: the working copy of a note or a message is sealed like its full text. The database
-- refuses a clear body from now on; NOT VALID because rows written by an older Pledge are still
-- clear until `resealLegacyRows` (run at start-up) seals them.
ALTER TABLE subscriber_notes ADD CONSTRAINT subscriber_notes_body_sealed CHECK (body LIKE 'enc:v1:%') NOT VALID;
ALTER TABLE messages ADD CONSTRAINT messages_body_sealed CHECK (body LIKE 'enc:v1:%') NOT VALID;
