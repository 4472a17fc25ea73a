-- A recipient who trusts the sender from the banner's live page re-scores their own copy: that version's cause.
ALTER TABLE verdicts DROP CONSTRAINT verdicts_cause_check;
ALTER TABLE verdicts ADD CONSTRAINT verdicts_cause_check
    CHECK (cause IN ('SCAN', 'RESCAN', 'ANALYST', 'INDICATOR', 'USER_REPORTS', 'RECIPIENT_TRUST'));
