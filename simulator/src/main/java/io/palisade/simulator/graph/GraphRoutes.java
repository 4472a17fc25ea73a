package io.palisade.simulator.graph;

import io.palisade.simulator.identity.TokenService;
import io.palisade.simulator.server.Handler;
import io.palisade.simulator.server.Router;
import io.palisade.simulator.server.Routes;
import io.palisade.simulator.state.FaultPlan;
import io.palisade.simulator.state.SimState;
import io.palisade.simulator.state.Subscription;
import io.palisade.simulator.state.Tenant;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * Microsoft Graph: registers every endpoint under {@code /v1.0} and {@code /beta}, owns the
 * notification machinery, and offers the control API what it needs (lifecycle events, retry).
 */
public final class GraphRoutes implements Routes, AutoCloseable {

    private final SimState state;
    private final GraphGate gate;
    private final UsersApi users;
    private final GroupsApi groups;
    private final MailFoldersApi folders;
    private final MessagesApi messages;
    private final SubscriptionsApi subscriptions;
    private final DeltaApi delta;
    private final MessageWriteApi writes;
    private final TeamsApi teams;
    private final GraphBatch batch;
    private final NotificationDispatcher dispatcher;
    private final ChangeNotifier notifier;

    /**
     * Creates the Graph family.
     *
     * @param webhookTls the TLS context used to call notification endpoints
     */
    public GraphRoutes(SimState state, TokenService tokens, FaultPlan faults, SSLContext webhookTls) {
        this.state = state;
        GraphSupport support = new GraphSupport(state);
        WebhookClient webhooks = new WebhookClient(webhookTls);
        this.gate = new GraphGate(tokens, new Throttle(state.clock(), new Faults(faults)), state.requests());
        this.users = new UsersApi(support);
        this.groups = new GroupsApi(support);
        this.folders = new MailFoldersApi(support);
        this.messages = new MessagesApi(support);
        this.subscriptions = new SubscriptionsApi(support, webhooks, state.clock());
        this.delta = new DeltaApi(support);
        this.writes = new MessageWriteApi(support, state.clock(), faults);
        this.teams = new TeamsApi(support, state.clock());
        this.batch = new GraphBatch();
        this.dispatcher = new NotificationDispatcher(webhooks, tokens, faults, state.clock());
        this.notifier = new ChangeNotifier(dispatcher, state.clock());
        state.addListener(notifier);
    }

    @Override
    public void register(Router router) {
        for (String version : new String[] {"/v1.0", "/beta"}) {
            registerVersion(router, version);
        }
        router.get("/_sim/downloads/{token}", teams::download);
    }

