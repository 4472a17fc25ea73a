package io.palisade.simulator.graph;

import io.palisade.simulator.state.MailFolder;
import io.palisade.simulator.state.Mailbox;
import io.palisade.simulator.state.Subscription;
import io.palisade.simulator.state.Tenant;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads a subscription's {@code resource} into what it watches, and knows each kind's maximum
 * lifetime and quota.
 */
final class SubscriptionResource {

    static final Duration OUTLOOK_MAX = Duration.ofMinutes(10_080);
    static final Duration OUTLOOK_RICH_MAX = Duration.ofMinutes(1_440);
    static final Duration TEAMS_MAX = Duration.ofMinutes(4_320);
    static final Duration MIN = Duration.ofMinutes(45);
    static final int MAILBOX_QUOTA = 1_000;
    static final int TEAMS_ORGANIZATION_QUOTA = 10_000;
    static final int USER_CHATS_QUOTA = 10;

    private SubscriptionResource() {}

    /** Resolves the resource in the tenant; 400 or 404 errors in Graph's words when it cannot. */
    static Subscription.Target resolve(Tenant tenant, String resource) {
        String path = resource.split("\\?", 2)[0];
        List<String> parts = Arrays.stream(
                        path.replaceAll("\\('([^']*)'\\)", "/$1").split("/"))
                .filter(s -> !s.isEmpty())
                .toList();
        List<String> lower = parts.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
        if (!lower.isEmpty() && lower.get(0).equals("me")) {
            throw GraphErrors.badRequest("/me request is only valid with delegated authentication flow.");
        }
        if (lower.equals(List.of("chats", "getallmessages"))) {
            return new Subscription.Target(Subscription.Kind.ALL_CHAT_MESSAGES, null, null, null);
        }
        if (lower.size() == 3 && lower.get(0).equals("chats") && lower.get(2).equals("messages")) {
            return new Subscription.Target(Subscription.Kind.CHAT_MESSAGES, null, null, parts.get(1));
        }
        if (lower.size() == 4
                && lower.get(0).equals("users")
                && lower.get(2).equals("chats")
                && lower.get(3).equals("getallmessages")) {
            Mailbox mailbox = mailbox(tenant, parts.get(1));
            return new Subscription.Target(Subscription.Kind.USER_CHAT_MESSAGES, mailbox.id(), null, null);
        }
        if (lower.size() == 3 && lower.get(0).equals("users") && lower.get(2).equals("messages")) {
            Mailbox mailbox = mailbox(tenant, parts.get(1));
            return new Subscription.Target(Subscription.Kind.MAILBOX_MESSAGES, mailbox.id(), null, null);
        }
        if (lower.size() == 5
                && lower.get(0).equals("users")
                && lower.get(2).equals("mailfolders")
                && lower.get(4).equals("messages")) {
            Mailbox mailbox = mailbox(tenant, parts.get(1));
            MailFolder folder = mailbox.folder(parts.get(3))
                    .orElseThrow(() -> GraphErrors.error(
                            404,
                            "ExtensionError",
                            "Operation: Create; Exception:"
                                    + " [Status Code: NotFound; Reason: The specified folder could not be found in the"
                                    + " store.]"));
            return new Subscription.Target(Subscription.Kind.FOLDER_MESSAGES, mailbox.id(), folder.id(), null);
        }
        throw GraphErrors.error(
                400, "InvalidRequest", "Resource '" + resource + "' is not supported for change notifications.");
    }

    private static Mailbox mailbox(Tenant tenant, String user) {
        return tenant.mailbox(user)
                .orElseThrow(() -> GraphErrors.error(
                        404,
                        "ExtensionError",
                        "Operation: Create; Exception: [Status" + " Code: NotFound; Reason: The requested user '" + user
                                + "' is invalid.]"));
    }

    static boolean isOutlook(Subscription.Target target) {
        return target.kind() == Subscription.Kind.MAILBOX_MESSAGES
                || target.kind() == Subscription.Kind.FOLDER_MESSAGES;
    }

    /** The longest lifetime Graph allows for this kind of resource. */
    static Duration maxLifetime(Subscription.Target target, boolean rich) {
        if (isOutlook(target)) {
            return rich ? OUTLOOK_RICH_MAX : OUTLOOK_MAX;
        }
        return TEAMS_MAX;
    }
}
