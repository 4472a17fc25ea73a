package io.palisade.detection.analysis.auth;

import com.google.common.net.InetAddresses;
import io.palisade.detection.model.ParsedMessage;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The IP address that handed the message to the tenant's platform, as the platform recorded it in its own
 * Authentication-Results header: Exchange Online's {@code spf=... (sender IP is 203.0.113.5)}, Gmail's
 * {@code (... designates 203.0.113.5 as permitted sender)}, or an RFC 8601 property ({@code smtp.remote-ip},
 * {@code smtp.client-ip}, {@code policy.iprev}). Headers from untrusted authserv-ids are ignored: anyone can write
 * them.
 *
 * <p>Received headers are not read: which hop is the platform's edge depends on the platform's own hosts (Exchange
 * Online passes mail between its servers over public IPv6 addresses), so a message without a trusted
 * Authentication-Results header has no known sending IP.
 */
public final class SendingIp {

    private static final Pattern MICROSOFT = Pattern.compile("sender IP is ([0-9A-Fa-f:.]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern GOOGLE =
            Pattern.compile("designates ([0-9A-Fa-f:.]+) as permitted sender", Pattern.CASE_INSENSITIVE);
    private static final List<String> PROPERTIES = List.of("smtp.remote-ip", "smtp.client-ip", "policy.iprev");

    private SendingIp() {}

    /**
     * The sending IP named by the topmost trusted Authentication-Results header that names one.
     *
     * @param message the message, never null
     * @param trustedIds the trusted authserv-ids, lower case, never null
     * @return the address in its canonical text form (IPv6 compressed, lower case), or empty
     */
    public static Optional<String> of(ParsedMessage message, Set<String> trustedIds) {
        // Not yet: Received headers are not read, so a message without a trusted Authentication-Results header has
        // no sending IP and an IP indicator cannot find it by one.
        for (String value : AuthenticationResults.trustedValues(message, trustedIds)) {
            Optional<String> ip = named(value);
            if (ip.isPresent()) {
                return ip;
            }
        }
        return Optional.empty();
    }

    /** An IP address in its canonical text form, or empty when the text is not one. */
    public static Optional<String> canonical(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String bare = text.strip();
        if (bare.startsWith("[") && bare.endsWith("]")) {
            bare = bare.substring(1, bare.length() - 1);
        }
        if (!InetAddresses.isInetAddress(bare)) {
            return Optional.empty();
        }
        return Optional.of(InetAddresses.toAddrString(InetAddresses.forString(bare)));
    }

    private static Optional<String> named(String value) {
        for (Pattern pattern : List.of(MICROSOFT, GOOGLE)) {
            Matcher matcher = pattern.matcher(value);
            if (matcher.find()) {
                Optional<String> ip = canonical(matcher.group(1));
                if (ip.isPresent()) {
                    return ip;
                }
            }
        }
        return AuthenticationResults.parse(value).stream()
                .flatMap(results -> results.results().stream())
                .flatMap(result -> PROPERTIES.stream().map(result::property).flatMap(Optional::stream))
                .map(SendingIp::canonical)
                .flatMap(Optional::stream)
                .findFirst();
    }
}
