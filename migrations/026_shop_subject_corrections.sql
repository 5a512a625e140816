-- A Subscriber's or a Buyer's rectification request holds the new values until fulfilment applies
-- them (C16): sealed under the shop's key (the database refuses them in clear), cleared once applied.
-- A Customer's stay in `correction`, under their own key.
-- @clause C16
ALTER TABLE subject_requests ADD COLUMN shop_correction text CHECK (shop_correction IS NULL OR shop_correction LIKE 'enc:v1:%');
-- Written in the shop's transaction, with the request it belongs to.
GRANT UPDATE (shop_correction) ON subject_requests TO pledge_app;
