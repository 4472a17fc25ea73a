package io.palisade.simulator.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.graph.models.MailFolder;
import com.microsoft.graph.models.Message;
import com.microsoft.graph.models.MessageCollectionResponse;
import com.microsoft.graph.models.User;
import com.microsoft.graph.models.UserCollectionResponse;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.graph.users.item.messages.item.move.MovePostRequestBody;
import io.palisade.simulator.Fixtures;
import io.palisade.simulator.control.DeliveredMessage;
import io.palisade.simulator.control.MailboxState;
import io.palisade.simulator.control.SimMailbox;
import io.palisade.simulator.control.SimTenant;
import io.palisade.simulator.junit.SimulatorExtension;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Graph mail endpoints driven through the real Microsoft Graph SDK. */
class GraphMailContractTest {

    @RegisterExtension
    static SimulatorExtension sim = new SimulatorExtension();

    static SimTenant tenant;
    static SimMailbox alice;
    static GraphServiceClient graph;

    @BeforeAll
    static void tenantWithMailboxes() {
        tenant = sim.control().createTenant("contoso.onmicrosoft.com");
        alice = sim.control().createMailbox(tenant.tenantId(), "alice", "Alice Adams");
        sim.control().createMailbox(tenant.tenantId(), "bob", "Bob Brown");
        sim.control().createMailbox(tenant.tenantId(), "carol", "Carol Clark");
        graph = sim.graphClient(tenant);
    }

    @Test
    void listsUsersPageByPageFollowingNextLink() {
        UserCollectionResponse first = graph.users().get(rc -> rc.queryParameters.top = 2);
        assertThat(first.getValue()).hasSize(2);
        assertThat(first.getOdataNextLink()).isNotNull();

        UserCollectionResponse second =
                graph.users().withUrl(first.getOdataNextLink()).get();
        List<String> names = new ArrayList<>();
        first.getValue().forEach(u -> names.add(u.getUserPrincipalName()));
        second.getValue().forEach(u -> names.add(u.getUserPrincipalName()));

        assertThat(second.getOdataNextLink()).isNull();
        assertThat(names)
                .containsExactly(
                        "alice@contoso.onmicrosoft.com",
                        "bob@contoso.onmicrosoft.com",
                        "carol@contoso.onmicrosoft.com");
    }

    @Test
    void getsOneUserByPrincipalName() {
        User user = graph.users().byUserId("bob@contoso.onmicrosoft.com").get();

        assertThat(user.getDisplayName()).isEqualTo("Bob Brown");
        assertThat(user.getMail()).isEqualTo("bob@contoso.onmicrosoft.com");
        assertThat(user.getId()).matches("[0-9a-f-]{36}");
    }

    @Test
    void readsDeliveredMessagePropertiesAndExactMime() throws Exception {
        byte[] mime = Fixtures.bytes("mail/invoice.eml");
        DeliveredMessage delivered = sim.control().deliver(tenant.tenantId(), alice.userPrincipalName(), mime);

        Message message = graph.users()
                .byUserId(alice.id())
                .messages()
                .byMessageId(delivered.id())
                .get();
        byte[] raw;
        try (InputStream in = graph.users()
                .byUserId(alice.id())
                .messages()
                .byMessageId(delivered.id())
                .content()
                .get()) {
            raw = in.readAllBytes();
        }

        assertThat(message.getSubject()).isEqualTo("Invoice 2026-1187 for October");
        assertThat(message.getInternetMessageId()).isEqualTo("<20261110091500.1187@fabrikam.example>");
        assertThat(message.getFrom().getEmailAddress().getAddress()).isEqualTo("billing@fabrikam.example");
        assertThat(message.getFrom().getEmailAddress().getName()).isEqualTo("Fabrikam Billing");
        assertThat(message.getToRecipients()).hasSize(1);
        assertThat(message.getCcRecipients().get(0).getEmailAddress().getAddress())
                .isEqualTo("accounts@contoso.example");
        assertThat(message.getHasAttachments()).isTrue();
        assertThat(message.getIsDraft()).isFalse();
        assertThat(message.getIsRead()).isFalse();
        assertThat(message.getBody().getContent()).contains("invoice 2026-1187");
        assertThat(message.getBodyPreview()).startsWith("Hello Alice,");
        assertThat(message.getSentDateTime()).isEqualTo(OffsetDateTime.of(2026, 11, 10, 9, 15, 0, 0, ZoneOffset.UTC));
        assertThat(raw).isEqualTo(mime);
    }

