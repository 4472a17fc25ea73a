package io.palisade.core.pipeline;

import io.palisade.core.mail.MailItem;
import io.palisade.core.mail.MailStore;
import io.palisade.core.mail.RawMessageStore;
import io.palisade.core.mailbox.Mailbox;
import io.palisade.detection.engine.ScanReport;
import java.time.Clock;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores a new mail item with its indicators (through {@link MailStore}) and its raw MIME, in the caller's
 * transaction.
 */
@Component
class MailItemWriter {

    private final MailStore mailStore;
    private final RawMessageStore rawMessages;
    private final MessageFactsReader factsReader;
    private final PipelineProperties properties;
    private final Clock clock;

    MailItemWriter(
            MailStore mailStore,
            RawMessageStore rawMessages,
            MessageFactsReader factsReader,
            PipelineProperties properties,
            Clock clock) {
        this.mailStore = mailStore;
        this.rawMessages = rawMessages;
        this.factsReader = factsReader;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    MailItem write(IngestRequest request, Mailbox mailbox, ScanReport report) {
        MessageFacts facts = factsReader.read(report);
        MailItem item = mailStore.storeIfAbsent(
                new MailItem(
                        request.tenantId(),
                        mailbox.getId(),
                        mailbox.getProvider(),
                        request.providerMessageId(),
                        null,
                        facts.internetMessageId(),
                        facts.sender(),
                        facts.recipients(),
                        facts.subject(),
                        request.receivedAt(),
                        request.folder(),
                        clock.instant()),
                facts.indicators());
        rawMessages.store(
                request.tenantId(),
                item.getId(),
                request.mime(),
                clock.instant().plus(properties.rawRetention()));
        return item;
    }
}
