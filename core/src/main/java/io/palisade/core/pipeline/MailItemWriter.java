package io.palisade.core.pipeline;

import io.palisade.core.mail.IndicatorKind;
import io.palisade.core.mail.MailIndicator;
import io.palisade.core.mail.MailIndicatorRepository;
import io.palisade.core.mail.MailItem;
import io.palisade.core.mail.MailItemRepository;
import io.palisade.core.mail.RawMessageStore;
import io.palisade.core.mailbox.Mailbox;
import java.time.Clock;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Stores a new mail item with its indicators and its raw MIME, in the caller's transaction. */
@Component
class MailItemWriter {

    private final MailItemRepository mailItems;
    private final MailIndicatorRepository indicators;
    private final RawMessageStore rawMessages;
    private final MessageFactsReader factsReader;
    private final PipelineProperties properties;
    private final Clock clock;

    MailItemWriter(
            MailItemRepository mailItems,
            MailIndicatorRepository indicators,
            RawMessageStore rawMessages,
            MessageFactsReader factsReader,
            PipelineProperties properties,
            Clock clock) {
        this.mailItems = mailItems;
        this.indicators = indicators;
        this.rawMessages = rawMessages;
        this.factsReader = factsReader;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    MailItem write(IngestRequest request, Mailbox mailbox) {
        MessageFacts facts = factsReader.read(request.mime());
        MailItem item = mailItems.save(new MailItem(
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
                clock.instant()));
        facts.indicators().forEach((kind, values) -> saveIndicators(item, kind, values));
        rawMessages.store(
                request.tenantId(),
                item.getId(),
                request.mime(),
                clock.instant().plus(properties.rawRetention()));
        return item;
    }

    private void saveIndicators(MailItem item, IndicatorKind kind, Set<String> values) {
        values.forEach(value -> indicators.save(new MailIndicator(item.getTenantId(), item.getId(), kind, value)));
    }
}
