package io.palisade.simulator.google;

import io.palisade.simulator.google.GmailApi.Query;
import io.palisade.simulator.google.GmailQuota.Cost;
import io.palisade.simulator.server.Handler;
import io.palisade.simulator.server.HttpError;
import io.palisade.simulator.server.Request;
import io.palisade.simulator.server.Response;
import io.palisade.simulator.server.Router;
import io.palisade.simulator.server.Routes;
import io.palisade.simulator.state.FaultPlan;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The Gmail API over HTTP, where the Google API Client for Java expects it with its root URL set to the simulator:
 * {@code /gmail/v1/users/{userId}/...}, media uploads under {@code /upload/gmail/v1/...} (media, multipart and
 * resumable), the HTTP batch endpoint, the service-account token endpoint and the push-signing certificates.
 *
 * <p>Not yet: threads, drafts, send and label updates; a client calling them gets 404.
 */
public final class GmailRoutes implements Routes, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GmailRoutes.class);

    private final GoogleState state;
    private final FaultPlan faults;
    private final PubSubPusher pusher;
    private final GmailApi api;
    private final GmailUploads uploads;

    /**
     * Creates the Gmail family.
     *
     * @param pushHttp the client that POSTs Pub/Sub pushes
     */
    public GmailRoutes(GoogleState state, FaultPlan faults, HttpClient pushHttp) {
        this.state = state;
        this.faults = faults;
        this.pusher = new PubSubPusher(state, pushHttp);
        this.api = new GmailApi(state, pusher);
        this.uploads = new GmailUploads(api);
    }

    @Override
    public void register(Router router) {
        String u = "/gmail/v1/users/{user}";
        String m = u + "/messages";
        router.get(u + "/profile", gmail(r -> ok(api.profile(box(r, GmailScope.READ, Cost.GET_PROFILE)))))
                .get(m, gmail(this::list))
                .get(m + "/{id}", gmail(this::get))
                .get(m + "/{messageId}/attachments/{id}", gmail(this::attachment))
                .post(m, gmail(r -> insert(r, false)))
                .post(m + "/import", gmail(r -> insert(r, true)))
                .post(m + "/{id}/modify", gmail(this::modify))
                .post(m + "/batchModify", gmail(this::batchModify))
                .post(m + "/{id}/trash", gmail(r -> ok(api.trash(box(r, GmailScope.MODIFY, Cost.TRASH), id(r)))))
                .post(m + "/{id}/untrash", gmail(r -> ok(api.untrash(box(r, GmailScope.MODIFY, Cost.TRASH), id(r)))))
                .delete(m + "/{id}", gmail(this::delete))
                .post(m + "/batchDelete", gmail(this::batchDelete))
                .get(u + "/labels", gmail(r -> ok(api.labels(box(r, GmailScope.READ, Cost.LABELS)))))
                .get(
                        u + "/labels/{id}",
                        gmail(r -> ok(GmailApi.label(
                                box(r, GmailScope.READ, Cost.LABELS).label(id(r))))))
                .post(u + "/labels", gmail(this::createLabel))
                .delete(u + "/labels/{id}", gmail(this::deleteLabel))
                .get(u + "/history", gmail(this::history))
                .post(u + "/watch", gmail(this::watch))
                .post(u + "/stop", gmail(this::stop));
        for (String path : new String[] {"/upload/gmail/v1/users/{user}/messages", "/upload" + m + "/import"}) {
            boolean importing = path.endsWith("/import");
            router.post(path, gmail(r -> uploads.start(r, importing)))
                    .put(path, gmail(r -> uploads.resume(r, importing)));
        }
        router.post("/token", this::token)
                .post("/oauth2/v4/token", this::token)
                .get("/oauth2/v1/certs", r -> ok(state.signer().pemCertificates()))
                .get("/oauth2/v3/certs", r -> ok(state.signer().jwks()));
        GoogleBatch batch = new GoogleBatch(router);
        router.post("/batch", batch::handle).post("/batch/gmail/v1", batch::handle);
    }

    /** The push sender, for statistics. */
    public PubSubPusher pusher() {
        return pusher;
    }

    private Handler gmail(Handler handler) {
        return request -> {
            try {
                applyFaults(request);
                return handler.handle(request);
            } catch (GmailException e) {
                Response response = GoogleHttp.error(e);
                if (e.status() == 429) {
                    response.header("Retry-After", Long.toString(state.quota().secondsToNextWindow()));
                }
                return response;
            }
        };
    }

    private void applyFaults(Request request) {
        for (FaultPlan.CallFault fault : faults.faultsFor("gmail", request.path())) {
            LOG.info("event=fault_applied api=gmail kind={}", fault.kind());
            switch (fault.kind()) {
                case LATENCY -> LockSupport.parkNanos(fault.millis() * 1_000_000L);
                case THROTTLE -> {
                    Response r = GoogleHttp.error(new GmailException(429, "rateLimitExceeded", "Rate Limit Exceeded"));
                    throw new HttpError(r.header("Retry-After", Long.toString(Math.max(0, fault.seconds()))), "fault");
                }
                case SERVER_ERROR -> {
                    int status = fault.status() > 0 ? fault.status() : 503;
                    throw GoogleHttp.fail(new GmailException(status, "backendError", "Backend Error"));
                }
                case REFUSE -> {
                    int status = fault.status() > 0 ? fault.status() : 403;
                    throw GoogleHttp.fail(new GmailException(status, "forbidden", "Forbidden"));
                }
                default -> throw new IllegalStateException("unknown fault " + fault.kind());
            }
        }
    }

    private GmailMailbox box(Request r, GmailScope scope, Cost cost) {
        return api.mailbox(r.header("Authorization"), r.param("user"), scope, cost);
    }

    private static String id(Request r) {
        return r.param("id");
    }

    private static Response ok(Object body) {
        return GoogleHttp.json(200, body);
    }

    private static Query query(Request r) {
        return Query.of(r.queryParams());
    }

    private Response list(Request r) {
        GmailScope scope = r.query("q") == null ? GmailScope.READ : GmailScope.READ_CONTENT;
        return ok(api.list(box(r, scope, Cost.LIST), query(r)));
    }

    private Response get(Request r) {
        String format = r.query("format") == null ? "full" : r.query("format");
        boolean content = format.equals("full") || format.equals("raw");
        if (!List.of("full", "raw", "metadata", "minimal").contains(format)) {
            throw GmailException.invalid("Invalid value at 'format': " + format);
        }
        GmailMailbox mailbox = box(r, content ? GmailScope.READ_CONTENT : GmailScope.READ, Cost.GET);
        return ok(api.get(mailbox, id(r), format, query(r).all("metadataHeaders")));
    }

    private Response attachment(Request r) {
        GmailMailbox mailbox = box(r, GmailScope.READ_CONTENT, Cost.GET);
        return ok(GmailPayloads.attachment(mailbox.get(r.param("messageId")), id(r)));
    }

    private Response insert(Request r, boolean importing) {
        JsonNode json = GoogleHttp.body(r);
        GmailMailbox mailbox = box(r, GmailScope.INSERT, Cost.INSERT);
        byte[] raw = GoogleHttp.base64Url(io.palisade.simulator.server.Json.text(json, "raw"));
        String threadId = io.palisade.simulator.server.Json.text(json, "threadId");
        return ok(api.insert(mailbox, raw, GoogleHttp.strings(json, "labelIds"), threadId, importing, query(r)));
    }

    private Response modify(Request r) {
        JsonNode json = GoogleHttp.body(r);
        GmailMailbox mailbox = box(r, GmailScope.MODIFY, Cost.MODIFY);
        return ok(api.modify(
                mailbox, id(r), GoogleHttp.strings(json, "addLabelIds"), GoogleHttp.strings(json, "removeLabelIds")));
    }

    private Response batchModify(Request r) {
        JsonNode json = GoogleHttp.body(r);
        GmailMailbox mailbox = box(r, GmailScope.MODIFY, Cost.BATCH_MODIFY);
        api.batchModify(
                mailbox,
                GoogleHttp.strings(json, "ids"),
                GoogleHttp.strings(json, "addLabelIds"),
                GoogleHttp.strings(json, "removeLabelIds"));
        return Response.empty(204);
    }

    private Response delete(Request r) {
        api.delete(box(r, GmailScope.DELETE, Cost.DELETE), id(r));
        return Response.empty(204);
    }

    private Response batchDelete(Request r) {
        JsonNode json = GoogleHttp.body(r);
        api.batchDelete(box(r, GmailScope.DELETE, Cost.BATCH_MODIFY), GoogleHttp.strings(json, "ids"));
        return Response.empty(204);
    }

    private Response createLabel(Request r) {
        JsonNode json = GoogleHttp.body(r);
        GmailMailbox mailbox = box(r, GmailScope.MODIFY, Cost.MODIFY);
        return ok(GmailApi.label(mailbox.createLabel(io.palisade.simulator.server.Json.text(json, "name"))));
    }

    private Response deleteLabel(Request r) {
        box(r, GmailScope.MODIFY, Cost.MODIFY).deleteLabel(id(r));
        return Response.empty(204);
    }

    private Response history(Request r) {
        return ok(api.history(box(r, GmailScope.READ, Cost.HISTORY), query(r)));
    }

    private Response watch(Request r) {
        JsonNode json = GoogleHttp.body(r);
        GmailMailbox mailbox = box(r, GmailScope.WATCH, Cost.WATCH);
        String behavior = io.palisade.simulator.server.Json.text(json, "labelFilterBehavior");
        if (behavior == null) {
            behavior = io.palisade.simulator.server.Json.text(json, "labelFilterAction");
        }
        String topic = io.palisade.simulator.server.Json.text(json, "topicName");
        return ok(api.watch(mailbox, topic, GoogleHttp.strings(json, "labelIds"), behavior));
    }

    private Response stop(Request r) {
        api.stop(box(r, GmailScope.WATCH, Cost.GET_PROFILE));
        return Response.empty(204);
    }

    private Response token(Request r) {
        Map<String, String> form = new java.util.HashMap<>();
        Request.parseQuery(r.bodyText()).forEach((k, v) -> form.put(k, v.isEmpty() ? null : v.getFirst()));
        try {
            Map.Entry<String, Long> token = state.tokens().exchange(form, r.baseUrl() + r.path());
            return ok(Map.of("access_token", token.getKey(), "expires_in", token.getValue(), "token_type", "Bearer"));
        } catch (GoogleTokens.OAuthError e) {
            return GoogleHttp.json(e.status(), Map.of("error", e.error(), "error_description", e.getMessage()));
        }
    }

    /** Forgets the push rate state (the once-a-second clock per user). */
    public void reset() {
        pusher.reset();
    }

    @Override
    public void close() {
        pusher.close();
    }
}
