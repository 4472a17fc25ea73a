package io.palisade.core.work;

import io.palisade.core.queue.WorkItem;

/**
 * Handles the work items of one kind. Handlers must be idempotent: an item can be delivered again after a worker
 * crash or a lost lease. Throw {@link RetryableWorkException} for passing failures (throttling, outages) and {@link
 * PermanentWorkException} for failures no retry can fix; any other exception counts as retryable.
 */
public interface WorkHandler {

    /** The work-item kind this handler takes, e.g. {@code m365.notification}. */
    String kind();

    /** Does the work of one item. Returning normally completes it. */
    void handle(WorkItem item) throws Exception;
}
