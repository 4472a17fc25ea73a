package io.palisade.simulator.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.graph.models.ChatMessage;
import com.microsoft.graph.models.ChatMessageAttachment;
import com.microsoft.graph.models.ChatMessageHostedContent;
import com.microsoft.graph.models.ChatMessagePolicyViolation;
import com.microsoft.graph.models.ChatMessagePolicyViolationDlpActionTypes;
import com.microsoft.graph.models.DriveItem;
import com.microsoft.graph.models.Subscription;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.palisade.simulator.Fixtures;
import io.palisade.simulator.WebhookReceiver;
import io.palisade.simulator.control.SimMailbox;
import io.palisade.simulator.control.SimTenant;
import io.palisade.simulator.junit.SimulatorExtension;
import io.palisade.simulator.server.Json;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** Teams chats, chat messages, hosted contents, shares and chat subscriptions through the real Graph SDK. */
class GraphTeamsContractTest {

    @RegisterExtension
    static SimulatorExtension sim = new SimulatorExtension();

    static SimTenant tenant;
    static SimMailbox alice;
    static SimMailbox bob;
    static GraphServiceClient graph;
    static WebhookReceiver webhook;

    static final byte[] FILE = "Quarterly figures\r\n".getBytes(StandardCharsets.UTF_8);
    static final byte[] PNG = Base64.getDecoder()
            .decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==");

    @BeforeAll
    static void tenantWithAChat() throws Exception {
        tenant = sim.control().createTenant("teams.onmicrosoft.com");
        alice = sim.control().createMailbox(tenant.tenantId(), "alice", "Alice Adams");
        bob = sim.control().createMailbox(tenant.tenantId(), "bob", "Bob Brown");
        graph = sim.graphClient(tenant);
        webhook = new WebhookReceiver();
    }

    @AfterAll
    static void closeEndpoint() {
        webhook.close();
    }

    static String chatOfAliceAndBob(String topic) {
        return sim.control().createChat(tenant.tenantId(), topic, List.of(alice.id(), bob.id()));
    }

    static JsonNode postWithFileAndImage(String chatId) {
        return sim.control()
                .postChatMessage(
                        tenant.tenantId(),
                        chatId,
                        Map.of(
                                "from", alice.userPrincipalName(),
                                "html", "<p>Here are the figures</p>",
                                "files",
                                        List.of(Map.of(
                                                "name", "Q3 figures.txt",
                                                "contentType", "text/plain",
                                                "contentBase64",
                                                        Base64.getEncoder().encodeToString(FILE))),
                                "images",
                                        List.of(Map.of(
                                                "contentType",
                                                "image/png",
                                                "contentBase64",
                                                Base64.getEncoder().encodeToString(PNG)))));
    }

    @Test
    void chatMessageCarriesAReferenceAttachmentShapedLikeTheDocumentation() {
        String chatId = chatOfAliceAndBob("Figures");
        JsonNode posted = postWithFileAndImage(chatId);

        ChatMessage message = graph.chats()
                .byChatId(chatId)
                .messages()
                .byChatMessageId(posted.get("id").asString())
                .get();
        ChatMessageAttachment attachment = message.getAttachments().getFirst();
        JsonNode documented = Json.parseOrNull(Fixtures.bytes("graph/chatmessage-reference-attachment.json"));

        assertThat(message.getChatId()).isEqualTo(chatId);
        assertThat(message.getFrom().getUser().getId()).isEqualTo(alice.id());
        assertThat(message.getFrom().getUser().getDisplayName()).isEqualTo("Alice Adams");
        assertThat(attachment.getContentType())
                .isEqualTo(documented.get("contentType").asString());
        assertThat(attachment.getName()).isEqualTo("Q3 figures.txt");
        assertThat(attachment.getContentUrl())
                .startsWith("https://teams-my.sharepoint.com/personal/alice_teams_onmicrosoft_com/Documents/")
                .endsWith("/Microsoft%20Teams%20Chat%20Files/Q3%20figures.txt");
        assertThat(message.getBody().getContent()).contains("<attachment id=\"" + attachment.getId() + "\">");
        assertThat(Long.parseLong(message.getId())).isPositive();
    }

    @Test
    void listsChatsOfAUserAndTheirMessagesNewestFirst() {
        String chatId = chatOfAliceAndBob("Listing");
        String first = postWithFileAndImage(chatId).get("id").asString();
        String second = postWithFileAndImage(chatId).get("id").asString();

        var chats = graph.users().byUserId(bob.id()).chats().get().getValue();
        var messages = graph.chats().byChatId(chatId).messages().get().getValue();

        assertThat(chats).extracting(c -> c.getId()).contains(chatId);
        assertThat(messages).extracting(ChatMessage::getId).containsExactly(second, first);
    }

