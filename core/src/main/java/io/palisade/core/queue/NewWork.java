package io.palisade.core.queue;

import java.util.Objects;

/**
 * One item for {@link WorkQueue#enqueueAll}.
 *
 * @param idempotencyKey the caller's key, never null
 * @param payloadJson JSON, never null
 */
public record NewWork(String idempotencyKey, String payloadJson) {
    public NewWork {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(payloadJson, "payloadJson");
    }
}
