package io.palisade.simulator.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GmailMailboxTest {

    private static final Instant NOW = Instant.parse("2026-05-01T09:00:00Z");
    private final GmailMailbox mailbox = new GmailMailbox("zoe@fabrikam.example", new GoogleIds(7));

    private GmailMessage deliver(String messageId, String inReplyTo) {
        String raw = "Message-ID: " + messageId + "\r\n"
                + (inReplyTo == null ? "" : "In-Reply-To: " + inReplyTo + "\r\n")
                + "Subject: hello\r\nFrom: a@b.example\r\n\r\nbody\r\n";
        return Delivery.toInbox(mailbox, raw.getBytes(StandardCharsets.US_ASCII), NOW);
    }

    @Test
    void deliveredMailIsInTheInboxUnreadAndListedNewestFirst() {
        GmailMessage first = deliver("<1@b.example>", null);
        GmailMessage second = deliver("<2@b.example>", null);

        assertThat(first.labelIds()).containsExactlyInAnyOrder("INBOX", "UNREAD");
        assertThat(first.id()).hasSize(16).matches("[0-9a-f]+");
        assertThat(mailbox.list(List.of("INBOX"), false, m -> true)).containsExactly(second, first);
    }

    @Test
    void repliesJoinTheThreadOfTheMessageTheyAnswer() {
        GmailMessage question = deliver("<q@b.example>", null);
        GmailMessage answer = deliver("<a@b.example>", "<q@b.example>");
        GmailMessage other = deliver("<o@b.example>", null);

        assertThat(answer.threadId()).isEqualTo(question.threadId());
        assertThat(other.threadId()).isNotEqualTo(question.threadId());
        assertThat(mailbox.threadsTotal()).isEqualTo(2);
    }

    @Test
    void historyListsChangesAfterTheStartIdWithIncreasingGappedIds() {
        long start = mailbox.historyId();
        GmailMessage message = deliver("<1@b.example>", null);
        mailbox.modify(message.id(), List.of("STARRED"), List.of("UNREAD"));
        mailbox.delete(message.id());

        List<GmailHistoryRecord> history = mailbox.history(start);

        assertThat(history)
                .extracting(GmailHistoryRecord::type)
                .containsExactly("messageAdded", "labelAdded", "labelRemoved", "messageDeleted");
        assertThat(history.get(1).labelIds()).containsExactly("STARRED");
        assertThat(history.get(2).labelIds()).containsExactly("UNREAD");
        assertThat(history.getLast().id()).isEqualTo(mailbox.historyId()).isGreaterThan(start);
        assertThat(mailbox.history(history.getFirst().id())).hasSize(3);
    }

    @Test
    void aStartIdOlderThanTheKeptHistoryIsNotFound() {
        long start = mailbox.historyId();
        deliver("<1@b.example>", null);
        mailbox.expireHistory();

        assertThatThrownBy(() -> mailbox.history(start))
                .isInstanceOfSatisfying(
                        GmailException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThat(mailbox.history(mailbox.historyId())).isEmpty();
    }

    @Test
    void modifyingToTheSameLabelsRecordsNothing() {
        GmailMessage message = deliver("<1@b.example>", null);
        long before = mailbox.historyId();

        mailbox.modify(message.id(), List.of("INBOX"), List.of("SPAM"));

        assertThat(mailbox.historyId()).isEqualTo(before);
    }

    @Test
    void unknownLabelsAndMessagesAreRefused() {
        GmailMessage message = deliver("<1@b.example>", null);

        assertThatThrownBy(() -> mailbox.modify(message.id(), List.of("Label_99"), List.of()))
                .isInstanceOfSatisfying(
                        GmailException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("Label_99");
        assertThatThrownBy(() -> mailbox.get("deadbeefdeadbeef"))
                .isInstanceOfSatisfying(
                        GmailException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void trashedMessagesLeaveDefaultListsButNotSpamTrashOnes() {
        GmailMessage message = deliver("<1@b.example>", null);
        mailbox.modify(message.id(), List.of("TRASH"), List.of("INBOX"));

        assertThat(mailbox.list(List.of(), false, m -> true)).isEmpty();
        assertThat(mailbox.list(List.of(), true, m -> true)).containsExactly(message);
    }

    @Test
    void userLabelsAreCreatedWithUniqueNamesAndSystemLabelsCannotBeDeleted() {
        GmailLabel label = mailbox.createLabel("Quarantine");

        assertThat(label.id()).startsWith("Label_");
        assertThatThrownBy(() -> mailbox.createLabel("quarantine"))
                .isInstanceOfSatisfying(
                        GmailException.class, e -> assertThat(e.status()).isEqualTo(409));
        assertThatThrownBy(() -> mailbox.deleteLabel("INBOX"))
                .isInstanceOfSatisfying(
                        GmailException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
}
