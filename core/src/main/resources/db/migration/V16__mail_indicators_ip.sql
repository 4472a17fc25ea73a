-- Stored mail is indexed by IP too: the sending IP the platform recorded and the IP hosts of links, so an IP
-- indicator finds it by the same values the prefilter checks on arrival.
ALTER TABLE mail_indicators DROP CONSTRAINT mail_indicators_kind_check;
ALTER TABLE mail_indicators ADD CONSTRAINT mail_indicators_kind_check
    CHECK (kind IN ('URL', 'DOMAIN', 'FILE_HASH', 'SENDER', 'IP'));
