package io.palisade.detection.analysis.url;

import io.palisade.detection.analysis.Analyzer;
import io.palisade.detection.analysis.Findings;
import io.palisade.detection.analysis.KnownBrands;
import io.palisade.detection.analysis.ResourceLists;
import io.palisade.detection.analysis.tracker.TrackerHosts;
import io.palisade.detection.api.ScanContext;
import io.palisade.detection.model.Link;
import io.palisade.detection.model.ParsedMessage;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Layer 4: every link of the message (not images, which the tracker layer reads), unwrapped from mail-security
 * rewriters: shorteners, free file and free subdomain hosts, lexical features of phishing URLs, brand names on
 * foreign sites, scripts in links, forms, and anchor text that shows another site than the link opens. Each
 * signal is reported once per message, with the first host that raised it.
 */
public final class UrlAnalyzer implements Analyzer {
    public static final String URL_SHORTENER = "URL_SHORTENER";
    public static final String URL_FREE_FILE_HOST = "URL_FREE_FILE_HOST";
    public static final String URL_FREE_SUBDOMAIN_HOST = "URL_FREE_SUBDOMAIN_HOST";
    public static final String URL_IP_HOST = "URL_IP_HOST";
    public static final String URL_DEEP_SUBDOMAINS = "URL_DEEP_SUBDOMAINS";
    public static final String URL_USERINFO = "URL_USERINFO";
    public static final String URL_PUNYCODE = "URL_PUNYCODE";
    public static final String URL_SUSPICIOUS_TLD = "URL_SUSPICIOUS_TLD";
    public static final String URL_BRAND_IN_HOST = "URL_BRAND_IN_HOST";
    public static final String URL_BRAND_IN_PATH = "URL_BRAND_IN_PATH";
    public static final String URL_OBFUSCATED_PATH = "URL_OBFUSCATED_PATH";
    public static final String URL_SCRIPT_SCHEME = "URL_SCRIPT_SCHEME";
    public static final String URL_FORM_ACTION = "URL_FORM_ACTION";
    public static final String LINK_TEXT_MISMATCH = "LINK_TEXT_MISMATCH";
    public static final String URL_ENCODED_HOST = "URL_ENCODED_HOST";
    public static final String URL_NONSTANDARD_PORT = "URL_NONSTANDARD_PORT";

    /** Ports that ordinary web links use besides the scheme's default. */
    private static final Set<Integer> COMMON_PORTS = Set.of(80, 443, 8080, 8443);

    /** Subdomain labels in front of the registrable domain from which a host counts as deep. */
    static final int DEEP_SUBDOMAIN_LABELS = 4;

    static final int LONG_PATH = 300;
    static final int MAX_LINKS = 300;

    private static final Set<String> SHORTENERS = ResourceLists.set("lists/url_shorteners.txt");
    private static final Set<String> FREE_FILE_HOSTS = ResourceLists.set("lists/free_file_hosts.txt");
    private static final Set<String> FREE_SUBDOMAIN_HOSTS = ResourceLists.set("lists/free_subdomain_hosts.txt");
    private static final Set<String> SUSPICIOUS_TLDS = ResourceLists.set("lists/suspicious_tlds.txt");
    private static final Set<String> CREDENTIAL_PATH_WORDS = Set.of(
            "login",
            "signin",
            "logon",
            "verify",
            "verification",
            "account",
            "secure",
            "update",
            "unlock",
            "password",
            "auth",
            "webscr",
            "validate");
    private static final Pattern SCRIPT_SCHEME =
            Pattern.compile("^\\s*(javascript|vbscript|data)\\s*:", Pattern.CASE_INSENSITIVE);
    private static final Pattern DOMAIN_TEXT =
            Pattern.compile("^(?:https?://)?((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+[a-z]{2,63})(?:[:/?#]\\S*)?$");
    private static final Pattern WORD_SPLIT = Pattern.compile("[^a-z0-9]+");
    private static final Pattern PERCENT_ESCAPE = Pattern.compile("%[0-9a-fA-F]{2}");

    @Override
    public String name() {
        return "url";
    }

    @Override
    public void analyze(ParsedMessage message, ScanContext context, Findings findings) {
        Map<String, Link> distinct = new LinkedHashMap<>();
        for (Link link : message.links()) {
            if (link.source() != Link.Source.HTML_IMAGE && distinct.size() < MAX_LINKS) {
                distinct.putIfAbsent(link.url() + '\u0000' + link.anchorText(), link);
            }
        }
        for (Link link : distinct.values()) {
            if (SCRIPT_SCHEME.matcher(link.url()).find() && link.source() != Link.Source.ATTACHMENT) {
                once(
                        findings,
                        URL_SCRIPT_SCHEME,
                        link.url().strip().split(":", 2)[0].toLowerCase(Locale.ROOT));
                continue;
            }
            Optional<Url> target = Urls.parse(Urls.unwrap(link.url())).filter(Url::isWeb);
            if (target.isEmpty()) {
                continue;
            }
            inspect(target.get(), findings);
            if (link.source() == Link.Source.HTML_FORM) {
                once(findings, URL_FORM_ACTION, target.get().host());
            }
            checkAnchorText(link.anchorText(), target.get(), findings);
        }
    }

    /**
     * Reports the lexical signals of one URL, e.g. one decoded from a QR code or found in an attachment. The URL is
     * unwrapped first; URLs without a web host are ignored.
     */
    public void inspectUrl(String url, Findings findings) {
        Urls.parse(Urls.unwrap(url)).filter(Url::isWeb).ifPresent(target -> inspect(target, findings));
    }

