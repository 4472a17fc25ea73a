package io.palisade.detection.analysis.url;

import java.util.Objects;

/**
 * A URL split into its parts after normalisation by {@link Urls#parse}.
 *
 * @param scheme lower case, e.g. {@code https}, never null
 * @param userInfo what came before {@code @} in the authority, never null (empty when none)
 * @param host lower case, ASCII (punycode for international names), without a trailing dot, never null
 * @param port the port, or -1 when absent or the scheme's default
 * @param path starts with {@code /} for hierarchical URLs, never null
 * @param query without the {@code ?}, never null (empty when none)
 */
public record Url(String scheme, String userInfo, String host, int port, String path, String query) {
    public Url {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(userInfo, "userInfo");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(query, "query");
    }

    /** Whether this is an http or https URL. */
    public boolean isWeb() {
        return scheme.equals("http") || scheme.equals("https");
    }

    /** The normalised text form (no fragment). */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(scheme).append("://");
        if (!userInfo.isEmpty()) {
            out.append(userInfo).append('@');
        }
        out.append(host);
        if (port >= 0) {
            out.append(':').append(port);
        }
        out.append(path);
        if (!query.isEmpty()) {
            out.append('?').append(query);
        }
        return out.toString();
    }
}