    @Test
    void decodesEncodedHeaderWordsLikeExchange() {
        DeliveredMessage delivered =
                sim.control().deliver(tenant.tenantId(), alice.id(), Fixtures.bytes("mail/plain.eml"));

        Message message = graph.users()
                .byUserId(alice.id())
                .messages()
                .byMessageId(delivered.id())
                .get(rc -> rc.queryParameters.select = new String[] {"subject", "from"});

        assertThat(message.getSubject()).isEqualTo("Quarterly review – agenda");
        assertThat(message.getFrom().getEmailAddress().getName()).isEqualTo("Jürgen Müller");
        assertThat(message.getBody()).isNull();
    }

    @Test
    void findsEveryCopyByInternetMessageIdAndNothingForAnother() {
        String id = "<find-me-" + System.nanoTime() + "@fabrikam.example>";
        sim.control().deliver(tenant.tenantId(), "bob@contoso.onmicrosoft.com", Fixtures.message(id, "Find me"));
        sim.control().deliver(tenant.tenantId(), "bob@contoso.onmicrosoft.com", Fixtures.message("<other@x>", "Other"));

        MessageCollectionResponse hits = graph.users()
                .byUserId("bob@contoso.onmicrosoft.com")
                .messages()
                .get(rc -> {
                    rc.queryParameters.filter = "internetMessageId eq '" + id + "'";
                    rc.queryParameters.select = new String[] {"id", "parentFolderId"};
                });
        MessageCollectionResponse misses = graph.users()
                .byUserId("bob@contoso.onmicrosoft.com")
                .messages()
                .get(rc -> rc.queryParameters.filter = "internetMessageId eq '<nobody@nowhere.example>'");

        assertThat(hits.getValue()).hasSize(1);
        assertThat(hits.getValue().get(0).getParentFolderId()).isNotBlank();
        assertThat(hits.getValue().get(0).getSubject()).isNull();
        assertThat(misses.getValue()).isEmpty();
    }

    @Test
    void pagesInboxWithTopAndNextLink() {
        SimMailbox dave = sim.control().createMailbox(tenant.tenantId(), "dave", "Dave Davis");
        for (int i = 0; i < 5; i++) {
            sim.control().deliver(tenant.tenantId(), dave.id(), Fixtures.message("<page-" + i + "@x>", "Page " + i));
        }

        MessageCollectionResponse first = graph.users()
                .byUserId(dave.id())
                .mailFolders()
                .byMailFolderId("inbox")
                .messages()
                .get(rc -> rc.queryParameters.top = 3);
        MessageCollectionResponse second = graph.users()
                .byUserId(dave.id())
                .mailFolders()
                .byMailFolderId("inbox")
                .messages()
                .withUrl(first.getOdataNextLink())
                .get();

        assertThat(first.getValue()).hasSize(3);
        assertThat(second.getValue()).hasSize(2);
        assertThat(second.getOdataNextLink()).isNull();
    }

    @Test
    void filtersByReceivedDateTime() {
        SimMailbox erin = sim.control().createMailbox(tenant.tenantId(), "erin", "Erin Evans");
        sim.control().deliver(tenant.tenantId(), erin.id(), Fixtures.message("<early@x>", "Early"));
        // Instant prints its seconds even when they are zero, as the connector's filters do; OffsetDateTime drops them.
        String now = Instant.now()
                .plus(Duration.ofHours(1))
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();

        MessageCollectionResponse future = graph.users()
                .byUserId(erin.id())
                .messages()
                .get(rc -> rc.queryParameters.filter = "receivedDateTime ge " + now);
        MessageCollectionResponse past = graph.users()
                .byUserId(erin.id())
                .messages()
                .get(rc -> rc.queryParameters.filter = "receivedDateTime ge 2020-01-01T00:00:00Z");

        assertThat(future.getValue()).isEmpty();
        assertThat(past.getValue()).hasSize(1);
    }