    private void registerVersion(Router router, String v) {
        String user = v + "/users/{user}";
        String folder = user + "/mailFolders/{folder}";
        router.get(v + "/users", graph(users::list))
                .get(user, graph(users::get))
                .get(v + "/groups", graph(groups::list))
                .get(v + "/groups/{group}", graph(groups::get))
                .get(v + "/groups/{group}/transitiveMembers", graph(groups::transitiveMembers))
                .get(user + "/mailFolders", graph(folders::listTop))
                .post(user + "/mailFolders", graph(folders::createTop))
                .get(folder, graph(folders::get))
                .get(folder + "/childFolders", graph(folders::listChildren))
                .post(folder + "/childFolders", graph(folders::createChild))
                .get(folder + "/messages/delta", graph(delta::delta))
                .get(folder + "/messages/delta()", graph(delta::delta))
                .add("*", v + "/{rest*}", graph(GraphRoutes::unknownSegment));
        for (String base : new String[] {user, folder}) {
            router.get(base + "/messages", graph(messages::list))
                    .get(base + "/messages/{id}", graph(messages::get))
                    .get(base + "/messages/{id}/$value", graph(messages::value))
                    .post(base + "/messages/{id}/move", graph(messages::move))
                    .delete(base + "/messages/{id}", graph(messages::delete))
                    .post(base + "/messages/{id}/permanentDelete", graph(messages::permanentDelete))
                    .post(base + "/messages", graph(writes::create))
                    .patch(base + "/messages/{id}", graph(writes::patch));
        }
        if (v.equals("/beta")) {
            router.post(folder + "/importMime", graph(writes::importMime));
        }
        String chat = v + "/chats/{chat}";
        String message = chat + "/messages/{message}";
        router.get(user + "/chats", graph(teams::userChats))
                .get(user + "/chats/getAllMessages", graph(teams::allMessagesOfUser))
                .get(user + "/chats/getAllMessages()", graph(teams::allMessagesOfUser))
                .get(chat, graph(teams::chat))
                .get(chat + "/messages", graph(teams::messages))
                .get(message, graph(teams::message))
                .patch(message, graph(teams::patchMessage))
                .get(message + "/hostedContents", graph(teams::hostedContents))
                .get(message + "/hostedContents/{hosted}", graph(teams::hostedContent))
                .get(message + "/hostedContents/{hosted}/$value", graph(teams::hostedContentValue))
                .get(v + "/shares/{share}/driveItem", graph(teams::shareDriveItem))
                .get(v + "/shares/{share}/driveItem/content", graph(teams::shareContent))
                .post(v + "/$batch", graph(request -> batch.handle(router, request)));
        router.post(v + "/subscriptions", graph(subscriptions::create))
                .get(v + "/subscriptions", graph(subscriptions::list))
                .get(v + "/subscriptions/{subscription}", graph(subscriptions::get))
                .patch(v + "/subscriptions/{subscription}", graph(subscriptions::update))
                .delete(v + "/subscriptions/{subscription}", graph(subscriptions::delete))
                .post(v + "/subscriptions/{subscription}/reauthorize", graph(subscriptions::reauthorize));
    }

    /** Graph answers a path it does not know with 400 naming the segment. */
    private static io.palisade.simulator.server.Response unknownSegment(io.palisade.simulator.server.Request request) {
        java.util.List<String> segments = request.segments();
        throw GraphErrors.badRequest("Resource not found for the segment '" + segments.get(segments.size() - 1) + "'.");
    }

    private Handler graph(Handler handler) {
        return gate.wrap(handler);
    }

    /** The notification sender, for statistics and retry settings. */
    public NotificationDispatcher notifications() {
        return dispatcher;
    }

    /** Lets notification URLs use plain HTTP on any host (loopback hosts always may). */
    public void allowHttpEndpoints(boolean value) {
        subscriptions.allowHttpEndpoints(value);
    }

    /**
     * Sends a lifecycle event for a subscription, as Graph would on its own.
     *
     * @param event {@code reauthorizationRequired}, {@code subscriptionRemoved} or {@code missed}
     * @return false when the subscription does not exist or has no lifecycle URL
     */
    public boolean lifecycleEvent(String tenantId, String subscriptionId, String event) {
        Optional<Subscription> subscription =
                state.tenant(tenantId).map(Tenant::subscriptions).map(m -> m.get(subscriptionId));
        if (subscription.isEmpty()) {
            return false;
        }
        Subscription s = subscription.get();
        switch (event) {
            case "reauthorizationRequired" -> s.reauthorizationRequired(true);
            case "subscriptionRemoved" ->
                state.tenant(tenantId).get().subscriptions().remove(s.id());
            case "missed" -> {}
            default -> throw new IllegalArgumentException("unknown lifecycle event: " + event);
        }
        return notifier.lifecycle(s, event);
    }

    /**
     * Fills part of a mailbox's subscription quota with subscriptions of another application (Graph counts every
     * application's), so Palisade's next creation there can meet the quota's 403.
     *
     * @return the new subscriptions' ids
     */
    public List<String> addForeignSubscriptions(Tenant tenant, String user, int count) {
        return subscriptions.addForeign(tenant, user, count);
    }

    /** Removes the subscriptions {@link #addForeignSubscriptions} made on a mailbox; returns how many. */
    public int removeForeignSubscriptions(Tenant tenant, String user) {
        return subscriptions.removeForeign(tenant, user);
    }

    @Override
    public void close() {
        dispatcher.close();
    }
}
