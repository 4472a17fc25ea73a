-- Mail is indexed by its sending infrastructure too (the sending IP, the DKIM signing domain that passed, the
-- Return-Path domain), and a campaign takes near-duplicates that share it with the seed under a reason of their own.
ALTER TABLE mail_indicators DROP CONSTRAINT mail_indicators_kind_check;
ALTER TABLE mail_indicators ADD CONSTRAINT mail_indicators_kind_check
    CHECK (kind IN ('URL', 'DOMAIN', 'FILE_HASH', 'SENDER', 'IP', 'INFRASTRUCTURE'));
ALTER TABLE campaign_members DROP CONSTRAINT campaign_members_reason_check;
ALTER TABLE campaign_members ADD CONSTRAINT campaign_members_reason_check
    CHECK (reason IN ('SEED', 'COPY', 'NEAR_DUPLICATE', 'SAME_INFRASTRUCTURE', 'SHARED_URL', 'SHARED_FILE'));
