package io.palisade.core.intel;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * How Palisade logs in to a TAXII collection: HTTP Basic or an API key header. Stored encrypted on the feed; {@link
 * #toString()} never shows a password or key.
 */
public sealed interface TaxiiCredentials {

    /** The kind stored in the clear on the feed. */
    TaxiiAuth kind();

    /** Adds the credentials to a request to the collection. */
    void applyTo(HttpRequest.Builder request);

    /**
     * HTTP Basic (RFC 7617), username and password in UTF-8.
     *
     * @param username never blank and without a colon
     * @param password never empty
     */
    record Basic(String username, String password) implements TaxiiCredentials {

        public Basic {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
            if (username.isBlank() || username.contains(":")) {
                throw new IllegalArgumentException("a TAXII username must be non-blank and hold no colon");
            }
            if (password.isEmpty()) {
                throw new IllegalArgumentException("a TAXII password must not be empty");
            }
            requireNoLineBreak(username + password, "TAXII credentials");
        }

        @Override
        public TaxiiAuth kind() {
            return TaxiiAuth.BASIC;
        }

        @Override
        public void applyTo(HttpRequest.Builder request) {
            String token =
                    Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
            request.header("Authorization", "Basic " + token);
        }

        @Override
        public String toString() {
            return "Basic[username=" + username + ", password=***]";
        }
    }

    /**
     * An API key sent in a header of the server's choosing.
     *
     * @param header the header's name, e.g. {@code Authorization} or {@code X-Api-Key}; one the HTTP client may set
     * @param value the header's value, never empty
     */
    record ApiKey(String header, String value) implements TaxiiCredentials {

        public ApiKey {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(value, "value");
            if (value.isEmpty()) {
                throw new IllegalArgumentException("a TAXII API key must not be empty");
            }
            requireNoLineBreak(value, "a TAXII API key");
            try {
                // Refuses names that are not HTTP tokens and the ones the client sets itself (Host, Connection...).
                HttpRequest.newBuilder(URI.create("http://localhost/")).header(header, "x");
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("a TAXII API key cannot be sent in the header '" + header + "'");
            }
        }

        @Override
        public TaxiiAuth kind() {
            return TaxiiAuth.API_KEY;
        }

        @Override
        public void applyTo(HttpRequest.Builder request) {
            request.header(header, value);
        }

        @Override
        public String toString() {
            return "ApiKey[header=" + header + ", value=***]";
        }
    }

    private static void requireNoLineBreak(String value, String what) {
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException(what + " must not hold a line break");
        }
    }
}
