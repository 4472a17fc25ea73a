package io.palisade.simulator.graph;

import io.palisade.simulator.identity.AccessToken;
import io.palisade.simulator.server.Request;
import io.palisade.simulator.state.MailFolder;
import io.palisade.simulator.state.Mailbox;
import io.palisade.simulator.state.SimState;
import io.palisade.simulator.state.StoredMessage;
import io.palisade.simulator.state.Tenant;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Lookups every Graph handler needs: the caller, its tenant, the mailbox, folder and message. */
final class GraphSupport {

    private final SimState state;

    GraphSupport(SimState state) {
        this.state = state;
    }

    SimState state() {
        return state;
    }

    static AccessToken token(Request request) {
        return request.attribute(GraphGate.TOKEN_ATTRIBUTE);
    }

    /** Refuses the call with 403 unless the token carries one of {@code roles}. */
    static void require(Request request, Set<String> roles) {
        if (!token(request).hasAnyRole(roles)) {
            throw GraphErrors.accessDenied();
        }
    }

    Tenant tenant(Request request) {
        return state.tenant(token(request).tenantId())
                .orElseThrow(() -> GraphErrors.error(401, "InvalidAuthenticationToken", "Unknown tenant."));
    }

    /** The mailbox named by the {@code user} path parameter, in the caller's tenant. */
    Mailbox mailbox(Request request) {
        String user = request.param("user");
        return tenant(request)
                .mailbox(user)
                .orElseThrow(() ->
                        GraphErrors.error(404, "ErrorInvalidUser", "The requested user '" + user + "' is invalid."));
    }

    static MailFolder folder(Mailbox mailbox, String idOrName) {
        return mailbox.folder(idOrName).orElseThrow(GraphErrors::itemNotFound);
    }

    /** The message named by the {@code id} path parameter; when a folder is named, it must hold it. */
    static StoredMessage message(Request request, Mailbox mailbox) {
        StoredMessage message = mailbox.message(request.param("id")).orElseThrow(GraphErrors::itemNotFound);
        String folder = request.paramOrNull("folder");
        if (folder != null && !folder(mailbox, folder).id().equals(message.folderId())) {
            throw GraphErrors.itemNotFound();
        }
        return message;
    }

    /** Graph's date-time form: UTC, whole seconds, {@code Z}. */
    static String dateTime(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** The service root URL as the client reached it, e.g. {@code https://localhost:9091/v1.0}. */
    static String serviceRoot(Request request) {
        return request.baseUrl() + "/" + request.segments().get(0);
    }

    /** The request's own URL with some query parameters replaced, for {@code @odata.nextLink}. */
    static String linkWith(Request request, Map<String, String> replace) {
        StringBuilder url = new StringBuilder(request.baseUrl());
        for (String segment : request.segments()) {
            url.append('/').append(encodePath(segment));
        }
        char sep = '?';
        for (Map.Entry<String, List<String>> e : request.queryParams().entrySet()) {
            if (replace.containsKey(e.getKey())) {
                continue;
            }
            for (String value : e.getValue()) {
                url.append(sep).append(encodeName(e.getKey())).append('=').append(encode(value));
                sep = '&';
            }
        }
        for (Map.Entry<String, String> e : replace.entrySet()) {
            if (e.getValue() != null) {
                url.append(sep).append(encodeName(e.getKey())).append('=').append(encode(e.getValue()));
                sep = '&';
            }
        }
        return url.toString();
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String encodePath(String segment) {
        return encode(segment)
                .replace("%24", "$")
                .replace("%40", "@")
                .replace("%21", "!")
                .replace("%28", "(")
                .replace("%29", ")")
                .replace("%27", "'");
    }

    /** Query option names keep their {@code $}, as Graph writes them in links. */
    private static String encodeName(String name) {
        return encode(name).replace("%24", "$");
    }
}
