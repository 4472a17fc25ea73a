-- Each Microsoft 365 tenant's own choice of watched mailboxes: Entra groups (their transitive members) and address
-- patterns to include and to exclude; exclusion wins. A tenant without a row uses the installation's patterns.
CREATE TABLE m365_mailbox_selection (
    tenant_id         uuid        PRIMARY KEY REFERENCES tenants (tenant_id),
    include_groups    text[]      NOT NULL DEFAULT '{}' CHECK (cardinality(include_groups) <= 100),
    exclude_groups    text[]      NOT NULL DEFAULT '{}' CHECK (cardinality(exclude_groups) <= 100),
    include_addresses text[]      NOT NULL DEFAULT '{}' CHECK (cardinality(include_addresses) <= 100),
    exclude_addresses text[]      NOT NULL DEFAULT '{}' CHECK (cardinality(exclude_addresses) <= 100),
    updated_at        timestamptz NOT NULL
);
