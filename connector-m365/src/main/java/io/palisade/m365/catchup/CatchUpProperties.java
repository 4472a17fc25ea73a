package io.palisade.m365.catchup;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How Microsoft 365 mailboxes are caught up with delta queries when notifications were missed.
 *
 * @param folders the folders tracked, by well-known name or id (default inbox and junkemail)
 * @param initialWindow how far back the first sync of a folder looks (default 1 day)
 * @param maxResync the longest a resync after an expired delta link looks back (default 7 days)
 * @param sweepInterval how often every mailbox is caught up even without a lifecycle event (default 15 minutes)
 */
@ConfigurationProperties("palisade.m365.catch-up")
public record CatchUpProperties(
        List<String> folders, Duration initialWindow, Duration maxResync, Duration sweepInterval) {

    public CatchUpProperties {
        folders = folders == null || folders.isEmpty() ? List.of("inbox", "junkemail") : List.copyOf(folders);
        initialWindow = initialWindow == null ? Duration.ofDays(1) : initialWindow;
        maxResync = maxResync == null ? Duration.ofDays(7) : maxResync;
        sweepInterval = sweepInterval == null ? Duration.ofMinutes(15) : sweepInterval;
    }
}
