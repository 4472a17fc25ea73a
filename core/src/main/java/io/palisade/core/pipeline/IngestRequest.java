package io.palisade.core.pipeline;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A message a connector fetched and hands to the pipeline.
 *
 * @param tenantId never null
 * @param mailboxId the Palisade mailbox, never null
 * @param providerMessageId the platform's id of this copy, never null
 * @param folder the platform's folder or label id; may be null
 * @param receivedAt when the platform received it, never null
 * @param mime the raw message, never null
 */
public record IngestRequest(
        UUID tenantId, UUID mailboxId, String providerMessageId, String folder, Instant receivedAt, byte[] mime) {
    public IngestRequest {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(mailboxId, "mailboxId");
        Objects.requireNonNull(providerMessageId, "providerMessageId");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(mime, "mime");
    }
}