    @Test
    void movingGivesANewIdAndTheOldOneIsGone() {
        DeliveredMessage delivered =
                sim.control().deliver(tenant.tenantId(), alice.id(), Fixtures.message("<move-me@x>", "Move me"));
        MailFolder quarantine =
                graph.users().byUserId(alice.id()).mailFolders().post(folder("Quarantine " + System.nanoTime()));

        MovePostRequestBody move = new MovePostRequestBody();
        move.setDestinationId(quarantine.getId());
        Message moved = graph.users()
                .byUserId(alice.id())
                .messages()
                .byMessageId(delivered.id())
                .move()
                .post(move);

        assertThat(moved.getId()).isNotEqualTo(delivered.id());
        assertThat(moved.getParentFolderId()).isEqualTo(quarantine.getId());
        assertThat(moved.getInternetMessageId()).isEqualTo("<move-me@x>");
        assertThatThrownBy(() -> graph.users()
                        .byUserId(alice.id())
                        .messages()
                        .byMessageId(delivered.id())
                        .get())
                .isInstanceOfSatisfying(ODataError.class, e -> {
                    assertThat(e.getResponseStatusCode()).isEqualTo(404);
                    assertThat(e.getError().getCode()).isEqualTo("ErrorItemNotFound");
                });
    }

    @Test
    void deleteMovesToDeletedItems() {
        DeliveredMessage delivered =
                sim.control().deliver(tenant.tenantId(), alice.id(), Fixtures.message("<delete-me@x>", "Delete me"));

        graph.users()
                .byUserId(alice.id())
                .messages()
                .byMessageId(delivered.id())
                .delete();

        MailboxState state = sim.control().mailbox(tenant.tenantId(), alice.id());
        assertThat(state.folder("inbox").orElseThrow().messages())
                .noneMatch(m -> m.internetMessageId().equals("<delete-me@x>"));
        assertThat(state.folder("deleteditems").orElseThrow().messages())
                .anyMatch(m -> m.internetMessageId().equals("<delete-me@x>"));
    }

    @Test
    void wellKnownFolderNamesAndChildFolders() {
        MailFolder inbox = graph.users()
                .byUserId(alice.id())
                .mailFolders()
                .byMailFolderId("Inbox")
                .get();
        MailFolder child = graph.users()
                .byUserId(alice.id())
                .mailFolders()
                .byMailFolderId("inbox")
                .childFolders()
                .post(folder("Receipts"));

        List<MailFolder> children = graph.users()
                .byUserId(alice.id())
                .mailFolders()
                .byMailFolderId(inbox.getId())
                .childFolders()
                .get()
                .getValue();
        List<MailFolder> top = graph.users()
                .byUserId(alice.id())
                .mailFolders()
                .get(rc -> rc.queryParameters.top = 50)
                .getValue();

        assertThat(inbox.getDisplayName()).isEqualTo("Inbox");
        assertThat(child.getParentFolderId()).isEqualTo(inbox.getId());
        assertThat(children).extracting(MailFolder::getDisplayName).contains("Receipts");
        assertThat(top)
                .extracting(MailFolder::getDisplayName)
                .contains("Inbox", "Sent Items", "Deleted Items", "Junk Email", "Drafts")
                .doesNotContain("Deletions");
    }

    @Test
    void refusesADuplicateFolderName() {
        graph.users().byUserId(alice.id()).mailFolders().post(folder("Twice"));

        assertThatThrownBy(
                        () -> graph.users().byUserId(alice.id()).mailFolders().post(folder("Twice")))
                .isInstanceOfSatisfying(
                        ODataError.class,
                        e -> assertThat(e.getResponseStatusCode()).isEqualTo(409));
    }

    @Test
    void unknownUserIsNotFound() {
        assertThatThrownBy(() -> graph.users()
                        .byUserId("nobody@contoso.onmicrosoft.com")
                        .messages()
                        .get())
                .isInstanceOfSatisfying(ODataError.class, e -> {
                    assertThat(e.getResponseStatusCode()).isEqualTo(404);
                    assertThat(e.getError().getCode()).isEqualTo("ErrorInvalidUser");
                });
    }

    private static MailFolder folder(String name) {
        MailFolder folder = new MailFolder();
        folder.setDisplayName(name);
        return folder;
    }
}
