-- A tenant's banner branding and wording (absent row: the tenant's name, default colours and wording, English).
CREATE TABLE banner_settings (
    tenant_id      uuid        PRIMARY KEY REFERENCES tenants (tenant_id),
    display_name   text        CHECK (display_name IS NULL OR length(display_name) BETWEEN 1 AND 200),
    accent         text        CHECK (accent IS NULL OR accent ~ '^#[0-9A-Fa-f]{6}$'),
    default_locale text        CHECK (default_locale IS NULL OR length(default_locale) BETWEEN 2 AND 35),
    overrides      jsonb       NOT NULL DEFAULT '{}'::jsonb,
    updated_at     timestamptz NOT NULL
);

-- The language a mailbox's owner reads (from the platform's mailbox settings); banners and the live page use it.
CREATE TABLE banner_mailbox_locales (
    tenant_id  uuid        NOT NULL REFERENCES tenants (tenant_id),
    mailbox_id uuid        NOT NULL,
    locale     text        NOT NULL CHECK (length(locale) BETWEEN 2 AND 35),
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, mailbox_id),
    FOREIGN KEY (tenant_id, mailbox_id) REFERENCES mailboxes (tenant_id, id)
);
