-- Per-tenant keys (for example the key that signs banner markers), encrypted with the installation's secrets key.
CREATE TABLE tenant_keys (
    tenant_id  uuid        NOT NULL REFERENCES tenants (tenant_id),
    purpose    text        NOT NULL CHECK (length(purpose) BETWEEN 1 AND 100),
    ciphertext text        NOT NULL CHECK (ciphertext LIKE 'v1:%'),
    created_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, purpose)
);
