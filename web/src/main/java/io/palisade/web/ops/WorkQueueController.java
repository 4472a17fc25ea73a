package io.palisade.web.ops;

import io.palisade.core.audit.AuditLog;
import io.palisade.core.queue.WorkItem;
import io.palisade.core.queue.WorkQueue;
import io.palisade.core.queue.WorkState;
import io.palisade.core.tenant.TenantService;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The work queue for operators: how many items are in each state, which of a tenant's items are dead-lettered
 * and why, and putting one back. Dead letters are listed without their payloads, which can carry message
 * identifiers that are the tenant's business.
 */
@RestController
@RequestMapping("/api/v1/ops/tenants/{tenantId}/work")
public class WorkQueueController {

    private final WorkQueue queue;
    private final TenantService tenants;
    private final AuditLog audit;

    public WorkQueueController(WorkQueue queue, TenantService tenants, AuditLog audit) {
        this.queue = queue;
        this.tenants = tenants;
        this.audit = audit;
    }

    /** How many of the tenant's items are in each state. */
    @GetMapping
    public ResponseEntity<Map<WorkState, Long>> counts(@PathVariable UUID tenantId) {
        if (tenants.find(tenantId).isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        return ResponseEntity.ok(queue.countsByState(tenantId));
    }

    /** The tenant's dead-lettered items, most recently failed first. */
    @GetMapping("/dead")
    public ResponseEntity<DeadLetters> deadLetters(
            @PathVariable UUID tenantId,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        if (tenants.find(tenantId).isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        Page<WorkItem> items = queue.deadLetters(tenantId, PageRequest.of(Math.max(0, page), Math.clamp(size, 1, 500)));
        return ResponseEntity.ok(
                new DeadLetters(items.getContent().stream().map(DeadLetter::of).toList(), items.getTotalElements()));
    }

    /** Puts a dead item back in the queue with fresh attempts; 404 when the tenant has no such dead item. */
    @PostMapping("/dead/{id}/retry")
    @Transactional
    public ResponseEntity<Void> retry(@PathVariable UUID tenantId, @PathVariable UUID id, Principal operator) {
        if (!queue.retry(tenantId, id)) {
            return ResponseEntity.notFound().build();
        }
        audit.record(tenantId, operator.getName(), "work.retry", "work_item:" + id, "dead letter put back");
        return ResponseEntity.status(HttpStatus.ACCEPTED).build();
    }

    /** A page of dead letters and how many there are in all. */
    public record DeadLetters(List<DeadLetter> items, long total) {}

    /** A dead-lettered item as operators see it. */
    public record DeadLetter(UUID id, String kind, int attempts, String lastError, Instant failedAt) {
        static DeadLetter of(WorkItem item) {
            return new DeadLetter(item.id(), item.kind(), item.attempts(), item.lastError(), item.updatedAt());
        }
    }
}
