package io.palisade.simulator.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.graph.models.BodyType;
import com.microsoft.graph.models.EmailAddress;
import com.microsoft.graph.models.FollowupFlag;
import com.microsoft.graph.models.FollowupFlagStatus;
import com.microsoft.graph.models.Importance;
import com.microsoft.graph.models.ItemBody;
import com.microsoft.graph.models.Message;
import com.microsoft.graph.models.Recipient;
import com.microsoft.graph.models.SingleValueLegacyExtendedProperty;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.ApiException;
import com.microsoft.kiota.HttpMethod;
import com.microsoft.kiota.RequestInformation;
import io.palisade.simulator.Fixtures;
import io.palisade.simulator.control.DeliveredMessage;
import io.palisade.simulator.control.MailboxState;
import io.palisade.simulator.control.SimMailbox;
import io.palisade.simulator.control.SimTenant;
import io.palisade.simulator.junit.SimulatorExtension;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Creating and changing messages: drafts, the 0x0E07 flag, PATCH rules, beta importMime. */
class GraphMessageWriteContractTest {

    @RegisterExtension
    static SimulatorExtension sim = new SimulatorExtension();

    static SimTenant tenant;
    static SimTenant basic;
    static SimMailbox alice;
    static GraphServiceClient graph;
    static GraphServiceClient basicGraph;

    @BeforeAll
    static void tenants() {
        tenant = sim.control().createTenant("write.onmicrosoft.com");
        alice = sim.control().createMailbox(tenant.tenantId(), "alice", "Alice Adams");
        graph = sim.graphClient(tenant);
        basic = sim.control()
                .createTenant(java.util.Map.of(
                        "clientId",
                        tenant.clientId(),
                        "domain",
                        "basic.onmicrosoft.com",
                        "roles",
                        Set.of("User.Read.All", "Mail.ReadWrite")));
        sim.control().createMailbox(basic.tenantId(), "bert", "Bert Basic");
        basicGraph = sim.graphClient(basic);
    }

    @Test
    void jsonCreateIsADraftInDrafts() {
        Message created = graph.users().byUserId(alice.id()).messages().post(message("Plain draft"));

        assertThat(created.getIsDraft()).isTrue();
        assertThat(created.getParentFolderId())
                .isEqualTo(graph.users()
                        .byUserId(alice.id())
                        .mailFolders()
                        .byMailFolderId("drafts")
                        .get()
                        .getId());
    }

    @Test
    void messageFlagsAtCreationMakeANonDraftInTheChosenFolder() {
        Message copy = message("Rewritten copy");
        copy.setSingleValueExtendedProperties(
                List.of(property("Integer 0x0E07", "1"), property("SystemTime 0x0E06", "2026-11-10T09:15:00Z")));

        Message created = graph.users()
                .byUserId(alice.id())
                .mailFolders()
                .byMailFolderId("inbox")
                .messages()
                .post(copy);

        assertThat(created.getIsDraft()).isFalse();
        assertThat(created.getIsRead()).isTrue();
        assertThat(created.getReceivedDateTime().toInstant()).hasToString("2026-11-10T09:15:00Z");
        assertThat(created.getBody().getContent()).isEqualTo("<p>Rewritten copy</p>");
    }

    @Test
    void mimeCreateIsAlwaysADraft() throws Exception {
        String base64 = Base64.getEncoder().encodeToString(Fixtures.message("<mime-draft@x>", "Mime draft"));
        RequestInformation info = new RequestInformation();
        info.httpMethod = HttpMethod.POST;
        info.setUri(URI.create(sim.graphBaseUrl() + "/users/" + alice.id() + "/messages"));
        info.setStreamContent(new ByteArrayInputStream(base64.getBytes(StandardCharsets.US_ASCII)), "text/plain");

        Message created = graph.getRequestAdapter().send(info, null, Message::createFromDiscriminatorValue);

        assertThat(created.getIsDraft()).isTrue();
        assertThat(created.getInternetMessageId()).isEqualTo("<mime-draft@x>");
    }

    @Test
    void patchChangesTheBodyOfADeliveredMessageWithMailAdvanced() throws Exception {
        DeliveredMessage delivered =
                sim.control().deliver(tenant.tenantId(), alice.id(), Fixtures.bytes("mail/invoice.eml"));
        Message change = new Message();
        ItemBody body = new ItemBody();
        body.setContentType(BodyType.Html);
        body.setContent("<div>CAUTION: external sender</div><p>Hello Alice</p>");
        change.setBody(body);

        Message patched = graph.users()
                .byUserId(alice.id())
                .messages()
                .byMessageId(delivered.id())
                .patch(change);
        String mime = new String(
                graph.users()
                        .byUserId(alice.id())
                        .messages()
                        .byMessageId(delivered.id())
                        .content()
                        .get()
                        .readAllBytes(),
                StandardCharsets.UTF_8);

        assertThat(patched.getId()).isEqualTo(delivered.id());
        assertThat(patched.getBody().getContent()).startsWith("<div>CAUTION");
        assertThat(mime)
                .contains("invoice-2026-1187.pdf")
                .contains("Message-ID: <20261110091500.1187@fabrikam.example>");
        assertThat(sim.control().mailbox(tenant.tenantId(), alice.id()).allMessages())
                .anyMatch(m -> m.id().equals(delivered.id()) && m.bodyReplaced());
    }

