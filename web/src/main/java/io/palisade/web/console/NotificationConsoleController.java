package io.palisade.web.console;

import io.palisade.core.notify.AdminNotification;
import io.palisade.core.notify.AdminNotifications;
import io.palisade.core.notify.NotificationWebhooks;
import io.palisade.core.tenant.Tenant;
import io.palisade.core.tenant.TenantService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The console's admin notifications: the newest of every tenant, with their delivery to the tenant's webhook, and
 * whether each tenant has a webhook (never its URL).
 */
@Controller
public class NotificationConsoleController {

    private static final int LIMIT = 100;

    private final AdminNotifications notifications;
    private final NotificationWebhooks webhooks;
    private final TenantService tenants;

    public NotificationConsoleController(
            AdminNotifications notifications, NotificationWebhooks webhooks, TenantService tenants) {
        this.notifications = notifications;
        this.webhooks = webhooks;
        this.tenants = tenants;
    }

    /** A notification with its tenant, for the list. */
    public record Row(Tenant tenant, AdminNotification notification) {}

    /** A tenant and whether it has a webhook. */
    public record WebhookRow(Tenant tenant, NotificationWebhooks.Status status) {}

    @GetMapping("/notifications")
    public String notifications(Model model) {
        List<Row> rows = new ArrayList<>();
        List<WebhookRow> hooks = new ArrayList<>();
        for (Tenant tenant : tenants.active()) {
            notifications.recent(tenant.getId(), LIMIT).forEach(n -> rows.add(new Row(tenant, n)));
            hooks.add(new WebhookRow(tenant, webhooks.status(tenant.getId())));
        }
        rows.sort(Comparator.comparing((Row r) -> r.notification().createdAt()).reversed());
        model.addAttribute("rows", rows.size() > LIMIT ? rows.subList(0, LIMIT) : rows);
        model.addAttribute("webhooks", hooks);
        return "notifications";
    }
}