    @Test
    void hostedContentsListIdsAndValueGivesTheImageBytes() throws Exception {
        String chatId = chatOfAliceAndBob("Images");
        String messageId = postWithFileAndImage(chatId).get("id").asString();
        var message = graph.chats().byChatId(chatId).messages().byChatMessageId(messageId);

        List<ChatMessageHostedContent> listed = message.hostedContents().get().getValue();
        String hostedId = listed.getFirst().getId();
        byte[] bytes;
        try (InputStream in = message.hostedContents()
                .byChatMessageHostedContentId(hostedId)
                .content()
                .get()) {
            bytes = in.readAllBytes();
        }

        assertThat(listed).hasSize(1);
        assertThat(listed.getFirst().getContentBytes()).isNull();
        assertThat(message.get().getBody().getContent()).contains("/hostedContents/" + hostedId + "/$value");
        assertThat(bytes).isEqualTo(PNG);
    }

    @Test
    void sharesResolveTheAttachmentUrlToItsFileAndDownloadIt() throws Exception {
        String chatId = chatOfAliceAndBob("Shares");
        String url = postWithFileAndImage(chatId)
                .get("attachments")
                .get(0)
                .get("contentUrl")
                .asString();
        String share =
                "u!" + Base64.getUrlEncoder().withoutPadding().encodeToString(url.getBytes(StandardCharsets.UTF_8));

        DriveItem item = graph.shares().bySharedDriveItemId(share).driveItem().get();
        byte[] content;
        try (InputStream in =
                graph.shares().bySharedDriveItemId(share).driveItem().content().get()) {
            content = in.readAllBytes();
        }

        assertThat(item.getName()).isEqualTo("Q3 figures.txt");
        assertThat(item.getSize()).isEqualTo(FILE.length);
        assertThat(item.getFile().getMimeType()).isEqualTo("text/plain");
        assertThat(item.getWebUrl()).isEqualTo(url);
        assertThat(content).isEqualTo(FILE);
    }

    @Test
    void anUnknownShareIsNotFound() {
        String share = "u!"
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString("https://teams-my.sharepoint.com/nothing.txt".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() ->
                        graph.shares().bySharedDriveItemId(share).driveItem().get())
                .isInstanceOfSatisfying(
                        ODataError.class,
                        e -> assertThat(e.getResponseStatusCode()).isEqualTo(404));
    }

    @Test
    void policyViolationPatchBlocksAccessAndNothingElseMayChange() {
        String chatId = chatOfAliceAndBob("Clawback");
        String messageId = postWithFileAndImage(chatId).get("id").asString();
        var request = graph.chats().byChatId(chatId).messages().byChatMessageId(messageId);
        ChatMessagePolicyViolation violation = new ChatMessagePolicyViolation();
        violation.setDlpAction(EnumSet.of(ChatMessagePolicyViolationDlpActionTypes.BlockAccess));
        ChatMessage patch = new ChatMessage();
        patch.setPolicyViolation(violation);

        request.patch(patch);
        ChatMessage edited = new ChatMessage();
        edited.setSubject("changed");

        assertThat(request.get().getPolicyViolation().getDlpAction())
                .containsExactly(ChatMessagePolicyViolationDlpActionTypes.BlockAccess);
        assertThat(sim.control()
                        .chatMessage(tenant.tenantId(), chatId, messageId)
                        .at("/policyViolation/dlpAction")
                        .asString())
                .isEqualTo("blockAccess");
        assertThatThrownBy(() -> request.patch(edited))
                .isInstanceOfSatisfying(
                        ODataError.class,
                        e -> assertThat(e.getResponseStatusCode()).isEqualTo(403));
    }

    @Test
    void aPolicyViolationOfNoneShowsAHiddenMessageAgain() {
        String chatId = chatOfAliceAndBob("Released");
        String messageId = postWithFileAndImage(chatId).get("id").asString();
        var request = graph.chats().byChatId(chatId).messages().byChatMessageId(messageId);
        OffsetDateTime posted = request.get().getLastModifiedDateTime();

        request.patch(violation(ChatMessagePolicyViolationDlpActionTypes.BlockAccess));
        request.patch(violation(ChatMessagePolicyViolationDlpActionTypes.None));

        ChatMessage read = request.get();
        assertThat(read.getPolicyViolation().getDlpAction())
                .containsExactly(ChatMessagePolicyViolationDlpActionTypes.None);
        assertThat(read.getLastModifiedDateTime()).isAfterOrEqualTo(posted);
        assertThat(sim.control()
                        .chatMessage(tenant.tenantId(), chatId, messageId)
                        .at("/policyViolation/dlpAction")
                        .asString())
                .isEqualTo("none");
    }

