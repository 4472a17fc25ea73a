package io.palisade.simulator.state;

import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Everything the simulator holds for Microsoft 365: applications and tenants. */
public final class SimState {

    private static final Logger LOG = LoggerFactory.getLogger(SimState.class);

    private final Ids ids;
    private final SimClock clock;
    private final Map<String, Application> applications = new ConcurrentHashMap<>();
    private final Map<String, Tenant> tenants = new ConcurrentHashMap<>();
    private final Map<String, String> tenantByDomain = new ConcurrentHashMap<>();
    private final List<ChangeListener> listeners = new CopyOnWriteArrayList<>();
    private final RequestLog requests = new RequestLog();

    public SimState(Ids ids, SimClock clock) {
        this.ids = ids;
        this.clock = clock;
    }

    public Ids ids() {
        return ids;
    }

    public SimClock clock() {
        return clock;
    }

    /** The count of Graph calls per tenant. */
    public RequestLog requests() {
        return requests;
    }

    public void addListener(ChangeListener listener) {
        listeners.add(listener);
    }

    /**
     * Registers an application, or returns the existing one with this client id.
     *
     * @param clientId the client id, or null for a new random one
     * @param clientSecret the secret, or null for a new random one
     */
    public Application registerApplication(
            String clientId, String clientSecret, String displayName, Set<String> roles, List<X509Certificate> certs) {
        if (clientId != null && applications.containsKey(clientId)) {
            return applications.get(clientId);
        }
        Application app = new Application(
                clientId != null ? clientId : ids.guid(),
                clientSecret != null ? clientSecret : ids.secret(40),
                displayName,
                roles,
                certs);
        applications.put(app.clientId(), app);
        return app;
    }

    public Optional<Application> application(String clientId) {
        return Optional.ofNullable(clientId == null ? null : applications.get(clientId));
    }

    /** Creates a tenant; refuses a domain that is taken. */
    public Tenant createTenant(String domain, String displayName) {
        String key = domain.toLowerCase(Locale.ROOT);
        synchronized (tenantByDomain) {
            if (tenantByDomain.containsKey(key)) {
                throw new IllegalStateException("domain taken: " + key);
            }
            Tenant tenant = new Tenant(ids.guid(), key, displayName, this);
            tenants.put(tenant.id(), tenant);
            tenantByDomain.put(key, tenant.id());
            LOG.info("event=tenant_created tenant={}", tenant.id());
            return tenant;
        }
    }

    /** A tenant by its id or domain. */
    public Optional<Tenant> tenant(String idOrDomain) {
        if (idOrDomain == null) {
            return Optional.empty();
        }
        String byDomain = tenantByDomain.get(idOrDomain.toLowerCase(Locale.ROOT));
        return Optional.ofNullable(tenants.get(byDomain != null ? byDomain : idOrDomain.toLowerCase(Locale.ROOT)));
    }

    /** Every tenant, oldest domain name first. */
    public List<Tenant> tenants() {
        return tenants.values().stream()
                .sorted(Comparator.comparing(Tenant::domain))
                .toList();
    }

    public Collection<Application> applications() {
        return applications.values();
    }

    /** Forgets every tenant and application. */
    public void reset() {
        synchronized (tenantByDomain) {
            tenants.clear();
            tenantByDomain.clear();
            applications.clear();
        }
        requests.clear();
    }

    /** Tells the listeners of a posted ({@code created}) or changed ({@code updated}) chat message. */
    public void publishChat(Tenant tenant, Chat chat, ChatMessage message, String changeType) {
        for (ChangeListener listener : listeners) {
            try {
                listener.chatMessageChanged(tenant, chat, message, changeType);
            } catch (RuntimeException e) {
                LOG.error("event=change_listener_failed tenant={} error={}", tenant.id(), e.toString(), e);
            }
        }
    }

    void publish(Tenant tenant, Mailbox mailbox, List<MailboxChange> changes) {
        for (ChangeListener listener : listeners) {
            try {
                listener.messagesChanged(tenant, mailbox, changes);
            } catch (RuntimeException e) {
                LOG.error("event=change_listener_failed tenant={} error={}", tenant.id(), e.toString(), e);
            }
        }
    }
}
