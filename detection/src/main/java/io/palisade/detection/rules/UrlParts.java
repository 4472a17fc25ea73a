package io.palisade.detection.rules;

import com.google.common.net.InternetDomainName;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a URL as written, read leniently (phishing URLs are often not valid URIs).
 *
 * @param host the host, lower case, without user info, port or trailing dot; empty when none
 * @param domain the registrable domain by the public suffix list (e.g. {@code example.co.uk}); the host itself for
 *     an IP address or a host under no known suffix
 * @param tld the public suffix (e.g. {@code co.uk}); empty for an IP address or an unknown suffix
 * @param path the path, query and fragment, starting at the first {@code /}, {@code ?} or {@code #}; may be empty
 */
record UrlParts(String host, String domain, String tld, String path) {

    private static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]{0,20}):(//)?");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    static UrlParts of(String url) {
        String trimmed = url.strip();
        Matcher scheme = SCHEME.matcher(trimmed);
        if (!scheme.find() || scheme.group(1).contains(".")) {
            return split(trimmed);
        }
        String rest = trimmed.substring(scheme.end());
        // A scheme without "//" (mailto:, tel:, javascript:) has no host.
        return scheme.group(2) == null ? new UrlParts("", "", "", rest) : split(rest);
    }

    private static UrlParts split(String rest) {
        int end = firstOf(rest, "/?#\\");
        String authority = rest.substring(0, end);
        String path = rest.substring(end);
        String host = authority.substring(authority.lastIndexOf('@') + 1);
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            host = close < 0 ? host : host.substring(0, close + 1);
        } else {
            int colon = host.indexOf(':');
            host = colon < 0 ? host : host.substring(0, colon);
        }
        host = host.toLowerCase(Locale.ROOT);
        while (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        return withDomain(host, path);
    }

    private static UrlParts withDomain(String host, String path) {
        if (host.isEmpty() || host.startsWith("[") || IPV4.matcher(host).matches()) {
            return new UrlParts(host, host, "", path);
        }
        try {
            InternetDomainName name = InternetDomainName.from(host);
            if (name.isUnderPublicSuffix()) {
                return new UrlParts(
                        host,
                        name.topPrivateDomain().toString(),
                        name.publicSuffix().toString(),
                        path);
            }
            return new UrlParts(
                    host, host, name.hasPublicSuffix() ? name.publicSuffix().toString() : "", path);
        } catch (IllegalArgumentException | IllegalStateException e) {
            return new UrlParts(host, host, "", path);
        }
    }

    private static int firstOf(String text, String characters) {
        for (int i = 0; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return text.length();
    }
}
