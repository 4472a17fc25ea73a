package io.palisade.simulator.control;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Java client of the control API, for tests and tools, in-process or against a standalone
 * simulator. Every method throws {@link SimulatorException} when the simulator refuses.
 *
 * <pre>{@code
 * SimTenant tenant = client.createTenant("contoso.onmicrosoft.com");
 * SimMailbox alice = client.createMailbox(tenant.tenantId(), "alice", "Alice Adams");
 * client.deliver(tenant.tenantId(), alice.userPrincipalName(), mimeBytes);
 * }</pre>
 */
public final class SimulatorClient {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final ControlHttp http;

    /** A client of the simulator at {@code baseUrl}, e.g. {@code http://localhost:9090}. */
    public SimulatorClient(String baseUrl) {
        this.http = new ControlHttp(baseUrl, MAPPER);
    }

    /** A tenant with a generated domain and an app holding every role Palisade uses. */
    public SimTenant createTenant() {
        return createTenant(Map.of());
    }

    /** A tenant with this domain and an app holding every role Palisade uses. */
    public SimTenant createTenant(String domain) {
        return createTenant(Map.of("domain", domain));
    }

    /** A tenant with this domain whose app holds exactly {@code roles}. */
    public SimTenant createTenant(String domain, Set<String> roles) {
        return createTenant(Map.of("domain", domain, "roles", roles));
    }

    /**
     * A tenant from a full specification: {@code domain}, {@code displayName}, {@code clientId},
     * {@code clientSecret}, {@code roles}, {@code certificatePem}, {@code appDisplayName}, each optional.
     * Naming the client id of an existing app consents that app in the new tenant.
     */
    public SimTenant createTenant(Map<String, ?> spec) {
        return MAPPER.treeToValue(http.call("POST", "/_sim/tenants", spec), SimTenant.class);
    }

    /** Every tenant with its credentials. */
    public List<SimTenant> tenants() {
        JsonNode value = http.call("GET", "/_sim/tenants", null).get("value");
        return value.valueStream()
                .map(n -> MAPPER.treeToValue(n, SimTenant.class))
                .toList();
    }

    /**
     * Registers an app without consenting it anywhere (for admin-consent flows).
     *
     * @param spec {@code clientId}, {@code clientSecret}, {@code roles}, {@code certificatePem}, each optional
     * @return the app's client id and secret
     */
    public SimTenant.App createApplication(Map<String, ?> spec) {
        return MAPPER.treeToValue(http.call("POST", "/_sim/applications", spec), SimTenant.App.class);
    }

    /**
     * Adds a mailbox.
     *
     * @param name a local part (the tenant's domain is added) or a full principal name
     */
    public SimMailbox createMailbox(String tenantId, String name, String displayName) {
        String key = name.contains("@") ? "userPrincipalName" : "localPart";
        JsonNode node = http.call(
                "POST", "/_sim/tenants/" + tenantId + "/mailboxes", Map.of(key, name, "displayName", displayName));
        return MAPPER.treeToValue(node, SimMailbox.class);
    }

    /** Adds {@code count} mailboxes named {@code prefix1}, {@code prefix2}, ... */
    public List<SimMailbox> createMailboxes(String tenantId, String prefix, int count) {
        JsonNode value = http.call(
                        "POST", "/_sim/tenants/" + tenantId + "/mailboxes", Map.of("prefix", prefix, "count", count))
                .get("value");
        return value.valueStream()
                .map(n -> MAPPER.treeToValue(n, SimMailbox.class))
                .toList();
    }

    public List<SimMailbox> mailboxes(String tenantId) {
        JsonNode value = http.call("GET", "/_sim/tenants/" + tenantId + "/mailboxes", null)
                .get("value");
        return value.valueStream()
                .map(n -> MAPPER.treeToValue(n, SimMailbox.class))
                .toList();
    }

    /** Delivers raw MIME into the inbox. */
    public DeliveredMessage deliver(String tenantId, String mailbox, byte[] mime) {
        return deliver(tenantId, mailbox, "inbox", mime);
    }

