package io.palisade.m365.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.core.connector.MessageRef;
import io.palisade.core.connector.contract.MailboxPlatform.StoredMessage;
import io.palisade.core.mailbox.MailboxRepository;
import io.palisade.m365.M365IntegrationTest;
import io.palisade.m365.OnboardedTenant;
import io.palisade.m365.SharedSimulator;
import io.palisade.m365.SimulatedM365Platform;
import io.palisade.m365.onboarding.M365Onboarding;
import io.palisade.simulator.control.Fault;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Banner write-back when Exchange answers a body PATCH with 200 and leaves the body as it was: the writer notices the
 * unchanged body and falls back to beta {@code importMime}, or, when that is refused too, to a non-draft copy made
 * from JSON; either way the user reads the bannered message where it was, read, categorised, flagged and as
 * important as before. (The contract test's tenant without Mail-Advanced reaches the copy through refused calls.)
 */
@SpringBootTest
class BannerWriteFallbackTest extends M365IntegrationTest {

    @Autowired
    M365MailboxConnector connector;

    @Autowired
    M365Onboarding onboarding;

    @Autowired
    MailboxRepository mailboxes;

    static OnboardedTenant tenant;

    @BeforeEach
    void onboardOnce() throws Exception {
        synchronized (BannerWriteFallbackTest.class) {
            if (tenant == null) {
                tenant = OnboardedTenant.create("patch-ignored.example", null, onboarding, mailboxes);
            }
        }
    }

    @AfterEach
    void clearFaults() {
        SharedSimulator.control().clearFaults();
    }

    @Test
    void anIgnoredBodyPatchFallsBackToImportingTheBanneredMimeAndRemovesTheOriginal() throws Exception {
        SimulatedM365Platform platform = tenant.platform();
        String messageId = "<" + UUID.randomUUID() + "@fabrikam.example>";
        MessageRef ref =
                platform.deliver(tenant.alice().id(), mime(messageId, "Payment run", "<p>Figures attached.</p>"));
        platform.markReadAndCategorise(ref, "Finance");
        platform.flagAndMarkImportant(ref);
        StoredMessage before = platform.find(ref).orElseThrow();
        SharedSimulator.control().addFault(Fault.ignoreContentPatch(1));

        String newId = connector.replaceContent(
                ref, mime(messageId, "Payment run", "<div>PALISADE-TEST-BANNER</div><p>Figures attached.</p>"));

        assertThat(newId).as("importMime makes a new message").isNotEqualTo(ref.providerMessageId());
        assertThat(platform.find(ref)).as("the unbannered original is gone").isEmpty();
        List<StoredMessage> copies =
                platform.findByInternetMessageId(tenant.alice().id(), messageId);
        assertThat(copies).as("exactly one copy remains").hasSize(1);
        StoredMessage after = copies.getFirst();
        assertThat(after.providerMessageId()).isEqualTo(newId);
        assertThat(html(after.mime())).contains("PALISADE-TEST-BANNER");
        assertThat(after.draft()).isFalse();
        assertThat(after.folderId()).isEqualTo(before.folderId());
        assertThat(after.read()).isTrue();
        assertThat(after.categories()).contains("Finance");
        assertThat(after.flagged()).as("the follow-up flag is kept").isTrue();
        assertThat(after.important()).as("the importance is kept").isTrue();
        assertThat(bodyWrittenFromJson(tenant.alice().id(), newId))
                .as("an import of the MIME, not a copy made from JSON")
                .isFalse();
    }

    @Test
    void whenImportMimeIsRefusedTooAFlaggedCopyKeepsTheMessagesPlaceAndEveryUserState() throws Exception {
        SimulatedM365Platform platform = tenant.platform();
        String messageId = "<" + UUID.randomUUID() + "@fabrikam.example>";
        MessageRef ref = platform.deliver(
                tenant.bob().id(), mime(messageId, "Supplier bank details", "<p>Our bank details changed.</p>"));
        platform.markReadAndCategorise(ref, "Suppliers");
        platform.flagAndMarkImportant(ref);
        StoredMessage before = platform.find(ref).orElseThrow();
        SharedSimulator.control().addFault(Fault.ignoreContentPatch(1));
        SharedSimulator.control().addFault(Fault.refuse(1, 403).onPathsContaining("/importMime"));

        String newId = connector.replaceContent(
                ref,
                mime(
                        messageId,
                        "Supplier bank details",
                        "<div>PALISADE-TEST-BANNER</div><p>Our bank details changed.</p>"));

        assertThat(newId).as("the copy is a new message").isNotEqualTo(ref.providerMessageId());
        assertThat(platform.find(ref)).as("the unbannered original is gone").isEmpty();
        List<StoredMessage> copies =
                platform.findByInternetMessageId(tenant.bob().id(), messageId);
        assertThat(copies).as("exactly one copy remains").hasSize(1);
        StoredMessage after = copies.getFirst();
        assertThat(after.providerMessageId()).isEqualTo(newId);
        assertThat(bodyWrittenFromJson(tenant.bob().id(), newId))
                .as("a copy made from JSON, the last fallback")
                .isTrue();
        assertThat(html(after.mime())).contains("PALISADE-TEST-BANNER");
        assertThat(after.draft()).isFalse();
        assertThat(after.folderId()).isEqualTo(before.folderId());
        assertThat(after.read()).isTrue();
        assertThat(after.categories()).contains("Suppliers");
        assertThat(after.flagged()).as("the follow-up flag is kept").isTrue();
        assertThat(after.important()).as("the importance is kept").isTrue();
        assertThat(after.receivedAt().truncatedTo(ChronoUnit.SECONDS))
                .isEqualTo(before.receivedAt().truncatedTo(ChronoUnit.SECONDS));
    }

    @Test
    void aBodyPatchThatTakesEffectKeepsTheMessageId() throws Exception {
        SimulatedM365Platform platform = tenant.platform();
        String messageId = "<" + UUID.randomUUID() + "@fabrikam.example>";
        MessageRef ref = platform.deliver(tenant.bob().id(), mime(messageId, "Rota", "<p>Next week's rota.</p>"));

        String newId = connector.replaceContent(
                ref, mime(messageId, "Rota", "<div>PALISADE-TEST-BANNER</div><p>Next week's rota.</p>"));

        assertThat(newId).isEqualTo(ref.providerMessageId());
        assertThat(html(platform.find(ref).orElseThrow().mime())).contains("PALISADE-TEST-BANNER");
    }

    /** Whether the simulator holds the message's body as set through JSON rather than as delivered MIME. */
    private static boolean bodyWrittenFromJson(String mailbox, String messageId) {
        return SharedSimulator.control().mailbox(tenant.sim().tenantId(), mailbox).allMessages().stream()
                .filter(m -> m.id().equals(messageId))
                .findFirst()
                .orElseThrow()
                .bodyReplaced();
    }

    /** The HTML body as the reader sees it, transfer encoding undone. */
    private static String html(byte[] mime) throws IOException {
        Message message = new DefaultMessageBuilder().parseMessage(new ByteArrayInputStream(mime));
        StringWriter text = new StringWriter();
        try (Reader reader = ((TextBody) message.getBody()).getReader()) {
            reader.transferTo(text);
        }
        return text.toString();
    }

    private static byte[] mime(String messageId, String subject, String html) {
        String text = """
                From: "Erin Brooks" <erin.brooks@fabrikam.example>
                To: alice@patch-ignored.example
                Subject: %s
                Message-ID: %s
                Date: Thu, 03 Dec 2026 09:00:00 +0000
                MIME-Version: 1.0
                Content-Type: text/html; charset=utf-8

                %s
                """.formatted(subject, messageId, html);
        return text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }
}
