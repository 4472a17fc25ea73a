package io.palisade.simulator.control;

import io.palisade.simulator.google.Delivery;
import io.palisade.simulator.google.GmailMailbox;
import io.palisade.simulator.google.GmailMessage;
import io.palisade.simulator.google.GmailRoutes;
import io.palisade.simulator.google.GoogleDomain;
import io.palisade.simulator.google.GoogleState;
import io.palisade.simulator.google.PushSubscription;
import io.palisade.simulator.google.ServiceAccount;
import io.palisade.simulator.server.Json;
import io.palisade.simulator.server.Request;
import io.palisade.simulator.server.Response;
import io.palisade.simulator.server.Router;
import io.palisade.simulator.server.Routes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Control API for Google Workspace content: domains with their mailboxes and a delegated service account (whose key
 * file it returns), Pub/Sub push subscriptions, delivering mail, reading a mailbox and expiring its history.
 */
public final class GoogleControl implements Routes {

    /** Scopes a new domain delegates to its service account when the request names none: all Palisade needs. */
    public static final List<String> DEFAULT_SCOPES = List.of(
            "https://mail.google.com/",
            "https://www.googleapis.com/auth/gmail.modify",
            "https://www.googleapis.com/auth/gmail.readonly",
            "https://www.googleapis.com/auth/gmail.metadata",
            "https://www.googleapis.com/auth/gmail.insert");

    private static final String PROJECT = "palisade-sim";
    private static final Logger LOG = LoggerFactory.getLogger(GoogleControl.class);

    private final GoogleState state;
    private final GmailRoutes gmail;

    public GoogleControl(GoogleState state, GmailRoutes gmail) {
        this.state = state;
        this.gmail = gmail;
    }

    @Override
    public void register(Router router) {
        String domain = "/_sim/google/domains/{domain}";
        String mailbox = "/_sim/google/mailboxes/{address}";
        router.post("/_sim/google/domains", this::createDomain)
                .get("/_sim/google/domains", this::listDomains)
                .get(domain, r -> json(200, domainJson(domain(r), r)))
                .get(domain + "/key", r -> json(200, key(domain(r), r)))
                .post(domain + "/delegation", this::delegate)
                .post(domain + "/mailboxes", this::addMailboxes)
                .post("/_sim/google/subscriptions", this::subscribe)
                .get(mailbox, this::mailboxState)
                .post(mailbox + "/messages", this::deliver)
                .post(mailbox + "/expireHistory", r -> {
                    mailbox(r).expireHistory();
                    LOG.info("event=gmail_history_expired");
                    return Response.empty(204);
                })
                .get("/_sim/google/push", r -> {
                    ObjectNode out = Json.object();
                    out.put("published", gmail.pusher().published());
                    out.put("delivered", gmail.pusher().delivered());
                    out.put("dropped", gmail.pusher().dropped());
                    out.put("failed", gmail.pusher().failed());
                    return json(200, out);
                });
    }

    private Response createDomain(Request request) {
        JsonNode json = body(request);
        String name = Json.text(json, "domain");
        if (name == null) {
            throw ControlErrors.badRequest("domain is required");
        }
        GoogleDomain domain;
        try {
            domain = state.createDomain(name, addresses(json, name.toLowerCase(Locale.ROOT), 0));
        } catch (IllegalArgumentException e) {
            throw ControlErrors.error(409, e.getMessage());
        }
        ServiceAccount account = state.createServiceAccount(
                PROJECT, "palisade-" + domain.customerId().toLowerCase(Locale.ROOT));
        domain.delegate(account.clientId(), json.has("scopes") ? strings(json.get("scopes")) : DEFAULT_SCOPES);
        LOG.info("event=google_domain_created mailboxes={}", domain.mailboxes().size());
        return json(201, domainJson(domain, request));
    }

    private static List<String> addresses(JsonNode json, String domain, int already) {
        List<String> out = new ArrayList<>();
        if (json.has("users")) {
            strings(json.get("users")).forEach(u -> out.add(u.contains("@") ? u : u + "@" + domain));
        }
        int count = json.has("count") ? json.get("count").asInt() : 0;
        String prefix = Json.text(json, "prefix") != null ? Json.text(json, "prefix") : "user";
        for (int i = 1; i <= count; i++) {
            out.add(prefix + (already + i) + "@" + domain);
        }
        return out;
    }

    private Response listDomains(Request request) {
        ObjectNode body = Json.object();
        ArrayNode value = body.putArray("value");
        state.domains().forEach(d -> value.add(domainJson(d, request)));
        return json(200, body);
    }