    /**
     * Delivers raw MIME into a folder.
     *
     * @param mailbox the mailbox's id or principal name
     * @param folder a folder id or well-known name
     */
    public DeliveredMessage deliver(String tenantId, String mailbox, String folder, byte[] mime) {
        String path = "/_sim/tenants/" + tenantId + "/mailboxes/" + ControlHttp.encode(mailbox) + "/messages?folder="
                + ControlHttp.encode(folder);
        HttpRequest request = http.request(path)
                .header("Content-Type", "message/rfc822")
                .POST(HttpRequest.BodyPublishers.ofByteArray(mime))
                .build();
        return MAPPER.treeToValue(http.send(request), DeliveredMessage.class);
    }

    /** A mailbox's folders and message metadata. */
    public MailboxState mailbox(String tenantId, String mailbox) {
        return MAPPER.treeToValue(
                http.call("GET", "/_sim/tenants/" + tenantId + "/mailboxes/" + ControlHttp.encode(mailbox), null),
                MailboxState.class);
    }

    /** The stored MIME of a message. */
    public byte[] mime(String tenantId, String mailbox, String messageId) {
        String path = "/_sim/tenants/" + tenantId + "/mailboxes/" + ControlHttp.encode(mailbox) + "/messages/"
                + ControlHttp.encode(messageId) + "/mime";
        return http.sendBytes(http.request(path).GET().build());
    }

    /** The tenant's subscriptions of every app, as JSON objects. */
    public List<JsonNode> subscriptions(String tenantId) {
        return http.call("GET", "/_sim/tenants/" + tenantId + "/subscriptions", null)
                .get("value")
                .valueStream()
                .toList();
    }

    /**
     * Sends a lifecycle event for a subscription.
     *
     * @param event {@code reauthorizationRequired}, {@code subscriptionRemoved} or {@code missed}
     */
    public void lifecycleEvent(String tenantId, String subscriptionId, String event) {
        http.call(
                "POST",
                "/_sim/tenants/" + tenantId + "/subscriptions/" + subscriptionId + "/lifecycle",
                Map.of("event", event));
    }

    /**
     * Gives a mailbox {@code count} subscriptions of another application, which count against its quota of 1,000
     * (Graph counts every application's); they notify nobody.
     */
    public void addForeignSubscriptions(String tenantId, String mailbox, int count) {
        http.call(
                "POST",
                "/_sim/tenants/" + tenantId + "/mailboxes/" + ControlHttp.encode(mailbox) + "/foreignSubscriptions",
                Map.of("count", count));
    }

    /** Removes the other application's subscriptions on a mailbox, freeing its quota. */
    public void removeForeignSubscriptions(String tenantId, String mailbox) {
        http.call(
                "DELETE",
                "/_sim/tenants/" + tenantId + "/mailboxes/" + ControlHttp.encode(mailbox) + "/foreignSubscriptions",
                null);
    }

    /** Expires every delta token issued so far for one folder. */
    public void expireDeltaTokens(String tenantId, String mailbox, String folder) {
        http.call(
                "POST",
                "/_sim/tenants/" + tenantId + "/mailboxes/" + ControlHttp.encode(mailbox) + "/folders/"
                        + ControlHttp.encode(folder) + "/expireDelta",
                Map.of());
    }

    /** Adds a fault; see {@link Fault} for the kinds. */
    public void addFault(Fault fault) {
        http.call("POST", "/_sim/faults", fault.toMap());
    }

    public void clearFaults() {
        http.call("DELETE", "/_sim/faults", null);
    }

    /** Moves the simulated clock forward. */
    public void advanceClock(Duration duration) {
        http.call("POST", "/_sim/clock/advance", Map.of("seconds", duration.toSeconds()));
    }

    /** Delivered, dropped and pending notification counts. */
    public NotificationStats notificationStats() {
        return MAPPER.treeToValue(http.call("GET", "/_sim/notifications", null), NotificationStats.class);
    }

    /** Makes every waiting notification retry now. */
    public void retryNotificationsNow() {
        http.call("POST", "/_sim/notifications/retry", Map.of());
    }

    /** Sets how notification retries back off. */
    public void notificationRetryPolicy(Duration base, Duration max) {
        http.call(
                "POST",
                "/_sim/notifications/policy",
                Map.of("retryBaseMillis", base.toMillis(), "retryMaxMillis", max.toMillis()));
    }

    /** Forgets every tenant, mailbox, subscription and fault. */
    public void reset() {
        http.call("POST", "/_sim/reset", Map.of());
    }

