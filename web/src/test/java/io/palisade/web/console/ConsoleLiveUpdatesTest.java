package io.palisade.web.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.palisade.core.chat.ChatFile;
import io.palisade.core.chat.ChatFileScans;
import io.palisade.core.chat.ChatItemStore;
import io.palisade.core.chat.ChatLifecycle;
import io.palisade.core.chat.ChatMessageFacts;
import io.palisade.core.chat.ChatVerdictChanged;
import io.palisade.core.connector.Provider;
import io.palisade.core.mail.MailItem;
import io.palisade.core.mailbox.Mailbox;
import io.palisade.core.tenant.Tenant;
import io.palisade.core.verdict.VerdictCause;
import io.palisade.core.verdict.VerdictChanged;
import io.palisade.detection.api.RiskLevel;
import io.palisade.web.WebTests;
import io.palisade.web.banner.LiveFixtures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The console's live feed over HTTP: an open console stream receives each verdict change of a mail item or a chat item
 * once it is committed, and one made on another instance (a remote event of the LISTEN/NOTIFY bridge), with ids and
 * levels but no addresses; the pages that use it carry its script; the stream needs the administrator's credentials
 * like every console page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleLiveUpdatesTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    ApplicationEventPublisher events;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anOpenConsoleStreamReceivesACommittedVerdictChangeAndOneFromAnotherInstance() {
        LiveFixtures fixtures = new LiveFixtures(context);
        Tenant tenant = fixtures.tenant("Live console " + UUID.randomUUID());
        Mailbox mailbox = fixtures.mailbox(tenant, "carol");
        MailItem item = fixtures.item(mailbox, "<" + UUID.randomUUID() + "@partner.example>");
        List<String> lines = listen();

        fixtures.verdict(item, RiskLevel.HIGH, LiveFixtures.LOOKALIKE);

        await().atMost(Duration.ofSeconds(10)).until(() -> received(lines, item.getId(), RiskLevel.HIGH));
        UUID elsewhere = UUID.randomUUID();
        events.publishEvent(new VerdictChanged(
                tenant.getId(),
                elsewhere,
                2,
                RiskLevel.SUSPICIOUS,
                RiskLevel.MALICIOUS,
                95,
                VerdictCause.ANALYST,
                "analyst-on-another-instance",
                Instant.now(),
                true));
        await().atMost(Duration.ofSeconds(10)).until(() -> received(lines, elsewhere, RiskLevel.MALICIOUS));
        assertThat(lines)
                .filteredOn(l -> l.startsWith("data:"))
                .noneMatch(l -> l.contains("carol") || l.contains("partner.example") || l.contains("contoso"));
    }

    @Test
    void anOpenConsoleStreamReceivesAChatItemsCommittedVerdictChangeAndOneFromAnotherInstance() {
        Tenant tenant = new LiveFixtures(context).tenant("Live chats " + UUID.randomUUID());
        UUID chatItem = chatItem(tenant.getId(), "erin@contoso.example");
        List<String> lines = listen();

        context.getBean(ChatLifecycle.class).decide(tenant.getId(), chatItem, RiskLevel.HIGH, "analyst-a", "lure");

        await().atMost(Duration.ofSeconds(10)).until(() -> receivedChat(lines, chatItem, RiskLevel.HIGH));
        UUID elsewhere = UUID.randomUUID();
        events.publishEvent(new ChatVerdictChanged(
                tenant.getId(),
                elsewhere,
                3,
                RiskLevel.MALICIOUS,
                RiskLevel.CLEAN,
                VerdictCause.ANALYST,
                Instant.now(),
                true));
        await().atMost(Duration.ofSeconds(10)).until(() -> receivedChat(lines, elsewhere, RiskLevel.CLEAN));
        assertThat(lines).contains("event:chat-verdict");
        assertThat(lines)
                .filteredOn(l -> l.startsWith("data:"))
                .noneMatch(l -> l.contains("erin") || l.contains("contoso"));
    }

    @Test
    void theChatListAndAChatMessagesPageLoadTheLiveScript() throws Exception {
        Tenant tenant = new LiveFixtures(context).tenant("Live chat pages " + UUID.randomUUID());
        UUID chatItem = chatItem(tenant.getId(), "frank@contoso.example");

        assertThat(page("/chats"))
                .contains("console-live.js")
                .contains("data-live-chat-list")
                .contains("data-chat-item=\"" + chatItem + "\"");
        assertThat(page("/chats/" + chatItem))
                .contains("console-live.js")
                .contains("data-live-chat-item=\"" + chatItem + "\"");
        assertThat(page("/console-live.js")).contains("chat-verdict");
    }

    @Test
    void theStreamNeedsTheAdministratorsCredentials() throws Exception {
        HttpResponse<Void> anonymous = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/console/events"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.discarding());

        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    @Test
    void theMessageListAndAMessagesPageLoadTheLiveScript() throws Exception {
        LiveFixtures fixtures = new LiveFixtures(context);
        Tenant tenant = fixtures.tenant("Live pages " + UUID.randomUUID());
        MailItem item = fixtures.item(fixtures.mailbox(tenant, "dave"), "<" + UUID.randomUUID() + "@partner.example>");
        fixtures.verdict(item, RiskLevel.SUSPICIOUS, LiveFixtures.FIRST_CONTACT);

        assertThat(page("/"))
                .contains("console-live.js")
                .contains("data-live-list")
                .contains("data-mail-item=\"" + item.getId() + "\"");
        assertThat(page("/messages/" + item.getId()))
                .contains("console-live.js")
                .contains("data-live-item=\"" + item.getId() + "\"");
        assertThat(page("/console-live.js")).contains("/console/events");
    }

    private static boolean received(List<String> lines, UUID mailItemId, RiskLevel level) {
        return lines.stream()
                .anyMatch(l -> l.startsWith("data:")
                        && l.contains("\"mailItemId\":\"" + mailItemId + "\"")
                        && l.contains("\"level\":\"" + level + "\""));
    }

    private static boolean receivedChat(List<String> lines, UUID chatItemId, RiskLevel level) {
        return lines.stream()
                .anyMatch(l -> l.startsWith("data:")
                        && l.contains("\"chatItemId\":\"" + chatItemId + "\"")
                        && l.contains("\"level\":\"" + level + "\""));
    }

    /** A chat message with one clean file, scanned and recorded as the connector does; returns its chat item. */
    private UUID chatItem(UUID tenantId, String sender) {
        String chat = "19:live@thread.v2";
        String message = UUID.randomUUID().toString();
        ChatFile file = new ChatFile(tenantId, chat, message, "attachment:agenda.txt", "agenda.txt", sender);
        byte[] agenda = ("Agenda: budget review on Thursday, room 4. " + message).getBytes(StandardCharsets.UTF_8);
        Instant posted = Instant.now();
        context.getBean(ChatLifecycle.class)
                .record(
                        new ChatMessageFacts(tenantId, Provider.M365, chat, message, sender, 1, posted, posted),
                        List.of(context.getBean(ChatFileScans.class).scan(file, agenda)));
        return context.getBean(ChatItemStore.class)
                .find(tenantId, chat, message)
                .orElseThrow()
                .id();
    }

    /** Opens the console stream and collects its lines as they come. */
    private List<String> listen() {
        List<String> lines = new CopyOnWriteArrayList<>();
        ConsoleEvents console = context.getBean(ConsoleEvents.class);
        int before = console.openStreams();
        http.sendAsync(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/console/events"))
                                .header("Authorization", WebTests.ADMIN_BASIC_AUTH)
                                .header("Accept", "text/event-stream")
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> {
                    try (Stream<String> body = response.body()) {
                        body.forEach(lines::add);
                    }
                });
        await().atMost(Duration.ofSeconds(10)).until(() -> console.openStreams() > before);
        return lines;
    }

    private String page(String path) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .header("Authorization", WebTests.ADMIN_BASIC_AUTH)
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
