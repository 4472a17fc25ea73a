package io.palisade.detection.rules;

import io.palisade.detection.api.ScanContext;
import io.palisade.detection.model.Address;
import io.palisade.detection.model.Attachment;
import io.palisade.detection.model.Link;
import io.palisade.detection.model.ParsedMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jsoup.Jsoup;

/**
 * Two messages every rule must evaluate without error at load time: one with nothing in it, one with every field
 * filled. A condition that indexes a missing header or attachment fails here instead of on real mail.
 */
final class DryRun {

    static final ParsedMessage EMPTY = new ParsedMessage(
            new Address("", ""),
            Optional.empty(),
            List.of(),
            "",
            List.of(),
            List.of(),
            "",
            Map.of(),
            "",
            Optional.empty(),
            List.of(),
            List.of(),
            List.of());

    static final ParsedMessage FULL = new ParsedMessage(
            new Address("Sample Sender", "sender@sample.example.com"),
            Optional.empty(),
            List.of(new Address("", "reply@sample.example.net")),
            "bounce@sample.example.com",
            List.of(new Address("Sample Recipient", "recipient@example.org")),
            List.of(new Address("", "copy@example.org")),
            "Sample subject",
            Map.of("subject", List.of("Sample subject"), "x-sample", List.of("a", "b")),
            "Sample body https://www.example.co.uk/path?q=1",
            Optional.of(Jsoup.parse("<p><a href=\"https://www.example.co.uk/path\">Sample</a></p>")),
            List.of(new Link("https://www.example.co.uk/path", "Sample", Link.Source.HTML_ANCHOR)),
            List.of(new Attachment(
                    "sample.pdf",
                    "application/pdf",
                    "%PDF-1.4 sample".getBytes(StandardCharsets.US_ASCII),
                    false,
                    "0".repeat(64),
                    false,
                    "")),
            List.of());

    static final List<String> SIGNALS = List.of("SAMPLE_SIGNAL");

    static final ScanContext CONTEXT = new ScanContext() {
        @Override
        public Set<String> ownDomains() {
            return Set.of("example.org");
        }

        @Override
        public Set<String> vipNames() {
            return Set.of();
        }

        @Override
        public Set<String> internalDisplayNames() {
            return Set.of();
        }

        @Override
        public Set<String> brandNames() {
            return Set.of();
        }

        @Override
        public ListLookup allowList() {
            return NO_ENTRIES;
        }

        @Override
        public ListLookup blockList() {
            return NO_ENTRIES;
        }

        @Override
        public IndicatorLookup indicators() {
            return (kind, value) -> Optional.empty();
        }

        @Override
        public SenderHistory senderHistory() {
            return new SenderHistory() {
                @Override
                public int messagesFromSenderTo(String senderAddress, String recipientAddress) {
                    return 0;
                }

                @Override
                public int messagesFromSender(String senderAddress) {
                    return 0;
                }
            };
        }

        @Override
        public Optional<Double> weightOverride(String signalName) {
            return Optional.empty();
        }

        @Override
        public Set<String> trustedAuthservIds() {
            return Set.of();
        }
    };

    private static final ScanContext.ListLookup NO_ENTRIES = new ScanContext.ListLookup() {
        @Override
        public boolean containsAddress(String address) {
            return false;
        }

        @Override
        public boolean containsDomain(String domain) {
            return false;
        }

        @Override
        public boolean containsUrl(String url) {
            return false;
        }
    };

    private DryRun() {}
}