    /** Registers a certificate (PEM) on an application: client assertions signed with its key then prove the app. */
    public void addApplicationCertificate(String clientId, String certificatePem) {
        http.send(http.request("/_sim/applications/" + ControlHttp.encode(clientId) + "/certificates")
                .header("Content-Type", "application/x-pem-file")
                .POST(HttpRequest.BodyPublishers.ofString(certificatePem))
                .build());
    }

    /** The simulator's TLS certificate in PEM form. */
    public String certificatePem() {
        return new String(http.sendBytes(http.request("/_sim/certificate").GET().build()), StandardCharsets.US_ASCII);
    }

    /**
     * A Teams chat of these mailboxes (ids or principal names); one-on-one for two members without a topic.
     *
     * @return the chat id, e.g. {@code 19:...@thread.v2}
     */
    public String createChat(String tenantId, String topic, List<String> members) {
        Map<String, Object> spec = new java.util.HashMap<>();
        spec.put("members", members);
        if (topic != null) {
            spec.put("topic", topic);
        }
        return http.call("POST", "/_sim/tenants/" + tenantId + "/chats", spec)
                .get("id")
                .asString();
    }

    /**
     * Posts a chat message; subscribers are notified.
     *
     * @param spec {@code from} (a member mailbox) or {@code fromExternal {displayName, address}}, {@code html},
     *     {@code files [{name, contentType, contentBase64}]} (reference attachments), {@code images [{contentType,
     *     contentBase64}]} (hosted contents)
     * @return the message as the simulator holds it: {@code id}, {@code attachments [{id, name, contentUrl}]},
     *     {@code hostedContents [id]}, {@code policyViolation}
     */
    public JsonNode postChatMessage(String tenantId, String chatId, Map<String, ?> spec) {
        return http.call(
                "POST", "/_sim/tenants/" + tenantId + "/chats/" + ControlHttp.encode(chatId) + "/messages", spec);
    }

    /** A chat message as the simulator holds it (see {@link #postChatMessage(String, String, Map)}). */
    public JsonNode chatMessage(String tenantId, String chatId, String messageId) {
        return http.call(
                "GET",
                "/_sim/tenants/" + tenantId + "/chats/" + ControlHttp.encode(chatId) + "/messages/" + messageId,
                null);
    }

    /** Posts a generated Teams message to a chat of {@code recipients} with the post's topic, made when missing. */
    public JsonNode postChatMessage(
            String tenantId,
            io.palisade.simulator.traffic.ChatPost post,
            List<io.palisade.simulator.traffic.Mailbox> recipients) {
        Map<String, Object> sender = Map.of(
                "address", post.sender().address(),
                "displayName", post.sender().displayName(),
                "external", post.external());
        Map<String, Object> spec = new java.util.HashMap<>();
        spec.put("topic", post.chatTopic());
        spec.put("sender", sender);
        spec.put(
                "recipients",
                recipients.stream()
                        .map(io.palisade.simulator.traffic.Mailbox::address)
                        .toList());
        spec.put("html", post.html());
        spec.put("fileName", post.fileName());
        spec.put("contentType", post.contentType());
        spec.put("contentBase64", java.util.Base64.getEncoder().encodeToString(post.file()));
        return http.call("POST", "/_sim/tenants/" + tenantId + "/teams/posts", spec);
    }

    /** A Google Workspace domain with {@code count} mailboxes ({@code user1@domain}, ...) and a delegated account. */
    public SimGoogleDomain createGoogleDomain(String domain, int count) {
        return createGoogleDomain(Map.of("domain", domain, "count", count));
    }

    /**
     * A Google Workspace domain from a full specification: {@code domain} (required), {@code count},
     * {@code prefix}, {@code users} (local parts or addresses), {@code scopes} (delegated to the service account).
     */
    public SimGoogleDomain createGoogleDomain(Map<String, ?> spec) {
        return MAPPER.treeToValue(http.call("POST", "/_sim/google/domains", spec), SimGoogleDomain.class);
    }

    public List<SimGoogleDomain> googleDomains() {
        return http.call("GET", "/_sim/google/domains", null)
                .get("value")
                .valueStream()
                .map(n -> MAPPER.treeToValue(n, SimGoogleDomain.class))
                .toList();
    }