    private void inspect(Url link, Findings findings) {
        Url url = decodedHost(link, findings);
        String host = url.host();
        if (url.port() >= 0 && !COMMON_PORTS.contains(url.port())) {
            once(findings, URL_NONSTANDARD_PORT, host + ":" + url.port());
        }
        if (!url.userInfo().isEmpty()) {
            once(findings, URL_USERINFO, host);
        }
        if (Urls.isIpHost(host)) {
            once(findings, URL_IP_HOST, host);
            return;
        }
        Optional<String> site = Urls.registrableDomain(host);
        if (isShortener(host, site)) {
            // The destination is hidden; the shortened address says nothing more about it.
            once(findings, URL_SHORTENER, host);
            return;
        }
        checkHostLists(host, findings);
        if (host.startsWith("xn--") || host.contains(".xn--")) {
            once(findings, URL_PUNYCODE, Urls.toUnicode(host));
        }
        site.ifPresent(s -> checkStructure(url, s, findings));
        checkPath(url, findings);
    }

    /**
     * Browsers decode percent escapes in a host name ({@code %77%77%77.example.com} opens www.example.com); no
     * genuine link writes its host that way, so the escapes are reported and the decoded host is inspected.
     */
    private static Url decodedHost(Url url, Findings findings) {
        if (url.host().indexOf('%') < 0) {
            return url;
        }
        String decoded = percentDecoded(url.host()).toLowerCase(Locale.ROOT);
        once(findings, URL_ENCODED_HOST, decoded);
        return new Url(url.scheme(), url.userInfo(), decoded, url.port(), url.path(), url.query());
    }

    private static String percentDecoded(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && hex(text, i + 1)) {
                out.append((char) Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean hex(String text, int at) {
        return at + 1 < text.length()
                && Character.digit(text.charAt(at), 16) >= 0
                && Character.digit(text.charAt(at + 1), 16) >= 0;
    }

    private static boolean isShortener(String host, Optional<String> site) {
        return SHORTENERS.contains(host) || SHORTENERS.contains(site.orElse(host));
    }

    private static void checkHostLists(String host, Findings findings) {
        if (ResourceLists.matchesDomainOrParent(host, FREE_FILE_HOSTS)) {
            once(findings, URL_FREE_FILE_HOST, host);
        }
        if (!FREE_SUBDOMAIN_HOSTS.contains(host) && ResourceLists.matchesDomainOrParent(host, FREE_SUBDOMAIN_HOSTS)) {
            once(findings, URL_FREE_SUBDOMAIN_HOST, host);
        }
    }

    private static void checkStructure(Url url, String site, Findings findings) {
        String host = url.host();
        String subdomains = host.length() > site.length() ? host.substring(0, host.length() - site.length() - 1) : "";
        if (!subdomains.isEmpty() && subdomains.chars().filter(c -> c == '.').count() + 1 >= DEEP_SUBDOMAIN_LABELS) {
            once(findings, URL_DEEP_SUBDOMAINS, host);
        }
        String suffix = site.substring(site.indexOf('.') + 1);
        if (SUSPICIOUS_TLDS.contains(suffix)
                || SUSPICIOUS_TLDS.contains(suffix.substring(suffix.lastIndexOf('.') + 1))) {
            once(findings, URL_SUSPICIOUS_TLD, site);
        }
        for (String word : WORD_SPLIT.split(host)) {
            if (KnownBrands.isBrand(word) && !KnownBrands.ownsDomain(word, site)) {
                once(findings, URL_BRAND_IN_HOST, host);
                return;
            }
        }
        checkBrandInPath(url, site, findings);
    }

    private static void checkBrandInPath(Url url, String site, Findings findings) {
        String[] words = WORD_SPLIT.split(url.path().toLowerCase(Locale.ROOT));
        boolean credentialWord = false;
        String brand = null;
        for (String word : words) {
            credentialWord |= CREDENTIAL_PATH_WORDS.contains(word);
            if (brand == null
                    && word.length() >= 5
                    && KnownBrands.isBrand(word)
                    && !KnownBrands.ownsDomain(word, site)) {
                brand = word;
            }
        }
        if (brand != null && credentialWord) {
            once(findings, URL_BRAND_IN_PATH, url.host());
        }
    }

    private static void checkPath(Url url, Findings findings) {
        String tail = url.path() + url.query();
        long escapes = PERCENT_ESCAPE.matcher(url.path()).results().count();
        boolean heavilyEncoded =
                url.path().length() >= 40 && escapes * 3 > url.path().length() / 3;
        if (url.path().length() > LONG_PATH || heavilyEncoded || tail.length() > 2 * LONG_PATH && escapes > 20) {
            once(findings, URL_OBFUSCATED_PATH, url.host());
        }
    }

    private static void checkAnchorText(String anchorText, Url target, Findings findings) {
        var shown = DOMAIN_TEXT.matcher(anchorText.strip().toLowerCase(Locale.ROOT));
        if (!shown.matches() || TrackerHosts.contains(target.host())) {
            return;
        }
        Optional<String> shownSite = Urls.registrableDomain(shown.group(1));
        Optional<String> targetSite = Urls.registrableDomain(target.host());
        if (shownSite.isPresent() && !shownSite.equals(targetSite)) {
            once(findings, LINK_TEXT_MISMATCH, shownSite.get());
        }
    }

    private static void once(Findings findings, String signal, String detail) {
        if (!findings.has(signal)) {
            findings.add(signal, detail);
        }
    }
}
