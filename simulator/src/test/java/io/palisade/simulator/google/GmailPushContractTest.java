package io.palisade.simulator.google;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.client.googleapis.auth.oauth2.GoogleIdToken;
import com.google.api.client.googleapis.auth.oauth2.GoogleIdTokenVerifier;
import com.google.api.client.googleapis.auth.oauth2.GooglePublicKeysManager;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.gmail.Gmail;
import com.google.api.services.gmail.model.WatchRequest;
import com.google.api.services.gmail.model.WatchResponse;
import com.google.auth.http.HttpCredentialsAdapter;
import com.google.auth.oauth2.ServiceAccountCredentials;
import io.palisade.simulator.Fixtures;
import io.palisade.simulator.control.SimGoogleDomain;
import io.palisade.simulator.junit.SimulatorExtension;
import io.palisade.simulator.state.SimClock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Gmail watch and Pub/Sub push, and the per-user quota, through the real Google API Client and token verifier. */
class GmailPushContractTest {

    static final String MODIFY = "https://www.googleapis.com/auth/gmail.modify";
    static final String READONLY = "https://www.googleapis.com/auth/gmail.readonly";

    @RegisterExtension
    static SimulatorExtension sim = new SimulatorExtension();

    static SimGoogleDomain domain;
    static String keyFile;

    @BeforeAll
    static void domain() {
        domain = sim.control().createGoogleDomain("push.example", 8);
        keyFile = sim.control().googleKeyFile("push.example");
    }

    static Gmail gmail(String user, String... scopes) throws IOException {
        var credentials = ServiceAccountCredentials.fromStream(
                        new ByteArrayInputStream(keyFile.getBytes(StandardCharsets.UTF_8)))
                .createScoped(List.of(scopes))
                .createDelegated(user);
        return new Gmail.Builder(
                        new NetHttpTransport(),
                        GsonFactory.getDefaultInstance(),
                        new HttpCredentialsAdapter(credentials))
                .setRootUrl(sim.gmailRootUrl())
                .setApplicationName("palisade-contract-test")
                .build();
    }

    static String user(int n) {
        return "user" + n + "@push.example";
    }

    static byte[] mime(String id, String subject) {
        return Fixtures.message("<" + id + "@push.example>", subject);
    }

    static byte[] base64Url(String text) {
        return Base64.getUrlDecoder().decode(text);
    }

    @Test
    void userQuotaIsFifteenThousandUnitsAMinuteThen429() throws Exception {
        // Start at the beginning of a simulated minute, so the whole test runs inside one quota window.
        long millis = sim.simulator().state().clock().millis();
        sim.simulator().state().clock().advance(Duration.ofMillis(60_000 - millis % 60_000 + 1));
        sim.control()
                .createPushSubscription(
                        "projects/palisade-sim/topics/quota",
                        "http://127.0.0.1:9/none",
                        domain.serviceAccount().email());
        Gmail client = gmail(user(7), MODIFY);
        List<Integer> statuses = new ArrayList<>();
        GoogleJsonResponseException refused = null;
        for (int i = 0; i < 151 && refused == null; i++) {
            try {
                client.users()
                        .watch("me", new WatchRequest().setTopicName("projects/palisade-sim/topics/quota"))
                        .execute();
                statuses.add(200);
            } catch (GoogleJsonResponseException e) {
                refused = e;
            }
        }

        // watch costs 100 units: 150 calls spend the 15,000.
        assertThat(statuses).hasSize(150);
        assertThat(refused).isNotNull();
        assertThat(refused.getStatusCode()).isEqualTo(429);
        assertThat(refused.getDetails().getErrors().getFirst().getReason()).isEqualTo("userRateLimitExceeded");
        assertThat(refused.getHeaders().getRetryAfter()).isNotBlank();
    }

