package io.palisade.core.pipeline;

import io.palisade.core.mail.Indicator;
import io.palisade.core.mail.IndicatorKind;
import io.palisade.detection.analysis.url.Url;
import io.palisade.detection.analysis.url.Urls;
import io.palisade.detection.model.Address;
import io.palisade.detection.model.Attachment;
import io.palisade.detection.model.Link;
import io.palisade.detection.model.ParsedMessage;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Takes the facts the pipeline stores from the message the scanner parsed, so a message is parsed once: header
 * fields for analysts, and the indicators (sender, domains, URLs, file hashes) by which a later verdict change
 * finds every message that carries them.
 */
@Component
public class MessageFactsReader {

    private static final int MAX_SUBJECT = 998;
    private static final int MAX_URL = 2048;
    private static final int MAX_INDICATORS = 500;

    /** The facts of a parsed message; fields the message lacks are null or empty. */
    public MessageFacts read(ParsedMessage message) {
        String sender =
                message.from().address().isEmpty() ? null : message.from().address();
        List<String> recipients = Stream.concat(message.to().stream(), message.cc().stream())
                .map(Address::address)
                .filter(address -> !address.isEmpty())
                .distinct()
                .toList();
        return new MessageFacts(
                message.header("message-id").map(String::strip).orElse(null),
                sender,
                recipients,
                subject(message.subject()),
                indicators(message));
    }

    private static List<Indicator> indicators(ParsedMessage message) {
        Set<Indicator> found = new LinkedHashSet<>();
        if (!message.from().address().isEmpty()) {
            found.add(new Indicator(IndicatorKind.SENDER, message.from().address()));
            if (!message.from().domain().isEmpty()) {
                found.add(new Indicator(IndicatorKind.DOMAIN, message.from().domain()));
            }
        }
        for (Link link : message.links()) {
            Optional<Url> url = Urls.parse(Urls.unwrap(link.url()));
            url.filter(u -> u.toString().length() <= MAX_URL)
                    .ifPresent(u -> found.add(new Indicator(IndicatorKind.URL, u.toString())));
            url.flatMap(u -> Urls.registrableDomain(u.host()))
                    .ifPresent(domain -> found.add(new Indicator(IndicatorKind.DOMAIN, domain)));
        }
        for (Attachment attachment : message.attachments()) {
            found.add(new Indicator(IndicatorKind.FILE_HASH, attachment.sha256()));
        }
        return found.stream().limit(MAX_INDICATORS).toList();
    }

    private static String subject(String subject) {
        if (subject == null || subject.isEmpty()) {
            return null;
        }
        return subject.length() <= MAX_SUBJECT ? subject : subject.substring(0, MAX_SUBJECT);
    }
}