    @Test
    void getAllMessagesNarrowsToAModificationDateRange() {
        String chatId = chatOfAliceAndBob("Catch-up");
        var first = graph.chats()
                .byChatId(chatId)
                .messages()
                .byChatMessageId(postWithFileAndImage(chatId).get("id").asString())
                .get();
        String second = postWithFileAndImage(chatId).get("id").asString();
        String third = postWithFileAndImage(chatId).get("id").asString();
        var thirdModified = graph.chats()
                .byChatId(chatId)
                .messages()
                .byChatMessageId(third)
                .get()
                .getLastModifiedDateTime();
        String after = first.getLastModifiedDateTime().toInstant().toString();

        var since = graph.users().byUserId(bob.id()).chats().getAllMessages().get(r -> {
            r.queryParameters.filter = "lastModifiedDateTime gt " + after;
        });
        var between = graph.users().byUserId(bob.id()).chats().getAllMessages().get(r -> {
            r.queryParameters.filter =
                    "lastModifiedDateTime gt " + after + " and lastModifiedDateTime lt " + thirdModified.toInstant();
        });

        assertThat(since.getValue()).extracting(ChatMessage::getId).containsExactly(second, third);
        assertThat(between.getValue()).extracting(ChatMessage::getId).containsExactly(second);
        assertThat(since.getValue()).extracting(ChatMessage::getChatId).containsOnly(chatId);
    }

    @Test
    void getAllMessagesRefusesAFilterItDoesNotSupport() {
        assertThatThrownBy(() -> graph.users()
                        .byUserId(bob.id())
                        .chats()
                        .getAllMessages()
                        .get(r -> {
                            r.queryParameters.filter = "subject eq 'x'";
                        }))
                .isInstanceOfSatisfying(
                        ODataError.class,
                        e -> assertThat(e.getResponseStatusCode()).isEqualTo(400));
    }

    private static ChatMessage violation(ChatMessagePolicyViolationDlpActionTypes action) {
        ChatMessagePolicyViolation violation = new ChatMessagePolicyViolation();
        violation.setDlpAction(EnumSet.of(action));
        ChatMessage patch = new ChatMessage();
        patch.setPolicyViolation(violation);
        return patch;
    }

    @Test
    void theDocumentedPolicyViolationPayloadIsAcceptedAsSent() throws Exception {
        String chatId = chatOfAliceAndBob("Documented clawback");
        String messageId = postWithFileAndImage(chatId).get("id").asString();
        String token = sim.simulator()
                .tokens()
                .issueGraphToken(tenant.tenantId(), tenant.clientId(), "teams", tenant.roles(), false);
        HttpRequest patch = HttpRequest.newBuilder(
                        URI.create(sim.httpBaseUrl() + "/v1.0/chats/" + chatId + "/messages/" + messageId))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(
                        "PATCH",
                        HttpRequest.BodyPublishers.ofByteArray(
                                Fixtures.bytes("graph/chatmessage-policyviolation-patch.json")))
                .build();

        int status = HttpClient.newHttpClient()
                .send(patch, HttpResponse.BodyHandlers.discarding())
                .statusCode();
        ChatMessagePolicyViolation read = graph.chats()
                .byChatId(chatId)
                .messages()
                .byChatMessageId(messageId)
                .get()
                .getPolicyViolation();

        assertThat(status).isEqualTo(204);
        assertThat(read.getDlpAction()).containsExactly(ChatMessagePolicyViolationDlpActionTypes.BlockAccess);
        assertThat(read.getPolicyTip().getMatchedConditionDescriptions()).containsExactly("Credit Card Number");
    }

    @Test
    void policyViolationPatchNeedsTheUpdatePolicyViolationRole() {
        SimTenant reader = sim.control().createTenant("reader.onmicrosoft.com", Set.of("Chat.Read.All"));
        SimMailbox a = sim.control().createMailbox(reader.tenantId(), "a", "A");
        SimMailbox b = sim.control().createMailbox(reader.tenantId(), "b", "B");
        String chatId = sim.control().createChat(reader.tenantId(), null, List.of(a.id(), b.id()));
        String messageId = sim.control()
                .postChatMessage(reader.tenantId(), chatId, Map.of("from", a.id(), "html", "<p>hi</p>"))
                .get("id")
                .asString();
        ChatMessage patch = new ChatMessage();
        ChatMessagePolicyViolation violation = new ChatMessagePolicyViolation();
        violation.setDlpAction(EnumSet.of(ChatMessagePolicyViolationDlpActionTypes.BlockAccess));
        patch.setPolicyViolation(violation);

        assertThatThrownBy(() -> sim.graphClient(reader)
                        .chats()
                        .byChatId(chatId)
                        .messages()
                        .byChatMessageId(messageId)
                        .patch(patch))
                .isInstanceOfSatisfying(
                        ODataError.class,
                        e -> assertThat(e.getResponseStatusCode()).isEqualTo(403));
    }