    /** The service account key file as JSON text, ready for {@code ServiceAccountCredentials.fromStream}. */
    public String googleKeyFile(String domain) {
        return MAPPER.writeValueAsString(
                http.call("GET", "/_sim/google/domains/" + ControlHttp.encode(domain) + "/key", null));
    }

    /**
     * A Pub/Sub push subscription: Gmail watches on {@code topic} push to {@code endpoint} with an OIDC token whose
     * audience is the endpoint.
     */
    public void createPushSubscription(String topic, String endpoint, String serviceAccountEmail) {
        http.call(
                "POST",
                "/_sim/google/subscriptions",
                Map.of("topic", topic, "endpoint", endpoint, "serviceAccountEmail", serviceAccountEmail));
    }

    /** Delivers raw MIME into a Gmail inbox (labels INBOX and UNREAD); returns the Gmail message id. */
    public String deliverGmail(String address, byte[] mime) {
        HttpRequest request = http.request("/_sim/google/mailboxes/" + ControlHttp.encode(address) + "/messages")
                .header("Content-Type", "message/rfc822")
                .POST(HttpRequest.BodyPublishers.ofByteArray(mime))
                .build();
        return http.send(request).get("id").asString();
    }

    /** Forgets a Gmail mailbox's history: history.list from an earlier id now answers 404. */
    public void expireGmailHistory(String address) {
        http.call("POST", "/_sim/google/mailboxes/" + ControlHttp.encode(address) + "/expireHistory", null);
    }

    /** A Gmail mailbox as the simulator holds it: {@code historyId} and {@code messages[]} with labels. */
    public JsonNode gmailMailbox(String address) {
        return http.call("GET", "/_sim/google/mailboxes/" + ControlHttp.encode(address), null);
    }

    /** An admin's consent, again or anew: the app holds exactly {@code roles} in the tenant from now on. */
    public void consent(String tenantId, String clientId, Set<String> roles) {
        http.call("POST", "/_sim/tenants/" + tenantId + "/consents", Map.of("clientId", clientId, "roles", roles));
    }

    /**
     * Creates an Entra group.
     *
     * @param members user ids, principal names or group ids, in order
     * @return the group's id
     */
    public String createGroup(String tenantId, String displayName, List<String> members) {
        return http.call(
                        "POST",
                        "/_sim/tenants/" + tenantId + "/groups",
                        Map.of("displayName", displayName, "members", members))
                .get("id")
                .asString();
    }

    /** Adds a user (id or principal name) or a group (id) to a group. */
    public void addGroupMember(String tenantId, String groupId, String member) {
        http.call(
                "POST",
                "/_sim/tenants/" + tenantId + "/groups/" + ControlHttp.encode(groupId) + "/members",
                Map.of("member", member));
    }

    /** Takes a user or group out of a group. */
    public void removeGroupMember(String tenantId, String groupId, String member) {
        http.call(
                "DELETE",
                "/_sim/tenants/" + tenantId + "/groups/" + ControlHttp.encode(groupId) + "/members/"
                        + ControlHttp.encode(member),
                null);
    }

    /** Sets a user's {@code preferredLanguage} (e.g. {@code fr-FR}); null clears it. */
    public void setPreferredLanguage(String tenantId, String mailbox, String language) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("preferredLanguage", language);
        http.call("PATCH", "/_sim/tenants/" + tenantId + "/mailboxes/" + ControlHttp.encode(mailbox), body);
    }

    /** The Graph calls the tenant's apps made since the last {@link #clearGraphRequests}, by kind. */
    public List<GraphRequestCount> graphRequests(String tenantId) {
        List<GraphRequestCount> out = new java.util.ArrayList<>();
        http.call("GET", "/_sim/tenants/" + tenantId + "/requests", null)
                .get("value")
                .forEach(n -> out.add(MAPPER.treeToValue(n, GraphRequestCount.class)));
        return out;
    }

    /** Forgets the tenant's Graph call counts. */
    public void clearGraphRequests(String tenantId) {
        http.call("DELETE", "/_sim/tenants/" + tenantId + "/requests", null);
    }

    /**
     * Notification delivery counters.
     *
     * @param pending waiting in a queue, including those waiting to retry
     */
    public record NotificationStats(long delivered, long dropped, long pending) {}
}
