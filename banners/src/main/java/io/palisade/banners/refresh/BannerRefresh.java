package io.palisade.banners.refresh;

import io.palisade.banners.live.BannerStates;
import io.palisade.core.action.ActionKind;
import io.palisade.core.action.ActionStatus;
import io.palisade.core.action.MailAction;
import io.palisade.core.action.MailActionRepository;
import io.palisade.core.mail.MailItem;
import io.palisade.core.mail.MailItemRepository;
import io.palisade.core.pipeline.ActionOutbox;
import io.palisade.core.pipeline.ActionPolicy;
import io.palisade.core.verdict.VerdictChanged;
import io.palisade.core.verdict.VerdictService;
import io.palisade.core.verdict.VerdictVersion;
import io.palisade.core.work.WorkSignal;
import io.palisade.detection.api.RiskLevel;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * When a message's verdict changes level, asks for a BANNER action on every copy of the message in the tenant
 * (same internet message id), through core's outbox: the action workers re-render each banner from the current
 * state and write it back through the connector, which records the copy's new provider id.
 *
 * <p>Which copies: those whose policy at the new level asks for a banner, and those where a banner write ever
 * finished (so a lowered verdict updates the banner, or removes it at CLEAN, and a later rise brings it back). A
 * copy with a BANNER action still waiting is left out, since that action reads the current state when it runs.
 * Local events only: the instance that made the change does the writing.
 */
@Component
public class BannerRefresh {

    /** Who the refresh actions are recorded as requested by. */
    public static final String REQUESTED_BY = "system:banner-refresh";

    private static final Logger LOG = LoggerFactory.getLogger(BannerRefresh.class);

    private final MailItemRepository mailItems;
    private final MailActionRepository actions;
    private final VerdictService verdicts;
    private final BannerStates states;
    private final ActionPolicy policy;
    private final ActionOutbox outbox;
    private final TransactionTemplate transactions;
    private final WorkSignal workers;

    public BannerRefresh(
            MailItemRepository mailItems,
            MailActionRepository actions,
            VerdictService verdicts,
            BannerStates states,
            ActionPolicy policy,
            ActionOutbox outbox,
            TransactionTemplate transactions,
            WorkSignal workers) {
        this.mailItems = mailItems;
        this.actions = actions;
        this.verdicts = verdicts;
        this.states = states;
        this.policy = policy;
        this.outbox = outbox;
        // After commit the finished transaction is still bound to the thread; joining it would write nothing.
        this.transactions = new TransactionTemplate(transactions.getTransactionManager());
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.workers = workers;
    }

    /** After the verdict's transaction commits, on the instance that recorded it. */
    @TransactionalEventListener
    public void onVerdictChanged(VerdictChanged change) {
        if (change.remote() || !change.levelChanged() || change.previousLevel() == null) {
            // The first verdict's banner comes from the policy's own actions.
            return;
        }
        Integer asked = transactions.execute(status -> refresh(change));
        if (asked != null && asked > 0) {
            workers.wake();
        }
    }

    private int refresh(VerdictChanged change) {
        UUID tenantId = change.tenantId();
        MailItem changed =
                mailItems.findByTenantIdAndId(tenantId, change.mailItemId()).orElse(null);
        VerdictVersion verdict = verdicts.current(tenantId, change.mailItemId()).orElse(null);
        if (changed == null || verdict == null) {
            return 0;
        }
        List<MailItem> copies = states.copies(changed);
        boolean wanted = policy.actionsFor(change.level()).contains(ActionKind.BANNER);
        int asked = 0;
        for (MailItem copy : copies) {
            List<MailAction> history = actions.findByTenantIdAndMailItemIdOrderByCreatedAt(tenantId, copy.getId());
            if (needsBanner(history, wanted, change.level())) {
                outbox.add(tenantId, copy.getId(), verdict.getId(), List.of(ActionKind.BANNER), REQUESTED_BY);
                asked++;
            }
        }
        LOG.info(
                "event=banner_refresh tenant={} mail_item={} level={} previous={} copies={} actions={}",
                tenantId,
                change.mailItemId(),
                change.level(),
                change.previousLevel(),
                copies.size(),
                asked);
        return asked;
    }

    private static boolean needsBanner(List<MailAction> history, boolean wanted, RiskLevel level) {
        boolean waiting = history.stream()
                .anyMatch(a -> a.getKind() == ActionKind.BANNER && a.getStatus() == ActionStatus.PENDING);
        if (waiting) {
            return false;
        }
        boolean carries = carriesBanner(history);
        return level == RiskLevel.CLEAN ? carries : wanted || carries;
    }

    /** Whether a banner write ever finished on the copy: from then on it follows every level change. */
    private static boolean carriesBanner(List<MailAction> history) {
        return history.stream().anyMatch(a -> a.getKind() == ActionKind.BANNER && a.getStatus() == ActionStatus.DONE);
    }
}
