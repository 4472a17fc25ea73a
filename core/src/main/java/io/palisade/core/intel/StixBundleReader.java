package io.palisade.core.intel;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the indicators of a STIX 2.1 bundle (or of a TAXII 2.1 envelope, which carries the same objects): objects
 * of type {@code indicator} with {@code pattern_type} {@code stix}, not revoked and not past {@code valid_until}.
 * Patterns made of comparisons joined by OR give one indicator each; patterns with AND, FOLLOWEDBY or qualifiers
 * describe more than one observable and are reported as refused rather than widened.
 */
public final class StixBundleReader {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern COMPARISON =
            Pattern.compile("([a-z0-9-]+):([A-Za-z0-9_.'\\-]+)\\s*=\\s*'((?:[^'\\\\]|\\\\.)*)'");
    private static final Pattern UNSUPPORTED =
            Pattern.compile("\\b(AND|FOLLOWEDBY|WITHIN|REPEATS|START|MATCHES|LIKE)\\b");
    private static final Map<String, IntelKind> PATHS = Map.of(
            "email-addr:value", IntelKind.SENDER,
            "email-message:from_ref.value", IntelKind.SENDER,
            "email-message:sender_ref.value", IntelKind.SENDER,
            "domain-name:value", IntelKind.DOMAIN,
            "url:value", IntelKind.URL,
            "file:hashes.'SHA-256'", IntelKind.SHA256,
            "file:hashes.SHA-256", IntelKind.SHA256,
            "file:hashes.SHA256", IntelKind.SHA256,
            "ipv4-addr:value", IntelKind.IP,
            "ipv6-addr:value", IntelKind.IP);

    private StixBundleReader() {}

    /**
     * Reads the bundle.
     *
     * @param defaultConfidence used when an indicator carries no {@code confidence}
     * @throws IllegalArgumentException when the text is not JSON or has no {@code objects} array
     */
    public static PlainListReader.Read read(String json, String source, int defaultConfidence, Instant now) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not a STIX bundle: the text is not JSON", e);
        }
        if (!root.path("objects").isArray()) {
            throw new IllegalArgumentException("not a STIX bundle: no 'objects' array");
        }
        List<NewIndicator> indicators = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        for (JsonNode object : root.path("objects")) {
            if ("indicator".equals(object.path("type").asString(""))) {
                readIndicator(object, source, defaultConfidence, now, indicators, rejected);
            }
        }
        return new PlainListReader.Read(indicators, rejected);
    }

    private static void readIndicator(
            JsonNode object,
            String source,
            int defaultConfidence,
            Instant now,
            List<NewIndicator> indicators,
            List<String> rejected) {
        String id = object.path("id").asString("indicator without id");
        if (object.path("revoked").asBoolean(false)
                || !"stix".equals(object.path("pattern_type").asString("stix"))) {
            return;
        }
        Instant validUntil;
        try {
            validUntil = object.hasNonNull("valid_until")
                    ? Instant.parse(object.path("valid_until").asString())
                    : null;
        } catch (DateTimeParseException e) {
            rejected.add(id + ": valid_until is not a timestamp");
            return;
        }
        if (validUntil != null && !validUntil.isAfter(now)) {
            return;
        }
        String pattern = object.path("pattern").asString("");
        if (UNSUPPORTED.matcher(pattern).find()) {
            rejected.add(id + ": pattern combines observables, which is not supported");
            return;
        }
        int confidence = object.path("confidence").asInt(defaultConfidence);
        Matcher matcher = COMPARISON.matcher(pattern);
        boolean any = false;
        while (matcher.find()) {
            any = true;
            IntelKind kind = PATHS.get(matcher.group(1) + ":" + matcher.group(2));
            if (kind == null) {
                rejected.add(id + ": unsupported object path " + matcher.group(1) + ":" + matcher.group(2));
                continue;
            }
            String value = matcher.group(3).replace("\\'", "'").replace("\\\\", "\\");
            try {
                indicators.add(new NewIndicator(kind, value, source, Math.clamp(confidence, 0, 100), validUntil));
            } catch (IllegalArgumentException e) {
                rejected.add(id + ": " + e.getMessage());
            }
        }
        if (!any) {
            rejected.add(id + ": no equality comparison in the pattern");
        }
    }
}
