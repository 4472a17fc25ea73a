package io.palisade.simulator.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class GmailQuotaTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-05-01T09:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aUserIsRefusedPast15000UnitsInAMinuteAndServedAgainTheNextMinute() {
        ManualClock clock = new ManualClock();
        GmailQuota quota = new GmailQuota(clock);
        for (int i = 0; i < GmailQuota.UNITS_PER_MINUTE / 5; i++) {
            quota.charge("zoe@fabrikam.example", GmailQuota.Cost.GET);
        }

        assertThatThrownBy(() -> quota.charge("zoe@fabrikam.example", GmailQuota.Cost.GET_PROFILE))
                .isInstanceOfSatisfying(GmailException.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.reason()).isEqualTo("userRateLimitExceeded");
                });
        quota.charge("max@fabrikam.example", GmailQuota.Cost.WATCH);

        clock.now = clock.now.plus(Duration.ofMinutes(1));
        quota.charge("zoe@fabrikam.example", GmailQuota.Cost.GET);
    }
}
