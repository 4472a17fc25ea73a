package io.palisade.simulator.graph;

import io.palisade.simulator.identity.AccessToken;
import io.palisade.simulator.server.Json;
import io.palisade.simulator.server.Request;
import io.palisade.simulator.server.Response;
import io.palisade.simulator.state.Subscription;
import io.palisade.simulator.state.Tenant;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code /subscriptions}: create (with endpoint validation), list, get, renew, reauthorize, delete. */
final class SubscriptionsApi {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionsApi.class);
    private static final Set<String> CHANGE_TYPES = Set.of("created", "updated", "deleted");
    private static final int CLIENT_STATE_MAX = 128;
    /** The application id of the subscriptions {@link #addForeign} makes. */
    private static final String FOREIGN_APP = "another-vendor-app";

    private final GraphSupport support;
    private final WebhookClient webhooks;
    private final Clock clock;
    private volatile boolean allowHttpEndpoints;

    SubscriptionsApi(GraphSupport support, WebhookClient webhooks, Clock clock) {
        this.support = support;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    /** Lets notification URLs use plain HTTP on any host, not only on loopback addresses. */
    void allowHttpEndpoints(boolean value) {
        allowHttpEndpoints = value;
    }

    Response create(Request request) {
        Tenant tenant = support.tenant(request);
        AccessToken token = GraphSupport.token(request);
        JsonNode json = Json.parseOrNull(request.body());
        if (json == null || !json.isObject()) {
            throw GraphErrors.badRequest("Empty Payload. JSON content expected.");
        }
        Subscription.Spec spec = spec(json);
        Subscription.Target target = SubscriptionResource.resolve(tenant, spec.resource());
        requireRole(token, target);
        Instant expiration = expiration(json, target, spec);
        checkQuota(tenant, target, token.appId());
        validateEndpoint(spec.notificationUrl());
        if (spec.lifecycleNotificationUrl() != null) {
            validateEndpoint(spec.lifecycleNotificationUrl());
        }
        Subscription subscription = new Subscription(
                UUID.randomUUID().toString(),
                tenant.id(),
                token.appId(),
                UUID.nameUUIDFromBytes((tenant.id() + token.appId()).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .toString(),
                spec,
                target,
                expiration);
        tenant.subscriptions().put(subscription.id(), subscription);
        LOG.info(
                "event=subscription_created tenant={} app={} subscription={} kind={}",
                tenant.id(),
                token.appId(),
                subscription.id(),
                target.kind());
        return Response.json(201, Json.write(render(request, subscription, true)));
    }

    /**
     * Gives a mailbox {@code count} subscriptions of another application, which count against the mailbox's quota
     * like Palisade's own (Graph counts every application). They watch deletions only and notify an unreachable
     * host, so they cost nothing until they are removed.
     *
     * @return their ids
     */
    List<String> addForeign(Tenant tenant, String user, int count) {
        Subscription.Target target = SubscriptionResource.resolve(tenant, "/users/" + user + "/messages");
        Subscription.Spec spec = new Subscription.Spec(
                "/users/" + user + "/messages",
                Set.of("deleted"),
                "https://notifications.another-vendor.invalid/graph",
                null,
                null,
                false,
                null,
                null,
                "v1_2");
        Instant expiration = clock.instant().plus(SubscriptionResource.OUTLOOK_MAX);
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            Subscription subscription = new Subscription(
                    UUID.randomUUID().toString(), tenant.id(), FOREIGN_APP, FOREIGN_APP, spec, target, expiration);
            tenant.subscriptions().put(subscription.id(), subscription);
            ids.add(subscription.id());
        }
        LOG.info("event=foreign_subscriptions_added tenant={} count={}", tenant.id(), count);
        return ids;
    }

    /** Removes the other application's subscriptions on a mailbox; returns how many there were. */
    int removeForeign(Tenant tenant, String user) {
        String mailboxId = SubscriptionResource.resolve(tenant, "/users/" + user + "/messages")
                .mailboxId();
        List<String> ids = tenant.subscriptionList().stream()
                .filter(s -> FOREIGN_APP.equals(s.applicationId())
                        && mailboxId.equals(s.target().mailboxId()))
                .map(Subscription::id)
                .toList();
        ids.forEach(tenant.subscriptions()::remove);
        LOG.info("event=foreign_subscriptions_removed tenant={} count={}", tenant.id(), ids.size());
        return ids.size();
    }

    private static Subscription.Spec spec(JsonNode json) {
        String resource = required(json, "resource");
        String changeType = required(json, "changeType");
        Set<String> types = new LinkedHashSet<>();
        for (String type : changeType.split(",")) {
            String t = type.trim().toLowerCase(Locale.ROOT);
            if (!CHANGE_TYPES.contains(t)) {
                throw GraphErrors.badRequest("Invalid changeType '" + type.trim() + "'.");
            }
            types.add(t);
        }
        String clientState = Json.text(json, "clientState");
        if (clientState != null && clientState.length() > CLIENT_STATE_MAX) {
            throw GraphErrors.badRequest("clientState must be at most " + CLIENT_STATE_MAX + " characters.");
        }
        boolean rich = json.has("includeResourceData")
                && json.get("includeResourceData").asBoolean();
        String certificate = Json.text(json, "encryptionCertificate");
        if (rich && (certificate == null || RichContent.certificate(certificate) == null)) {
            throw GraphErrors.badRequest(
                    "A valid encryptionCertificate is required when includeResourceData is" + " true.");
        }
        if (rich && Json.text(json, "encryptionCertificateId") == null) {
            throw GraphErrors.badRequest("encryptionCertificateId is required when includeResourceData is true.");
        }
        String tls = Json.text(json, "latestSupportedTlsVersion");
        return new Subscription.Spec(
                resource,
                types,
                required(json, "notificationUrl"),
                Json.text(json, "lifecycleNotificationUrl"),
                clientState,
                rich,
                certificate,
                Json.text(json, "encryptionCertificateId"),
                tls == null ? "v1_2" : tls);
    }

    private static String required(JsonNode json, String field) {
        String value = Json.text(json, field);
        if (value == null || value.isBlank()) {
            throw GraphErrors.badRequest("Property '" + field + "' is required.");
        }
        return value;
    }

    private static void requireRole(AccessToken token, Subscription.Target target) {
        Set<String> roles = SubscriptionResource.isOutlook(target) ? Roles.MAIL_READ_BASIC : Roles.CHAT_READ;
        if (!token.hasAnyRole(roles)) {
            throw GraphErrors.error(
                    403,
                    "ExtensionError",
                    "Operation: Create; Exception: [Status Code: Forbidden;"
                            + " Reason: Caller does not have access to the resource. Access is denied.]");
        }
    }

    private Instant expiration(JsonNode json, Subscription.Target target, Subscription.Spec spec) {
        Instant requested = parseExpiration(json);
        Instant now = clock.instant();
        Duration max = SubscriptionResource.maxLifetime(target, spec.includeResourceData());
        if (requested.isAfter(now.plus(max).plusSeconds(60))) {
            throw GraphErrors.badRequest(
                    "Subscription expiration can only be " + max.toMinutes() + " minutes in the future.");
        }
        boolean teams = !SubscriptionResource.isOutlook(target);
        if (teams && spec.lifecycleNotificationUrl() == null && requested.isAfter(now.plus(Duration.ofHours(1)))) {
            throw GraphErrors.badRequest("lifecycleNotificationUrl is a required property for subscription creation"
                    + " on this resource when the expirationDateTime value is set to greater than 1 hour");
        }
        Instant floor = now.plus(SubscriptionResource.MIN);
        return requested.isBefore(floor) ? floor : requested;
    }

    private static Instant parseExpiration(JsonNode json) {
        String text = required(json, "expirationDateTime");
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw GraphErrors.badRequest("Cannot convert '" + text + "' to a date-time.");
        }
    }

    private void checkQuota(Tenant tenant, Subscription.Target target, String appId) {
        Instant now = clock.instant();
        List<Subscription> active =
                tenant.subscriptionList().stream().filter(s -> s.activeAt(now)).toList();
        if (SubscriptionResource.isOutlook(target)) {
            long perMailbox = active.stream()
                    .filter(s -> target.mailboxId().equals(s.target().mailboxId()))
                    .count();
            if (perMailbox >= SubscriptionResource.MAILBOX_QUOTA) {
                throw quota("The number of subscriptions for this mailbox has reached the limit of "
                        + SubscriptionResource.MAILBOX_QUOTA + ".");
            }
            return;
        }
        if (target.kind() == Subscription.Kind.USER_CHAT_MESSAGES
                && active.stream().filter(s -> target.equals(s.target())).count()
                        >= SubscriptionResource.USER_CHATS_QUOTA) {
            throw quota("The number of subscriptions to this user's chats has reached the limit of "
                    + SubscriptionResource.USER_CHATS_QUOTA + ".");
        }
        boolean sameResource = active.stream()
                .anyMatch(s -> s.applicationId().equals(appId) && s.target().equals(target));
        if (sameResource) {
            throw quota("The application already has a subscription for this resource; the limit is 1 per app per"
                    + " chat.");
        }
        long teams = active.stream()
                .filter(s -> !SubscriptionResource.isOutlook(s.target()))
                .count();
        if (teams >= SubscriptionResource.TEAMS_ORGANIZATION_QUOTA) {
            throw quota("The number of chat message subscriptions in this organization has reached the limit of "
                    + SubscriptionResource.TEAMS_ORGANIZATION_QUOTA + ".");
        }
    }

    private static io.palisade.simulator.server.HttpError quota(String reason) {
        return GraphErrors.error(
                403,
                "ExtensionError",
                "Operation: Create; Exception: [Status Code: Forbidden; Reason: " + reason + "]");
    }

    private void validateEndpoint(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw GraphErrors.badRequest("Invalid notification URL.");
        }
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        boolean http = "http".equalsIgnoreCase(uri.getScheme());
        if (!https && !(http && (allowHttpEndpoints || loopback(uri.getHost())))) {
            throw GraphErrors.badRequest("The Notification Url must be an HTTPS URL.");
        }
        String token =
                "Validation: Testing client application reachability for subscription Request-Id: " + UUID.randomUUID();
        String failure = webhooks.validate(url, token);
        if (failure != null) {
            LOG.info("event=subscription_validation_failed reason={}", failure);
            throw GraphErrors.error(400, "ValidationError", failure);
        }
    }

    private static boolean loopback(String host) {
        return host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"));
    }

    Response list(Request request) {
        Tenant tenant = support.tenant(request);
        AccessToken token = GraphSupport.token(request);
        Instant now = clock.instant();
        ObjectNode body = Json.object();
        body.put("@odata.context", GraphSupport.serviceRoot(request) + "/$metadata#subscriptions");
        ArrayNode value = body.putArray("value");
        tenant.subscriptionList().stream()
                .filter(s -> s.applicationId().equals(token.appId()) && s.activeAt(now))
                .sorted((a, b) -> a.id().compareTo(b.id()))
                .forEach(s -> value.add(render(request, s, false)));
        return Response.json(200, Json.write(body));
    }

    Response get(Request request) {
        Subscription subscription = own(request);
        return Response.json(200, Json.write(render(request, subscription, true)));
    }

    /** Renewal: a new expirationDateTime, within the same limits as at creation. */
    Response update(Request request) {
        Subscription subscription = own(request);
        JsonNode json = Json.parseOrNull(request.body());
        if (json == null || !json.has("expirationDateTime")) {
            throw GraphErrors.badRequest("Only expirationDateTime can be updated.");
        }
        subscription.renew(expiration(json, subscription.target(), subscription.spec()));
        LOG.info("event=subscription_renewed tenant={} subscription={}", subscription.tenantId(), subscription.id());
        return Response.json(200, Json.write(render(request, subscription, true)));
    }

    Response reauthorize(Request request) {
        Subscription subscription = own(request);
        subscription.reauthorizationRequired(false);
        LOG.info(
                "event=subscription_reauthorized tenant={} subscription={}",
                subscription.tenantId(),
                subscription.id());
        return Response.empty(204);
    }

    Response delete(Request request) {
        Subscription subscription = own(request);
        support.tenant(request).subscriptions().remove(subscription.id());
        LOG.info("event=subscription_deleted tenant={} subscription={}", subscription.tenantId(), subscription.id());
        return Response.empty(204);
    }

    private Subscription own(Request request) {
        Tenant tenant = support.tenant(request);
        Subscription subscription = tenant.subscriptions().get(request.param("subscription"));
        boolean visible = subscription != null
                && subscription
                        .applicationId()
                        .equals(GraphSupport.token(request).appId())
                && subscription.activeAt(clock.instant());
        if (!visible) {
            throw GraphErrors.error(404, "ResourceNotFound", "The object was not found.");
        }
        return subscription;
    }

    static ObjectNode render(Request request, Subscription s, boolean withContext) {
        ObjectNode out = Json.object();
        if (withContext) {
            out.put("@odata.context", GraphSupport.serviceRoot(request) + "/$metadata#subscriptions/$entity");
        }
        out.put("id", s.id());
        out.put("resource", s.spec().resource());
        out.put("applicationId", s.applicationId());
        out.put("changeType", String.join(",", s.spec().changeTypes()));
        out.put("clientState", s.spec().clientState());
        out.put("notificationUrl", s.spec().notificationUrl());
        out.putNull("notificationQueryOptions");
        out.put("lifecycleNotificationUrl", s.spec().lifecycleNotificationUrl());
        out.put("expirationDateTime", s.expiration().toString());
        out.put("creatorId", s.creatorId());
        out.put("includeResourceData", s.spec().includeResourceData());
        out.put("latestSupportedTlsVersion", s.spec().latestSupportedTlsVersion());
        out.put("encryptionCertificate", s.spec().encryptionCertificate());
        out.put("encryptionCertificateId", s.spec().encryptionCertificateId());
        out.putNull("notificationUrlAppId");
        return out;
    }
}
