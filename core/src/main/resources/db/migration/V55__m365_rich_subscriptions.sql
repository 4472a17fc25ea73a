-- The certificate a Microsoft Graph subscription asked resource data (rich notifications) to be encrypted for; null
-- for a plain subscription. A rich mail subscription lives at most a day, and one made under another setting (rich
-- turned on or off, another certificate) is replaced at its next renewal.
ALTER TABLE m365_subscriptions ADD COLUMN encryption_certificate_id text;
