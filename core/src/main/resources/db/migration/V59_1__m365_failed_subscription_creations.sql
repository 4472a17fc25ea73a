-- A subscription Graph refused to create (a 403 quota error, a 5xx) is kept as a CREATE_FAILED row under a local id
-- ('create-failed-' and a UUID; Graph never names it), with its error, so health and the console show the unwatched
-- mailbox; the renewal job tries the creation again once next_attempt_at has passed, waiting longer after each failed
-- attempt. The row is deleted when the creation succeeds.
ALTER TABLE m365_subscriptions DROP CONSTRAINT m365_subscriptions_status_check;
ALTER TABLE m365_subscriptions ADD CONSTRAINT m365_subscriptions_status_check
    CHECK (status IN ('ACTIVE', 'REAUTHORIZE', 'REMOVED', 'FAILED', 'CREATE_FAILED'));
ALTER TABLE m365_subscriptions ADD COLUMN attempts integer NOT NULL DEFAULT 0;
ALTER TABLE m365_subscriptions ADD COLUMN next_attempt_at timestamptz;
CREATE INDEX m365_subscriptions_creation_retry ON m365_subscriptions (next_attempt_at) WHERE status = 'CREATE_FAILED';
