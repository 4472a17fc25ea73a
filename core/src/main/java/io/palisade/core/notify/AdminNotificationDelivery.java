package io.palisade.core.notify;

import io.palisade.core.crypto.SecretDecryptionException;
import io.palisade.core.queue.WorkItem;
import io.palisade.core.tenant.Tenant;
import io.palisade.core.tenant.TenantService;
import io.palisade.core.work.PermanentWorkException;
import io.palisade.core.work.RetryableWorkException;
import io.palisade.core.work.WorkHandler;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Posts one admin notification to its tenant's webhook as JSON whose {@code text} field is what Teams and Slack
 * incoming webhooks show; the {@code palisade} field carries the same facts for a program. A 2xx answer is SENT.
 * A failure is retried with the work queue's backoff up to {@code palisade.notifications.delivery-attempts}
 * attempts; then, or at once for a refusal no retry can fix (a 4xx other than 408 and 429), the notification is
 * FAILED and its work a dead letter. Nothing here logs or reports the webhook's URL, and redirects are not followed,
 * so the notification goes to that URL only.
 */
@Component
@EnableConfigurationProperties(NotificationProperties.class)
public class AdminNotificationDelivery implements WorkHandler {

    private static final Logger LOG = LoggerFactory.getLogger(AdminNotificationDelivery.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AdminNotifications notifications;
    private final NotificationWebhooks webhooks;
    private final TenantService tenants;
    private final NotificationProperties properties;
    private final URI console;
    private final HttpClient http;

    public AdminNotificationDelivery(
            AdminNotifications notifications,
            NotificationWebhooks webhooks,
            TenantService tenants,
            NotificationProperties properties,
            @Value("${palisade.public-base-url:http://localhost:${server.port:8080}}") URI console) {
        this.notifications = notifications;
        this.webhooks = webhooks;
        this.tenants = tenants;
        this.properties = properties;
        this.console = console;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public String kind() {
        return AdminNotifications.DELIVERY_KIND;
    }

    @Override
    public void handle(WorkItem work) {
        UUID tenantId = work.tenantId();
        UUID id = UUID.fromString(
                JSON.readTree(work.payloadJson()).path("notificationId").asString());
        Optional<AdminNotification> found = notifications.find(tenantId, id);
        if (found.isEmpty() || found.get().delivery() == DeliveryState.SENT) {
            return;
        }
        AdminNotification notification = found.get();
        Optional<URI> url = webhook(tenantId, id, work.attempts());
        if (url.isEmpty()) {
            notifications.delivered(tenantId, id, DeliveryState.NONE, work.attempts(), "no webhook is set");
            LOG.info("event=admin_notification_not_sent tenant={} notification={} reason=no_webhook", tenantId, id);
            return;
        }
        Attempt attempt = post(url.get(), body(notification));
        if (attempt.accepted()) {
            notifications.delivered(tenantId, id, DeliveryState.SENT, work.attempts(), null);
            LOG.info(
                    "event=admin_notification_sent tenant={} notification={} attempt={}",
                    tenantId,
                    id,
                    work.attempts());
            return;
        }
        failed(work, id, attempt);
    }

    private Optional<URI> webhook(UUID tenantId, UUID id, int attempts) {
        try {
            return webhooks.load(tenantId);
        } catch (SecretDecryptionException e) {
            notifications.delivered(
                    tenantId, id, DeliveryState.FAILED, attempts, "the stored webhook does not decrypt");
            throw new PermanentWorkException("the stored webhook of tenant " + tenantId + " does not decrypt");
        }
    }

    private void failed(WorkItem work, UUID id, Attempt attempt) {
        boolean last = !attempt.retryable() || work.attempts() >= properties.deliveryAttempts();
        notifications.delivered(
                work.tenantId(),
                id,
                last ? DeliveryState.FAILED : DeliveryState.PENDING,
                work.attempts(),
                attempt.error());
        LOG.warn(
                "event=admin_notification_failed tenant={} notification={} attempt={} final={} error={}",
                work.tenantId(),
                id,
                work.attempts(),
                last,
                attempt.error());
        String message = "admin notification " + id + ": " + attempt.error();
        if (last) {
            throw new PermanentWorkException(message);
        }
        throw new RetryableWorkException(message, attempt.retryAfter(), null);
    }

    /**
     * What one POST came to.
     *
     * @param error why it failed, without the URL; null when accepted
     */
    private record Attempt(boolean accepted, boolean retryable, String error, Duration retryAfter) {
        static Attempt failure(boolean retryable, String error) {
            return new Attempt(false, retryable, error, Duration.ZERO);
        }
    }

    private Attempt post(URI url, String body) {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(properties.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            if (status / 100 == 2) {
                return new Attempt(true, false, null, Duration.ZERO);
            }
            boolean retryable = status >= 500 || status == 408 || status == 429;
            Duration retryAfter = response.headers().firstValueAsLong("Retry-After").stream()
                    .mapToObj(Duration::ofSeconds)
                    .findFirst()
                    .orElse(Duration.ZERO);
            return new Attempt(false, retryable, "the webhook answered " + status, retryAfter);
        } catch (IOException e) {
            // The exception's own message may quote the address: only its type is kept.
            return Attempt.failure(
                    true, "the webhook could not be reached (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Attempt.failure(true, "interrupted while posting to the webhook");
        }
    }

    // Not yet: the text counts the copies of the notification when it is posted; copies that join it later show in the
    // API and console only, not in a second POST.
    private String body(AdminNotification n) {
        String tenant = tenants.find(n.tenantId())
                .map(Tenant::getName)
                .orElse(n.tenantId().toString());
        String link = n.campaignId() != null
                ? console.resolve("/campaigns/" + n.campaignId()).toString()
                : console.resolve("/messages/" + n.mailItemId()).toString();
        String what = n.campaignId() != null ? "A campaign" : "A message";
        String text = what + " in " + tenant + " is now " + n.level()
                + (n.previousLevel() == null ? "" : " (was " + n.previousLevel() + ")")
                + ", by " + n.cause() + (n.causedBy() == null ? "" : " (" + n.causedBy() + ")")
                + ". " + n.items() + (n.items() == 1 ? " copy" : " copies")
                + (n.sender() == null ? "" : ", from " + n.sender())
                + ". Why: " + n.reasons() + ". " + link;
        ObjectNode root = JSON.createObjectNode().put("text", text);
        root.putObject("palisade")
                .put("id", n.id().toString())
                .put("tenantId", n.tenantId().toString())
                .put("mailItemId", n.mailItemId().toString())
                .put(
                        "campaignId",
                        n.campaignId() == null ? null : n.campaignId().toString())
                .put("level", n.level().name())
                .put(
                        "previousLevel",
                        n.previousLevel() == null ? null : n.previousLevel().name())
                .put("cause", n.cause().name())
                .put("causedBy", n.causedBy())
                .put("reasons", n.reasons())
                .put("items", n.items())
                .put("createdAt", n.createdAt().toString())
                .put("link", link);
        return JSON.writeValueAsString(root);
    }
}
