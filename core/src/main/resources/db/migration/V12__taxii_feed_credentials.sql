-- Optional credentials of a TAXII collection: HTTP Basic (username and password) or an API key header (name and
-- value). The credentials are one value encrypted with SecretCipher, bound to the tenant and the feed; only their
-- kind is stored in the clear, so the API can say whether a feed has credentials without reading them.
ALTER TABLE taxii_feeds
    ADD COLUMN auth_kind              text CHECK (auth_kind IN ('BASIC', 'API_KEY')),
    ADD COLUMN credentials_ciphertext text,
    ADD CONSTRAINT taxii_feeds_credentials_complete
        CHECK ((auth_kind IS NULL) = (credentials_ciphertext IS NULL));
