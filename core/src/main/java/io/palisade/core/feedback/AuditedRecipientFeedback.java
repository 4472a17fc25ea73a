package io.palisade.core.feedback;

import io.palisade.core.audit.AuditLog;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records recipient feedback in the audit log.
 *
 * <p>Not yet: reports are only audited; counting them against a per-tenant threshold and trusting senders per
 * recipient come with the verdict lifecycle, so until then feedback changes no verdict.
 */
@Service
public class AuditedRecipientFeedback implements RecipientFeedback {

    private final AuditLog audit;

    public AuditedRecipientFeedback(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    @Transactional
    public void reportMessage(UUID tenantId, UUID mailItemId, String recipient) {
        audit.record(tenantId, recipient, "message.reported", "mail_item:" + mailItemId, "reported by recipient");
    }

    @Override
    @Transactional
    public void trustSender(UUID tenantId, UUID mailItemId, String recipient) {
        audit.record(tenantId, recipient, "sender.trusted", "mail_item:" + mailItemId, "sender trusted by recipient");
    }
}
