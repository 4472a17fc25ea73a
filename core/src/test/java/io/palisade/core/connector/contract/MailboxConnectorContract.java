package io.palisade.core.connector.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.core.connector.MailboxConnector;
import io.palisade.core.connector.MessageCopy;
import io.palisade.core.connector.MessageNotFoundException;
import io.palisade.core.connector.MessageRef;
import io.palisade.core.connector.QuarantineResult;
import io.palisade.core.connector.contract.MailboxPlatform.StoredMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link MailboxConnector} owes core, run against each connector's simulator. A connector's test
 * extends this class and supplies the connector and a {@link MailboxPlatform} that looks at mailboxes from outside.
 *
 * <p>Each test delivers its own messages with unique Message-IDs, so the tests share one tenant and run in any order.
 */
public abstract class MailboxConnectorContract {

    /** The connector under test. */
    protected abstract MailboxConnector connector();

    /** The platform behind it, seen from outside the connector. */
    protected abstract MailboxPlatform platform();

    @Test
    void fetchesTheRawMessageAsDelivered() throws Exception {
        Delivered delivered = deliver(alice());

        byte[] mime = connector().fetchMime(delivered.ref());

        String text = new String(mime, StandardCharsets.UTF_8);
        assertThat(text).contains(delivered.messageId()).contains(delivered.subject());
    }

    @Test
    void quarantineMovesTheMessageOutOfTheUsersSightAndRemembersItsFolder() throws Exception {
        Delivered delivered = deliver(alice());
        String inbox = stored(delivered.ref()).folderId();

        QuarantineResult result = connector().quarantine(delivered.ref());

        assertThat(result.originalFolderId()).isEqualTo(inbox);
        StoredMessage quarantined = stored(moved(delivered.ref(), result.newProviderMessageId()));
        assertThat(quarantined.hiddenFromUser()).isTrue();
        assertThat(quarantined.folderId()).isNotEqualTo(inbox);
        assertThat(platform().findByInternetMessageId(alice(), delivered.messageId()))
                .singleElement()
                .satisfies(m -> assertThat(m.hiddenFromUser()).isTrue());
    }

    @Test
    void everyQuarantineOfAMailboxUsesTheSameQuarantine() throws Exception {
        QuarantineResult first = connector().quarantine(deliver(alice()).ref());
        QuarantineResult second = connector().quarantine(deliver(alice()).ref());

        String firstFolder = stored(new MessageRef(tenant(), alice(), first.newProviderMessageId()))
                .folderId();
        String secondFolder = stored(new MessageRef(tenant(), alice(), second.newProviderMessageId()))
                .folderId();
        assertThat(secondFolder).isEqualTo(firstFolder);
    }

    @Test
    void releaseReturnsAQuarantinedMessageToItsOriginalFolder() throws Exception {
        Delivered delivered = deliver(alice());
        String inbox = stored(delivered.ref()).folderId();
        QuarantineResult quarantined = connector().quarantine(delivered.ref());

        String releasedId = connector()
                .release(moved(delivered.ref(), quarantined.newProviderMessageId()), quarantined.originalFolderId());

        StoredMessage released = stored(moved(delivered.ref(), releasedId));
        assertThat(released.folderId()).isEqualTo(inbox);
        assertThat(released.hiddenFromUser()).isFalse();
        assertThat(readable(released.mime())).contains(delivered.subject());
    }

    @Test
    void softDeleteLeavesTheMessageWhereTheUserCanRecoverIt() throws Exception {
        Delivered delivered = deliver(alice());

        connector().softDelete(delivered.ref());

        assertThat(platform().findByInternetMessageId(alice(), delivered.messageId()))
                .singleElement()
                .satisfies(m -> assertThat(m.recoverableByUser()).isTrue());
    }

    @Test
    void hardDeleteRemovesTheMessageBeyondTheUsersRecovery() throws Exception {
        Delivered delivered = deliver(alice());

        connector().hardDelete(delivered.ref());

        assertThat(platform().findByInternetMessageId(alice(), delivered.messageId()))
                .isEmpty();
    }

    @Test
    void operationsOnAMessageThatIsGoneSayItIsGone() throws Exception {
        Delivered delivered = deliver(alice());
        connector().hardDelete(delivered.ref());

        assertThatThrownBy(() -> connector().fetchMime(delivered.ref())).isInstanceOf(MessageNotFoundException.class);
        assertThatThrownBy(() -> connector().quarantine(delivered.ref())).isInstanceOf(MessageNotFoundException.class);
        assertThatThrownBy(() -> connector().softDelete(delivered.ref())).isInstanceOf(MessageNotFoundException.class);
    }

    @Test
    void findsEveryCopyInEveryWatchedMailboxAndNothingElse() throws Exception {
        String messageId = uniqueMessageId();
        MessageRef toAlice = deliver(alice(), messageId).ref();
        MessageRef toBob = deliver(bob(), messageId).ref();
        platform().deliver(platform().unwatchedMailbox(), mime(messageId, "unwatched"));
        deliver(alice());

        List<MessageCopy> copies = connector().findCopies(tenant(), messageId);

        assertThat(copies)
                .extracting(MessageCopy::providerMailboxId, MessageCopy::providerMessageId)
                .containsExactlyInAnyOrder(
                        org.assertj.core.api.Assertions.tuple(alice(), toAlice.providerMessageId()),
                        org.assertj.core.api.Assertions.tuple(bob(), toBob.providerMessageId()));
    }

