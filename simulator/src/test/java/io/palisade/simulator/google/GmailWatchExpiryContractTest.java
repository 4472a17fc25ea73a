package io.palisade.simulator.google;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.gmail.Gmail;
import com.google.api.services.gmail.model.WatchRequest;
import com.google.auth.http.HttpCredentialsAdapter;
import com.google.auth.oauth2.ServiceAccountCredentials;
import io.palisade.simulator.Fixtures;
import io.palisade.simulator.junit.SimulatorExtension;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A watch not renewed within 7 days stops pushing (own class: it moves the simulated clock a week ahead). */
class GmailWatchExpiryContractTest {

    @RegisterExtension
    static SimulatorExtension sim = new SimulatorExtension();

    @Test
    void aWatchOlderThanSevenDaysPushesNothing() throws Exception {
        sim.control().createGoogleDomain("expiry.example", 1);
        String key = sim.control().googleKeyFile("expiry.example");
        var credentials = ServiceAccountCredentials.fromStream(
                        new ByteArrayInputStream(key.getBytes(StandardCharsets.UTF_8)))
                .createScoped(List.of("https://www.googleapis.com/auth/gmail.readonly"))
                .createDelegated("user1@expiry.example");
        Gmail gmail = new Gmail.Builder(
                        new NetHttpTransport(),
                        GsonFactory.getDefaultInstance(),
                        new HttpCredentialsAdapter(credentials))
                .setRootUrl(sim.gmailRootUrl())
                .setApplicationName("palisade-contract-test")
                .build();
        try (PushReceiver receiver = new PushReceiver()) {
            String topic = "projects/palisade-sim/topics/expiry";
            sim.control().createPushSubscription(topic, receiver.url(), "push@palisade-sim.iam.gserviceaccount.com");
            gmail.users().watch("me", new WatchRequest().setTopicName(topic)).execute();
            receiver.await(1, Duration.ofSeconds(10));

            long published = sim.simulator().gmail().pusher().published();

            sim.control().advanceClock(Duration.ofDays(7).plusSeconds(1));
            sim.control().deliverGmail("user1@expiry.example", Fixtures.message("<late@expiry.example>", "Late"));

            assertThat(sim.simulator().gmail().pusher().published())
                    .as("an expired watch pushes nothing")
                    .isEqualTo(published);
            assertThat(receiver.pushes()).hasSize(1);
        }
    }
}
