package io.palisade.core.events;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Listens on {@link VerdictNotifications#CHANNEL} on a connection of its own and republishes other instances'
 * verdict changes (a {@code VerdictChanged} or a {@code ChatVerdictChanged}) in process with {@code remote} set; this
 * instance's own notifications are ignored. After a lost connection it reconnects with a growing pause; changes
 * notified meanwhile are missed by the live views only.
 */
@Component
public class VerdictListener implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(VerdictListener.class);
    private static final int POLL_MILLIS = 500;

    private final DataSource dataSource;
    private final ApplicationEventPublisher events;
    private final InstanceIdentity instance;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean listening;
    private Thread thread;

    public VerdictListener(DataSource dataSource, ApplicationEventPublisher events, InstanceIdentity instance) {
        this.dataSource = dataSource;
        this.events = events;
        this.instance = instance;
    }

    @Override
    public void start() {
        if (running.compareAndSet(false, true)) {
            thread = Thread.ofVirtual().name("palisade-verdict-listener").start(this::loop);
        }
    }

    @Override
    public void stop() {
        if (running.compareAndSet(true, false) && thread != null) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running.get();
    }

    /** True once LISTEN is in effect on the current connection. */
    public boolean isListening() {
        return listening;
    }

    private void loop() {
        Duration pause = Duration.ofMillis(500);
        while (running.get()) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + VerdictNotifications.CHANNEL);
                }
                listening = true;
                LOG.info("event=verdict_listener_started instance={}", instance.id());
                pause = Duration.ofMillis(500);
                receive(connection.unwrap(PGConnection.class));
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (!running.get()) {
                    return;
                }
                LOG.error("event=verdict_listener_failed retry_in_ms={} error={}", pause.toMillis(), e.toString());
                sleep(pause);
                pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0
                        ? Duration.ofSeconds(30)
                        : pause.multipliedBy(2);
            }
        }
        listening = false;
    }

    private void receive(PGConnection connection) throws SQLException {
        while (running.get()) {
            PGNotification[] notifications = connection.getNotifications(POLL_MILLIS);
            if (notifications == null) {
                continue;
            }
            for (PGNotification notification : notifications) {
                dispatch(notification.getParameter());
            }
        }
    }

    private void dispatch(String payload) {
        var decoded = VerdictNotifications.decode(payload);
        if (decoded.isEmpty()) {
            LOG.warn("event=verdict_notification_unreadable length={}", payload.length());
            return;
        }
        if (decoded.get().instanceId().equals(instance.id())) {
            return;
        }
        try {
            events.publishEvent(decoded.get().change());
        } catch (RuntimeException e) {
            LOG.error("event=remote_verdict_listener_failed error={}", e.toString());
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
