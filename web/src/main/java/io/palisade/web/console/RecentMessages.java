package io.palisade.web.console;

import io.palisade.core.mail.MailItem;
import io.palisade.core.mail.MailItemRepository;
import io.palisade.core.tenant.Tenant;
import io.palisade.core.tenant.TenantService;
import io.palisade.core.verdict.VerdictService;
import io.palisade.core.verdict.VerdictVersion;
import io.palisade.detection.api.RiskLevel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The newest messages of every tenant with their current verdicts, for the installation's administrators. */
@Service
public class RecentMessages {

    private final TenantService tenants;
    private final MailItemRepository mailItems;
    private final VerdictService verdicts;

    public RecentMessages(TenantService tenants, MailItemRepository mailItems, VerdictService verdicts) {
        this.tenants = tenants;
        this.mailItems = mailItems;
        this.verdicts = verdicts;
    }

    /**
     * One row of the list.
     *
     * @param level null while the message has no verdict yet
     */
    public record Row(
            UUID tenantId,
            String tenantName,
            UUID mailItemId,
            Instant receivedAt,
            String sender,
            String subject,
            String folder,
            RiskLevel level,
            Integer score,
            String reasons) {}

    /** Up to {@code limit} newest messages per tenant, newest first overall. */
    @Transactional(readOnly = true)
    public List<Row> newest(int limit) {
        List<Row> rows = new ArrayList<>();
        for (Tenant tenant : tenants.active()) {
            List<MailItem> items =
                    mailItems.findByTenantIdOrderByReceivedAtDesc(tenant.getId(), PageRequest.of(0, limit));
            Map<UUID, VerdictVersion> current =
                    verdicts
                            .currentOf(
                                    tenant.getId(),
                                    items.stream().map(MailItem::getId).toList())
                            .stream()
                            .collect(Collectors.toMap(VerdictVersion::getMailItemId, Function.identity()));
            items.forEach(item -> rows.add(row(tenant, item, current.get(item.getId()))));
        }
        rows.sort(Comparator.comparing(Row::receivedAt).reversed());
        return rows.size() > limit ? rows.subList(0, limit) : rows;
    }

    private Row row(Tenant tenant, MailItem item, VerdictVersion verdict) {
        String reasons = verdict == null
                ? ""
                : verdicts.signals(verdict).stream()
                        .map(s -> s.reason())
                        .distinct()
                        .limit(3)
                        .collect(Collectors.joining(" · "));
        return new Row(
                tenant.getId(),
                tenant.getName(),
                item.getId(),
                item.getReceivedAt(),
                item.getSender(),
                item.getSubject(),
                item.getFolder(),
                verdict == null ? null : verdict.getLevel(),
                verdict == null ? null : verdict.getScore(),
                reasons);
    }
}