    private ObjectNode domainJson(GoogleDomain domain, Request request) {
        ObjectNode out = Json.object();
        out.put("domain", domain.domain());
        out.put("customerId", domain.customerId());
        ArrayNode boxes = out.putArray("mailboxes");
        domain.mailboxes().forEach(m -> boxes.add(m.address()));
        state.accountFor(domain).ifPresent(account -> {
            ObjectNode sa = out.putObject("serviceAccount");
            sa.put("email", account.email());
            sa.put("clientId", account.clientId());
            ArrayNode scopes = sa.putArray("scopes");
            domain.delegatedScopes(account.clientId()).stream().sorted().forEach(scopes::add);
            out.set("keyFile", key(domain, request));
        });
        return out;
    }

    private ObjectNode key(GoogleDomain domain, Request request) {
        ServiceAccount account =
                state.accountFor(domain).orElseThrow(() -> ControlErrors.notFound("service account with delegation"));
        return Json.mapper().valueToTree(account.keyFile(request.baseUrl() + "/token"));
    }

    private Response delegate(Request request) {
        GoogleDomain domain = domain(request);
        JsonNode json = body(request);
        String clientId = Json.text(json, "clientId");
        if (clientId == null || !json.has("scopes")) {
            throw ControlErrors.badRequest("clientId and scopes are required");
        }
        domain.delegate(clientId, strings(json.get("scopes")));
        return json(200, domainJson(domain, request));
    }

    private Response addMailboxes(Request request) {
        GoogleDomain domain = domain(request);
        JsonNode json = body(request);
        ObjectNode body = Json.object();
        ArrayNode value = body.putArray("value");
        for (String address :
                addresses(json, domain.domain(), domain.mailboxes().size())) {
            try {
                value.add(state.addMailbox(domain, address).address());
            } catch (IllegalArgumentException e) {
                throw ControlErrors.badRequest(e.getMessage());
            }
        }
        return json(201, body);
    }

    private Response subscribe(Request request) {
        JsonNode json = body(request);
        String topic = Json.text(json, "topic");
        String endpoint = Json.text(json, "endpoint");
        if (topic == null || !topic.matches("projects/[^/]+/topics/[^/]+") || endpoint == null) {
            throw ControlErrors.badRequest("topic (projects/P/topics/T) and endpoint are required");
        }
        String name = Json.text(json, "name") != null
                ? Json.text(json, "name")
                : topic.replace("/topics/", "/subscriptions/") + "-push";
        String audience = Json.text(json, "audience") != null ? Json.text(json, "audience") : endpoint;
        String account = Json.text(json, "serviceAccountEmail") != null
                ? Json.text(json, "serviceAccountEmail")
                : "pubsub-push@" + PROJECT + ".iam.gserviceaccount.com";
        PushSubscription s = state.subscribe(new PushSubscription(name, topic, endpoint, audience, account));
        ObjectNode out = Json.object();
        out.put("name", s.name());
        out.put("topic", s.topic());
        out.put("endpoint", s.endpoint());
        out.put("audience", s.audience());
        out.put("serviceAccountEmail", s.serviceAccountEmail());
        out.put("certsUrl", request.baseUrl() + "/oauth2/v1/certs");
        return json(201, out);
    }

    private Response deliver(Request request) {
        GmailMailbox mailbox = mailbox(request);
        if (request.body().length == 0) {
            throw ControlErrors.badRequest("the body must be the raw MIME message");
        }
        GmailMessage message =
                Delivery.toInbox(mailbox, request.body(), state.clock().instant());
        ObjectNode out = Json.object();
        out.put("id", message.id());
        out.put("threadId", message.threadId());
        out.put("historyId", String.valueOf(message.historyId()));
        return json(201, out);
    }

    private Response mailboxState(Request request) {
        GmailMailbox mailbox = mailbox(request);
        ObjectNode out = Json.object();
        out.put("address", mailbox.address());
        out.put("historyId", String.valueOf(mailbox.historyId()));
        ArrayNode messages = out.putArray("messages");
        for (GmailMessage m : mailbox.list(List.of(), true, x -> true)) {
            ObjectNode j = messages.addObject();
            j.put("id", m.id());
            j.put("threadId", m.threadId());
            j.put("rfc822MessageId", m.rfc822MessageId());
            j.put("internalDate", m.internalDate().toString());
            j.put("size", m.size());
            ArrayNode labels = j.putArray("labelIds");
            m.labelIds().stream().sorted().forEach(labels::add);
        }
        return json(200, out);
    }

    private GoogleDomain domain(Request request) {
        return state.domain(request.param("domain")).orElseThrow(() -> ControlErrors.notFound("domain"));
    }

    private GmailMailbox mailbox(Request request) {
        return state.mailbox(request.param("address")).orElseThrow(() -> ControlErrors.notFound("mailbox"));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(v -> out.add(v.asString()));
        }
        return out;
    }

    private static JsonNode body(Request request) {
        JsonNode json = request.body().length == 0 ? Json.object() : Json.parseOrNull(request.body());
        if (json == null || !json.isObject()) {
            throw ControlErrors.badRequest("the body must be a JSON object");
        }
        return json;
    }

    private static Response json(int status, JsonNode body) {
        return Response.json(status, Json.write(body));
    }
}
