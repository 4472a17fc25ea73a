package io.palisade.core.pipeline;

import io.palisade.core.campaign.SendingInfrastructure;
import io.palisade.core.mail.Indicator;
import io.palisade.core.mail.IndicatorKind;
import io.palisade.core.scan.DetectionProperties;
import io.palisade.detection.analysis.prefilter.IndicatorKeys;
import io.palisade.detection.api.IndicatorKey;
import io.palisade.detection.engine.ScanReport;
import io.palisade.detection.model.Address;
import io.palisade.detection.model.ParsedMessage;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Takes the facts the pipeline stores from the scan, so a message is parsed once: header fields for analysts, and
 * the indicators by which a later verdict change finds every message that carries them. The indicators are the
 * keys detection's prefilter looked the message up by ({@link IndicatorKeys}, and the links of PDFs and QR codes
 * the attachment layer found), so a new indicator finds stored mail wherever it would have matched it on arrival;
 * and the sending infrastructure ({@link SendingInfrastructure}), by which campaigns tie rotating sender domains.
 */
@Component
public class MessageFactsReader {

    private static final int MAX_SUBJECT = 998;
    private static final int MAX_URL = 2048;
    // As many as the scan notes (FindingsCollector): 500 links with their hosts, PDF and QR links, archive entries.
    private static final int MAX_INDICATORS = 2000;

    private final DetectionProperties detection;

    public MessageFactsReader(DetectionProperties detection) {
        this.detection = detection;
    }

    /** The facts of a scanned message; fields the message lacks are null or empty. */
    public MessageFacts read(ScanReport report) {
        ParsedMessage message = report.message();
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
                indicators(report));
    }

    /**
     * What the scan looked the message up by, and the message's own keys again: a scan that ran out of time before
     * its prefilter looked nothing up, and the message must still be found later.
     */
    private List<Indicator> indicators(ScanReport report) {
        // Not yet: mail stored before V16 is not indexed again, so until it leaves the retention window it is found
        // only by its From domain as written, its links and their registrable domains, its sender and file hashes.
        Set<IndicatorKey> keys = new LinkedHashSet<>(report.carried());
        keys.addAll(IndicatorKeys.of(report.message(), detection.trustedAuthservIds()));
        Stream<Indicator> infrastructure =
                SendingInfrastructure.of(report.message(), detection.trustedAuthservIds()).stream()
                        .map(value -> new Indicator(IndicatorKind.INFRASTRUCTURE, value));
        Stream<Indicator> carried =
                keys.stream().filter(key -> key.value().length() <= MAX_URL).map(MessageFactsReader::indicator);
        return Stream.concat(infrastructure, carried)
                .distinct()
                .limit(MAX_INDICATORS)
                .toList();
    }

    private static Indicator indicator(IndicatorKey key) {
        IndicatorKind kind = switch (key.kind()) {
            case SENDER -> IndicatorKind.SENDER;
            case DOMAIN -> IndicatorKind.DOMAIN;
            case URL -> IndicatorKind.URL;
            case SHA256 -> IndicatorKind.FILE_HASH;
            case IP -> IndicatorKind.IP;
        };
        return new Indicator(kind, key.value());
    }

    private static String subject(String subject) {
        if (subject == null || subject.isEmpty()) {
            return null;
        }
        return subject.length() <= MAX_SUBJECT ? subject : subject.substring(0, MAX_SUBJECT);
    }
}