    @Test
    void watchPushesAnOidcSignedEnvelopeAtMostOnceASecondUntilStopped() throws Exception {
        try (PushReceiver receiver = new PushReceiver()) {
            String topic = "projects/palisade-sim/topics/gmail-push";
            String pusher = "gmail-push-invoker@palisade-sim.iam.gserviceaccount.com";
            sim.control().createPushSubscription(topic, receiver.url(), pusher);
            Gmail client = gmail(user(8), READONLY);

            PubSubPusher pubSub = sim.simulator().gmail().pusher();
            SimClock clock = sim.simulator().state().clock();
            long droppedBefore = pubSub.dropped();
            WatchResponse watch;
            PushReceiver.Push first;
            long publishedAfterBurst;
            long publishedAfterStop;
            clock.freeze();
            try {
                watch = client.users()
                        .watch("me", new WatchRequest().setTopicName(topic).setLabelIds(List.of("INBOX")))
                        .execute();
                first = receiver.await(1, Duration.ofSeconds(10)).getFirst();
                for (int i = 0; i < 5; i++) {
                    sim.control().deliverGmail(user(8), mime("burst-" + i, "Burst " + i));
                }
                clock.advance(Duration.ofMillis(1001));
                sim.control().deliverGmail(user(8), mime("next-second", "Next second"));
                publishedAfterBurst = pubSub.published();
                client.users().stop("me").execute();
                clock.advance(Duration.ofSeconds(2));
                sim.control().deliverGmail(user(8), mime("after-stop", "After stop"));
                publishedAfterStop = pubSub.published();
            } finally {
                clock.resume();
            }
            List<PushReceiver.Push> pushes = receiver.await(2, Duration.ofSeconds(10));

            long sevenDays = Duration.ofDays(7).toMillis();
            assertThat(watch.getExpiration() - sim.simulator().state().clock().millis())
                    .isBetween(sevenDays - 60_000, sevenDays);
            GoogleIdToken token =
                    verifier(receiver.url()).verify(first.authorization().substring("Bearer ".length()));
            assertThat(token).as("signature, issuer, audience and expiry check").isNotNull();
            assertThat(token.getPayload().getEmail()).isEqualTo(pusher);
            assertThat(token.getPayload().getEmailVerified()).isTrue();
            var json = tools.jackson.databind.json.JsonMapper.builder().build();
            var envelope = json.readTree(first.body());
            var documented = json.readTree(Fixtures.bytes("google/push-envelope.json"));
            var documentedData =
                    json.readTree(base64Url(documented.at("/message/data").asString()));
            var data = json.readTree(base64Url(envelope.at("/message/data").asString()));
            assertThat(envelope.propertyNames()).containsAll(documented.propertyNames());
            assertThat(envelope.get("message").propertyNames())
                    .containsAll(documented.get("message").propertyNames());
            assertThat(data.propertyNames()).containsExactlyInAnyOrderElementsOf(documentedData.propertyNames());
            assertThat(data.get("historyId").isString())
                    .as("a string, as documented")
                    .isTrue();
            assertThat(envelope.at("/subscription").asString()).startsWith("projects/palisade-sim/subscriptions/");
            assertThat(envelope.at("/message/messageId").asString()).isNotBlank();
            assertThat(envelope.at("/message/publishTime").asString()).isNotBlank();
            assertThat(data.get("emailAddress").asString()).isEqualTo(user(8));
            assertThat(Long.parseLong(data.get("historyId").asString())).isPositive();
            // Five deliveries in the watch's own second are dropped; the one a second later is pushed.
            assertThat(pubSub.dropped() - droppedBefore).isEqualTo(5);
            assertThat(pushes).hasSize(2);
            assertThat(publishedAfterStop).as("nothing pushed after stop").isEqualTo(publishedAfterBurst);
        }
    }

    @Test
    void aPushWithAnotherAudienceFailsVerification() throws Exception {
        try (PushReceiver receiver = new PushReceiver()) {
            String topic = "projects/palisade-sim/topics/audience";
            sim.control()
                    .createPushSubscription(
                            topic, receiver.url(), domain.serviceAccount().email());
            gmail(user(1), READONLY)
                    .users()
                    .watch("me", new WatchRequest().setTopicName(topic))
                    .execute();
            PushReceiver.Push push = receiver.await(1, Duration.ofSeconds(10)).getFirst();

            assertThat(verifier("https://elsewhere.example/push")
                            .verify(push.authorization().substring(7)))
                    .isNull();
        }
    }

    static GoogleIdTokenVerifier verifier(String audience) {
        NetHttpTransport transport = new NetHttpTransport();
        GooglePublicKeysManager keys = new GooglePublicKeysManager.Builder(transport, GsonFactory.getDefaultInstance())
                .setPublicCertsEncodedUrl(sim.httpBaseUrl() + "/oauth2/v1/certs")
                .build();
        return new GoogleIdTokenVerifier.Builder(keys)
                .setAudience(List.of(audience))
                .build();
    }
}
