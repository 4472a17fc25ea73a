-- Sender history ("first contact", "how often this sender wrote to this recipient") is asked on every scan.
CREATE INDEX mail_items_sender ON mail_items (tenant_id, sender);
