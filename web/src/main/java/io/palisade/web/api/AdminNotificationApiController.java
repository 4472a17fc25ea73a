package io.palisade.web.api;

import io.palisade.core.notify.AdminNotification;
import io.palisade.core.notify.AdminNotifications;
import io.palisade.core.notify.NotificationWebhooks;
import java.security.Principal;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A tenant's admin notifications (the policy's {@code NOTIFY_ADMINS}), newest first, and its notification webhook.
 * The webhook's URL is write-only: answers say whether one is set, who set it and when, never the URL.
 */
@RestController
public class AdminNotificationApiController {

    private static final int MAX_LIMIT = 500;

    private final AdminNotifications notifications;
    private final NotificationWebhooks webhooks;
    private final MessageLocator locator;

    public AdminNotificationApiController(
            AdminNotifications notifications, NotificationWebhooks webhooks, MessageLocator locator) {
        this.notifications = notifications;
        this.webhooks = webhooks;
        this.locator = locator;
    }

    /** The tenant's newest notifications, with their delivery state; {@code limit} 1 to 500 (100). */
    @GetMapping("/api/v1/tenants/{tenantId}/admin-notifications")
    public List<AdminNotification> list(@PathVariable UUID tenantId, @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        return notifications.recent(locator.requireTenant(tenantId), limit);
    }

    /** One notification; 404 for an unknown id or another tenant's. */
    @GetMapping("/api/v1/tenants/{tenantId}/admin-notifications/{id}")
    public AdminNotification one(@PathVariable UUID tenantId, @PathVariable UUID id) {
        return notifications
                .find(locator.requireTenant(tenantId), id)
                .orElseThrow(() -> new NoSuchElementException("no admin notification " + id + " in tenant"));
    }

    /** Whether the tenant has a webhook: {@code configured}, {@code updatedAt}, {@code updatedBy}. */
    @GetMapping("/api/v1/tenants/{tenantId}/notification-webhook")
    public NotificationWebhooks.Status webhook(@PathVariable UUID tenantId) {
        return webhooks.status(locator.requireTenant(tenantId));
    }

    /** Sets the webhook, {@code {"url":"https://..."}}; 400 for a URL that is not http(s) or carries a password. */
    @PutMapping("/api/v1/tenants/{tenantId}/notification-webhook")
    public NotificationWebhooks.Status setWebhook(
            @PathVariable UUID tenantId, @RequestBody WebhookRequest request, Principal admin) {
        return webhooks.set(locator.requireTenant(tenantId), request.url(), admin.getName());
    }

    /** Removes the webhook: 204, or 404 when none was set. Later notifications are only listed. */
    @DeleteMapping("/api/v1/tenants/{tenantId}/notification-webhook")
    public ResponseEntity<Void> clearWebhook(@PathVariable UUID tenantId, Principal admin) {
        return webhooks.clear(locator.requireTenant(tenantId), admin.getName())
                ? ResponseEntity.noContent().build()
                : ResponseEntity.notFound().build();
    }

    /**
     * The body of a webhook edit.
     *
     * @param url the incoming webhook's URL (Teams, Slack or any endpoint that takes a JSON POST)
     */
    public record WebhookRequest(String url) {
        @Override
        public String toString() {
            return "WebhookRequest[url=(secret)]";
        }
    }
}
