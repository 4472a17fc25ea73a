package io.palisade.core.mail;

import io.palisade.core.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/** One indicator a mail item carries; indexed by (tenant, kind, value) so a new threat finds every carrier. */
@Entity
@Immutable
@Table(name = "mail_indicators")
public class MailIndicator extends TenantOwned {

    @Column(name = "mail_item_id", nullable = false)
    private UUID mailItemId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private IndicatorKind kind;

    @Column(nullable = false)
    private String value;

    protected MailIndicator() {}

    public MailIndicator(UUID tenantId, UUID mailItemId, IndicatorKind kind, String value) {
        super(tenantId);
        this.mailItemId = Objects.requireNonNull(mailItemId, "mailItemId");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.value = Objects.requireNonNull(value, "value");
    }

    public UUID getMailItemId() {
        return mailItemId;
    }

    public IndicatorKind getKind() {
        return kind;
    }

    public String getValue() {
        return value;
    }
}