    @Test
    void findsNoCopyOfAMessageNobodyReceived() throws Exception {
        deliver(alice());

        assertThat(connector().findCopies(tenant(), uniqueMessageId())).isEmpty();
    }

    @Test
    void findCopiesTakesMessageIdsWithQuotesLiterally() throws Exception {
        String messageId = "<o'brien." + UUID.randomUUID() + "@example.net>";
        MessageRef delivered = deliver(alice(), messageId).ref();

        assertThat(connector().findCopies(tenant(), messageId))
                .extracting(MessageCopy::providerMessageId)
                .containsExactly(delivered.providerMessageId());
    }

    @Test
    void replacedContentIsWhatTheUserReadsAndTheMessageKeepsItsPlaceAndState() throws Exception {
        Delivered delivered = deliver(alice());
        platform().markReadAndCategorise(delivered.ref(), "Finance");
        platform().flagAndMarkImportant(delivered.ref());
        StoredMessage before = stored(delivered.ref());
        assertThat(before.flagged()).isTrue();
        assertThat(before.important()).isTrue();

        String newId = connector().replaceContent(delivered.ref(), bannered(delivered));

        StoredMessage after = stored(moved(delivered.ref(), newId));
        assertThat(readable(after.mime())).contains("PALISADE-CONTRACT-BANNER");
        assertThat(after.folderId()).isEqualTo(before.folderId());
        assertThat(after.read()).isTrue();
        assertThat(after.categories()).contains("Finance");
        assertThat(after.flagged()).as("the follow-up flag is kept").isTrue();
        assertThat(after.important()).as("the importance is kept").isTrue();
        // Graph shows received times to the second; the platform may keep finer ones.
        assertThat(after.receivedAt().truncatedTo(ChronoUnit.SECONDS))
                .isEqualTo(before.receivedAt().truncatedTo(ChronoUnit.SECONDS));
        assertThat(after.draft()).isFalse();
        assertThat(platform().findByInternetMessageId(alice(), delivered.messageId()))
                .as("exactly one copy remains")
                .hasSize(1);
    }

    @Test
    void replacingTheContentOfAMessageThatIsGoneSaysItIsGone() throws Exception {
        Delivered delivered = deliver(alice());
        connector().hardDelete(delivered.ref());

        assertThatThrownBy(() -> connector().replaceContent(delivered.ref(), bannered(delivered)))
                .isInstanceOf(MessageNotFoundException.class);
    }

    /** A delivered test message and what identifies it. */
    protected record Delivered(MessageRef ref, String messageId, String subject) {}

    protected Delivered deliver(String mailbox) {
        return deliver(mailbox, uniqueMessageId());
    }

    protected Delivered deliver(String mailbox, String messageId) {
        String subject = "Quarterly figures " + UUID.randomUUID().toString().substring(0, 8);
        MessageRef ref = platform().deliver(mailbox, mime(messageId, subject));
        return new Delivered(ref, messageId, subject);
    }

    /** A plain business message with this Message-ID and subject, CRLF line ends. */
    protected static byte[] mime(String messageId, String subject) {
        String text = """
                From: "Erin Brooks" <erin.brooks@fabrikam.example>
                To: recipient@contoso.example
                Subject: %s
                Message-ID: %s
                Date: Thu, 03 Dec 2026 09:00:00 +0000
                MIME-Version: 1.0
                Content-Type: text/html; charset=utf-8

                <p>Hello, the quarterly figures are attached to the shared folder.</p>
                """.formatted(subject, messageId);
        return text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bannered(Delivered delivered) {
        String text = """
                From: "Erin Brooks" <erin.brooks@fabrikam.example>
                To: recipient@contoso.example
                Subject: %s
                Message-ID: %s
                Date: Thu, 03 Dec 2026 09:00:00 +0000
                MIME-Version: 1.0
                Content-Type: text/html; charset=utf-8

                <div>PALISADE-CONTRACT-BANNER: be careful with this message</div>
                <p>Hello, the quarterly figures are attached to the shared folder.</p>
                """.formatted(delivered.subject(), delivered.messageId());
        return text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The subject and every text part as a reader sees them, transfer encodings undone. */
    protected static String readable(byte[] mime) throws IOException {
        Message message = new DefaultMessageBuilder().parseMessage(new ByteArrayInputStream(mime));
        StringBuilder text = new StringBuilder(message.getSubject() == null ? "" : message.getSubject());
        appendText(message, text);
        return text.toString();
    }

    private static void appendText(Entity entity, StringBuilder text) throws IOException {
        if (entity.getBody() instanceof Multipart multipart) {
            for (Entity part : multipart.getBodyParts()) {
                appendText(part, text);
            }
        } else if (entity.getBody() instanceof TextBody body) {
            StringWriter content = new StringWriter();
            try (Reader reader = body.getReader()) {
                reader.transferTo(content);
            }
            text.append('\n').append(content);
        }
    }

    private StoredMessage stored(MessageRef ref) {
        return platform()
                .find(ref)
                .orElseThrow(() -> new AssertionError("message " + ref.providerMessageId() + " is not in the mailbox"));
    }

    private static MessageRef moved(MessageRef ref, String newId) {
        return new MessageRef(ref.tenantId(), ref.providerMailboxId(), newId);
    }

    private static String uniqueMessageId() {
        return "<" + UUID.randomUUID() + "@fabrikam.example>";
    }

    private UUID tenant() {
        return platform().tenantId();
    }

    private String alice() {
        return platform().watchedMailboxes().get(0);
    }

    private String bob() {
        return platform().watchedMailboxes().get(1);
    }
}
