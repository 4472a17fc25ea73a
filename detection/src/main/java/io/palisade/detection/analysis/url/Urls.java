package io.palisade.detection.analysis.url;

import com.google.common.net.InetAddresses;
import com.google.common.net.InternetDomainName;
import java.net.IDN;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * URL helpers shared by the analyzers and by other modules: normalisation, unwrapping of mail-security link
 * rewriters, and registrable domains from the public suffix list. Stateless and thread-safe.
 *
 * <pre>{@code
 * Optional<Url> target = Urls.parse(Urls.unwrap(href));
 * Optional<String> site = target.flatMap(u -> Urls.registrableDomain(u.host()));
 * }</pre>
 */
public final class Urls {
    /** Rewriters are sometimes stacked (Safe Links around Proofpoint); deeper nesting is not unwrapped. */
    static final int MAX_UNWRAP_DEPTH = 5;

    private static final int MAX_URL_LENGTH = 8192;

    /**
     * Public-suffix lookups by host, shared by all scans: hosts repeat across mail, and the lookup is the costliest
     * step of a URL. Cleared when full, which bounds its memory.
     */
    private static final int MAX_CACHED_SITES = 50_000;

    private static final Map<String, String> SITES = new ConcurrentHashMap<>();
    private static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]{0,15}):");
    private static final Pattern MIMECAST = Pattern.compile("protect(-[a-z0-9]+)?\\.mimecast\\.com");
    private static final Pattern NUMERIC_HOST = Pattern.compile("0x[0-9a-f]+|[0-9]+");
    private static final Pattern CONTROL_OR_SPACE = Pattern.compile("[\\s\\p{Cntrl}]+");
    private static final Pattern PROOFPOINT_V3 =
            Pattern.compile("^https?://urldefense\\.com/v3/__(.+?)__;([A-Za-z0-9_-]*)!", Pattern.CASE_INSENSITIVE);

    private Urls() {}

    /**
     * Parses and normalises a URL as written in mail: trims it, drops whitespace and control characters, adds
     * {@code http://} to a bare {@code www.} host, lower-cases scheme and host, converts an international host to
     * punycode, drops a default port and the fragment, and turns backslashes in the authority into slashes as
     * browsers do.
     *
     * @param raw the URL as written, may be null
     * @return the parsed URL, or empty when {@code raw} has no host ({@code mailto:}, {@code javascript:}, text)
     */
    public static Optional<Url> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String text = clean(raw);
        if (text.length() > MAX_URL_LENGTH) {
            text = text.substring(0, MAX_URL_LENGTH);
        }
        if (text.regionMatches(true, 0, "www.", 0, 4)) {
            text = "http://" + text;
        }
        Matcher scheme = SCHEME.matcher(text);
        if (!scheme.find()) {
            return Optional.empty();
        }
        String rest = text.substring(scheme.end()).replace('\\', '/');
        if (!rest.startsWith("//")) {
            return Optional.empty();
        }
        return split(scheme.group(1).toLowerCase(Locale.ROOT), rest.substring(2));
    }

    /** The normalised text form of a URL, or the trimmed input when it has no host. */
    public static String normalize(String raw) {
        return parse(raw).map(Url::toString).orElse(raw == null ? "" : clean(raw));
    }

    /**
     * Follows mail-security link rewriters back to the original target: Microsoft Safe Links, Proofpoint URL
     * Defense v1, v2 and v3, Google redirects ({@code google.com/url?q=}), and Mimecast, whose links carry only the
     * target's domain (the result is then {@code https://<domain>/}).
     *
     * @param raw the URL as written, may be null
     * @return the normalised original URL, or the normalised input when it is not wrapped
     */
    public static String unwrap(String raw) {
        String current = normalize(raw);
        for (int depth = 0; depth < MAX_UNWRAP_DEPTH; depth++) {
            Optional<String> inner = unwrapOnce(current);
            if (inner.isEmpty()) {
                return current;
            }
            String next = normalize(inner.get());
            if (next.equals(current)) {
                return current;
            }
            current = next;
        }
        return current;
    }

    /** Whether the URL is one that {@link #unwrap} knows how to open. */
    public static boolean isWrapped(String raw) {
        String normalized = normalize(raw);
        return unwrapOnce(normalized).filter(inner -> !inner.equals(normalized)).isPresent();
    }

    /**
     * The registrable domain ("eTLD+1") of a host by the public suffix list, private suffixes included, so that
     * {@code a.github.io} and {@code b.github.io} are different sites.
     *
     * @param host a host name, may be null
     * @return the registrable domain, or empty for IP addresses, bare public suffixes and invalid names
     */
    public static Optional<String> registrableDomain(String host) {
        if (host == null || host.isEmpty()) {
            return Optional.empty();
        }
        String cached = SITES.get(host);
        if (cached == null) {
            cached = computeRegistrableDomain(host).orElse("");
            if (SITES.size() >= MAX_CACHED_SITES) {
                SITES.clear();
            }
            SITES.put(host, cached);
        }
        return cached.isEmpty() ? Optional.empty() : Optional.of(cached);
    }

    private static Optional<String> computeRegistrableDomain(String host) {
        if (isIpHost(host)) {
            return Optional.empty();
        }
        try {
            InternetDomainName name = InternetDomainName.from(host);
            return name.isUnderPublicSuffix()
                    ? Optional.of(name.topPrivateDomain().toString())
                    : Optional.empty();
        } catch (IllegalArgumentException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    /** The registrable domain of a host, or the host itself when it has none (an IP, an intranet name). */
    public static String siteOf(String host) {
        return registrableDomain(host).orElse(host == null ? "" : host);
    }

    /** Whether a host is an IPv4 or IPv6 literal (brackets allowed), or a bare number browsers read as IPv4. */
    public static boolean isIpHost(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return NUMERIC_HOST.matcher(bare).matches() || InetAddresses.isInetAddress(bare);
    }

    /** The Unicode form of a punycode host, or the host unchanged when it cannot be decoded. */
    public static String toUnicode(String host) {
        try {
            return IDN.toUnicode(host, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            return host;
        }
    }

    /** The decoded value of a query parameter, or empty. */
    public static Optional<String> queryParameter(Url url, String name) {
        for (String pair : url.query().split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equalsIgnoreCase(name)) {
                return Optional.of(decode(pair.substring(eq + 1)));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> unwrapOnce(String url) {
        if (url.regionMatches(true, url.indexOf("://") + 3, "urldefense.com/v3/", 0, 18)) {
            Matcher v3 = PROOFPOINT_V3.matcher(url);
            if (v3.find()) {
                return Optional.of(ProofpointV3.decode(v3.group(1), v3.group(2)));
            }
        }
        return parse(url).flatMap(Urls::unwrapByHost);
    }

    private static Optional<String> unwrapByHost(Url url) {
        String host = url.host();
        if (host.endsWith(".safelinks.protection.outlook.com")) {
            return queryParameter(url, "url");
        }
        if (host.equals("urldefense.proofpoint.com") && url.path().startsWith("/v2/url")) {
            return queryParameter(url, "u").map(u -> decode(u.replace('-', '%').replace('_', '/')));
        }
        if (host.equals("urldefense.proofpoint.com") && url.path().startsWith("/v1/url")) {
            return queryParameter(url, "u");
        }
        if (isMimecast(host) && url.path().startsWith("/s/")) {
            return queryParameter(url, "domain").map(domain -> "https://" + domain + "/");
        }
        if (isGoogle(host) && url.path().equals("/url")) {
            return queryParameter(url, "q").or(() -> queryParameter(url, "url"));
        }
        return Optional.empty();
    }

    private static boolean isMimecast(String host) {
        return host.endsWith(".mimecastprotect.com")
                || host.endsWith(".mimecast.com") && MIMECAST.matcher(host).matches();
    }

    private static boolean isGoogle(String host) {
        return registrableDomain(host)
                .filter(site -> site.startsWith("google."))
                .isPresent();
    }

    private static Optional<Url> split(String scheme, String afterSlashes) {
        int end = indexOfAny(afterSlashes, "/?#");
        String authority = end < 0 ? afterSlashes : afterSlashes.substring(0, end);
        String tail = end < 0 ? "" : afterSlashes.substring(end);
        int at = authority.lastIndexOf('@');
        String userInfo = at < 0 ? "" : authority.substring(0, at);
        String hostPort = at < 0 ? authority : authority.substring(at + 1);
        int colon = hostPort.startsWith("[") ? hostPort.indexOf(':', hostPort.indexOf(']')) : hostPort.lastIndexOf(':');
        String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
        int port = colon < 0 ? -1 : port(hostPort.substring(colon + 1), scheme);
        host = asciiHost(host);
        if (host.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(tailParts(scheme, userInfo, host, port, tail));
    }

    private static Url tailParts(String scheme, String userInfo, String host, int port, String tail) {
        int hash = tail.indexOf('#');
        String noFragment = hash < 0 ? tail : tail.substring(0, hash);
        int question = noFragment.indexOf('?');
        String path = question < 0 ? noFragment : noFragment.substring(0, question);
        String query = question < 0 ? "" : noFragment.substring(question + 1);
        return new Url(scheme, userInfo, host, port, path.isEmpty() ? "/" : path, query);
    }

    private static String asciiHost(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        while (lower.endsWith(".")) {
            lower = lower.substring(0, lower.length() - 1);
        }
        if (lower.chars().allMatch(c -> c < 0x80)) {
            return lower;
        }
        try {
            return IDN.toASCII(lower, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return lower;
        }
    }

    private static int port(String text, String scheme) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        int port = Integer.parseInt(text);
        boolean isDefault = (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return isDefault ? -1 : port;
    }

    private static int indexOfAny(String text, String chars) {
        for (int i = 0; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static String clean(String raw) {
        String text = raw.strip();
        if (hasSpaceOrControl(text)) {
            text = CONTROL_OR_SPACE.matcher(text).replaceAll("");
        }
        if (text.length() >= 2
                && (text.startsWith("<") && text.endsWith(">") || text.startsWith("\"") && text.endsWith("\""))) {
            text = text.substring(1, text.length() - 1);
        }
        return text;
    }

    private static boolean hasSpaceOrControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= ' ' || c == 0x7f || Character.isWhitespace(c)) {
                return true;
            }
        }
        return false;
    }

    static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
