package io.palisade.simulator.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrafficPumpTest {

    private static final Instant START = Instant.parse("2026-05-01T09:00:00Z");
    private final TrafficGenerator generator = new TrafficGenerator(
            Samples.M365, TrafficSettings.withSeed(3).withRate(60).startingAt(START));

    @Test
    void handsOverEachDueDeliveryOnceInOrder() {
        List<Long> received = new ArrayList<>();
        TrafficPump pump = new TrafficPump(generator, d -> received.add(d.index()), 1000);

        assertThat(pump.deliverDue(START.minusSeconds(1))).isZero();
        assertThat(pump.deliverDue(START.plusSeconds(2))).isEqualTo(3);
        assertThat(pump.deliverDue(START.plusSeconds(2))).isZero();
        assertThat(pump.deliverDue(START.plusSeconds(4))).isEqualTo(2);
        assertThat(received).containsExactly(0L, 1L, 2L, 3L, 4L);
    }

    @Test
    void aLateStartCatchesUpInBoundedSteps() {
        TrafficPump pump = new TrafficPump(generator, d -> {}, 10);

        assertThat(pump.deliverDue(START.plusSeconds(3600))).isEqualTo(10);
        assertThat(pump.deliverDue(START.plusSeconds(3600))).isEqualTo(10);
        assertThat(pump.next()).isEqualTo(20);
    }

    @Test
    void aRefusedDeliveryIsOfferedAgainThenSkipped() {
        List<Long> accepted = new ArrayList<>();
        int[] calls = {0};
        TrafficPump pump = new TrafficPump(
                generator,
                d -> {
                    calls[0]++;
                    if (d.index() == 1) {
                        throw new IllegalStateException("sink is down");
                    }
                    accepted.add(d.index());
                },
                100);

        assertThat(pump.deliverDue(START.plusSeconds(2))).isEqualTo(1);
        assertThat(pump.deliverDue(START.plusSeconds(2))).isZero();
        assertThat(pump.deliverDue(START.plusSeconds(2))).isEqualTo(2);
        assertThat(accepted).containsExactly(0L, 2L);
        assertThat(calls[0]).isEqualTo(1 + TrafficPump.MAX_ATTEMPTS + 1);
    }
}