    @Test
    void patchOfTheBodyOfADeliveredMessageIsRefusedWithoutMailAdvanced() {
        DeliveredMessage delivered =
                sim.control().deliver(basic.tenantId(), "bert@basic.onmicrosoft.com", Fixtures.message("<b@x>", "B"));
        Message change = new Message();
        change.setSubject("[EXTERNAL] B");
        Message harmless = new Message();
        harmless.setIsRead(true);

        assertThatThrownBy(() -> basicGraph
                        .users()
                        .byUserId("bert@basic.onmicrosoft.com")
                        .messages()
                        .byMessageId(delivered.id())
                        .patch(change))
                .isInstanceOfSatisfying(
                        ODataError.class,
                        e -> assertThat(e.getResponseStatusCode()).isEqualTo(403));
        assertThat(basicGraph
                        .users()
                        .byUserId("bert@basic.onmicrosoft.com")
                        .messages()
                        .byMessageId(delivered.id())
                        .patch(harmless)
                        .getIsRead())
                .isTrue();
    }

    @Test
    void flagAndImportanceAreUserStateThatAPatchChangesWithoutMailAdvancedAndTheMailboxShows() {
        DeliveredMessage delivered =
                sim.control().deliver(basic.tenantId(), "bert@basic.onmicrosoft.com", Fixtures.message("<f@x>", "F"));
        Message change = new Message();
        FollowupFlag flag = new FollowupFlag();
        flag.setFlagStatus(FollowupFlagStatus.Flagged);
        change.setFlag(flag);
        change.setImportance(Importance.High);
        change.setCategories(List.of("Finance"));

        Message patched = basicGraph
                .users()
                .byUserId("bert@basic.onmicrosoft.com")
                .messages()
                .byMessageId(delivered.id())
                .patch(change);

        assertThat(patched.getFlag().getFlagStatus()).isEqualTo(FollowupFlagStatus.Flagged);
        assertThat(patched.getImportance()).isEqualTo(Importance.High);
        MailboxState.Message shown =
                sim.control().mailbox(basic.tenantId(), "bert@basic.onmicrosoft.com").allMessages().stream()
                        .filter(m -> m.id().equals(delivered.id()))
                        .findFirst()
                        .orElseThrow();
        assertThat(shown.flagStatus()).isEqualTo("flagged");
        assertThat(shown.importance()).isEqualTo("high");
        assertThat(shown.categories()).containsExactly("Finance");
    }

    @Test
    void aFlagStatusGraphDoesNotKnowIsRefused() {
        DeliveredMessage delivered =
                sim.control().deliver(tenant.tenantId(), alice.id(), Fixtures.message("<g@x>", "G"));
        RequestInformation info = new RequestInformation();
        info.httpMethod = HttpMethod.PATCH;
        info.setUri(URI.create(sim.httpsBaseUrl() + "/v1.0/users/" + alice.id() + "/messages/" + delivered.id()));
        byte[] json = "{\"flag\":{\"flagStatus\":\"urgent\"}}".getBytes(StandardCharsets.UTF_8);
        info.setStreamContent(new ByteArrayInputStream(json), "application/json");

        assertThatThrownBy(() -> graph.getRequestAdapter().send(info, null, Message::createFromDiscriminatorValue))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.getResponseStatusCode()).isEqualTo(400));
    }

    @Test
    void importMimeMakesANonDraftFromMimeOnBetaOnly() {
        String base64 = Base64.getEncoder().encodeToString(Fixtures.bytes("mail/plain.eml"));

        Message imported = importMime("/beta", base64);

        assertThat(imported.getIsDraft()).isFalse();
        assertThat(imported.getInternetMessageId()).isEqualTo("<agenda-q4-7731@northwind.example>");
        assertThatThrownBy(() -> importMime("/v1.0", base64))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.getResponseStatusCode()).isEqualTo(400));
    }

    private static Message importMime(String version, String base64) {
        RequestInformation info = new RequestInformation();
        info.httpMethod = HttpMethod.POST;
        info.setUri(
                URI.create(sim.httpsBaseUrl() + version + "/users/" + alice.id() + "/mailFolders/inbox/importMime"));
        info.setStreamContent(new ByteArrayInputStream(base64.getBytes(StandardCharsets.US_ASCII)), "text/plain");
        return graph.getRequestAdapter().send(info, null, Message::createFromDiscriminatorValue);
    }

    private static Message message(String subject) {
        Message m = new Message();
        m.setSubject(subject);
        ItemBody body = new ItemBody();
        body.setContentType(BodyType.Html);
        body.setContent("<p>" + subject + "</p>");
        m.setBody(body);
        Recipient to = new Recipient();
        EmailAddress address = new EmailAddress();
        address.setAddress("alice@write.onmicrosoft.com");
        to.setEmailAddress(address);
        m.setToRecipients(List.of(to));
        return m;
    }

    private static SingleValueLegacyExtendedProperty property(String id, String value) {
        SingleValueLegacyExtendedProperty p = new SingleValueLegacyExtendedProperty();
        p.setId(id);
        p.setValue(value);
        return p;
    }
}
