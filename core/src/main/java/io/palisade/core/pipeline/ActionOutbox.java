package io.palisade.core.pipeline;

import io.palisade.core.action.ActionKind;
import io.palisade.core.action.MailAction;
import io.palisade.core.action.MailActionRepository;
import io.palisade.core.queue.NewWork;
import io.palisade.core.queue.WorkQueue;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes actions and the work that runs them in the caller's transaction, so an action exists exactly when the
 * verdict that caused it does.
 */
@Component
public class ActionOutbox {

    /** Work-item kind that runs one action. */
    public static final String KIND = "core.action";

    private final MailActionRepository actions;
    private final WorkQueue queue;
    private final Clock clock;
    private final JdbcTemplate jdbc;
    private Instant lastStamp = Instant.EPOCH;

    public ActionOutbox(MailActionRepository actions, WorkQueue queue, Clock clock, JdbcTemplate jdbc) {
        this.actions = actions;
        this.queue = queue;
        this.clock = clock;
        this.jdbc = jdbc;
    }

    /**
     * One action for {@link #addAll}.
     *
     * @param verdictId the verdict version that asked for it; null for an analyst's direct action
     */
    public record Planned(UUID mailItemId, UUID verdictId, ActionKind kind) {
        public Planned {
            Objects.requireNonNull(mailItemId, "mailItemId");
            Objects.requireNonNull(kind, "kind");
        }
    }

    /**
     * Adds many actions of the tenant and their work in one batch (a campaign's thousands of copies), without
     * loading them as entities. Each action gets a creation time later than the one before it, so actions on one
     * copy keep the order of {@code planned}, which is the order the executor runs them in.
     *
     * @return the actions' ids, in the order of {@code planned}
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<UUID> addAll(UUID tenantId, List<Planned> planned, String requestedBy) {
        if (planned.isEmpty()) {
            return List.of();
        }
        Instant first = stamps(planned.size());
        List<UUID> ids = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        List<NewWork> work = new ArrayList<>();
        for (int i = 0; i < planned.size(); i++) {
            Planned action = planned.get(i);
            UUID id = UUID.randomUUID();
            Timestamp created = Timestamp.from(first.plus(i, ChronoUnit.MICROS));
            ids.add(id);
            rows.add(new Object[] {
                id,
                tenantId,
                action.mailItemId(),
                action.verdictId(),
                action.kind().name(),
                requestedBy,
                created,
                created
            });
            work.add(new NewWork(id.toString(), payload(id)));
        }
        jdbc.batchUpdate(
                "INSERT INTO actions (id, tenant_id, mail_item_id, verdict_id, kind, status, attempts, requested_by,"
                        + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, ?)",
                rows);
        queue.enqueueAll(tenantId, KIND, work);
        return ids;
    }

    /** The first of {@code count} creation times a microsecond apart, after every time handed out before. */
    private synchronized Instant stamps(int count) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant first = now.isAfter(lastStamp) ? now : lastStamp.plus(1, ChronoUnit.MICROS);
        lastStamp = first.plus(count - 1L, ChronoUnit.MICROS);
        return first;
    }

    private static String payload(UUID actionId) {
        return "{\"actionId\":\"" + actionId + "\"}";
    }

    /** Adds the actions for one mail item; returns them. */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<MailAction> add(
            UUID tenantId, UUID mailItemId, UUID verdictId, List<ActionKind> kinds, String requestedBy) {
        return kinds.stream()
                .map(kind -> add(tenantId, mailItemId, verdictId, kind, requestedBy))
                .toList();
    }

    private MailAction add(UUID tenantId, UUID mailItemId, UUID verdictId, ActionKind kind, String requestedBy) {
        MailAction action =
                actions.save(new MailAction(tenantId, mailItemId, verdictId, kind, requestedBy, clock.instant()));
        queue.enqueue(tenantId, KIND, action.getId().toString(), payload(action.getId()));
        return action;
    }
}
