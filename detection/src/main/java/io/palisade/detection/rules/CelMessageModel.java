package io.palisade.detection.rules;

import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelVariableResolver;
import io.palisade.detection.analysis.sender.FreemailDomains;
import io.palisade.detection.analysis.url.Urls;
import io.palisade.detection.api.ScanContext;
import io.palisade.detection.model.Address;
import io.palisade.detection.model.Link;
import io.palisade.detection.model.ParsedMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The message as rules see it: the variables a CEL condition may use, their types, and their values for one
 * message. The names and fields here are the contract rule authors write against (see docs/detection.md).
 * Values are built on first use and then kept for the other rules of the same scan.
 */
final class CelMessageModel implements CelVariableResolver {

    private static final CelType STRINGS = ListType.create(SimpleType.STRING);
    private static final CelType STRING_MAP = MapType.create(SimpleType.STRING, SimpleType.STRING);
    private static final CelType DYN_MAP = MapType.create(SimpleType.STRING, SimpleType.DYN);

    /** As many attachments as the attachment analyzer opens. */
    private static final int MAX_ATTACHMENTS_OPENED = 50;

    /**
     * How much of the body rules read: a lure sits near the top, and pattern tests over the whole of a long
     * newsletter cost more than the rest of the scan together (one 92 KB message spent 173 ms in rules).
     */
    static final int RULE_BODY_CHARS = 20_000;

    /** Every variable and its type, in documentation order. */
    static final Map<String, CelType> VARIABLES = variables();

    private final Map<String, Supplier<Object>> suppliers;
    private final Map<String, Object> values = new HashMap<>();

    private CelMessageModel(Map<String, Supplier<Object>> suppliers) {
        this.suppliers = suppliers;
    }

    private static Map<String, CelType> variables() {
        Map<String, CelType> vars = new LinkedHashMap<>();
        vars.put("sender", STRING_MAP);
        vars.put("reply_to", STRINGS);
        vars.put("return_path", SimpleType.STRING);
        vars.put("recipients", ListType.create(STRING_MAP));
        vars.put("subject", SimpleType.STRING);
        vars.put("headers", MapType.create(SimpleType.STRING, STRINGS));
        vars.put("body", SimpleType.STRING);
        vars.put("text", SimpleType.STRING);
        vars.put("html", SimpleType.STRING);
        vars.put("urls", ListType.create(STRING_MAP));
        vars.put("attachments", ListType.create(DYN_MAP));
        vars.put("attachment_urls", ListType.create(STRING_MAP));
        vars.put("signals", STRINGS);
        vars.put("own_domains", STRINGS);
        vars.put("sender_freemail", SimpleType.BOOL);
        return Map.copyOf(vars);
    }

    /** The model of one message; cheap to make, since each variable is built only when a rule reads it. */
    static CelMessageModel of(ParsedMessage message, ScanContext context, List<String> signals) {
        Map<String, Supplier<Object>> suppliers = new HashMap<>();
        suppliers.put("sender", () -> sender(message.from()));
        suppliers.put(
                "reply_to",
                () -> message.replyTo().stream().map(Address::address).toList());
        suppliers.put("return_path", message::returnPath);
        suppliers.put("recipients", () -> recipients(message));
        suppliers.put("subject", message::subject);
        suppliers.put("headers", message::headers);
        suppliers.put("body", () -> head(message.textBody()));
        // Most content tests read subject and body together, case-folded: made once, not once per rule.
        suppliers.put("text", () -> (message.subject() + " " + head(message.textBody())).toLowerCase(Locale.ROOT));
        suppliers.put("html", () -> message.html().map(d -> d.outerHtml()).orElse(""));
        suppliers.put(
                "urls", () -> message.links().stream().map(CelMessageModel::url).toList());
        suppliers.put(
                "attachments",
                () -> message.attachments().stream().map(AttachmentFields::new).toList());
        suppliers.put("attachment_urls", () -> attachmentUrls(message));
        suppliers.put("signals", () -> List.copyOf(signals));
        suppliers.put("own_domains", () -> List.copyOf(new TreeSet<>(context.ownDomains())));
        suppliers.put(
                "sender_freemail", () -> FreemailDomains.contains(message.from().domain()));
        return new CelMessageModel(suppliers);
    }

    @Override
    public Optional<Object> find(String name) {
        Object value = values.get(name);
        if (value == null) {
            Supplier<Object> supplier = suppliers.get(name);
            if (supplier == null) {
                return Optional.empty();
            }
            value = supplier.get();
            values.put(name, value);
        }
        return Optional.of(value);
    }

    private static Map<String, String> sender(Address from) {
        return Map.of(
                "address", from.address(),
                "domain", from.domain(),
                "local_part", from.localPart(),
                "display_name", from.displayName());
    }

    private static List<Map<String, String>> recipients(ParsedMessage message) {
        List<Map<String, String>> recipients = new ArrayList<>();
        for (Address address : concat(message.to(), message.cc())) {
            recipients.add(Map.of(
                    "address", address.address(), "domain", address.domain(), "display_name", address.displayName()));
        }
        return recipients;
    }

    private static Map<String, String> url(Link link) {
        // Rules judge where a link really goes: Safe Links, URL Defense and redirects are unwrapped first.
        String target = Urls.unwrap(link.url());
        UrlParts parts = UrlParts.of(target);
        return Map.of(
                "url", link.url(),
                "target", target,
                "host", parts.host(),
                "domain", parts.domain(),
                "tld", parts.tld(),
                "path", parts.path(),
                "anchor_text", link.anchorText(),
                "source", link.source().name().toLowerCase(Locale.ROOT));
    }

    private static List<Map<String, String>> attachmentUrls(ParsedMessage message) {
        return message.attachments().stream()
                .limit(MAX_ATTACHMENTS_OPENED)
                .flatMap(attachment -> AttachmentDocuments.links(attachment).stream())
                .map(CelMessageModel::url)
                .toList();
    }

    private static List<Address> concat(List<Address> first, List<Address> second) {
        List<Address> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static String head(String body) {
        return body.length() <= RULE_BODY_CHARS ? body : body.substring(0, RULE_BODY_CHARS);
    }
}