    @Test
    void allChatMessagesSubscriptionNotifiesPostsAndPolicyChanges() {
        Subscription subscription = new Subscription();
        subscription.setChangeType("created,updated");
        subscription.setNotificationUrl(webhook.url());
        subscription.setLifecycleNotificationUrl(webhook.url());
        subscription.setResource("/chats/getAllMessages");
        subscription.setClientState("teams-state");
        subscription.setExpirationDateTime(OffsetDateTime.now(ZoneOffset.UTC).plusHours(2));
        Subscription created = graph.subscriptions().post(subscription);
        String chatId = chatOfAliceAndBob("Notified");

        String messageId = postWithFileAndImage(chatId).get("id").asString();
        JsonNode note = webhook.await(
                        n -> n.get("subscriptionId").asString().equals(created.getId()), 1, Duration.ofSeconds(10))
                .getFirst();
        ChatMessage patch = new ChatMessage();
        ChatMessagePolicyViolation violation = new ChatMessagePolicyViolation();
        violation.setDlpAction(EnumSet.of(ChatMessagePolicyViolationDlpActionTypes.BlockAccess));
        patch.setPolicyViolation(violation);
        graph.chats().byChatId(chatId).messages().byChatMessageId(messageId).patch(patch);
        webhook.await(
                n -> n.get("subscriptionId").asString().equals(created.getId())
                        && n.get("changeType").asString().equals("updated"),
                1,
                Duration.ofSeconds(10));

        assertThat(note.get("changeType").asString()).isEqualTo("created");
        assertThat(note.get("clientState").asString()).isEqualTo("teams-state");
        assertThat(note.get("tenantId").asString()).isEqualTo(tenant.tenantId());
        assertThat(note.get("resource").asString()).isEqualTo("chats('" + chatId + "')/messages('" + messageId + "')");
        assertThat(note.at("/resourceData/@odata.type").asString()).isEqualTo("#Microsoft.Graph.chatMessage");
        assertThat(note.at("/resourceData/id").asString()).isEqualTo(messageId);
    }

    @Test
    void aUsersChatsSubscriptionHearsOnlyChatsTheUserIsIn() {
        SimMailbox carol = sim.control().createMailbox(tenant.tenantId(), "carol", "Carol Clark");
        Subscription subscription = new Subscription();
        subscription.setChangeType("created");
        subscription.setNotificationUrl(webhook.url());
        subscription.setResource("/users/" + carol.id() + "/chats/getAllMessages");
        subscription.setClientState("carol");
        subscription.setExpirationDateTime(OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(50));
        Subscription created = graph.subscriptions().post(subscription);
        String withoutCarol = chatOfAliceAndBob("Not Carol");
        String withCarol = sim.control().createChat(tenant.tenantId(), "With Carol", List.of(alice.id(), carol.id()));

        sim.control().postChatMessage(tenant.tenantId(), withoutCarol, Map.of("from", alice.id(), "html", "<p>1</p>"));
        String heard = sim.control()
                .postChatMessage(tenant.tenantId(), withCarol, Map.of("from", alice.id(), "html", "<p>2</p>"))
                .get("id")
                .asString();

        org.slf4j.LoggerFactory.getLogger("x")
                .info("DEBUG subs {}", sim.control().subscriptions(tenant.tenantId()));
        List<JsonNode> notes = webhook.await(
                n -> n.get("subscriptionId").asString().equals(created.getId()), 1, Duration.ofSeconds(10));
        assertThat(notes).extracting(n -> n.at("/resourceData/id").asString()).containsExactly(heard);
    }

    @Test
    void teamsSubscriptionPastAnHourNeedsALifecycleUrl() {
        Subscription subscription = new Subscription();
        subscription.setChangeType("created");
        subscription.setNotificationUrl(webhook.url());
        subscription.setResource("/chats/getAllMessages");
        subscription.setClientState("x");
        subscription.setExpirationDateTime(OffsetDateTime.now(ZoneOffset.UTC).plusHours(2));

        assertThatThrownBy(() -> graph.subscriptions().post(subscription))
                .isInstanceOfSatisfying(
                        ODataError.class,
                        e -> assertThat(e.getMessage()).contains("lifecycleNotificationUrl is a required property"));
    }
}
