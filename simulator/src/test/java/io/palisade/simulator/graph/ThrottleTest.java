package io.palisade.simulator.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.simulator.identity.AccessToken;
import io.palisade.simulator.server.Request;
import io.palisade.simulator.server.Response;
import io.palisade.simulator.server.Router;
import io.palisade.simulator.state.FaultPlan;
import io.palisade.simulator.state.SimClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The 10,000-requests-per-10-minutes window per app and mailbox, without 10,000 HTTP round trips. */
class ThrottleTest {

    final SimClock clock = new SimClock(Clock.systemUTC());
    final Throttle throttle = new Throttle(clock, new Faults(new FaultPlan()));
    final Router router = new Router();

    ThrottleTest() {
        router.get("/v1.0/users/{user}/messages", r -> throttle.run(r, r.attribute("token"), x -> Response.empty(200)));
    }

    int call(String user, String app) throws Exception {
        Request request = new Request("GET", "/v1.0/users/" + user + "/messages", null, Map.of(), new byte[0], "");
        request.attribute("token", new AccessToken("tenant", app, Set.of(), Instant.MAX));
        Response response = router.dispatch(request).orElseThrow();
        return response.status();
    }

    @Test
    void theTenThousandAndFirstRequestInTenMinutesGets429UntilTheWindowEnds() throws Exception {
        for (int i = 0; i < Throttle.REQUESTS_PER_WINDOW; i++) {
            assertThat(call("alice", "app-1")).isEqualTo(200);
        }
        Request over = new Request("GET", "/v1.0/users/alice/messages", null, Map.of(), new byte[0], "");
        over.attribute("token", new AccessToken("tenant", "app-1", Set.of(), Instant.MAX));
        Response refused = router.dispatch(over).orElseThrow();

        assertThat(refused.status()).isEqualTo(429);
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 600L);
        assertThat(refused.bodyText()).contains("MailboxRequestRate");
        assertThat(call("bob", "app-1")).as("another mailbox").isEqualTo(200);
        assertThat(call("alice", "app-2")).as("another app").isEqualTo(200);
        clock.advance(Duration.ofMinutes(10));
        assertThat(call("alice", "app-1")).as("a new window").isEqualTo(200);
    }
}
