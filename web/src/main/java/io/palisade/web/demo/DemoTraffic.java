package io.palisade.web.demo;

import io.palisade.core.connector.ConnectorException;
import io.palisade.core.connector.Provider;
import io.palisade.core.mailbox.Mailbox;
import io.palisade.core.mailbox.MailboxRepository;
import io.palisade.core.mailbox.MailboxStatus;
import io.palisade.core.tenant.ProviderConnectionService;
import io.palisade.core.tenant.Tenant;
import io.palisade.core.tenant.TenantService;
import io.palisade.m365.onboarding.ConsentFlow;
import io.palisade.m365.subscription.SubscriptionManager;
import io.palisade.simulator.Simulator;
import io.palisade.simulator.traffic.ChatPost;
import io.palisade.simulator.traffic.Delivery;
import io.palisade.simulator.traffic.MailMessage;
import io.palisade.simulator.traffic.TrafficGenerator;
import io.palisade.simulator.traffic.TrafficPump;
import io.palisade.simulator.traffic.TrafficSettings;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Once the service answers webhooks, connects the simulated tenant exactly as an admin's consent would (or, after
 * a restart, subscribes its mailboxes and chats again, as the simulator starts empty), then starts the traffic
 * generator: its mail is delivered to the recipients' mailboxes, its Teams posts (each sharing a file) to their chats.
 */
@Component
@Conditional(DemoModeCondition.class)
class DemoTraffic implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoTraffic.class);
    private static final int MAX_PER_STEP = 20;

    private final Simulator simulator;
    private final DemoTenant demo;
    private final DemoProperties properties;
    private final ConsentFlow consent;
    private final SubscriptionManager subscriptions;
    private final TenantService tenants;
    private final ProviderConnectionService connections;
    private final MailboxRepository mailboxes;
    private TrafficPump pump;

    DemoTraffic(
            Simulator simulator,
            DemoTenant demo,
            DemoProperties properties,
            ConsentFlow consent,
            SubscriptionManager subscriptions,
            TenantService tenants,
            ProviderConnectionService connections,
            MailboxRepository mailboxes) {
        this.simulator = simulator;
        this.demo = demo;
        this.properties = properties;
        this.consent = consent;
        this.subscriptions = subscriptions;
        this.tenants = tenants;
        this.connections = connections;
        this.mailboxes = mailboxes;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() throws ConnectorException {
        String externalId = demo.tenant().tenantId();
        Optional<Tenant> known = tenantOf(externalId);
        if (known.isPresent()) {
            for (Mailbox mailbox :
                    mailboxes.findByTenantIdAndStatusOrderByAddress(known.get().getId(), MailboxStatus.ACTIVE)) {
                subscriptions.subscribeMailbox(mailbox);
            }
            subscriptions.subscribeTenantChats(known.get().getId());
            LOG.info("event=demo_tenant_resubscribed tenant={}", known.get().getId());
        } else {
            // As the consent callback does: the roles granted are read from the simulated tenant's token, so the
            // tenant's chats are subscribed as well as its mailboxes.
            consent.complete(externalId, "Contoso (simulated)");
        }
        TrafficGenerator generator = new TrafficGenerator(
                demo.directory(),
                TrafficSettings.withSeed(properties.seed())
                        .withRate(properties.messagesPerMinute())
                        .startingAt(Clock.systemUTC().instant()));
        pump = new TrafficPump(generator, this::deliver, MAX_PER_STEP);
        pump.start(Clock.systemUTC());
        LOG.info("event=demo_traffic_started per_minute={}", properties.messagesPerMinute());
    }

    @Override
    public void close() {
        if (pump != null) {
            pump.close();
        }
    }

    private void deliver(Delivery delivery) {
        String tenantId = demo.tenant().tenantId();
        switch (delivery.payload()) {
            case MailMessage mail ->
                delivery.plan()
                        .recipients()
                        .forEach(recipient -> simulator.control().deliver(tenantId, recipient.address(), mail.mime()));
            case ChatPost post ->
                simulator
                        .control()
                        .postChatMessage(tenantId, post, delivery.plan().recipients());
        }
    }

    private Optional<Tenant> tenantOf(String externalId) {
        return tenants.active().stream()
                .filter(t -> connections.list(t.getId()).stream()
                        .anyMatch(c -> c.getProvider() == Provider.M365
                                && c.getExternalTenantId().equals(externalId)))
                .findFirst();
    }
}
