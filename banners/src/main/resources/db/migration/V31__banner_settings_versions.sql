-- Every saved version of a tenant's banner settings; banner_settings keeps the one in force, read on every render.
CREATE TABLE banner_settings_versions (
    tenant_id      uuid        NOT NULL REFERENCES tenants (tenant_id),
    version        integer     NOT NULL CHECK (version >= 1),
    display_name   text        CHECK (display_name IS NULL OR length(display_name) BETWEEN 1 AND 200),
    accent         text        CHECK (accent IS NULL OR accent ~ '^#[0-9A-Fa-f]{6}$'),
    default_locale text        CHECK (default_locale IS NULL OR length(default_locale) BETWEEN 2 AND 35),
    overrides      jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_by     text        NOT NULL,
    created_at     timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, version)
);

ALTER TABLE banner_settings ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1);
ALTER TABLE banner_settings ADD COLUMN updated_by text NOT NULL DEFAULT 'system';

-- Settings stored before versions existed become version 1 of their tenant.
INSERT INTO banner_settings_versions
    (tenant_id, version, display_name, accent, default_locale, overrides, created_by, created_at)
SELECT tenant_id, version, display_name, accent, default_locale, overrides, updated_by, updated_at
FROM banner_settings;
