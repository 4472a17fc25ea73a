package io.palisade.m365.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.microsoft.graph.models.Subscription;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import io.palisade.core.connector.Provider;
import io.palisade.core.mail.MailItem;
import io.palisade.core.mail.MailItemRepository;
import io.palisade.core.mailbox.Mailbox;
import io.palisade.core.mailbox.MailboxRepository;
import io.palisade.m365.M365Properties;
import io.palisade.m365.OnboardedTenant;
import io.palisade.m365.SharedSimulator;
import io.palisade.m365.TestWebhookEndpoint;
import io.palisade.m365.onboarding.M365Onboarding;
import io.palisade.m365.subscription.SubscriptionManager;
import io.palisade.m365.subscription.SubscriptionRecord;
import io.palisade.m365.subscription.SubscriptionRenewal;
import io.palisade.m365.subscription.SubscriptionStore;
import io.palisade.simulator.control.GraphRequestCount;
import io.palisade.simulator.control.SimTenant;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rich notifications end to end against the simulator through the real Graph SDK: subscriptions ask for encrypted
 * resource data, every batch's validation tokens are checked, and each item is decrypted and verified before its
 * message is scanned; a tampered item's content is set aside and its message read from Graph and scanned, a batch
 * with a bad token is refused whole.
 */
class RichNotificationsTest extends RichM365IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    M365Onboarding onboarding;

    @Autowired
    MailboxRepository mailboxes;

    @Autowired
    MailItemRepository mailItems;

    @Autowired
    SubscriptionStore store;

    @Autowired
    SubscriptionManager manager;

    @Autowired
    SubscriptionRenewal renewal;

    @Autowired
    NotificationIntake intake;

    @Autowired
    TestWebhookEndpoint endpoint;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    M365Properties m365;

    @Autowired
    RichNotificationKeys keys;

    static OnboardedTenant tenant;
    static String chatId;

    /** Bodies held back from the intake, by the subscription they are for. */
    final Map<String, String> held = new ConcurrentHashMap<>();

    @BeforeEach
    void onboardOnce() throws Exception {
        synchronized (RichNotificationsTest.class) {
            if (tenant == null) {
                tenant = OnboardedTenant.create("rich.example", null, onboarding, mailboxes);
                manager.subscribeTenantChats(tenant.tenant().getId());
                chatId = SharedSimulator.control()
                        .createChat(
                                tenant.sim().tenantId(),
                                "Rich chat",
                                List.of(tenant.alice().id(), tenant.bob().id()));
            }
        }
    }

    @AfterEach
    void stopIntercepting() {
        endpoint.intercept(UnaryOperator.identity());
    }

    @Test
    void subscriptionsAskForEncryptedResourceDataWithinTheRichLifetime() {
        List<Subscription> inGraph = Objects.requireNonNull(
                SharedSimulator.graphFor(tenant.sim()).subscriptions().get().getValue());

        assertThat(inGraph).isNotEmpty().allSatisfy(s -> {
            assertThat(s.getIncludeResourceData()).isTrue();
            assertThat(s.getEncryptionCertificateId()).isEqualTo(CERTIFICATE_ID);
            assertThat(s.getEncryptionCertificate()).isEqualTo(keys.certificateBase64());
        });
        assertThat(inGraph)
                .filteredOn(s -> s.getResource().startsWith("/users/"))
                .isNotEmpty()
                .allSatisfy(s -> {
                    assertThat(s.getResource()).endsWith("?$select=" + SubscriptionManager.RICH_MAIL_SELECT);
                    assertThat(s.getExpirationDateTime().toInstant())
                            .isBefore(simNow().plus(Duration.ofMinutes(1_440)));
                });
        assertThat(store.findByTenant(tenant.tenant().getId())).allMatch(SubscriptionRecord::includesResourceData);
    }

    @Test
    void decryptsARichMailNotificationAndScansTheMessage() {
        String messageId = deliver(tenant.alice().id(), "Quarterly delivery schedule");

        await().atMost(Duration.ofSeconds(30)).until(() -> !items(messageId).isEmpty());

        MailItem item = items(messageId).get(0);
        assertThat(item.getMailboxId()).isEqualTo(mailboxOf(tenant.alice().id()));
        assertThat(item.getFolder()).isNotBlank();
        String payload = payloadOf(item.getProviderMessageId());
        assertThat(JSON.readTree(payload).has(RichWork.ENCRYPTED_CONTENT))
                .as("stored still encrypted")
                .isTrue();
        assertThat(payload).doesNotContain(messageId).doesNotContain("Quarterly");
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM verdicts WHERE tenant_id = ? AND mail_item_id = ?",
                        Integer.class,
                        tenant.tenant().getId(),
                        item.getId()))
                .isEqualTo(1);
    }

    @Test
    void aTamperedSignatureSetsTheContentAsideAndTheMessageIsReadFromGraphAndScanned() {
        int deadBefore = deadMail("");
        endpoint.intercept(RichNotificationsTest::tamperSignatures);
        String messageId = deliver(tenant.bob().id(), "Tampered in transit");

        await().atMost(Duration.ofSeconds(30)).until(() -> !items(messageId).isEmpty());

        // Read from Graph: the folder and received time come from Graph's copy, not from the altered content.
        assertThat(items(messageId))
                .singleElement()
                .satisfies(i -> assertThat(i.getFolder()).isNotBlank());
        assertThat(deadMail("")).isEqualTo(deadBefore);
    }

    @Test
    void contentForARetiredCertificateIsSetAsideAndTheMessageReadFromGraph() {
        endpoint.intercept(body -> rewriteContent(body, c -> c.put("encryptionCertificateId", "retired-cert")));
        String messageId = deliver(tenant.bob().id(), "Encrypted for the old certificate");

        await().atMost(Duration.ofSeconds(30)).until(() -> !items(messageId).isEmpty());

        assertThat(items(messageId))
                .singleElement()
                .satisfies(i -> assertThat(i.getFolder()).isNotBlank());
    }

    @Test
    void aSubscriptionForARetiredCertificateIsReplacedAtRenewal() {
        SubscriptionRecord retired = record(tenant.bob().id());
        jdbc.update(
                "UPDATE m365_subscriptions SET encryption_certificate_id = 'retired-cert',"
                        + " expires_at = now() + interval '1 hour' WHERE subscription_id = ?",
                retired.subscriptionId());

        renewal.renewDue();

        SubscriptionRecord replacement = record(tenant.bob().id());
        assertThat(replacement.subscriptionId()).isNotEqualTo(retired.subscriptionId());
        assertThat(replacement.encryptionCertificateId()).isEqualTo(CERTIFICATE_ID);
    }

    @Test
    void aForgedValidationTokenRefusesTheWholeBatch() throws Exception {
        String subscription = subscriptionOf(tenant.alice().id());
        String genuine = holdNextBatch(subscription, tenant.alice().id());
        ObjectNode forged = (ObjectNode) JSON.readTree(genuine);
        String kid = SignedJWT.parse(forged.get("validationTokens").get(0).asString())
                .getHeader()
                .getKeyID();
        forged.putArray("validationTokens").add(forgedToken(kid));

        IntakeResult refused = intake.acceptChanges(forged.toString());

        assertThat(refused.stored()).isZero();
        assertThat(refused.rejected()).isEqualTo(forged.get("value").size());
        assertThat(intake.acceptChanges(genuine).stored())
                .as("the genuine batch")
                .isEqualTo(1);
    }

    @Test
    void aBatchWithEncryptedContentAndNoValidationTokenIsRefused() {
        String subscription = subscriptionOf(tenant.alice().id());
        ObjectNode batch = (ObjectNode)
                JSON.readTree(holdNextBatch(subscription, tenant.alice().id()));
        batch.remove("validationTokens");

        IntakeResult refused = intake.acceptChanges(batch.toString());

        assertThat(refused.stored()).isZero();
        assertThat(refused.rejected()).isEqualTo(batch.get("value").size());
    }

    @Test
    void aGenuineTokenForAnotherAppRefusesTheBatch() throws Exception {
        // Another app in another tenant subscribes to our endpoint with our certificate: its tokens are signed by
        // the identity platform, but name that app as audience.
        SimTenant other = SharedSimulator.control().createTenant("other-app.example");
        var otherMailbox = SharedSimulator.control().createMailbox(other.tenantId(), "olga", "Olga Other");
        Subscription request = new Subscription();
        request.setChangeType("created");
        request.setResource("/users/" + otherMailbox.id() + "/messages?$select=id");
        request.setNotificationUrl(m365.notificationUrl().toString());
        request.setClientState("other-app");
        request.setExpirationDateTime(OffsetDateTime.now(ZoneOffset.UTC).plusHours(2));
        request.setIncludeResourceData(true);
        request.setEncryptionCertificate(keys.certificateBase64());
        request.setEncryptionCertificateId(CERTIFICATE_ID);
        Subscription created = SharedSimulator.graphFor(other).subscriptions().post(request);
        String foreign = holdNextBatch(created.getId(), other, otherMailbox.id());
        String subscription = subscriptionOf(tenant.alice().id());
        ObjectNode ours = (ObjectNode)
                JSON.readTree(holdNextBatch(subscription, tenant.alice().id()));
        ours.set("validationTokens", JSON.readTree(foreign).get("validationTokens"));

        IntakeResult refused = intake.acceptChanges(ours.toString());

        assertThat(refused.stored()).isZero();
        assertThat(refused.rejected()).isEqualTo(ours.get("value").size());
    }

    @Test
    void aRichChatNotificationIsVerifiedThenWorkedFromItsOwnContentWithoutReadingTheMessage() {
        SharedSimulator.control().clearGraphRequests(tenant.sim().tenantId());
        String messageId = postChatWithFile();

        await().atMost(Duration.ofSeconds(30)).until(() -> "DONE".equals(chatState(messageId)));

        assertThat(chatMessageReads())
                .as("the decrypted content stands in for the read of the message")
                .isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT files FROM chat_items WHERE tenant_id = ? AND chat_id = ? AND message_id = ?",
                        Integer.class,
                        tenant.tenant().getId(),
                        chatId,
                        messageId))
                .as("the file named by the delivered content was scanned")
                .isEqualTo(1);

        assertThat(jdbc.queryForObject(
                        "SELECT payload::text FROM work_items WHERE tenant_id = ? AND kind = ? AND idempotency_key = ?",
                        String.class,
                        tenant.tenant().getId(),
                        NotificationIntake.RICH_CHAT_KIND,
                        "chat:" + chatId + ":" + messageId))
                .contains(RichWork.ENCRYPTED_CONTENT)
                .doesNotContain("Lunch at noon");
    }

    @Test
    void aTamperedChatNotificationIsWorkedFromGraphInstead() {
        endpoint.intercept(RichNotificationsTest::tamperSignatures);
        SharedSimulator.control().clearGraphRequests(tenant.sim().tenantId());
        String messageId = postChat();

        await().atMost(Duration.ofSeconds(30)).until(() -> "DONE".equals(chatState(messageId)));

        assertThat(chatMessageReads()).as("the message is read from Graph").isEqualTo(1);

        assertThat(jdbc.queryForList(
                        "SELECT coalesce(last_error, '') FROM work_items WHERE tenant_id = ? AND idempotency_key = ?",
                        String.class,
                        tenant.tenant().getId(),
                        "chat:" + chatId + ":" + messageId))
                .containsOnly("");
    }

    @Test
    void aRichMailSubscriptionIsRenewedForUnderADayAndNotOnEveryRun() {
        SubscriptionRecord alice = record(tenant.alice().id());
        Instant inTwelveHours = simNow().plus(12, ChronoUnit.HOURS);
        store.update(alice.tenantId(), alice.subscriptionId(), SubscriptionRecord.Status.ACTIVE, inTwelveHours, null);

        renewal.renewDue();
        assertThat(record(tenant.alice().id()).expiresAt())
                .as("twelve hours left is more than a third of a day")
                .isCloseTo(inTwelveHours, within(1, ChronoUnit.MILLIS));

        Instant inTwoHours = simNow().plus(2, ChronoUnit.HOURS);
        store.update(alice.tenantId(), alice.subscriptionId(), SubscriptionRecord.Status.ACTIVE, inTwoHours, null);
        renewal.renewDue();

        SubscriptionRecord renewed = record(tenant.alice().id());
        assertThat(renewed.subscriptionId()).isEqualTo(alice.subscriptionId());
        assertThat(renewed.expiresAt())
                .isAfter(simNow().plus(20, ChronoUnit.HOURS))
                .isBefore(simNow().plus(Duration.ofMinutes(1_440)));
    }

    private String deliver(String mailboxId, String subject) {
        String messageId = "<" + UUID.randomUUID() + "@fabrikam.example>";
        String mime = """
                From: "Erin Brooks" <erin.brooks@fabrikam.example>
                To: someone@rich.example
                Subject: %s
                Message-ID: %s
                Date: Thu, 03 Dec 2026 09:00:00 +0000
                MIME-Version: 1.0
                Content-Type: text/plain; charset=utf-8

                Hello, the trucks arrive on Monday and Thursday as usual.
                """.formatted(subject, messageId).replace("\n", "\r\n");
        SharedSimulator.control().deliver(tenant.sim().tenantId(), mailboxId, mime.getBytes(StandardCharsets.UTF_8));
        return messageId;
    }

    private String postChat() {
        return SharedSimulator.control()
                .postChatMessage(
                        tenant.sim().tenantId(),
                        chatId,
                        Map.of("from", tenant.alice().id(), "html", "<p>Lunch at noon</p>"))
                .path("id")
                .asString();
    }

    private String postChatWithFile() {
        return SharedSimulator.control()
                .postChatMessage(
                        tenant.sim().tenantId(),
                        chatId,
                        Map.of(
                                "from",
                                tenant.alice().id(),
                                "html",
                                "<p>Lunch at noon, menu attached</p>",
                                "files",
                                List.of(Map.of(
                                        "name",
                                        "menu.txt",
                                        "contentType",
                                        "text/plain",
                                        "contentBase64",
                                        java.util.Base64.getEncoder()
                                                .encodeToString(
                                                        "Soup, bread, salad".getBytes(StandardCharsets.UTF_8))))))
                .path("id")
                .asString();
    }

    /** Delivers a message to {@code mailboxId} and returns its notification batch, kept from the intake. */
    private String holdNextBatch(String subscriptionId, String mailboxId) {
        return holdNextBatch(subscriptionId, tenant.sim(), mailboxId);
    }

    private String holdNextBatch(String subscriptionId, SimTenant simTenant, String mailboxId) {
        endpoint.intercept(body -> {
            if (body.contains(subscriptionId) && !held.containsKey(subscriptionId)) {
                held.put(subscriptionId, body);
                return "{\"value\":[]}";
            }
            return body;
        });
        String mime = ("From: a@fabrikam.example\r\nTo: b@rich.example\r\nSubject: held\r\nMessage-ID: <"
                + UUID.randomUUID() + "@x>\r\n\r\nheld\r\n");
        SharedSimulator.control().deliver(simTenant.tenantId(), mailboxId, mime.getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(30)).until(() -> held.containsKey(subscriptionId));
        endpoint.intercept(UnaryOperator.identity());
        return held.get(subscriptionId);
    }

    private static String tamperSignatures(String body) {
        return rewriteContent(body, GraphEncryption::withTamperedSignature);
    }

    private static String rewriteContent(String body, UnaryOperator<ObjectNode> rewrite) {
        ObjectNode batch = (ObjectNode) JSON.readTree(body);
        for (JsonNode item : (ArrayNode) batch.get("value")) {
            if (item.has("encryptedContent")) {
                ObjectNode content = (ObjectNode) item.get("encryptedContent");
                ((ObjectNode) item).set("encryptedContent", rewrite.apply(content));
            }
        }
        return batch.toString();
    }

    private String forgedToken(String kid) throws Exception {
        RSAKey forger = new RSAKeyGenerator(2048).keyID(kid).generate();
        Instant now = simNow();
        var claims = new com.nimbusds.jwt.JWTClaimsSet.Builder()
                .audience(m365.clientId())
                .issuer("https://sts.windows.net/" + tenant.sim().tenantId() + "/")
                .issueTime(java.util.Date.from(now))
                .expirationTime(java.util.Date.from(now.plus(Duration.ofHours(1))))
                .claim("appid", ValidationTokens.GRAPH_PUBLISHER_APP_ID)
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims);
        jwt.sign(new RSASSASigner(forger));
        return jwt.serialize();
    }

    private List<MailItem> items(String internetMessageId) {
        return mailItems.findByTenantIdAndInternetMessageId(tenant.tenant().getId(), internetMessageId);
    }

    private UUID mailboxOf(String userId) {
        Mailbox mailbox = mailboxes
                .findByTenantIdAndProviderAndProviderMailboxId(tenant.tenant().getId(), Provider.M365, userId)
                .orElseThrow();
        return mailbox.getId();
    }

    private SubscriptionRecord record(String userId) {
        UUID mailbox = mailboxOf(userId);
        return store.findByTenant(tenant.tenant().getId()).stream()
                .filter(r -> mailbox.equals(r.mailboxId()) && r.status() == SubscriptionRecord.Status.ACTIVE)
                .findFirst()
                .orElseThrow();
    }

    private String subscriptionOf(String userId) {
        return record(userId).subscriptionId();
    }

    private String payloadOf(String providerMessageId) {
        return jdbc.queryForObject(
                "SELECT payload::text FROM work_items WHERE tenant_id = ? AND kind = ? AND payload->>'messageId' = ?",
                String.class,
                tenant.tenant().getId(),
                NotificationIntake.MESSAGE_KIND,
                providerMessageId);
    }

    private int deadMail(String reason) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM work_items WHERE tenant_id = ? AND kind = ? AND state = 'DEAD'"
                        + " AND last_error LIKE ?",
                Integer.class,
                tenant.tenant().getId(),
                NotificationIntake.MESSAGE_KIND,
                "%" + reason + "%");
    }

    /** Reads of single chat messages from Graph since the tenant's counts were last cleared. */
    private long chatMessageReads() {
        return SharedSimulator.control().graphRequests(tenant.sim().tenantId()).stream()
                .filter(c -> c.method().equals("GET")
                        && c.path().matches("/v1\\.0/chats/[^/]+/messages/[^/]+")
                        && !c.inBatch())
                .mapToLong(GraphRequestCount::count)
                .sum();
    }

    private String chatState(String messageId) {
        List<String> states = jdbc.queryForList(
                "SELECT state FROM work_items WHERE tenant_id = ? AND idempotency_key = ?",
                String.class,
                tenant.tenant().getId(),
                "chat:" + chatId + ":" + messageId);
        return states.isEmpty() ? "" : states.get(0);
    }
}
